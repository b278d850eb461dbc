"""Format-2 questions as HTML fragments for every export: the question as the learner meets it
(front) and its answer (back), with a point question's picture and its key regions drawn."""

from __future__ import annotations

import io
import random
from collections.abc import Callable

from quiz.export.content import esc, markdown
from quiz.export.media import WebImage, web_image
from quiz.pack.models import SCALE, SCALE_WORDS, Case, Image
from quiz.pack.pack import Pack
from quiz.pack.stages import question_stage
from quiz.question_feedback import KIND_WORDS, concordance_prompt, item_label
from quiz.questions import question_image

KEY_COLOUR = (0, 170, 80)


def shown_order(case: Case, question) -> list[str]:
    """A rank question's items as shown: a fixed shuffle, never the right order (the app's)."""
    order = list(question.items)
    rng = random.Random(f"{case.id}/{question.id}")
    for _ in range(10):
        rng.shuffle(order)
        if order != list(question.items):
            break
    return order


def asked_after(case: Case, question) -> str:
    stage = case.stages[question_stage(case, question)]
    return stage.name or f"stage {question_stage(case, question) + 1}"


def front_html(pack: Pack, case: Case, question, src: Callable[[Image], str]) -> str:
    q = question
    head = (
        f'<p class="qkind">{esc(KIND_WORDS[q.kind].capitalize())} · asked after '
        f"{esc(asked_after(case, q))}</p>"
    )
    if q.kind == "choose":
        items = "".join(f"<li>{esc(label)}</li>" for label in q.choices.values())
        return (
            f'{head}<p class="question">{esc(q.prompt)}</p>'
            f'<p>Choose up to {q.allowed}.</p><ul class="qchoices">{items}</ul>'
        )
    if q.kind == "rank":
        items = "".join(f"<li>{esc(item_label(pack, i))}</li>" for i in shown_order(case, q))
        return (
            f'{head}<p class="question">{esc(q.prompt)}</p>'
            f"<p>Put in order, most likely first:</p><ul>{items}</ul>"
        )
    if q.kind == "concordance":
        scale = "".join(
            f"<li>{s:+d} {esc(SCALE_WORDS[s])}</li>" if s else f"<li>0 {esc(SCALE_WORDS[0])}</li>"
            for s in SCALE
        )
        return (
            f'{head}<p class="question">{esc(concordance_prompt(pack, q))}</p>'
            f"<p>Hypothesis: <strong>{esc(item_label(pack, q.hypothesis))}</strong></p>"
            f"<p>New information: {esc(q.new_information.strip())}</p><ul>{scale}</ul>"
        )
    image = question_image(case, q)
    picture = (
        f'<img src="{esc(src(image))}" alt="{esc(image.alt or image.caption)}">' if image else ""
    )
    marks = f"Place {q.allowed} mark{'s' if q.allowed != 1 else ''}."
    return f'{head}<p class="question">{esc(q.prompt)}</p><p>{marks}</p><figure>{picture}</figure>'


def back_html(pack: Pack, case: Case, question, keyed_src: Callable[[Image], str]) -> str:
    q = question
    if q.kind == "choose":
        keys = "".join(f"<li>{esc(q.choices[k])}</li>" for k in q.keys)
        out = f"<p>Right:</p><ul>{keys}</ul>"
        if q.harmful:
            harm = "".join(f"<li>{esc(q.choices[k])}</li>" for k in q.harmful)
            out += f"<p>Harmful (scores 0):</p><ul>{harm}</ul>"
        out += f"<p>Credit: the share of the {len(q.keys)} right choices chosen; 0 with a harmful one or more than {q.allowed}.</p>"
    elif q.kind == "rank":
        items = "".join(f"<li>{esc(item_label(pack, i))}</li>" for i in q.items)
        out = (
            f"<p>Right order:</p><ol>{items}</ol><p>Credit: the longest run of your order that "
            "keeps this relative order, divided by the number of items.</p>"
        )
    elif q.kind == "concordance":
        top = max(q.panel.values())
        rows = "".join(
            f"<tr><td>{s:+d}</td><td>{esc(SCALE_WORDS[s])}</td><td>{q.votes(s)}</td>"
            f"<td>{q.votes(s) / top:.0%}</td></tr>".replace("+0", "0")
            for s in SCALE
        )
        out = (
            '<table class="panel"><thead><tr><th>Step</th><th></th><th>Experts</th>'
            f"<th>Credit</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    else:
        image = question_image(case, q)
        picture = (
            f'<img src="{esc(keyed_src(image))}" alt="The key regions outlined">' if image else ""
        )
        out = (
            f"<figure>{picture}<figcaption>Outlined: {esc(', '.join(q.keys))}</figcaption></figure>"
            "<p>Credit: key regions with a mark ÷ the larger of the number of keys and of marks placed.</p>"
        )
    if q.explain.strip():
        out += markdown(q.explain)
    return out


def keyed_image(pack: Pack, image: Image, keys: list[str], prefix: str = "") -> WebImage:
    """The web version of *image* with the regions named by *keys* outlined."""
    from PIL import Image as PILImage

    from quiz.imaging.overlay import draw_outlines

    base = web_image(pack.image_path(image), image.file, prefix)
    with PILImage.open(io.BytesIO(base.data)) as im:
        drawn = draw_outlines(
            im.convert("RGB"), [r.box for r in image.regions if r.label in keys], KEY_COLOUR
        )
    out = io.BytesIO()
    drawn.save(out, "PNG", optimize=True)
    import hashlib

    data = out.getvalue()
    return WebImage(
        f"{prefix}keys-{hashlib.sha256(data).hexdigest()[:16]}.png",
        data,
        "image/png",
        drawn.width,
        drawn.height,
    )
