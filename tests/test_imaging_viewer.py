"""The image viewer widget in a tiny app: zoom crops the source, r jumps to a labelled region,
[ ] switch images, a broken file shows its alt text. Waits on workers, never on the clock."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image
from textual.app import App, ComposeResult

from quiz.imaging import DiskCache, ImageStore
from quiz.tui.widgets.image_canvas import ImageCanvas
from quiz.tui.widgets.image_viewer import ImageViewer

try:
    from quiz.pack.models import Image as ImageMeta
    from quiz.pack.models import Region
except ImportError:  # the pack model is someone else's module: fall back to duck typing
    ImageMeta = Region = SimpleNamespace  # type: ignore[assignment,misc]


def _meta(file: str, **extra):
    fields = {
        "file": file,
        "kind": "histology",
        "caption": "Deposits in the dermis.",
        "alt": None,
        "stain": "H&E",
        "magnification": 100.0,
        "regions": [],
        "credit": None,
    }
    fields.update(extra)
    return ImageMeta(**fields)


class ViewerApp(App):
    def __init__(self, items, graphics="halfcell", store=None):
        super().__init__()
        self.items, self.graphics, self.store = items, graphics, store
        self.regions_shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield ImageViewer(self.items, graphics=self.graphics, store=self.store)

    def on_mount(self) -> None:
        self.query_one(ImageViewer).focus()

    def on_image_viewer_region_shown(self, message: ImageViewer.RegionShown) -> None:
        self.regions_shown.append(message.label)


async def settle(pilot) -> None:
    """Let every render worker finish and its result message be handled."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def slide(tmp_path) -> Path:
    path = tmp_path / "slide.png"
    im = Image.new("RGB", (400, 300), (240, 230, 235))
    im.paste((90, 40, 120), (140, 120, 240, 180))  # a dark "deposit"
    im.save(path)
    return path


@pytest.fixture
def store(tmp_path) -> ImageStore:
    return ImageStore(DiskCache(tmp_path / "cache"))


async def test_zoom_pan_and_regions(slide, store):
    meta = _meta(
        "slide.png",
        regions=[
            Region(label="calcium deposit", box=(0.35, 0.4, 0.25, 0.2)),
            Region(label="epidermis", box=(0.0, 0.0, 1.0, 0.1)),
        ],
    )
    app = ViewerApp([(slide, meta)], store=store)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        viewer = app.query_one(ImageViewer)
        canvas = app.query_one(ImageCanvas)
        assert viewer.current_view is not None
        assert viewer.current_view.region == (0.0, 0.0, 400.0, 300.0)
        assert canvas.rows and "▀" in canvas.rows[0].text
        assert "H&E" in str(app.query_one("#caption").render())

        await pilot.press("plus")
        await settle(pilot)
        x, _, w, h = viewer.current_view.region
        assert w < 400 and h <= 300
        assert x + w / 2 == pytest.approx(200, abs=1)

        await pilot.press("l")
        await settle(pilot)
        assert viewer.current_view.region[0] > x  # panned right

        await pilot.press("r")
        await settle(pilot)
        assert viewer.region_label == "calcium deposit"
        assert app.regions_shown == ["calcium deposit"]
        assert "calcium deposit" in str(app.query_one("#status").render())
        rx, _, rw, _ = viewer.current_view.region
        assert rx <= 140 and rx + rw >= 240  # the region is inside the view
        assert rw < 400

        await pilot.press("r")
        await settle(pilot)
        assert viewer.region_label == "epidermis"

        await pilot.press("0")
        await settle(pilot)
        assert viewer.current_view.region == (0.0, 0.0, 400.0, 300.0)


async def test_next_image_and_a_broken_one_shows_its_alt_text(slide, store, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_text("not a png")
    items = [
        (slide, _meta("slide.png")),
        (broken, _meta("broken.png", alt="A chalk-white plaque on the cheek.")),
    ]
    app = ViewerApp(items, store=store)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        viewer = app.query_one(ImageViewer)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert viewer.index == 1
        text = app.query_one(ImageCanvas).text
        assert text is not None and "A chalk-white plaque on the cheek." in text
        assert "broken.png" in viewer.error
        assert "2/2" in str(app.query_one("#caption").render())
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert viewer.index == 0 and viewer.current_view is not None


async def test_graphics_none_shows_alt_text_only(slide, store):
    app = ViewerApp(
        [(slide, _meta("slide.png", alt="Purple masses among pink collagen."))],
        graphics="none",
        store=store,
    )
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        canvas = app.query_one(ImageCanvas)
        assert "Purple masses among pink collagen." in (canvas.text or "")
        assert not canvas.rows


async def test_full_screen_toggles_maximize(slide, store):
    app = ViewerApp([(slide, _meta("slide.png"))], store=store)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        viewer = app.query_one(ImageViewer)
        await pilot.press("z")
        await settle(pilot)
        assert app.screen.maximized is viewer
        await pilot.press("z")
        await settle(pilot)
        assert app.screen.maximized is None
