"""Lint for authors: choices a case cannot rule out, easy distractors, oversized images,
near-duplicate cases — and nothing at all on a good pack."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from support import REPO

from quiz.authoring.skeleton import new_pack
from quiz.pack import lint
from quiz.pack.loader import load_pack


def _lint(pack: Path, severity: str | None = None) -> list:
    result = load_pack(pack)
    assert not result.errors, [d.format() for d in result.errors]
    return [d for d in result.diagnostics if severity is None or d.severity == severity]


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_example_and_built_in_packs_get_no_lint(example_pack: Path):
    assert [d for d in _lint(example_pack) if "no case has" not in d.message] == []
    built_in = load_pack(REPO)
    assert built_in.errors == []  # (a broken built-in pack would hide its lint)
    from quiz.pack.loader import Sources

    assert lint.lint_pack(built_in.pack, Sources()) == []


def test_a_sibling_no_finding_rules_out_is_a_warning_naming_the_finding(example_pack: Path):
    case = example_pack / "cases" / "white-plaque-cheek.yaml"
    _edit(case, "  calcium_phosphate: normal\n", "")
    found = [d for d in _lint(example_pack, "warning") if "rules out" in d.message]
    assert len(found) == 1 and "`metastatic`" in found[0].message
    assert "calcium_phosphate" in found[0].hint and found[0].file == case


def test_an_option_ruled_out_by_three_findings_is_only_a_note(tmp_path: Path):
    root = tmp_path / "p"
    new_pack(root)
    with open(root / "entities.yaml", "a", encoding="utf-8") as handle:
        handle.write(
            "\n- id: tendon-xanthoma\n  parent: xanthoma\n  name: Tendon xanthoma\n"
            "  features: {site: [tendons], onset: [gradual], triglycerides: [normal]}\n"
        )
    case = root / "cases" / "crops-of-yellow-papules.yaml"
    _edit(case, "options: []", "options: [eruptive-xanthoma, tendon-xanthoma]")
    diagnostics = load_pack(root).diagnostics
    notes = [d for d in diagnostics if d.severity == "info"]
    assert any("easy distractor" in d.message and "tendon-xanthoma" in d.message for d in notes)
    assert not any("rules out" in d.message for d in diagnostics)
    # A note is advice: `validate --strict` still passes (the unused-entity warning aside).
    assert all(d.severity != "warning" or "no case has" in d.message for d in diagnostics)


def test_an_image_beyond_any_screen_is_a_warning(example_pack: Path, monkeypatch):
    monkeypatch.setattr(lint, "MAX_IMAGE_PIXELS", 1000)
    found = [d for d in _lint(example_pack, "warning") if "more than a screen" in d.message]
    assert len(found) == 2 and "downsize" in found[0].hint


def test_a_large_file_is_a_warning_too(example_pack: Path, monkeypatch):
    monkeypatch.setattr(lint, "MAX_IMAGE_BYTES", 100)
    assert [d for d in _lint(example_pack, "warning") if "MiB" in d.message]


def test_a_copied_case_is_a_warning_and_a_contrast_pair_a_note(example_pack: Path):
    source = example_pack / "cases" / "white-plaque-cheek.yaml"
    copy = example_pack / "cases" / "zz-copy.yaml"
    shutil.copy(source, copy)
    _edit(copy, "id: white-plaque-cheek", "id: zz-copy")
    _edit(copy, "about 25 years.", "about 20 years.")
    twins = [d for d in _lint(example_pack) if "reads almost like" in d.message]
    assert len(twins) == 1 and twins[0].severity == "warning" and twins[0].file == copy
    # The same story with another answer is a deliberate contrast pair: a note, not a warning.
    _edit(copy, "answer: idiopathic", "answer: subepidermal-calcified-nodule")
    _edit(copy, "  site: face\n", "  site: ear\n")
    twins = [d for d in _lint(example_pack) if "reads almost like" in d.message]
    assert len(twins) == 1 and twins[0].severity == "info"


def test_different_cases_are_not_twins(tmp_path: Path):
    root = tmp_path / "p"
    new_pack(root)
    copy = root / "cases" / "second.yaml"
    text = (root / "cases" / "crops-of-yellow-papules.yaml").read_text()
    text = text.replace("id: crops-of-yellow-papules", "id: second")
    text = re.sub(
        r"(?s)stages:.*?findings:",
        "stages:\n  - text: A woman of 70 has a plaque on"
        " her back that grew over a year; it never itched or bled.\nfindings:",
        text,
    )
    copy.write_text(text)
    assert not [d for d in load_pack(root).diagnostics if "reads almost like" in d.message]


def test_a_misspelt_finding_value_is_one_error_not_also_a_contradiction(example_pack: Path):
    case = example_pack / "cases" / "white-plaque-cheek.yaml"
    _edit(case, "calcium_phosphate: normal", "calcium_phosphate: normla")
    result = load_pack(example_pack)
    about = [d for d in result.diagnostics if "normla" in d.message]
    assert (
        len(about) == 1 and about[0].severity == "error" and "did you mean" in about[0].hint.lower()
    )
