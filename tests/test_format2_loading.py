"""Format 2 in the loader: the example pack validates; each new key's mistakes are reported at
FILE:LINE with what to do; format-2 keys in a format-1 pack are refused; format 1 is unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import EXAMPLE, TESTS, run_cli

from quiz.pack.loader import load_pack

FORMAT2 = TESTS / "packs" / "format2"
CASE = "cases/mouth-ulcers-and-erosions.yaml"


@pytest.fixture
def pack2(tmp_path) -> Path:
    target = tmp_path / "format2"
    shutil.copytree(FORMAT2, target)
    return target


def _edit(pack: Path, file: str, old: str, new: str) -> None:
    path = pack / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(pack: Path, severity: str = "error") -> list[tuple[str, int | None, str]]:
    result = load_pack(pack)
    return [
        (d.file.relative_to(pack).as_posix(), d.line, f"{d.message} — {d.hint}")
        for d in result.diagnostics
        if d.severity == severity
    ]


def test_the_format2_example_validates_without_a_warning():
    result = load_pack(FORMAT2)
    assert result.ok and result.diagnostics == [], [d.format() for d in result.diagnostics]
    case = result.pack.case("mouth-ulcers-and-erosions")
    assert [q.kind for q in case.questions] == ["rank", "choose", "point", "concordance"]
    assert (
        result.pack.findings["dif_pattern"].value_label("linear-igg-c3")
        == "linear IgG and C3 along the basement membrane"
    )


BROKEN = [
    # (old text, new text, line, words expected in "message — hint")
    (
        "    after: Biopsy\n    kind: choose",
        "    after: Biopsie\n    kind: choose",
        48,
        "`after` names the stage `Biopsie`, which this case does not have — did you mean",
    ),
    (
        "    kind: choose",
        "    kind: chose",
        49,
        "not a kind of question — write one of: choose, point",
    ),
    (
        "  - id: next-step\n    after: Biopsy\n    kind: choose\n",
        "  - id: next-step\n    after: Biopsy\n",
        47,
        "needs the key `kind`",
    ),
    ("    pick: 2\n", "    picks: 2\n", 51, "unknown key `picks` — Did you mean `pick`?"),
    ("    pick: 2\n", "    pick: 1\n", 51, "2 keys but the learner may pick only 1"),
    ("    pick: 2\n", "    pick: 0\n", 51, "out of range"),
    (
        "    keys: [dif, serology]",
        "    keys: [dif, serologie]",
        57,
        "`serologie` in `keys` is not one of the choices",
    ),
    (
        "    harmful: [centre]",
        "    harmful: [serology]",
        58,
        "`serology` is both a key and harmful",
    ),
    (
        "    harmful: [centre]",
        "    harmful: [middle]",
        58,
        "`middle` in `harmful` is not one of the choices",
    ),
    (
        "    choices:\n      dif: Direct immunofluorescence of skin next to a blister\n      congo-red: Congo red stain\n      serology: Serum antibodies to desmogleins 1 and 3\n      centre: A new biopsy from the centre of an old erosion\n    keys: [dif, serology]\n    harmful: [centre]\n",
        "    choices: {dif: DIF}\n    keys: [dif]\n",
        52,
        "at least 2 items",
    ),
    (
        "    image: pv/he.png",
        "    image: pv/he2.png",
        64,
        "`pv/he2.png` is not an image of this case",
    ),
    (
        "    keys: [suprabasal split]",
        "    keys: [suprabasal spilt]",
        65,
        "`suprabasal spilt` is not a region of the image `pv/he.png` — did you mean",
    ),
    (
        "  - id: where\n    after: Biopsy",
        "  - id: where\n    after: Examination",
        64,
        "shown only after the question is asked",
    ),
    ("    marks: 1", "    marks: 0", 66, "out of range"),
    (
        "    items: [pemphigus-vulgaris, bullous-pemphigoid, dermatitis-herpetiformis]",
        "    items: [pemphigus-vulgaris]",
        45,
        "at least 2 items",
    ),
    (
        "    items: [pemphigus-vulgaris, bullous-pemphigoid, dermatitis-herpetiformis]",
        "    items: [pemphigus-vulgaris, bullous-pemphigoid, pemphigus-vulgaris]",
        45,
        "listed twice",
    ),
    (
        "    panel: {-2: 9, -1: 3, 0: 1, 1: 0, 2: 0}",
        "    panel: {-2: 0, -1: 0}",
        72,
        "at least one expert",
    ),
    ("    panel: {-2: 9, -1: 3, 0: 1, 1: 0, 2: 0}", "    panel: {-3: 9, -1: 3}", 72, "not -3"),
    ("    panel: {-2: 9, -1: 3, 0: 1, 1: 0, 2: 0}", "    panel: {-2: nine}", 72, "whole number"),
    (
        "    new_information: Immunofluorescence",
        "    new_info: Immunofluorescence",
        71,
        "unknown key `new_info`",
    ),
    ("    weight: 2", "    weight: 0", 73, "out of range"),
    ("  - id: where\n", "  - id: next-step\n", 60, "`next-step` is used twice in this case"),
    ("    reveals: [mucosa]", "    reveals: [mouth]", 8, "`reveals` names `mouth`"),
]


# ASCII ids: mutmut passes node ids back to pytest, and an escaped "—" is then not found.
@pytest.mark.parametrize(
    "old, new, line, gist", BROKEN, ids=[b[3][:40].replace("—", "-") for b in BROKEN]
)
def test_each_new_key_is_checked_where_it_is_written(pack2, old, new, line, gist):
    _edit(pack2, CASE, old, new)
    errors = _errors(pack2)
    assert any(f == CASE and ln == line and gist in text for f, ln, text in errors), errors


def test_an_id_like_rank_item_that_names_no_entity_is_a_warning_with_a_suggestion(pack2):
    _edit(pack2, CASE, "items: [pemphigus-vulgaris,", "items: [pemphigus-vulgari,")
    assert not _errors(pack2)
    warnings = _errors(pack2, "warning")
    assert any(
        ln == 45 and "looks like an entity id" in t and "pemphigus-vulgaris" in t
        for _, ln, t in warnings
    ), warnings


def test_labelled_values_in_a_format1_pack_are_refused_with_what_to_do(example_pack):
    _edit(
        example_pack,
        "pack.yaml",
        "    values: [normal, elevated]",
        "    values: {normal: normal, elevated: raised}",
    )
    errors = _errors(example_pack)
    assert any(
        f == "pack.yaml" and "needs format 2" in t and "format: 2" in t for f, _, t in errors
    ), errors


def test_questions_in_a_format1_pack_are_refused_with_what_to_do(example_pack):
    case = example_pack / "cases/white-plaque-cheek.yaml"
    case.write_text(case.read_text() + "questions:\n  - {id: q, kind: rank, items: [a, b]}\n")
    errors = _errors(example_pack)
    assert any("`questions` needs format 2" in t and "format: 2" in t for _, _, t in errors), errors


def test_a_format1_pack_loads_unchanged_and_format3_is_unknown(tmp_path):
    result = load_pack(EXAMPLE)
    assert result.ok and result.pack.manifest.format == 1
    assert all(c.questions == [] for c in result.pack.cases)
    copy = tmp_path / "ex"
    shutil.copytree(EXAMPLE, copy)
    _edit(copy, "pack.yaml", "format: 1", "format: 3")
    assert any("format 3 is not known" in t for _, _, t in _errors(copy))


def test_validate_prints_a_located_error_without_a_traceback(pack2):
    _edit(pack2, CASE, "    kind: choose", "    kind: chose")
    result = run_cli("validate", str(pack2))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert f"{CASE}:49:" in result.stdout


def test_new_format2_skeleton_has_one_question_of_each_kind_and_validates(tmp_path):
    result = run_cli("new", str(tmp_path / "p2"), "--format", "2")
    assert result.returncode == 0, result.stderr
    loaded = load_pack(tmp_path / "p2")
    assert loaded.ok and loaded.diagnostics == [], [d.format() for d in loaded.diagnostics]
    assert loaded.pack.manifest.format == 2
    assert sorted(q.kind for c in loaded.pack.cases for q in c.questions) == [
        "choose",
        "concordance",
        "point",
        "rank",
    ]


def test_lint_advises_on_gameable_menus_small_panels_and_giveaway_prompts(pack2):
    _edit(pack2, CASE, "    pick: 2\n", "    pick: 4\n")
    _edit(pack2, CASE, "    harmful: [centre]\n", "")
    _edit(pack2, CASE, "    panel: {-2: 9, -1: 3, 0: 1, 1: 0, 2: 0}", "    panel: {-2: 3, -1: 1}")
    _edit(
        pack2,
        CASE,
        "    prompt: Rank the differential, most likely first.",
        "    prompt: Is it pemphigus vulgaris? Rank the differential.",
    )
    result = load_pack(pack2)
    assert result.ok
    said = [(d.line, d.severity, d.message) for d in result.diagnostics]
    assert any(
        ln == 51 and sev == "warning" and "mark all 4 choices" in m for ln, sev, m in said
    ), said
    assert any(sev == "info" and "the panel has 4 experts" in m for _, sev, m in said), said
    assert any(sev == "warning" and "names the answer" in m for _, sev, m in said), said


def test_a_format2_pack_comes_back_from_the_cache_with_its_questions(pack2, monkeypatch, tmp_path):
    import os
    import time

    from quiz.pack.cache import load_pack_cached

    monkeypatch.setenv("DERMQUIZ_CACHE_DIR", str(tmp_path / "cache"))
    old = time.time() - 60  # older than the cache's "racy" window, so it is written
    for root, dirs, files in os.walk(pack2):
        for name in files + dirs:
            os.utime(os.path.join(root, name), (old, old))
    first = load_pack_cached(pack2)
    again = load_pack_cached(pack2)
    assert any((tmp_path / "cache").rglob("*")), "the first load was not cached"
    case = again.pack.case("mouth-ulcers-and-erosions")
    assert case.questions == first.pack.case("mouth-ulcers-and-erosions").questions
    assert case.questions[3].panel == {-2: 9, -1: 3, 0: 1, 1: 0, 2: 0}
