"""The built-in calcinosis cutis pack (the repository root) loads cleanly and meets the
coverage rules of its issue: the public entity ids, enough cases for every entity and
mimic, every difficulty, staged cases with histology, and no diagnostics at all."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quiz.pack.loader import load_pack

REPO = Path(__file__).resolve().parent.parent

ENTITY_IDS = {
    "calcinosis-cutis",
    "dystrophic",
    "calcinosis-universalis",
    "calcinosis-circumscripta",
    "metastatic",
    "calciphylaxis",
    "iatrogenic",
    "idiopathic",
    "subepidermal-calcified-nodule",
    "idiopathic-scrotal-calcinosis",
    "tumoral-calcinosis",
    "milia-like-calcinosis",
    "osteoma-cutis",
    "cutaneous-oxalosis",
    "gouty-tophus",
}
MIMICS = {"osteoma-cutis", "cutaneous-oxalosis", "gouty-tophus"}
GROUPS = {"dystrophic", "metastatic", "idiopathic"}


@pytest.fixture(scope="module")
def result():
    return load_pack(REPO)


@pytest.fixture(scope="module")
def pack(result):
    assert result.pack is not None, [d.format(REPO) for d in result.diagnostics]
    return result.pack


def test_no_diagnostics_at_all(result):
    assert [d.format(REPO) for d in result.diagnostics] == []


def test_exact_entity_ids(pack):
    assert set(pack.entities) == ENTITY_IDS


def test_tree(pack):
    tax = pack.taxonomy
    assert tax.parent("calcinosis-cutis") is None
    for child in ("dystrophic", "metastatic", "iatrogenic", "idiopathic"):
        assert tax.parent(child) == "calcinosis-cutis"
    assert tax.parent("calcinosis-universalis") == "dystrophic"
    assert tax.parent("calcinosis-circumscripta") == "dystrophic"
    assert tax.parent("calciphylaxis") == "metastatic"
    for child in (
        "subepidermal-calcified-nodule",
        "idiopathic-scrotal-calcinosis",
        "tumoral-calcinosis",
        "milia-like-calcinosis",
    ):
        assert tax.parent(child) == "idiopathic"
    for mimic in MIMICS:
        assert tax.parent(mimic) is None


def test_vocabulary_contract(pack):
    assert pack.findings["calcium_phosphate"].values == ["normal", "elevated"]
    assert pack.findings["tissue_damage"].values == ["present", "absent"]
    assert pack.findings["site"].values[:8] == [
        "face",
        "ear",
        "scalp",
        "scrotum",
        "fingers",
        "extremities",
        "periarticular",
        "trunk",
    ]


def test_every_entity_is_described(pack):
    for eid, entity in pack.entities.items():
        assert entity.name and entity.summary, eid
        assert entity.references, eid
        for section in ("definition", "clinical", "histopathology", "laboratory"):
            assert entity.description.get(section, "").strip(), (eid, section)


def test_case_counts(pack):
    answers = Counter(case.answer for case in pack.cases)
    assert len(pack.cases) >= 30
    leaves = {eid for eid in pack.entities if not pack.taxonomy.children(eid)}
    for leaf in leaves:
        assert answers[leaf] >= 2, leaf
    assert sum(answers[m] for m in MIMICS) >= 3
    for group in GROUPS:
        assert answers[group] >= 1, group


def test_difficulties_all_used(pack):
    assert {case.difficulty for case in pack.cases} == {1, 2, 3, 4, 5}


def test_seed_case_is_present(pack):
    assert pack.case("white-plaque-cheek").answer == "idiopathic"


@pytest.mark.parametrize("case_id", sorted(p.stem for p in (REPO / "cases").glob("*.yaml")))
def test_case_shape(pack, case_id):
    case = pack.case(case_id)
    assert (REPO / "cases" / f"{case.id}.yaml").is_file()
    assert len(case.stages) >= 3
    images = [image for stage in case.stages for image in stage.images]
    assert any(image.kind == "histology" for image in images)
    for image in images:
        assert image.alt and image.caption and image.credit
        assert "schematic" in image.caption.lower() and "schematic" in image.credit.lower()
        if image.kind == "histology":
            assert image.stain and image.magnification
    assert case.findings and case.discussion.strip() and case.references
    assert case.feedback and case.answer not in case.feedback


def test_feedback_for_the_tempting_wrong_choices(pack):
    """Every case has its own words for at least two wrong choices (not the answer, not an
    accepted id: their feedback is never shown), and the number varies between cases so
    that it tells nothing."""
    counts = []
    for case in pack.cases:
        wrong = [e for e in case.feedback if e != case.answer and e not in case.accept]
        assert len(wrong) == len(case.feedback), (case.id, "feedback for a right answer")
        assert len(wrong) >= 2, case.id
        counts.append(len(wrong))
    assert len(set(counts)) >= 3


def test_format_2_questions(pack):
    """The pack is format 2 and asks more than the diagnosis: pointing at the deposit, the
    next stain or examination (the oxalosis cases ask for polarised light before the case
    shows it), ranked differentials and script concordance, in at least ten cases."""
    from quiz.pack.stages import question_stage

    assert pack.manifest.format == 2
    kinds = Counter(q.kind for case in pack.cases for q in case.questions)
    assert kinds["point"] >= 5 and kinds["choose"] >= 4, kinds
    assert kinds["rank"] >= 3 and kinds["concordance"] >= 3, kinds
    assert sum(bool(case.questions) for case in pack.cases) >= 10

    oxalosis = [case for case in pack.cases if case.answer == "cutaneous-oxalosis"]
    assert len(oxalosis) >= 2
    for case in oxalosis:
        asks = [q for q in case.questions if q.kind == "choose" and "polarised" in q.keys]
        assert asks, f"{case.id} does not ask for polarised light"
        for q in asks:
            assert "polari" in q.choices["polarised"].lower()
            # Nothing up to the stage the question follows tells the polarised result.
            shown = case.stages[: question_stage(case, q) + 1]
            for stage in shown:
                text = " ".join(str(stage.text).split()).lower()
                assert "crossed polars" not in text and "birefringen" not in text, stage.name
                assert not any("polarised" in image.file for image in stage.images)

    for case in pack.cases:
        for q in case.questions:
            if q.kind == "rank":
                assert all(item in pack.entities for item in q.items), (case.id, q.id)
            if q.kind == "concordance":
                assert q.hypothesis in pack.entities and sum(q.panel.values()) >= 10
                assert "concordance" in (case.discussion or "").lower(), case.id
            if q.kind == "choose":
                assert q.explain, (case.id, q.id)
