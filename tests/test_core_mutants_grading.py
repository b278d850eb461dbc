"""What a learner is told and what credit is given, answer by answer, on a small pack written
for it: right, accepted, too general, too specific and wrong answers; the sections, contrast,
notes and references each one gets; answers given before the last stage; the entity tree."""

from __future__ import annotations

import pytest
from teaching_pack import write_teaching_pack

from quiz.feedback import build_feedback, show_value, show_values
from quiz.feedback_text import feedback_lines, feedback_markdown
from quiz.grading import Relation, Verdict, grade
from quiz.pack.loader import load_pack
from quiz.pack.models import Entity
from quiz.taxonomy import Taxonomy
from quiz.tui.atlas_text import compare_rows

CASE = "purpura-legs"  # answer lcv; accepts urticarial-vasculitis
SURE_AND_WRONG = (
    "You were sure, and it was wrong. Errors made with confidence and then corrected are the "
    "ones remembered best: read the contrast once more, then say to yourself which finding "
    "should have changed your mind."
)
RIGHT_BUT_GUESSED = (
    "Right, but you guessed. Go through the findings that point to the answer so that next "
    "time you know rather than guess."
)


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    result = load_pack(write_teaching_pack(tmp_path_factory.mktemp("teaching") / "teaching"))
    assert result.ok, result.diagnostics
    return result.pack


def _lines(pack, choice, confidence=2, stages_seen=0, case=CASE):
    return feedback_lines(build_feedback(pack, pack.case(case), choice, confidence, stages_seen))


def _section_titles(lines):
    names = ("Definition:", "Clinical:", "Histopathology:", "Laboratory:", "Associations:")
    return [line for line in lines if line in names]


# -- credit -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "choice, verdict, relation, credit",
    [
        ("lcv", Verdict.CORRECT, Relation.EXACT, 1.0),
        ("urticarial-vasculitis", Verdict.CORRECT, Relation.ACCEPTED, 1.0),
        ("vasculitis", Verdict.PARTIAL, Relation.ANCESTOR, 0.5),
        ("eczema", Verdict.WRONG, Relation.OTHER, 0.0),
    ],
)
def test_credit_for_each_kind_of_answer(pack, choice, verdict, relation, credit):
    result = grade(pack.case(CASE), choice, pack.taxonomy)
    assert (result.verdict, result.relation, result.credit) == (verdict, relation, credit)
    # the atlas opens on these two from the feedback (the answer, compared with the choice)
    assert (result.choice, result.answer) == (choice, "lcv")


def test_an_accepted_answer_earns_full_credit_and_no_correction(pack):
    lines = _lines(pack, "urticarial-vasculitis")
    assert lines[0] == "Correct ✓ Leukocytoclastic vasculitis."
    # the author's words for that choice are for a wrong answer; this one was accepted
    assert not any(line.startswith("About your choice") for line in lines)


def test_a_grandchild_of_the_answer_is_too_specific_and_a_grandparent_too_general(pack):
    case = pack.case(CASE).model_copy(update={"answer": "allergic-contact", "accept": []})
    tax = pack.taxonomy
    assert grade(case, "nickel-allergy", tax).relation is Relation.DESCENDANT
    assert grade(case, "eczema", tax).relation is Relation.ANCESTOR
    assert grade(case, "lcv", tax).relation is Relation.OTHER


# -- what the learner is told -------------------------------------------------------------
def test_a_wrong_answer_is_told_the_contrast_in_the_packs_order(pack):
    lines = _lines(pack, "eczema")
    assert lines[:4] == [
        "Wrong ✗ you chose Spongiotic dermatitis; the answer is Leukocytoclastic vasculitis.",
        "Case: Palpable purpura after antibiotics",
        "Answer: Leukocytoclastic vasculitis — Neutrophils and their nuclear dust in the walls "
        "of venules.",
        "Against your choice:",
    ]
    # the case file lists dust, complement, infiltrate; the pack declares infiltrate first;
    # value ids are shown as words
    assert lines[4:9] == [
        "  - Infiltrate: this case around small vessels; Spongiotic dermatitis expects "
        "lymphocytes or eosinophils.",
        "  - Nuclear dust: this case present; Spongiotic dermatitis expects absent.",
        "Pointing to Leukocytoclastic vasculitis:",
        "  - Infiltrate: around small vessels, as Leukocytoclastic vasculitis expects.",
        "  - Nuclear dust: present, as Leukocytoclastic vasculitis expects.",
    ]
    assert "About your choice: Spongiosis is not what this biopsy shows." in lines


def test_a_wrong_answer_gets_the_whole_picture_a_right_one_only_what_proves_it(pack):
    wrong = _lines(pack, "eczema")
    assert _section_titles(wrong) == ["Definition:", "Clinical:", "Histopathology:", "Laboratory:"]
    assert "  LCV-CLINICAL palpable purpura of the legs." in wrong
    right = _lines(pack, "lcv")
    assert _section_titles(right) == ["Histopathology:", "Laboratory:"]
    assert not any("LCV-DEFINITION" in line or "LCV-CLINICAL" in line for line in right)
    partial = _lines(pack, "vasculitis")
    assert _section_titles(partial) == _section_titles(wrong)


def test_the_right_answer_has_no_correction_and_no_note_when_answered_unsure(pack):
    lines = _lines(pack, "lcv", confidence=2)
    assert lines[0] == "Correct ✓ Leukocytoclastic vasculitis."
    assert not any(line.startswith("About your choice") for line in lines)
    assert SURE_AND_WRONG not in lines and RIGHT_BUT_GUESSED not in lines


@pytest.mark.parametrize(
    "choice, confidence, note",
    [
        ("lcv", 1, RIGHT_BUT_GUESSED),
        ("lcv", 2, ""),
        ("lcv", 3, ""),
        ("eczema", 1, ""),  # a wrong guess is just wrong: no "you guessed" for it
        ("eczema", 2, ""),
        ("eczema", 3, SURE_AND_WRONG),
        ("vasculitis", 1, ""),
        ("vasculitis", 3, ""),
    ],
)
def test_the_confidence_note_goes_only_to_right_guesses_and_sure_mistakes(
    pack, choice, confidence, note
):
    fb = build_feedback(pack, pack.case(CASE), choice, confidence)
    assert fb.confidence == confidence
    assert fb.confidence_note == note
    if note:
        assert note in feedback_lines(fb)


def test_feedback_without_a_stated_confidence_or_stage_reads_as_a_calm_full_answer(pack):
    # what the exports show for each wrong choice: the whole contrast, no confidence note
    fb = build_feedback(pack, pack.case(CASE), "eczema")
    assert fb.confidence_note == "" and not fb.answered_early
    assert "Against your choice:" in feedback_lines(fb)


def test_a_wrong_choice_without_words_of_its_own_gets_none(pack):
    lines = _lines(pack, "allergic-contact")
    assert build_feedback(pack, pack.case(CASE), "allergic-contact").case_feedback == ""
    assert not any(line.startswith("About your choice") for line in lines)


def test_references_of_the_case_then_those_of_the_answer_each_once(pack):
    lines = _lines(pack, "lcv")
    assert lines[lines.index("References:") :] == [
        "References:",
        "  - Case report of drug-induced purpura.",
        "  - Shared atlas, chapter 4.",
        "  - LCV monograph.",
    ]


def test_a_case_without_a_title_is_named_by_its_id(pack):
    fb = build_feedback(pack, pack.case("a-purpura"), "lcv")
    assert (fb.case_id, fb.title) == ("a-purpura", "a-purpura")
    assert "Case: a-purpura" in feedback_lines(fb)
    assert build_feedback(pack, pack.case(CASE), "lcv").case_id == CASE


def test_the_table_shows_every_value_an_entity_allows_and_a_dash_where_it_says_nothing(pack):
    md = feedback_markdown(build_feedback(pack, pack.case(CASE), "urticarial-vasculitis"))
    assert "| Serum complement | low | — |" in md
    md = feedback_markdown(build_feedback(pack, pack.case(CASE), "eczema"))
    assert (
        "| Infiltrate | around small vessels ✗ | lymphocytes or eosinophils | around small vessels |"
        in md
    )
    assert "| Serum complement | low | — | — |" in md


def test_values_read_as_words_and_nothing_as_a_dash():
    assert show_value("around-small_vessels") == "around small vessels"
    assert show_values(("linear-igg", "granular_iga")) == "linear igg or granular iga"
    assert show_values(None) == show_values(()) == "—"


def test_the_atlas_comparison_shows_a_dash_where_one_entity_says_nothing(pack):
    rows = {label: (a, b) for label, a, b, _ in compare_rows(pack, "urticarial-vasculitis", "lcv")}
    assert rows["Serum complement"] == ("low", "—")
    assert rows["Nuclear dust"] == ("absent or present", "present")


# -- answering before the last stage --------------------------------------------------------
def test_an_early_answer_is_told_what_each_later_stage_showed(pack):
    lines = _lines(pack, "eczema", stages_seen=1)
    start = lines.index(
        "With what you had seen (the first 1 of 3 stages), none of the case's findings "
        "had been shown yet."
    )
    # stages without a name are counted from 1, as the learner saw them
    assert lines[start + 1 : start + 7] == [
        "What later stages showed:",
        "  - stage 3 then showed nuclear dust: present, against Spongiotic dermatitis.",
        "  - stage 2 then showed serum complement: low.",
        "Other findings of the case:",
        "  - Infiltrate: this case around small vessels; Spongiotic dermatitis expects "
        "lymphocytes or eosinophils.",
        "About your choice: Spongiosis is not what this biopsy shows.",
    ]


def test_an_early_right_answer_hears_of_later_stages_without_a_word_against_it(pack):
    lines = _lines(pack, "lcv", stages_seen=2)
    assert "  - stage 3 then showed nuclear dust: present." in lines
    assert not any("against" in line for line in lines)


def test_named_stages_are_named_in_what_later_stages_showed(pack):
    case = pack.case(CASE)
    named = case.model_copy(
        update={
            "stages": [
                s.model_copy(update={"name": name})
                for s, name in zip(case.stages, ["Presentation", "Punch biopsy", "Histology"])
            ]
        }
    )
    lines = feedback_lines(build_feedback(pack, named, "eczema", 2, stages_seen=1))
    assert (
        "  - the histology then showed nuclear dust: present, against Spongiotic dermatitis."
        in lines
    )


def test_with_every_stage_seen_no_finding_is_set_apart(pack):
    fb = build_feedback(pack, pack.case(CASE), "eczema", 2, stages_seen=3)
    assert not fb.answered_early
    assert fb.unplaced(fb.rows) == () and fb.later(fb.rows) == ()
    assert "Against your choice:" in feedback_lines(fb)


# -- answers the pack does not (or no longer) describe ----------------------------------------
def test_a_choice_the_pack_no_longer_has_is_wrong_and_named_by_its_id(pack):
    # an old attempt shown again after the entity was removed from the pack
    fb = build_feedback(pack, pack.case(CASE), "henoch-schoenlein", 3)
    assert fb.grade.verdict is Verdict.WRONG
    assert fb.choice_name == "henoch-schoenlein"
    assert fb.against == ()
    assert feedback_lines(fb)[0] == (
        "Wrong ✗ you chose henoch-schoenlein; the answer is Leukocytoclastic vasculitis."
    )


def test_a_finding_the_pack_does_not_declare_comes_after_the_declared_ones(pack):
    case = pack.case(CASE).model_copy(update={"findings": {"serology": "x", "dust": "present"}})
    fb = build_feedback(pack, case, "eczema")
    assert [(r.key, r.label) for r in fb.rows] == [
        ("dust", "Nuclear dust"),
        ("serology", "Serology"),
    ]


# -- the tree -------------------------------------------------------------------------------
def test_the_tree_in_order_with_depths_and_a_part_of_it_with_the_path_down(pack):
    tax = pack.taxonomy
    assert list(tax.walk()) == [
        ("vasculitis", 0),
        ("lcv", 1),
        ("urticarial-vasculitis", 1),
        ("eczema", 0),
        ("allergic-contact", 1),
        ("nickel-allergy", 2),
    ]
    # what a case offering only these shows: each with the families above it; unknown ids
    # (a case naming an entity of a pack no longer used) are left out
    assert list(tax.walk(only={"nickel-allergy", "lcv", "no-such-entity"})) == [
        ("vasculitis", 0),
        ("lcv", 1),
        ("eczema", 0),
        ("allergic-contact", 1),
        ("nickel-allergy", 2),
    ]


def test_ancestors_and_descendants_of_three_levels(pack):
    tax = pack.taxonomy
    assert tax.ancestors("nickel-allergy") == ["allergic-contact", "eczema"]
    assert tax.descendants("eczema") == ["allergic-contact", "nickel-allergy"]
    assert tax.descendants("vasculitis") == ["lcv", "urticarial-vasculitis"]
    assert tax.descendants("nickel-allergy") == []


def test_features_are_inherited_the_nearest_winning(pack):
    tax = pack.taxonomy
    assert tax.features("nickel-allergy") == {
        "infiltrate": ["lymphocytes", "eosinophils"],
        "dust": ["absent"],
    }
    assert tax.features("urticarial-vasculitis")["dust"] == ["absent", "present"]
    assert tax.features("lcv") == {"infiltrate": ["around-small_vessels"], "dust": ["present"]}


def _entity(entity_id, parent=None):
    return Entity(id=entity_id, name=entity_id.upper(), parent=parent)


def test_an_entity_whose_parent_is_missing_stands_at_the_top():
    tax = Taxonomy({e.id: e for e in [_entity("a"), _entity("b", parent="gone")]})
    assert tax.roots == ["a", "b"]
    assert [eid for eid, _ in tax.walk()] == ["a", "b"]
    assert tax.label("b") == "B" and tax.label("gone") == "gone"


def test_a_cycle_the_validator_reports_does_not_hang_the_tree():
    # a → b → a, and c under a: reached once each from a
    entities = [_entity("a", parent="b"), _entity("b", parent="a"), _entity("c", parent="a")]
    tax = Taxonomy({e.id: e for e in entities})
    assert tax.ancestors("c") == ["a", "b"]
    assert sorted(tax.descendants("a")) == ["a", "b", "c"]
