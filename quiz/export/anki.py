"""Export a pack as an Anki deck (.apkg) with genanki: one note a case.

Ids are derived, never random: the note GUID from pack id and case id, the deck and note-type
ids from the pack id. Importing the export of a new version of the pack therefore updates the
notes already in a learner's collection (and keeps their review history) instead of adding
copies.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import warnings
from pathlib import Path

from quiz.export import ExportError
from quiz.export.content import answer_html, choices_html, esc, stages_html
from quiz.export.media import ImageSet
from quiz.pack.lint import rivals
from quiz.pack.pack import Pack

FIELDS = ["CaseId", "Stages", "Question", "Choices", "Answer", "Explanation", "Source"]

FRONT = """<div class="dq">{{Stages}}
<p class="question">{{Question}}</p>
{{Choices}}</div>"""

BACK = """{{FrontSide}}
<hr id="answer">
<div class="dq"><p class="verdict">{{Answer}}</p>
{{Explanation}}
<p class="source">{{Source}}</p></div>"""

CSS = """.card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left;
  color: #1d1d1f; background: #fff; }
.nightMode.card, .night_mode .card { color: #eee; background: #222; }
.dq { max-width: 46em; margin: 0 auto; }
.dq h3 { font-size: 1em; margin: 1em 0 .3em; }
.dq details.stage { margin: .6em 0; }
.dq details.stage > summary { font-weight: bold; cursor: pointer; }
.dq figure { margin: .5em 0; }
.dq img { max-width: 100%; height: auto; }
.dq figcaption { font-size: .85em; opacity: .8; }
.dq .question { font-weight: bold; margin-top: 1em; }
.dq ul.choices { columns: 2; font-size: .9em; }
.dq .depth-1 { margin-left: 1em; } .dq .depth-2 { margin-left: 2em; }
.dq .depth-3, .dq .depth-4, .dq .depth-5 { margin-left: 3em; }
.dq table.findings { border-collapse: collapse; font-size: .9em; }
.dq table.findings td, .dq table.findings th { border: 1px solid #999; padding: 2px 6px; }
.dq .source { font-size: .8em; opacity: .7; }
"""


def stable_id(kind: str, pack_id: str) -> int:
    """A 31-bit id from the pack id, in the range genanki recommends (1<<30 .. 1<<31)."""
    digest = int.from_bytes(
        hashlib.sha256(f"dermquiz:{kind}:{pack_id}".encode()).digest()[:8], "big"
    )
    return (1 << 30) + digest % (1 << 30)


def note_guid(pack_id: str, case_id: str) -> str:
    import genanki

    return genanki.guid_for("dermquiz", pack_id, case_id)


QUESTION_FIELDS = ["QuestionId", "Case", "Question", "Answer", "Source"]
QUESTION_FRONT = """<div class="dq">{{Case}}
{{Question}}</div>"""
QUESTION_BACK = """{{FrontSide}}
<hr id="answer">
<div class="dq">{{Answer}}
<p class="source">{{Source}}</p></div>"""


def _tag(text: str) -> str:
    return re.sub(r"[^\w:-]+", "_", text.strip())[:60] or "_"


def export_anki(pack: Pack, output: Path) -> dict[str, int]:
    """Write the deck to *output*; return counts (notes, media)."""
    import genanki

    model = genanki.Model(
        stable_id("model", pack.id),
        f"DermQuiz case ({pack.id})",
        fields=[{"name": n} for n in FIELDS],
        templates=[{"name": "Case", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )
    deck = genanki.Deck(stable_id("deck", pack.id), f"DermQuiz::{pack.title}")
    # Anki keeps every collection's media in one folder: names carry the pack id.
    images = ImageSet(pack, prefix=f"dq-{pack.id}-")
    source = esc(f"{pack.title} {pack.version} — DermQuiz pack {pack.id}")
    question_model, extra_notes = None, 0
    extra_media: list = []  # pictures with key regions drawn, for the backs of point questions
    for case in pack.cases:
        stages = stages_html(
            case,
            lambda img: images.get(img).name,
            fold_after_first=True,
            views=lambda img: [(n, w.name) for n, w in images.views(img)],
        )
        rival_ids, _ = rivals(pack, case)
        title = f' <span class="title">({esc(case.title)})</span>' if case.title else ""
        fields = [
            esc(case.id),
            stages,
            esc(pack.question(case)),
            choices_html(pack, case),
            esc(pack.taxonomy.label(case.answer)) + title,
            answer_html(pack, case, rivals=rival_ids),
            source,
        ]
        tags = [_tag(f"dermquiz::{pack.id}"), *(_tag(t) for t in case.tags)]
        deck.add_note(
            genanki.Note(
                model=model,
                fields=fields,
                guid=note_guid(pack.id, case.id),
                tags=tags,
                sort_field=case.id,
            )
        )
        for question in case.questions:  # format 2: a note per question
            if question_model is None:
                question_model = genanki.Model(
                    stable_id("question-model", pack.id),
                    f"DermQuiz question ({pack.id})",
                    fields=[{"name": n} for n in QUESTION_FIELDS],
                    templates=[{"name": "Question", "qfmt": QUESTION_FRONT, "afmt": QUESTION_BACK}],
                    css=CSS,
                )
            deck.add_note(
                genanki.Note(
                    model=question_model,
                    fields=_question_fields(pack, case, question, images, source, extra_media),
                    guid=note_guid(pack.id, f"{case.id}/{question.id}"),
                    tags=tags + ["dermquiz::question"],
                    sort_field=f"{case.id}/{question.id}",
                )
            )
            extra_notes += 1
    with tempfile.TemporaryDirectory(prefix="dermquiz-anki-") as tmp:
        media = []
        for image in images.all() + extra_media:
            path = Path(tmp) / image.name
            path.write_bytes(image.data)
            media.append(str(path))
        try:
            with warnings.catch_warnings():
                # genanki's HTML check misreads <details>/<figure>; our fields are escaped HTML.
                warnings.simplefilter("ignore")
                genanki.Package(deck, media_files=media).write_to_file(str(output))
        except OSError as exc:
            raise ExportError(
                f"cannot write {output}: {exc.strerror or exc} — check the "
                "folder exists and is writable"
            ) from None
    return {"notes": len(pack.cases) + extra_notes, "media": len(media)}


def _question_fields(
    pack: Pack, case, question, images: ImageSet, source: str, extra_media: list
) -> list[str]:
    """The fields of a question's note; a point question's picture with its key regions
    drawn joins *extra_media*."""
    from quiz.export.question_content import back_html, front_html, keyed_image
    from quiz.pack.stages import question_stage

    shown = case.model_copy(update={"stages": case.stages[: question_stage(case, question) + 1]})
    story = stages_html(shown, lambda img: images.get(img).name, fold_after_first=True)

    def keyed(img) -> str:
        made = keyed_image(pack, img, list(question.keys), prefix=f"dq-{pack.id}-")
        if all(m.name != made.name for m in extra_media):
            extra_media.append(made)
        return made.name

    return [
        esc(f"{case.id}/{question.id}"),
        story,
        front_html(pack, case, question, lambda img: images.get(img).name),
        back_html(pack, case, question, keyed),
        source,
    ]
