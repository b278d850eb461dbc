"""Grading by the taxonomy and feedback from the entities, on the PRODUCT.md example."""

from __future__ import annotations

import pytest
from support import EXAMPLE

from quiz.answer_match import match
from quiz.feedback import build_feedback
from quiz.feedback_text import feedback_lines, feedback_markdown, verdict_banner
from quiz.grading import Relation, Verdict, grade
from quiz.pack.loader import load_pack


@pytest.fixture(scope="module")
def pack():
    return load_pack(EXAMPLE).pack


@pytest.mark.parametrize(
    "choice, verdict, relation, credit",
    [
        ("idiopathic", Verdict.CORRECT, Relation.EXACT, 1.0),
        ("calcinosis-cutis", Verdict.PARTIAL, Relation.ANCESTOR, 0.5),
        ("subepidermal-calcified-nodule", Verdict.PARTIAL, Relation.DESCENDANT, 0.5),
        ("metastatic", Verdict.WRONG, Relation.OTHER, 0.0),
    ],
)
def test_verdict_follows_the_taxonomy(pack, choice, verdict, relation, credit):
    result = grade(pack.case("white-plaque-cheek"), choice, pack.taxonomy)
    assert (result.verdict, result.relation, result.credit) == (verdict, relation, credit)


def test_accept_counts_as_fully_right(pack):
    case = pack.case("white-plaque-cheek").model_copy(update={"accept": ["metastatic"]})
    assert grade(case, "metastatic", pack.taxonomy).verdict is Verdict.CORRECT


def test_wrong_choice_gets_the_contrast_finding_by_finding(pack):
    fb = build_feedback(pack, pack.case("white-plaque-cheek"), "metastatic", confidence=2)
    assert verdict_banner(fb).startswith("Wrong")
    assert [fb.against_sentence(r) for r in fb.against] == [
        "Serum calcium and phosphate: this case normal; Metastatic calcinosis cutis expects elevated."
    ]
    assert [r.key for r in fb.pointing] == ["calcium_phosphate"]
    assert fb.answer_summary.startswith("Calcium deposits with normal serum values")
    assert fb.confidence_note == ""


def test_sure_and_wrong_gets_the_hypercorrection_note(pack):
    fb = build_feedback(pack, pack.case("white-plaque-cheek"), "metastatic", confidence=3)
    assert "You were sure" in fb.confidence_note
    assert any("You were sure" in line for line in feedback_lines(fb))


def test_partly_right_explains_why_and_adds_the_cases_own_words(pack):
    fb = build_feedback(pack, pack.case("white-plaque-cheek"), "subepidermal-calcified-nodule")
    lines = feedback_lines(fb)
    assert lines[0].startswith("Partly right")
    assert "More than the case shows" in lines[1]
    assert any("child's verrucous papule" in line for line in lines)
    ancestor = feedback_lines(
        build_feedback(pack, pack.case("white-plaque-cheek"), "calcinosis-cutis")
    )
    assert "be more specific" in ancestor[1]


def test_feedback_markdown_has_the_contrast_table(pack):
    md = feedback_markdown(build_feedback(pack, pack.case("white-plaque-cheek"), "metastatic"))
    assert "| Finding | This case | Your choice expects | The answer expects |" in md
    assert "| Serum calcium and phosphate | normal ✗ | elevated | normal |" in md


def test_typed_answers_resolve_by_id_name_synonym_and_prefix(pack):
    tax = pack.taxonomy
    assert match(tax, "IDIOPATHIC").entity_id == "idiopathic"
    assert match(tax, "Metastatic calcinosis cutis").entity_id == "metastatic"
    assert match(tax, "calcinosis metabolica").entity_id == "metastatic"
    assert match(tax, "subep").entity_id == "subepidermal-calcified-nodule"
    assert match(tax, "calc").entity_id is None and len(match(tax, "calc").candidates) > 1
    assert match(tax, "zzz").entity_id is None
