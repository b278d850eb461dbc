"""The printable HTML handout: every case with its images first, answers and discussion at the
end, all pack text escaped, nothing loaded from the network."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from support import REPO, run_cli

from quiz.export.content import esc
from quiz.export.html import export_html
from quiz.pack.loader import load_pack


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_the_handout_has_every_case_then_the_answers(tmp_path: Path):
    pack = load_pack(REPO).pack
    export_html(pack, tmp_path / "h")
    page = (tmp_path / "h" / "index.html").read_text(encoding="utf-8")
    cases_part, answers_part = page.split('<section id="answers">')
    flat = " ".join(cases_part.split())
    for n, case in enumerate(pack.cases, 1):
        article = re.search(rf'<article class="case" id="case-{n}">(.*?)</article>', flat).group(1)
        assert f'id="answer-{n}"' in answers_part
        assert esc(" ".join(case.stages[-1].text.split()[:8])) in article
        story = article.split('<ul class="choices">')[0]
        if case.title:
            assert esc(case.title) not in story  # titles give answers away
            assert esc(case.title) in answers_part
    parser = _Tags()
    parser.feed(page)
    images = [attrs for tag, attrs in parser.tags if tag == "img"]
    # Every stage's image, and each point question's picture twice: as asked, and in the
    # answers with its key regions drawn.
    points = sum(q.kind == "point" for c in pack.cases for q in c.questions)
    assert len(images) == sum(len(s.images) for c in pack.cases for s in c.stages) + 2 * points
    for attrs in images:
        assert (
            not attrs["src"].startswith(("http", "//"))
            and (tmp_path / "h" / attrs["src"]).is_file()
        )
        assert attrs.get("alt")
    assert not [t for t, _ in parser.tags if t in ("script", "iframe", "link", "object")]
    assert "Content-Security-Policy" in page and "@media print" in page


def test_hostile_text_is_escaped(tmp_path: Path, example_pack: Path):
    case = example_pack / "cases" / "white-plaque-cheek.yaml"
    case.write_text(
        case.read_text()
        .replace(
            "text: A skin biopsy is taken.",
            "text: '<script>alert(1)</script> <img src=x onerror=alert(1)>'",
        )
        .replace("Markdown teaching points", "Markdown <iframe src=http://evil> points")
    )
    export_html(load_pack(example_pack).pack, tmp_path / "h")
    parser = _Tags()
    parser.feed((tmp_path / "h" / "index.html").read_text(encoding="utf-8"))
    assert not [t for t, a in parser.tags if t in ("script", "iframe") or "onerror" in a]


def test_the_handout_replaces_an_earlier_one_but_no_other_folder(tmp_path: Path):
    result = run_cli(
        "export", str(REPO / "tests/packs/example"), "--to", "html", "-o", str(tmp_path / "h")
    )
    assert result.returncode == 0, result.stderr
    assert (
        run_cli(
            "export", str(REPO / "tests/packs/example"), "--to", "html", "-o", str(tmp_path / "h")
        ).returncode
        == 0
    )
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "thesis.docx").write_text("precious")
    result = run_cli(
        "export", str(REPO / "tests/packs/example"), "--to", "html", "-o", str(tmp_path / "other")
    )
    assert result.returncode == 2 and "other files" in result.stderr
    assert (tmp_path / "other" / "thesis.docx").read_text() == "precious"
    assert re.search(
        r"cases, \d+ images",
        run_cli(
            "export", str(REPO / "tests/packs/example"), "--to", "html", "-o", str(tmp_path / "h")
        ).stdout,
    )


def test_exported_images_carry_no_camera_metadata(tmp_path):
    import io
    import shutil

    from PIL import Image

    from quiz.export.media import web_image

    photo = tmp_path / "photo.jpg"
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (48.0, 51.0, 0.0)}  # GPS latitude
    Image.new("RGB", (40, 30), (200, 150, 150)).save(photo, "JPEG", exif=exif.tobytes())
    assert "exif" in Image.open(photo).info
    web = web_image(photo, "photo.jpg")
    with Image.open(io.BytesIO(web.data)) as out:
        assert "exif" not in out.info and out.size == (40, 30)
    assert b"SecretCam" not in web.data
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_exported_image_names_do_not_give_the_diagnosis_away(tmp_path):
    from quiz.export.media import web_image

    # The built-in images sit in neutral per-case folders; an author's pack may not.
    source = next((REPO / "images").rglob("*.jpg"))
    image = web_image(source, "calciphylaxis/" + source.name)
    assert "calciphylaxis" not in image.name and image.name.startswith("img-")
    assert image.name == web_image(source, "other/label.jpg").name  # named by content


def test_tags_are_with_the_answers_not_the_cases(tmp_path):
    from blistering import write_blistering_pack

    from quiz.export.html import export_html
    from quiz.pack.loader import load_pack

    pack = load_pack(write_blistering_pack(tmp_path / "b")).pack
    export_html(pack, tmp_path / "out")
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    cases, answers = page.split('<section id="answers">')
    assert "gluten" not in cases and "Tags: gluten" in answers
