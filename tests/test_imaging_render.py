"""Half-block rendering, captions, and the `dermquiz image` command."""

from __future__ import annotations

import io
from types import SimpleNamespace

from PIL import Image
from support import SCAN

from quiz.imaging import alt_text, ansi_lines, caption_line, draw_outlines, segment_rows
from quiz.imaging.command import run_image_command


def test_two_pixels_per_cell_upper_as_glyph_lower_as_background():
    im = Image.new("RGB", (2, 2))
    im.putpixel((0, 0), (255, 0, 0))
    im.putpixel((0, 1), (0, 0, 255))
    im.putpixel((1, 0), (255, 0, 0))
    im.putpixel((1, 1), (0, 0, 255))
    (line,) = ansi_lines(im)
    assert line == "\x1b[38;2;255;0;0;48;2;0;0;255m▀▀\x1b[0m"  # one run, merged
    (row,) = segment_rows(im)
    assert [s.text for s in row] == ["▀▀"]
    assert row[0].style.color.triplet == (255, 0, 0)
    assert row[0].style.bgcolor.triplet == (0, 0, 255)


def test_transparent_pixels_leave_the_terminal_background():
    im = Image.new("RGBA", (2, 3), (0, 0, 0, 0))
    im.putpixel((0, 1), (0, 255, 0, 255))
    lines = ansi_lines(im)
    assert len(lines) == 2  # an odd height still shows its last row
    assert lines[0].startswith("\x1b[0;38;2;0;255;0m▄")  # green below, nothing above
    rows = segment_rows(im)
    assert rows[0][0].text == "▄" and rows[0][0].style.bgcolor is None
    assert rows[0][1].text == " " and rows[0][1].style.color is None


def test_outlines_are_drawn_onto_a_copy():
    im = Image.new("RGB", (20, 20), (255, 255, 255))
    out = draw_outlines(im, [(0.25, 0.25, 0.5, 0.5)], (255, 0, 0))
    assert out.getpixel((5, 5)) == (255, 0, 0) and out.getpixel((10, 10)) == (255, 255, 255)
    assert im.getpixel((5, 5)) == (255, 255, 255)


def test_caption_has_position_kind_stain_and_magnification_and_no_escapes():
    meta = SimpleNamespace(
        kind="histology",
        stain="H&E",
        magnification=100.0,
        alt=None,
        caption="Basophilic\x1b[2J deposits\n in the dermis.",
        file="x.png",
    )
    assert (
        caption_line(meta, 0, 2)
        == "1/2 · Histology · H&E · ×100 · Basophilic deposits in the dermis."
    )
    assert alt_text(meta) == "Basophilic deposits in the dermis."
    assert alt_text(SimpleNamespace(alt="A white plaque.")) == "A white plaque."


def _run(*args, **kwargs):
    out, err = io.StringIO(), io.StringIO()
    code = run_image_command(*args, out=out, err=err, **kwargs)
    return code, out.getvalue(), err.getvalue()


def test_the_command_prints_half_blocks_of_the_asked_size(tmp_path):
    path = tmp_path / "wide.png"
    Image.new("RGB", (400, 100), (10, 20, 30)).save(path)
    code, out, err = _run(str(path), 40, 20, None)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 5  # 40 x 10 pixels: the width decides
    assert lines[0].count("▀") == 40 and "38;2;10;20;30" in lines[0]


def test_the_command_fails_cleanly_on_a_bad_file(tmp_path):
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not really")
    code, out, err = _run(str(path), 20, 10, None)
    assert code == 1 and out == ""
    assert "broken.jpg" in err and "Traceback" not in err


def test_the_command_with_graphics_none_names_the_picture(tmp_path):
    path = tmp_path / "p.png"
    Image.new("RGB", (30, 20)).save(path)
    code, out, _ = _run(str(path), None, None, "none")
    assert code == 0 and "p.png: 30x20" in out


def test_the_command_kitty_and_sixel_escapes(tmp_path):
    path = tmp_path / "p.png"
    Image.new("RGB", (30, 20), (200, 0, 0)).save(path)
    code, out, _ = _run(str(path), 10, 5, "kitty")
    assert code == 0 and out.startswith("\x1b_Ga=T,f=24,") and out.rstrip("\n").endswith("\x1b\\")
    code, out, _ = _run(str(path), 10, 5, "sixel")
    assert code == 0 and out.startswith("\x1bP") and "\x1b\\" in out


def test_the_command_on_the_real_scan_defaults_to_80_by_40_in_a_pipe():
    code, out, _ = _run(str(SCAN), None, None, None)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 40
    assert max(line.count("▀") for line in lines) <= 80


def test_the_command_returns_once_its_preview_is_on_disk(tmp_path, monkeypatch):
    """The preview is written in a thread while the picture is drawn: a slow disk must not
    let the command return (and the process end) before the entry is whole."""
    import time

    from quiz.imaging.diskcache import DiskCache

    monkeypatch.setenv("DERMQUIZ_CACHE_DIR", str(tmp_path / "cache"))
    save = DiskCache.save

    def slow_save(self, *args):
        time.sleep(0.3)  # a slow disk, not a wait for the app
        save(self, *args)

    monkeypatch.setattr(DiskCache, "save", slow_save)
    path = tmp_path / "big.png"
    Image.new("RGB", (3000, 2000), (200, 120, 160)).save(path)
    code, out, err = _run(str(path), 40, 20, "halfcell")
    assert code == 0 and err == "" and "▀" in out
    assert list((tmp_path / "cache").rglob("*.dqimg")), "the preview was not on disk yet"
