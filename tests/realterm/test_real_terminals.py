"""DermQuiz in real terminals under Xvfb: the picture a learner sees, judged on a screenshot.

xterm -ti vt340 draws Sixel and says so when asked: on `auto` the histology must come out as
a bitmap (fine detail >= 0.4), `--graphics halfcell` as blocks, a plain xterm (no Sixel) as
blocks, and keys typed while the app starts must all arrive. Kitty, when installed, must get
its own protocol. Skipped, with the apt line to run, only when the programs are missing.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.realterm.xsession import APT, REPO, Terminal, XServer, fine_detail, missing_binaries

pytestmark = pytest.mark.skipif(
    bool(missing_binaries()),
    reason=f"real-terminal tests need {', '.join(missing_binaries())}: {APT}",
)


def _case_histology(case_id: str) -> Path:
    """The H&E picture a built-in case shows, found through its case file (folders are renamed)."""
    import yaml

    case = yaml.safe_load((REPO / "cases" / f"{case_id}.yaml").read_text(encoding="utf-8"))
    files = [
        image["file"]
        for stage in case["stages"]
        for image in stage.get("images", [])
        if image.get("kind") == "histology"
    ]
    return REPO / "images" / files[0]


HE = _case_histology("white-plaque-cheek")  # an H&E picture of the built-in pack
BITMAP = 0.4  # fine detail at or above: a bitmap (Sixel measured ~0.8, half-blocks < 0.1)
BLOCKS = 0.2
FILLED = 15000  # stained pixel pairs when the picture fills its panel (about 40,000 here)

CASE = """\
id: {id}
title: Picture
difficulty: 1
stages:
{stages}
findings: {{calcium_phosphate: normal, tissue_damage: absent, site: face}}
answer: idiopathic
discussion: Test.
references: [Test.]
"""

PICTURE = """\
    images:
      - file: he.jpg
        kind: histology
        stain: H&E
        caption: H&E.
        alt: Pink and purple tissue."""


def _stages(picture_at: int) -> str:
    lines = []
    for n in range(1, 4):
        lines.append(f"  - name: Stage {n}\n    text: Stage {n} text.")
        if n == picture_at:
            lines.append(PICTURE)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def xserver():
    with XServer() as x:
        yield x


@pytest.fixture
def pack(tmp_path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(REPO / "tests" / "packs" / "example", root)  # its pack.yaml and entities
    for old in (root / "cases").glob("*.yaml"):
        old.unlink()
    shutil.copy(HE, root / "images" / "he.jpg")
    (root / "cases" / "first.yaml").write_text(CASE.format(id="first", stages=_stages(1)))
    (root / "cases" / "third.yaml").write_text(CASE.format(id="third", stages=_stages(3)))
    return root


def _run(
    xserver,
    pack,
    tmp_path,
    case: str,
    kind: str = "vt340",
    graphics: str | None = None,
    type_at_start: str = "",
) -> tuple[float, int]:
    argv = ["play", str(pack), "--cases", case, "--data-dir", str(tmp_path / "data")]
    if graphics:
        argv += ["--graphics", graphics]
    term = Terminal(xserver, argv, kind=kind, env={"DERMQUIZ_CACHE_DIR": str(tmp_path / "cache")})
    try:
        term.wait_window()
        if type_at_start:
            xserver.type(type_at_start)  # while Python starts and the terminal is asked
        return term.wait_picture(f"{kind}-{graphics or 'auto'}-{case}")
    finally:
        term.close()


def test_the_measure_tells_a_bitmap_from_blocks():
    from PIL import Image

    from quiz.imaging.halfblock import ansi_lines  # noqa: F401  (the renderer exists)

    photo = Image.open(HE).convert("RGB").resize((400, 300))
    blocks = photo.resize((100, 75), Image.Resampling.BOX).resize(
        (400, 300), Image.Resampling.NEAREST
    )
    assert fine_detail(photo)[0] >= 0.8
    assert fine_detail(blocks)[0] < 0.3


def test_auto_in_xterm_vt340_draws_a_sixel_bitmap(xserver, pack, tmp_path):
    detail, pairs = _run(xserver, pack, tmp_path, "first")
    assert detail >= BITMAP, f"fine detail {detail:.2f} over {pairs} pixel pairs: blocks, not Sixel"


def test_halfcell_chosen_in_xterm_vt340_still_draws_blocks(xserver, pack, tmp_path):
    detail, pairs = _run(xserver, pack, tmp_path, "first", graphics="halfcell")
    assert pairs > FILLED, f"no picture on screen ({pairs} stained pixel pairs)"
    assert detail < BLOCKS, f"fine detail {detail:.2f}: not half-cell blocks"


def test_plain_xterm_without_sixel_gets_blocks(xserver, pack, tmp_path):
    detail, pairs = _run(xserver, pack, tmp_path, "first", kind="xterm")
    assert pairs > FILLED, f"no picture on screen ({pairs} stained pixel pairs)"
    assert detail < BLOCKS, f"fine detail {detail:.2f}: a bitmap where Sixel is off?"


def test_keys_typed_while_the_app_starts_all_arrive(xserver, pack, tmp_path):
    # The picture is at stage 3: it shows only if both "n" typed at start-up arrived.
    detail, pairs = _run(xserver, pack, tmp_path, "third", type_at_start="nn")
    assert pairs > FILLED, "no picture: a key typed during start-up was lost"
    assert detail >= BITMAP


def test_the_image_command_asks_too(xserver, tmp_path):
    term = Terminal(
        xserver,
        ["image", str(HE), "--cols", "60", "--rows", "20"],
        hold=True,
        env={"DERMQUIZ_CACHE_DIR": str(tmp_path / "cache")},
    )
    try:
        term.wait_window()
        detail, pairs = term.wait_picture("vt340-image-command")
    finally:
        term.close()
    assert pairs > FILLED and detail >= BITMAP, f"fine detail {detail:.2f} over {pairs} pairs"


def test_a_font_change_redraws_the_picture_to_fill_its_panel(xserver, pack, tmp_path):
    # The cells stay 100x32 but grow from 7x14 to 10x20 pixels: the Sixel picture, drawn in
    # pixels, must be drawn again bigger, not left small (or cut when the font shrinks).
    argv = ["play", str(pack), "--cases", "first", "--data-dir", str(tmp_path / "data")]
    term = Terminal(
        xserver,
        argv,
        cols=100,
        rows=32,
        env={"DERMQUIZ_CACHE_DIR": str(tmp_path / "cache")},
        xterm_args=("-xrm", "XTerm*allowFontOps: true"),
    )
    try:
        term.wait_window()
        small, before = term.wait_picture("font-before")
        term.write_to_screen(b"\x1b]50;10x20\x07")  # what xterm's font menu does
        time.sleep(1)
        big, after = term.wait_picture("font-after")
    finally:
        term.close()
    assert small >= BITMAP and big >= BITMAP
    assert after > 1.6 * before, f"stained pairs {before} -> {after}: the picture did not grow"


@pytest.mark.skipif(
    shutil.which("kitty") is None,
    reason="kitty is not installed "
    "(apt-get install kitty; it runs under Xvfb with LIBGL_ALWAYS_SOFTWARE=1)",
)
def test_auto_in_kitty_gets_its_protocol_or_blocks_never_boxes(xserver, pack, tmp_path):
    version = subprocess.run(
        ["kitty", "--version"], capture_output=True, text=True, timeout=20, check=True
    ).stdout.split()[1]
    detail, pairs = _run(xserver, pack, tmp_path, "first", kind="kitty")
    assert pairs > FILLED, f"no picture ({pairs} stained pairs): placeholder boxes?"
    if tuple(int(p) for p in version.split(".")[:2]) >= (0, 28):
        assert detail >= BITMAP, f"kitty {version}: fine detail {detail:.2f}"
    else:  # Debian 12's 0.26.5 draws no Unicode placeholders: blocks, not empty boxes
        assert detail < BLOCKS, f"kitty {version}: fine detail {detail:.2f}"
