"""The Moodle XML export, parsed and checked question by question against the format Moodle's
importer reads (qformat_xml): multichoice, a grade on Moodle's list for every choice, feedback
for every choice from the contrast, and images embedded as base64 files."""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image
from support import EXAMPLE, REPO

from quiz.export.moodle import MOODLE_FRACTIONS, export_moodle, fraction
from quiz.grading import grade
from quiz.pack.loader import load_pack


def _export(pack, tmp_path: Path) -> ET.Element:
    export_moodle(pack, tmp_path / "q.xml")
    return ET.parse(tmp_path / "q.xml").getroot()


def test_every_case_is_a_multichoice_question_with_grades_moodle_accepts(tmp_path: Path):
    pack = load_pack(REPO).pack
    root = _export(pack, tmp_path)
    assert root.tag == "quiz"
    assert root[0].get("type") == "category"
    # Each case's diagnosis is a multichoice question with the case's id; format-2 questions
    # follow their case's, numbered `case.question` (choose and concordance are multichoice too).
    every = root.findall("question[@type='multichoice']")
    questions = [q for q in every if "." not in q.findtext("idnumber")]
    assert [q.findtext("idnumber") for q in questions] == [c.id for c in pack.cases]
    assert sorted(q.findtext("idnumber") for q in every if q not in questions) == sorted(
        f"{c.id}.{q.id}"
        for c in pack.cases
        for q in c.questions
        if q.kind in ("choose", "concordance")
    )
    for question, case in zip(questions, pack.cases):
        assert question.findtext("single") == "true"
        answers = question.findall("answer")
        assert [a.findtext("text") for a in answers] == [
            pack.taxonomy.label(e) for e in pack.choices(case)
        ]
        for answer, choice in zip(answers, pack.choices(case)):
            value = answer.get("fraction")
            assert value in MOODLE_FRACTIONS
            assert float(value) == 100 * grade(case, choice, pack.taxonomy).credit
            feedback = answer.findtext("feedback/text")
            assert feedback and feedback.startswith("<p><strong>")
        full = [a for a in answers if a.get("fraction") == "100"]
        assert len(full) == 1 + len(case.accept)
        text = question.findtext("questiontext/text")
        files = {f.get("name"): f for f in question.findall("questiontext/file")}
        shown = re.findall(r'src="@@PLUGINFILE@@/([^"]+)"', text)
        assert len(shown) == sum(len(s.images) for s in case.stages)
        assert set(shown) == set(files)
        for file in files.values():
            assert file.get("encoding") == "base64" and file.get("path") == "/"
            Image.open(io.BytesIO(base64.b64decode(file.text))).verify()
        assert case.title not in text or not case.title  # the title would give the answer away


def test_feedback_for_a_wrong_choice_is_the_contrast_and_partial_credit_is_half(tmp_path: Path):
    pack = load_pack(EXAMPLE).pack
    question = _export(pack, tmp_path).find("question[@type='multichoice']")
    by_name = {a.findtext("text"): a for a in question.findall("answer")}
    wrong = by_name["Metastatic calcinosis cutis"]
    assert wrong.get("fraction") == "0"
    assert (
        "Serum calcium and phosphate: this case normal; Metastatic calcinosis cutis expects elevated."
        in wrong.findtext("feedback/text")
    )
    assert by_name["Calcinosis cutis"].get("fraction") == "50"  # the parent of the answer
    narrower = by_name["Subepidermal calcified nodule"]
    assert narrower.get("fraction") == "50"
    assert "usually a child" in narrower.findtext("feedback/text")  # the case's own word for it
    assert by_name["Idiopathic calcinosis cutis"].get("fraction") == "100"
    general = question.findtext("generalfeedback/text")
    assert "Markdown teaching points" in general and "Not Metastatic" in general


def test_fractions_snap_to_moodle_grades():
    assert fraction(1.0) == "100" and fraction(0.5) == "50" and fraction(0) == "0"
    assert fraction(1 / 3) == "33.33333"


def test_hostile_text_is_escaped_and_the_file_stays_well_formed(tmp_path: Path, example_pack: Path):
    case = example_pack / "cases" / "white-plaque-cheek.yaml"
    case.write_text(
        case.read_text().replace(
            "text: A skin biopsy is taken.", "text: '<script>alert(1)</script> ]]> & <b>bold</b>'"
        )
    )
    question = _export(load_pack(example_pack).pack, tmp_path).find("question[@type='multichoice']")
    text = question.findtext("questiontext/text")
    assert "<script" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in text
