"""Export a pack as a printable HTML handout: a folder with index.html and images/.

The cases come first, each with its stages, images, question and choices, and nothing that
gives the answer away (not even the title); the answers with their explanation and the
teaching points follow at the end. The page loads nothing from the network and runs no script.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from quiz.export import ExportError
from quiz.export.content import answer_html, choices_html, esc, markdown, stages_html
from quiz.export.media import ImageSet
from quiz.pack.lint import rivals
from quiz.pack.pack import Pack

GENERATOR = '<meta name="generator" content="DermQuiz handout">'

CSS = """
body { font-family: Georgia, "Times New Roman", serif; max-width: 48em; margin: 2em auto;
  padding: 0 1em; line-height: 1.45; color: #111; }
h1, h2, h3, h4 { font-family: system-ui, sans-serif; }
figure { margin: .6em 0; }
figure img { max-width: 100%; max-height: 60vh; height: auto; border: 1px solid #ccc; }
figcaption { font-size: .9em; color: #444; }
.meta, .credit { color: #666; font-size: .9em; }
ul.choices { columns: 2; }
.depth-1 { margin-left: 1em; } .depth-2 { margin-left: 2em; }
.depth-3, .depth-4, .depth-5 { margin-left: 3em; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 2px 6px; }
article.case, article.answer { border-top: 2px solid #333; margin-top: 2em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  article.case { break-before: page; border: none; }
  #answers { break-before: page; }
  figure { break-inside: avoid; } figure img { max-height: 9cm; }
  a { color: inherit; text-decoration: none; }
}
"""


def export_html(pack: Pack, output: Path) -> dict[str, int]:
    """Write the handout into folder *output*; return counts (cases, images)."""
    _prepare(output)
    images = ImageSet(pack)
    keyed: dict[str, object] = {}  # point questions' pictures with their key regions drawn
    number = {case.id: n for n, case in enumerate(pack.cases, 1)}
    cases, answers = [], []
    for case in pack.cases:
        n = number[case.id]
        # Tags go with the answer: "gluten" on a case names its diagnosis.
        tags = f'<p class="meta">Tags: {esc(", ".join(case.tags))}</p>' if case.tags else ""
        cases.append(
            f'<article class="case" id="case-{n}"><h2>Case {n}</h2>'
            f'<p class="meta">Difficulty {case.difficulty} of 5</p>'
            + stages_html(
                case,
                lambda img: "images/" + images.get(img).name,
                views=lambda img: [(n, "images/" + w.name) for n, w in images.views(img)],
            )
            + f'<p class="question"><strong>{esc(pack.question(case))}</strong></p>'
            + choices_html(pack, case)
            + _questions(pack, case, images, keyed, front=True)
            + "</article>"
        )
        title = f": {esc(case.title)}" if case.title else ""
        answers.append(
            f'<article class="answer" id="answer-{n}"><h3>Case {n}{title}</h3>'
            + answer_html(pack, case, rivals=rivals(pack, case)[0])
            + tags
            + _questions(pack, case, images, keyed, front=False)
            + "</article>"
        )
    authors = ", ".join(esc(a.name) for a in pack.manifest.authors)
    head = (
        f'<h1>{esc(pack.title)}</h1><p class="meta">Version {esc(pack.version)}'
        + (f" · {authors}" if authors else "")
        + (f" · {esc(pack.manifest.license)}" if pack.manifest.license else "")
        + "</p>"
        + markdown(pack.manifest.description)
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'">
{GENERATOR}
<title>{esc(pack.title)} — cases</title><style>{CSS}</style></head>
<body>
<header>{head}<p>{len(pack.cases)} cases; the answers follow at the end.</p></header>
<main>
<section id="cases">
{chr(10).join(cases)}
</section>
<section id="answers"><h2>Answers and discussion</h2>
{chr(10).join(answers)}
</section>
</main></body></html>
"""
    try:
        folder = output / "images"
        folder.mkdir()
        for image in images.all() + list(keyed.values()):
            (folder / image.name).write_bytes(image.data)
        (output / "index.html").write_text(page, encoding="utf-8")
    except OSError as exc:
        raise ExportError(
            f"cannot write the handout into {output}: {exc.strerror or exc} — "
            "check the folder is writable"
        ) from None
    return {"cases": len(pack.cases), "images": len(images.all())}


def _questions(pack: Pack, case, images: ImageSet, keyed: dict, *, front: bool) -> str:
    """Format 2: the case's questions (front: as asked; else their answers)."""
    if not case.questions:
        return ""
    from quiz.export.question_content import back_html, front_html, keyed_image

    def keyed_src(img) -> str:
        made = keyed_image(
            pack,
            img,
            [
                k
                for q in case.questions
                if q.kind == "point" and q.image == img.file
                for k in q.keys
            ],
        )
        keyed[made.name] = made
        return "images/" + made.name

    parts = []
    for q in case.questions:
        body = (
            front_html(pack, case, q, lambda img: "images/" + images.get(img).name)
            if front
            else back_html(pack, case, q, keyed_src)
        )
        parts.append(f'<section class="qitem"><h4>Question {esc(q.id)}</h4>{body}</section>')
    heading = "Further questions" if front else "The further questions"
    return f'<section class="questions"><h3>{heading}</h3>{"".join(parts)}</section>'


def _prepare(output: Path) -> None:
    """An empty folder, or an earlier handout to replace; anything else is left alone."""
    if output.exists() and not output.is_dir():
        raise ExportError(f"{output} is a file — `--to html` writes a folder; give a folder name")
    if output.is_dir() and any(output.iterdir()):
        index = output / "index.html"
        earlier = (
            index.is_file()
            and GENERATOR in index.read_text(encoding="utf-8", errors="replace")[:2000]
        )
        others = {p.name for p in output.iterdir()} - {"index.html", "images"}
        if not earlier or others:
            raise ExportError(
                f"{output} is a folder with other files in it — give a new or "
                "empty folder for the handout"
            )
        index.unlink()
        shutil.rmtree(output / "images", ignore_errors=True)
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot make the folder {output}: {exc.strerror or exc}") from None
