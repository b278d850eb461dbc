"""A case as HTML fragments, shared by every export: stages with their images, the choices,
the feedback for each choice, and the answer with its explanation.

Every string from the pack is escaped here; Markdown (descriptions, discussion) is rendered
with raw HTML disabled and remote images dropped, so a pack cannot inject markup or make a
reader's program fetch anything.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

from quiz.feedback import Feedback, build_feedback
from quiz.feedback_text import verdict_banner
from quiz.grading import grade
from quiz.pack.models import Case, Image
from quiz.pack.pack import Pack
from quiz.text import clean

# Characters XML 1.0 forbids (clean() already removed the C0 and C1 controls).
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")

ImageSrc = Callable[[Image], str]
ImageViews = Callable[[Image], list[tuple[str, str]]]  # a slide's rendered views: (label, src)


def plain(text: str) -> str:
    """Pack text for a plain-text field (the writer escapes it): controls and XML-illegal
    characters removed."""
    return _NOT_XML.sub("", clean(text))


def esc(text: str) -> str:
    """Pack text made safe inside HTML text or a quoted attribute."""
    return html.escape(_NOT_XML.sub("", clean(text)), quote=True)


@lru_cache(maxsize=1)
def _markdown():
    try:
        from markdown_it import MarkdownIt
    except ImportError:  # pragma: no cover - markdown-it comes with Textual
        return None
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    md.disable("image")  # an image URL would make the reader fetch from the network
    return md


def markdown(text: str) -> str:
    """Markdown from the pack as HTML; raw HTML in it is shown as text, never run."""
    text = _NOT_XML.sub("", clean(text)).strip()
    if not text:
        return ""
    md = _markdown()
    if md is None:
        return "".join(f"<p>{esc(p)}</p>" for p in text.split("\n\n"))
    return md.render(text)


def image_html(image: Image, src: str, views: list[tuple[str, str]] = ()) -> str:
    details = [image.kind]
    if image.stain:
        details.append(image.stain)
    if image.magnification:
        details.append(f"×{image.magnification:g}")
    caption = esc(image.caption.strip()) if image.caption.strip() else ""
    meta = esc(", ".join(details))
    credit = f' <span class="credit">{esc(image.credit)}</span>' if image.credit else ""
    return (
        f'<figure><img src="{esc(src)}" alt="{esc(image.alt or image.caption or image.kind)}">'
        f'<figcaption>{caption} <span class="meta">({meta})</span>{credit}</figcaption></figure>'
        + "".join(_view_html(image, label, vsrc) for label, vsrc in views)
    )


def _view_html(image: Image, label: str, src: str) -> str:
    """A rendered view of a whole slide (its opening view, or a region), under its overview."""
    what = esc(image.alt or image.caption or image.kind)
    return (
        f'<figure class="view"><img src="{esc(src)}" alt="{esc(label)}: {what}">'
        f"<figcaption>{esc(label)}</figcaption></figure>"
    )


def stages_html(
    case: Case, src: ImageSrc, *, fold_after_first: bool = False, views: ImageViews | None = None
) -> str:
    """The stages in order; with *fold_after_first*, every later stage is a <details> to open
    (a card that reveals the case step by step, where no script may run)."""
    parts = []
    for n, stage in enumerate(case.stages):
        body = "".join(
            f"<p>{esc(p.strip())}</p>" for p in stage.text.strip().split("\n\n") if p.strip()
        )
        body += "".join(
            image_html(img, src(img), views(img) if views else []) for img in stage.images
        )
        name = esc(stage.name or f"Stage {n + 1}")
        if fold_after_first and n > 0:
            parts.append(f'<details class="stage"><summary>{name}</summary>{body}</details>')
        else:
            parts.append(f'<section class="stage"><h3>{name}</h3>{body}</section>')
    return "\n".join(parts)


def choices_html(pack: Pack, case: Case) -> str:
    depth = dict(pack.taxonomy.walk())
    items = "".join(
        f'<li class="depth-{min(depth.get(e, 0), 5)}">{esc(pack.taxonomy.label(e))}</li>'
        for e in pack.choices(case)
    )
    return f'<ul class="choices">{items}</ul>'


def credit(pack: Pack, case: Case, choice: str) -> float:
    return grade(case, choice, pack.taxonomy).credit


def option_feedback_html(fb: Feedback) -> str:
    """What a learner who picked this option reads: the verdict, why, and the contrast."""
    parts = [f"<p><strong>{esc(verdict_banner(fb))}</strong></p>"]
    if fb.grade.explanation:
        parts.append(f"<p>{esc(fb.grade.explanation)}</p>")
    if fb.against:
        items = "".join(f"<li>{esc(fb.against_sentence(r))}</li>" for r in fb.against)
        parts.append(f"<p>Against your choice:</p><ul>{items}</ul>")
    if fb.pointing:
        items = "".join(f"<li>{esc(fb.pointing_sentence(r))}</li>" for r in fb.pointing)
        parts.append(f"<p>Pointing to {esc(fb.answer_name)}:</p><ul>{items}</ul>")
    if fb.case_feedback:
        parts.append(f"<p>{esc(fb.case_feedback.strip())}</p>")
    return "".join(parts)


def findings_table(pack: Pack, case: Case) -> str:
    fb = build_feedback(pack, case, case.answer)
    if not fb.rows:
        return ""
    rows = "".join(
        f"<tr><td>{esc(r.label)}</td><td>{esc(r.show(r.case_value))}</td>"
        f"<td>{esc(r.show_all(r.answer_expects) if r.answer_expects else '—')}</td></tr>"
        for r in fb.rows
    )
    return (
        f'<table class="findings"><thead><tr><th>Finding</th><th>This case</th>'
        f"<th>{esc(fb.answer_name)} expects</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def answer_html(pack: Pack, case: Case, *, rivals: list[str] | None = None) -> str:
    """The answer with what explains it: summary, findings, the description sections that
    matter, why the look-alikes (*rivals*) are wrong, the teaching points and references."""
    fb = build_feedback(pack, case, case.answer)
    parts = [
        f'<p class="answer"><strong>{esc(fb.answer_name)}</strong>'
        + (f" — {esc(fb.answer_summary)}" if fb.answer_summary else "")
        + "</p>"
    ]
    if case.accept:
        names = ", ".join(esc(pack.taxonomy.label(e)) for e in case.accept)
        parts.append(f"<p>Also counted as right: {names}.</p>")
    parts.append(findings_table(pack, case))
    for title, text in fb.sections:
        parts.append(f"<h4>{esc(title)}</h4>{markdown(text)}")
    for rival in rivals or []:
        other = build_feedback(pack, case, rival)
        if other.against or other.case_feedback:
            items = "".join(f"<li>{esc(other.against_sentence(r))}</li>" for r in other.against)
            note = f"<p>{esc(other.case_feedback.strip())}</p>" if other.case_feedback else ""
            parts.append(f"<p>Not {esc(other.choice_name)}:</p><ul>{items}</ul>{note}")
    if case.discussion.strip():
        parts.append(f"<h4>Teaching points</h4>{markdown(case.discussion)}")
    if fb.references:
        items = "".join(f"<li>{esc(r)}</li>" for r in fb.references)
        parts.append(f"<h4>References</h4><ul>{items}</ul>")
    return "\n".join(p for p in parts if p)
