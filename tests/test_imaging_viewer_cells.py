"""The viewer sizes pictures by the terminal's real cell size: Sixel fills its panel in whole
cells of its own shape, half-cell blocks keep the picture's shape with a non-1:2 font."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image
from textual.app import App, ComposeResult

from quiz.imaging import ImageStore
from quiz.tui.widgets.image_canvas import ImageCanvas
from quiz.tui.widgets.image_viewer import ImageViewer


class ViewerApp(App):
    def __init__(self, items, graphics):
        super().__init__()
        self.items, self.graphics = items, graphics

    def compose(self) -> ComposeResult:
        yield ImageViewer(self.items, graphics=self.graphics, store=ImageStore())


async def _shown(pilot) -> ImageCanvas:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.query_one(ImageCanvas)


@pytest.fixture
def slide(tmp_path) -> list:
    path = tmp_path / "slide.png"
    Image.new("RGB", (1600, 1200), (200, 100, 180)).save(path)
    meta = SimpleNamespace(
        file="slide.png",
        kind="histology",
        caption="c",
        alt=None,
        stain="H&E",
        magnification=100.0,
        regions=[],
        credit=None,
    )
    return [(Path(path), meta)]


@pytest.fixture
def cell(monkeypatch):
    """A 6x13 font, as the kernel (or the terminal's answer) would tell."""
    from quiz.imaging import protocol

    monkeypatch.setattr(protocol, "_ioctl_cell_size", lambda: (6, 13))
    return 6, 13


async def test_sixel_pictures_are_whole_cells_of_the_real_size_and_fit(slide, cell):
    app = ViewerApp(slide, "sixel")
    async with app.run_test(size=(100, 40)) as pilot:
        canvas = await _shown(pilot)
        graphics = canvas._graphics
        assert graphics is not None, "textual-image's Sixel widget"
        image = graphics.image
        cols, rows = graphics.styles.width.value, graphics.styles.height.value
        assert image.size == (cols * 6, rows * 13)  # nothing to stretch
        assert cols <= canvas.size.width and rows <= canvas.size.height
        assert image.width / image.height == pytest.approx(4 / 3, rel=0.5 / min(cols, rows))
        assert cols >= canvas.size.width - 1 or rows >= canvas.size.height - 1  # fills
        from textual_image import _terminal

        assert _terminal.get_cell_size() == (6, 13)  # textual-image scales by the same cells


async def test_half_cell_pictures_keep_their_shape_with_a_6x13_font(slide, cell):
    app = ViewerApp(slide, "halfcell")
    async with app.run_test(size=(100, 40)) as pilot:
        canvas = await _shown(pilot)
        rows = canvas.rows
        width = max(strip.cell_length for strip in rows) if rows else 0
        # A block is 6 wide and 6.5 high: width*6 / (2*len(rows)*6.5) is the picture's 4:3.
        on_screen = (width * 6) / (len(rows) * 13)
        assert on_screen == pytest.approx(4 / 3, rel=0.05)
