"""Format-2 questions in every export: Moodle's own question type for each kind, an Anki note
per question, and the HTML handout with the questions and their answers."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
import zipfile

import pytest
from support import TESTS, run_cli

from quiz.export.anki import export_anki
from quiz.export.html import export_html
from quiz.export.moodle import export_moodle
from quiz.pack.loader import load_pack

FORMAT2 = TESTS / "packs" / "format2"


@pytest.fixture(scope="module")
def pack():
    return load_pack(FORMAT2).pack


@pytest.fixture(scope="module")
def moodle(pack, tmp_path_factory):
    out = tmp_path_factory.mktemp("moodle") / "q.xml"
    counts = export_moodle(pack, out)
    questions = {
        q.findtext("name/text"): q for q in ET.parse(out).getroot() if q.get("type") != "category"
    }
    return counts, questions


def _answers(q):
    return [(a.get("fraction"), a.findtext("text")) for a in q.findall("answer")]


def test_moodle_has_a_question_per_case_and_per_question(moodle):
    counts, questions = moodle
    assert counts["questions"] == 3 + 5
    kinds = {name.split(" · ")[1]: q.get("type") for name, q in questions.items() if " · " in name}
    assert kinds == {
        "differential": "ordering",
        "next-step": "multichoice",
        "where": "ddmarker",
        "new-fact": "multichoice",
        "split-and-cells": "ddmarker",
    }


def test_moodle_choose_is_a_multiple_answer_multichoice(moodle):
    q = moodle[1]["mouth-ulcers-and-erosions · next-step"]
    assert q.findtext("single") == "false"
    grades = {text: frac for frac, text in _answers(q)}
    assert grades["Direct immunofluorescence of skin next to a blister"] == "50"
    assert grades["Serum antibodies to desmogleins 1 and 3"] == "50"
    assert grades["A new biopsy from the centre of an old erosion"] == "-100"  # harmful
    assert grades["Congo red stain"] == "-50"
    assert "Choose up to 2" in q.findtext("questiontext/text")


def test_moodle_concordance_grades_come_from_the_panel(moodle):
    q = moodle[1]["mouth-ulcers-and-erosions · new-fact"]
    assert _answers(q) == [
        ("100", "-2 much less likely"),
        ("33.33333", "-1 less likely"),
        ("11.11111", "0 neither more nor less likely"),
        ("0", "+1 more likely"),
        ("0", "+2 much more likely"),
    ]
    assert q.findtext("defaultgrade") == "2"  # the question's weight


def test_moodle_rank_is_an_ordering_question_in_the_right_order(moodle):
    q = moodle[1]["mouth-ulcers-and-erosions · differential"]
    assert q.findtext("gradingtype") == "LONGEST_ORDERED_SUBSET"
    assert [t for _, t in _answers(q)] == [
        "Pemphigus vulgaris",
        "Bullous pemphigoid",
        "Dermatitis herpetiformis",
    ]
    assert "qtype_ordering" in q.findtext("questiontext/text")  # the note for older sites


def test_moodle_point_is_a_ddmarker_with_the_regions_as_drop_zones(moodle):
    q = moodle[1]["tense-blisters-elderly · split-and-cells"]
    assert [d.findtext("text") for d in q.findall("drag")] == ["subepidermal split", "eosinophils"]
    drops = [
        (d.findtext("shape"), d.findtext("coords"), d.findtext("choice")) for d in q.findall("drop")
    ]
    # the 160x120 picture: [0.05, 0.50, 0.90, 0.12] and two eosinophil boxes [0.30|0.60, 0.52, 0.20, 0.08]
    assert drops == [
        ("rectangle", "8,60;144,14", "1"),
        ("rectangle", "48,62;32,10", "2"),
        ("rectangle", "96,62;32,10", "2"),
    ]
    background = q.find("file")
    assert background is not None and background.text


def test_anki_has_a_note_per_question_with_the_key_regions_on_the_back(pack, tmp_path):
    out = tmp_path / "deck.apkg"
    counts = export_anki(pack, out)
    assert counts["notes"] == 3 + 5
    with zipfile.ZipFile(out) as z:
        z.extract("collection.anki2", tmp_path)
        media = z.read("media").decode()
    db = sqlite3.connect(tmp_path / "collection.anki2")
    fields = [row[0].split("\x1f") for row in db.execute("SELECT flds FROM notes")]
    questions = {f[0]: f for f in fields if "/" in f[0]}
    assert set(questions) == {
        "mouth-ulcers-and-erosions/differential",
        "mouth-ulcers-and-erosions/next-step",
        "mouth-ulcers-and-erosions/where",
        "mouth-ulcers-and-erosions/new-fact",
        "tense-blisters-elderly/split-and-cells",
    }
    where = questions["mouth-ulcers-and-erosions/where"]
    assert "Immunofluorescence" not in where[1]  # only the stages shown by then
    assert "keys-" in where[3] and "keys-" in media  # the picture with its regions, on the back


def test_html_handout_shows_the_questions_and_their_answers(pack, tmp_path):
    export_html(pack, tmp_path / "handout")
    page = (tmp_path / "handout" / "index.html").read_text()
    cases, answers = page.split('<section id="answers">')
    assert "Rank the differential" in cases and "Right order" not in cases
    assert "Right order" in answers and "Experts" in answers
    keyed = [p for p in (tmp_path / "handout" / "images").iterdir() if p.name.startswith("keys-")]
    assert len(keyed) == 2 and all(f"images/{p.name}" in answers for p in keyed)


def test_export_command_counts_the_questions(tmp_path):
    result = run_cli("export", str(FORMAT2), "--to", "moodle", "-o", str(tmp_path / "q.xml"))
    assert result.returncode == 0 and "8 questions" in result.stdout + result.stderr
