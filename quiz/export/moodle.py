"""Export a pack as Moodle XML: one multiple-choice question a case.

Each choice carries its own feedback, built from the contrast between the case's findings and
that choice's features, and the credit the taxonomy gives it (the answer 100, a parent or a
child of it 50, anything else 0 — values on Moodle's own list of grades). Images travel inside
the file as base64 `<file>` elements referred to with @@PLUGINFILE@@, as Moodle's own export
writes them.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from pathlib import Path

from quiz.export import ExportError
from quiz.export.content import answer_html, credit, esc, option_feedback_html, plain, stages_html
from quiz.export.media import ImageSet
from quiz.feedback import build_feedback
from quiz.pack.lint import rivals
from quiz.pack.pack import Pack

# The grades Moodle offers for an answer (question_bank::fraction_options), in percent.
MOODLE_FRACTIONS = (
    "100",
    "90",
    "83.33333",
    "80",
    "75",
    "70",
    "66.66667",
    "60",
    "50",
    "40",
    "33.33333",
    "30",
    "25",
    "20",
    "16.66667",
    "14.28571",
    "12.5",
    "11.11111",
    "10",
    "5",
    "0",
)


def fraction(credit_value: float) -> str:
    """The Moodle grade nearest to *credit_value* (0..1), as Moodle writes it."""
    return min(MOODLE_FRACTIONS, key=lambda f: abs(float(f) - 100 * credit_value))


def _text(parent: ET.Element, tag: str, html: str, fmt: str = "html") -> ET.Element:
    node = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(node, "text").text = html
    return node


def export_moodle(pack: Pack, output: Path) -> dict[str, int]:
    """Write the question bank to *output*; return counts (questions, images)."""
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", {"type": "category"})
    ET.SubElement(
        ET.SubElement(category, "category"), "text"
    ).text = f"$course$/top/DermQuiz/{plain(pack.title)}"
    images_total = extra_questions = 0
    for case in pack.cases:
        images = ImageSet(pack)  # Moodle keeps files per question: each carries its own
        q = ET.SubElement(quiz, "question", {"type": "multichoice"})
        name = f"{case.id} — {case.title}" if case.title else case.id
        ET.SubElement(ET.SubElement(q, "name"), "text").text = plain(name)[:255]
        # The lambdas are called at once, inside stages_html: the loop has not moved on.
        body = stages_html(
            case,
            lambda img: "@@PLUGINFILE@@/" + images.get(img).name,  # noqa: B023
            views=lambda img: [
                (n, "@@PLUGINFILE@@/" + w.name)
                for n, w in images.views(img)  # noqa: B023
            ],
        )
        body += f'<p class="question"><strong>{esc(pack.question(case))}</strong></p>'
        qtext = _text(q, "questiontext", body)
        for image in images.all():
            node = ET.SubElement(
                qtext, "file", {"name": image.name, "path": "/", "encoding": "base64"}
            )
            node.text = base64.b64encode(image.data).decode("ascii")
        images_total += len(images.all())
        _text(q, "generalfeedback", answer_html(pack, case, rivals=rivals(pack, case)[0]))
        ET.SubElement(q, "defaultgrade").text = "1"
        ET.SubElement(q, "penalty").text = "0.3333333"
        ET.SubElement(q, "hidden").text = "0"
        ET.SubElement(q, "idnumber").text = case.id
        ET.SubElement(q, "single").text = "true"
        ET.SubElement(q, "shuffleanswers").text = "false"  # tree order keeps families together
        ET.SubElement(q, "answernumbering").text = "abc"
        ET.SubElement(q, "showstandardinstruction").text = "0"
        _text(q, "correctfeedback", "<p>Correct.</p>")
        _text(
            q,
            "partiallycorrectfeedback",
            "<p>Partly right: the right family, but not the exact entity.</p>",
        )
        _text(q, "incorrectfeedback", "<p>Not this one.</p>")
        for choice in pack.choices(case):
            answer = ET.SubElement(
                q, "answer", {"fraction": fraction(credit(pack, case, choice)), "format": "html"}
            )
            ET.SubElement(answer, "text").text = esc(pack.taxonomy.label(choice))
            fb = build_feedback(pack, case, choice)
            _text(answer, "feedback", option_feedback_html(fb))
        if case.questions:  # format 2: each question as Moodle's own type for it
            from quiz.export.moodle_questions import add_questions

            added, pictures = add_questions(quiz, pack, case)
            extra_questions += added
            images_total += pictures
    ET.indent(quiz, space="  ")
    try:
        ET.ElementTree(quiz).write(output, encoding="UTF-8", xml_declaration=True)
    except OSError as exc:
        raise ExportError(
            f"cannot write {output}: {exc.strerror or exc} — check the folder "
            "exists and is writable"
        ) from None
    return {"questions": len(pack.cases) + extra_questions, "images": images_total}
