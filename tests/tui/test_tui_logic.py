"""The app's plain-Python parts, without a terminal: type-ahead, the session flow, the atlas."""

from __future__ import annotations

from pathlib import Path

from quiz.answer_match import match
from quiz.pack.loader import load_pack
from quiz.session import Session
from quiz.tui.atlas_text import compare_markdown, compare_rows
from quiz.tui.flow import SessionFlow, clock_text

EXAMPLE = Path(__file__).resolve().parent.parent / "packs" / "example"


def pack():
    return load_pack(EXAMPLE).pack


def test_typeahead_ranks_names_synonyms_and_words():
    p = pack()
    tax, allowed = p.taxonomy, [e for e, _ in p.taxonomy.walk()]
    assert match(tax, "idio", allowed).entity_id == "idiopathic"
    assert match(tax, "metabolica", allowed).entity_id == "metastatic"  # a synonym's word
    calc = match(tax, "calc", allowed)  # three names begin so: no choice, the three shown
    assert calc.entity_id is None and calc.candidates[0] == "calcinosis-cutis"
    assert match(tax, "cutis", allowed).candidates == (
        "calcinosis-cutis",
        "metastatic",
        "idiopathic",
    )
    assert match(tax, "zzz", allowed).candidates == () and match(tax, "  ", allowed).empty
    assert match(tax, "calcinosis metabolica", allowed).completion == "calcinosis metabolica"


def test_flow_stages_answer_and_clock():
    now = [100.0]
    p = pack()
    flow = SessionFlow(
        Session(p, "exam", ["white-plaque-cheek"], None), time_limit=60, clock=lambda: now[0]
    )
    flow.open_case()
    assert flow.stages_shown == 1 and not flow.feedback_each_case
    assert flow.reveal_next() and flow.reveal_next() and flow.reveal_next()
    assert not flow.reveal_next() and flow.all_stages_shown
    now[0] += 12
    answered = flow.answer("idiopathic", 3)
    assert (answered.stages_seen, answered.seconds, answered.saved) == (4, 12.0, False)
    assert flow.remaining == 48 and not flow.expired
    now[0] += 50
    assert flow.expired and clock_text(flow.remaining) == "0:00"
    assert not flow.advance() and flow.done
    assert flow.summary().score == 1.0
    assert clock_text(59.2) == "1:00" and clock_text(3725) == "1:02:05"


def test_compare_marks_the_findings_that_tell_two_entities_apart():
    p = pack()
    rows = compare_rows(p, "metastatic", "idiopathic")
    assert ("Serum calcium and phosphate", "elevated", "normal", True) in rows
    assert ("Preceding damage or disease of the tissue", "absent", "absent", False) in rows
    text = compare_markdown(p, "idiopathic", "subepidermal-calcified-nodule", table=False)
    assert "*Subepidermal calcified nodule is a subtype of Idiopathic calcinosis cutis.*" in text
    assert (
        "- **Site** — Idiopathic calcinosis cutis: *—* · Subepidermal calcified nodule: "
        "*face or ear*" in text
    )


def test_atlas_writes_finding_values_as_words_like_the_feedback():
    builtin = load_pack(EXAMPLE.parent.parent.parent).pack  # the repository's own pack
    rows = {
        label: (va, vb) for label, va, vb, _ in compare_rows(builtin, "calciphylaxis", "metastatic")
    }
    assert rows["Clinical morphology"][0] == "livedo purpura or plaque or nodules"
    assert rows["Surface of the lesions"][0] == "necrotic eschar or intact"
    text = compare_markdown(builtin, "calciphylaxis", "metastatic")
    assert "livedo-purpura" not in text and "necrotic-eschar" not in text
