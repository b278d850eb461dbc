"""tests/packs/warnings: a valid pack with `accept`, `options`, a contradiction, an image
without alt text and an image no case shows. It loads and plays; each warning is at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import TESTS

from quiz.cli import main
from quiz.grading import grade
from quiz.pack.loader import load_pack
from quiz.vocabulary import Verdict

PACK = TESTS / "packs" / "warnings"
TRUNK = "cases/nodule-on-the-trunk.yaml"

# (file, line, col, message, hint): every warning the pack gets, and nothing else.
WARNINGS = [
    (
        TRUNK,
        10,
        9,
        "the image `back-nodule/clinical.png` has no alt text",
        "add `alt:` describing it for screen readers and terminals without graphics",
    ),
    (
        TRUNK,
        25,
        9,
        "the case says site is `trunk`, but its answer `subepidermal-calcified-nodule` "
        "expects face or ear",
        "check the finding, the answer, or the entity's features",
    ),
    (
        "entities.yaml",
        17,
        7,
        "no case has the entity `metastatic` as its answer",
        "write a case for it, or remove it",
    ),
    (
        "images/back-nodule/old-crop.png",
        None,
        None,
        "no case shows this image",
        "use it in a case, or delete it",
    ),
]


@pytest.fixture(scope="module")
def loaded():
    return load_pack(PACK)


def test_it_loads_with_no_error_and_exactly_its_warnings_each_at_its_line(loaded):
    assert loaded.ok and loaded.errors == []
    found = [
        (d.file.relative_to(PACK).as_posix(), d.line, d.col, d.message, d.hint, d.severity)
        for d in loaded.diagnostics
    ]
    assert found == [(*w, "warning") for w in WARNINGS]


def test_the_cases_keep_accept_and_options_as_written(loaded):
    pack = loaded.pack
    trunk = pack.case("nodule-on-the-trunk")
    assert trunk.accept == ["idiopathic"]
    assert trunk.options == [
        "metastatic",
        "idiopathic",
        "subepidermal-calcified-nodule",
        "calcinosis-circumscripta",
    ]
    # The learner is offered the options only, in the order of the tree.
    assert pack.choices(trunk) == [
        "calcinosis-circumscripta",
        "metastatic",
        "idiopathic",
        "subepidermal-calcified-nodule",
    ]
    # Without `options`, the whole taxonomy.
    assert pack.choices(pack.case("fingertip-deposits")) == [
        "calcinosis-cutis",
        "dystrophic",
        "calcinosis-circumscripta",
        "metastatic",
        "idiopathic",
        "subepidermal-calcified-nodule",
    ]


@pytest.mark.parametrize(
    "case_id, choice, verdict, credit",
    [
        ("nodule-on-the-trunk", "subepidermal-calcified-nodule", Verdict.CORRECT, 1.0),
        # In `accept`: counted fully right, though it is the answer's parent (else ½).
        ("nodule-on-the-trunk", "idiopathic", Verdict.CORRECT, 1.0),
        ("nodule-on-the-trunk", "calcinosis-cutis", Verdict.PARTIAL, 0.5),
        ("nodule-on-the-trunk", "metastatic", Verdict.WRONG, 0.0),
        ("nodule-on-the-trunk", "calcinosis-circumscripta", Verdict.WRONG, 0.0),
        ("fingertip-deposits", "calcinosis-circumscripta", Verdict.CORRECT, 1.0),
        ("fingertip-deposits", "dystrophic", Verdict.PARTIAL, 0.5),
        ("fingertip-deposits", "idiopathic", Verdict.WRONG, 0.0),
    ],
)
def test_credits(loaded, case_id, choice, verdict, credit):
    pack = loaded.pack
    result = grade(pack.case(case_id), choice, pack.taxonomy)
    assert (result.verdict, result.credit) == (verdict, credit)


def test_the_answer_tree_is_as_written(loaded):
    tax = loaded.pack.taxonomy
    assert tax.roots == ["calcinosis-cutis"]
    assert tax.children("calcinosis-cutis") == ["dystrophic", "metastatic", "idiopathic"]
    assert tax.children("dystrophic") == ["calcinosis-circumscripta"]
    assert tax.children("idiopathic") == ["subepidermal-calcified-nodule"]
    assert tax.parent("subepidermal-calcified-nodule") == "idiopathic"
    assert tax.ancestors("calcinosis-circumscripta") == ["dystrophic", "calcinosis-cutis"]
    # A child inherits its parent's features and adds its own.
    assert tax.features("subepidermal-calcified-nodule") == {
        "calcium_phosphate": ["normal"],
        "tissue_damage": ["absent"],
        "site": ["face", "ear"],
    }


def test_validate_passes_and_prints_each_warning_at_file_and_line(capsys, monkeypatch):
    monkeypatch.chdir(PACK)  # validate prints paths relative to where it runs
    assert main(["validate", str(PACK)]) == 0
    out = capsys.readouterr().out.splitlines()
    for file, line, col, message, hint in WARNINGS:
        where = file if line is None else f"{file}:{line}:{col}"
        assert f"{where}: warning: {message} — {hint}" in out
    assert out[-1] == "warning-fixture: OK — 0 error(s), 4 warning(s), 2 cases"
    # --strict counts warnings as failures.
    assert main(["validate", "--strict", str(PACK)]) == 1


def test_with_an_unreadable_case_nothing_is_called_unused(tmp_path: Path):
    """The broken file may be the one that used the entity or the image."""
    import shutil

    copy = tmp_path / "warnings"
    shutil.copytree(PACK, copy)
    (copy / "cases" / "fingertip-deposits.yaml").write_text("id: [\n", encoding="utf-8")
    result = load_pack(copy)
    assert result.errors
    assert not [d for d in result.warnings if "no case" in d.message]
    # The case that did load still gets its own warnings.
    assert any("has no alt text" in d.message for d in result.warnings)


def test_without_image_checks_nothing_is_said_of_images(monkeypatch):
    """Playing and stats load packs so, to start fast: no image is opened or looked for."""
    from quiz.pack import lint

    monkeypatch.setattr(lint, "MAX_IMAGE_PIXELS", 1)  # every image here would be "too large"
    assert any("more than a screen" in d.message for d in load_pack(PACK).warnings)
    result = load_pack(PACK, check_images=False)
    assert result.errors == []
    # The image without alt text is about the case's text, so it stays.
    assert [d.message for d in result.warnings] == [WARNINGS[i][3] for i in range(3)]
