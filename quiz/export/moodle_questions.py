"""Format-2 questions in Moodle XML, each as Moodle's own question type for it:

choose       multichoice with several right answers (each key an equal share; a harmful
             choice −100 %, any other wrong one minus a key's share, since Moodle cannot
             score "more than `pick` chosen" as 0; the total never drops below 0)
point        ddmarker: the picture as background, one marker per key, its regions as
             rectangular drop zones (Moodle scores hits ÷ max(zones, markers), as we do)
rank         ordering, graded by the longest ordered subset (core since Moodle 4.4; older
             sites need the qtype_ordering plugin: the question text says so)
concordance  multichoice, one answer, each step's grade the panel's votes for it ÷ the
             votes for the most chosen step
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

from quiz.export.content import esc, plain
from quiz.export.media import ImageSet
from quiz.export.question_content import asked_after, back_html
from quiz.pack.models import SCALE, SCALE_WORDS, Case
from quiz.pack.pack import Pack
from quiz.question_feedback import concordance_prompt, item_label
from quiz.questions import question_image


def grade(percent: float) -> str:
    """The Moodle grade nearest to *percent*, sign kept (Moodle offers the same list below 0
    for the wrong answers of a multiple-answer question), as Moodle writes it."""
    from quiz.export.moodle import MOODLE_FRACTIONS

    near = min(MOODLE_FRACTIONS, key=lambda g: abs(float(g) - abs(percent)))
    return f"-{near}" if percent < 0 and near != "0" else near


def _text(parent: ET.Element, tag: str, html: str, fmt: str = "html") -> ET.Element:
    node = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(node, "text").text = html
    return node


def _head(quiz: ET.Element, qtype: str, pack: Pack, case: Case, question, body: str) -> ET.Element:
    q = ET.SubElement(quiz, "question", {"type": qtype})
    name = f"{case.id} · {question.id}"
    ET.SubElement(ET.SubElement(q, "name"), "text").text = plain(name)[:255]
    _text(q, "questiontext", body)
    _text(q, "generalfeedback", back_html(pack, case, question, lambda img: ""))
    ET.SubElement(q, "defaultgrade").text = f"{question.weight:g}"
    ET.SubElement(q, "penalty").text = "0.3333333"
    ET.SubElement(q, "hidden").text = "0"
    ET.SubElement(q, "idnumber").text = f"{case.id}.{question.id}"[:100]
    return q


def _case_so_far(case: Case, question, src) -> str:
    from quiz.export.content import stages_html
    from quiz.pack.stages import question_stage

    shown = case.model_copy(update={"stages": case.stages[: question_stage(case, question) + 1]})
    return stages_html(shown, src)


def add_questions(quiz: ET.Element, pack: Pack, case: Case) -> tuple[int, int]:
    """Append a <question> per format-2 question of *case*; (questions, images) written."""
    count = images_total = 0
    for question in case.questions:
        images = ImageSet(pack)

        def src(img, images=images) -> str:
            return "@@PLUGINFILE@@/" + images.get(img).name

        story = _case_so_far(case, question, src)
        note = f'<p class="qkind">Asked after {esc(asked_after(case, question))}.</p>'
        kind = question.kind
        if kind == "choose":
            q = _head(
                quiz,
                "multichoice",
                pack,
                case,
                question,
                f"{story}{note}<p><strong>{esc(question.prompt)}</strong></p>"
                f"<p>Choose up to {question.allowed}.</p>",
            )
            _files(q.find("questiontext"), images)
            ET.SubElement(q, "single").text = "false"
            ET.SubElement(q, "shuffleanswers").text = "true"
            ET.SubElement(q, "answernumbering").text = "abc"
            share = 100 / len(question.keys)
            for cid, label in question.choices.items():
                pct = (
                    share if cid in question.keys else (-100 if cid in question.harmful else -share)
                )
                answer = ET.SubElement(q, "answer", {"fraction": grade(pct), "format": "html"})
                ET.SubElement(answer, "text").text = esc(label)
                _text(
                    answer,
                    "feedback",
                    "<p>Harmful: it scores 0.</p>" if cid in question.harmful else "",
                )
        elif kind == "concordance":
            body = (
                f"{story}{note}<p><strong>{esc(concordance_prompt(pack, question))}</strong></p>"
                f"<p>Hypothesis: {esc(item_label(pack, question.hypothesis))}</p>"
                f"<p>New information: {esc(question.new_information.strip())}</p>"
            )
            q = _head(quiz, "multichoice", pack, case, question, body)
            _files(q.find("questiontext"), images)
            ET.SubElement(q, "single").text = "true"
            ET.SubElement(q, "shuffleanswers").text = "false"  # the scale keeps its order
            ET.SubElement(q, "answernumbering").text = "none"
            top = max(question.panel.values())
            for step in SCALE:
                answer = ET.SubElement(
                    q,
                    "answer",
                    {"fraction": grade(100 * question.votes(step) / top), "format": "html"},
                )
                ET.SubElement(answer, "text").text = esc(
                    f"{step:+d} {SCALE_WORDS[step]}" if step else f"0 {SCALE_WORDS[0]}"
                )
                _text(
                    answer,
                    "feedback",
                    f"<p>{question.votes(step)} of "
                    f"{sum(question.panel.values())} experts chose this.</p>",
                )
        elif kind == "rank":
            body = (
                f"{story}{note}<p><strong>{esc(question.prompt)}</strong></p>"
                '<p>Most likely first.</p><p class="moodle-note">(This question needs the '
                "Ordering question type, in Moodle's core since 4.4; older sites install "
                "the qtype_ordering plugin.)</p>"
            )
            q = _head(quiz, "ordering", pack, case, question, body)
            _files(q.find("questiontext"), images)
            ET.SubElement(q, "layouttype").text = "VERTICAL"
            ET.SubElement(q, "selecttype").text = "ALL"
            ET.SubElement(q, "selectcount").text = "0"
            ET.SubElement(q, "gradingtype").text = "LONGEST_ORDERED_SUBSET"
            ET.SubElement(q, "showgrading").text = "SHOW"
            ET.SubElement(q, "numberingstyle").text = "none"
            # the right order, each answer's "fraction" its place (Moodle's ordering export)
            for place, item in enumerate(question.items, 1):
                answer = ET.SubElement(
                    q, "answer", {"fraction": f"{place}.0000000", "format": "html"}
                )
                ET.SubElement(answer, "text").text = esc(item_label(pack, item))
        else:
            image = question_image(case, question)
            background = images.get(image)
            body = (
                f"{story}{note}<p><strong>{esc(question.prompt)}</strong></p>"
                f"<p>Place {question.allowed} marker{'s' if question.allowed != 1 else ''}.</p>"
            )
            q = _head(quiz, "ddmarker", pack, case, question, body)
            _files(q.find("questiontext"), images, skip=background.name)
            ET.SubElement(q, "showmisplaced")
            ET.SubElement(q, "shuffleanswers").text = "0"
            node = ET.SubElement(q, "file", {"name": background.name, "encoding": "base64"})
            node.text = base64.b64encode(background.data).decode("ascii")
            labels = list(dict.fromkeys(question.keys))
            for no, label in enumerate(labels, 1):
                drag = ET.SubElement(q, "drag")
                ET.SubElement(drag, "no").text = str(no)
                ET.SubElement(drag, "text").text = plain(label)
                ET.SubElement(drag, "noofdrags").text = "1"
            zone = 0
            for region in image.regions:
                if region.label not in labels:
                    continue
                zone += 1
                x, y, w, h = region.box
                drop = ET.SubElement(q, "drop")
                ET.SubElement(drop, "no").text = str(zone)
                ET.SubElement(drop, "shape").text = "rectangle"
                ET.SubElement(drop, "coords").text = (
                    f"{round(x * background.width)},{round(y * background.height)};"
                    f"{max(1, round(w * background.width))},{max(1, round(h * background.height))}"
                )
                ET.SubElement(drop, "choice").text = str(labels.index(region.label) + 1)
        count += 1
        images_total += len(images.all())
    return count, images_total


def _files(parent: ET.Element, images: ImageSet, skip: str = "") -> None:
    for image in images.all():
        if image.name == skip and skip:
            continue
        node = ET.SubElement(
            parent, "file", {"name": image.name, "path": "/", "encoding": "base64"}
        )
        node.text = base64.b64encode(image.data).decode("ascii")
