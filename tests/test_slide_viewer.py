"""The image viewer on a whole slide: it opens on the case's `view:`, zooms from the whole
slide to full resolution and back with the usual keys, pans across tiles, and says the
magnification and a scale bar. Waits on workers, never on the clock."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("openslide")
pytest.importorskip("tifffile")

from benchmarks.slidegen import synthetic_slide, tile_colour
from quiz.imaging import DiskCache, ImageStore
from quiz.pack.models import Image as ImageMeta
from quiz.pack.models import ImageView
from quiz.tui.widgets.image_canvas import ImageCanvas
from quiz.tui.widgets.image_viewer import ImageViewer
from tests.test_imaging_viewer import ViewerApp, settle


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    return synthetic_slide(tmp_path_factory.mktemp("slides") / "big.tif", tile=512)


@pytest.fixture
def store(tmp_path) -> ImageStore:
    return ImageStore(DiskCache(tmp_path / "cache"))


def _status(app) -> str:
    return str(app.query_one("#status").render())


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_zoom_from_the_whole_slide_to_full_resolution_and_pan(big, store, size):
    meta = ImageMeta(file="big.tif", kind="histology", alt="Coloured tiles.")
    app = ViewerApp([(big, meta)], store=store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        viewer = app.query_one(ImageViewer)
        assert viewer.current_view.region == pytest.approx((0, 0, 60_000, 40_000), abs=1e-3)
        assert re.search(r"≈0\.0\d+× · ├─+┤ \d mm", _status(app))  # 0.25 µm/px, 770 px a cell
        widths = [viewer.current_view.region[2]]
        for _ in range(30):  # + until it stops: the scan's full resolution and past it 2x
            await pilot.press("plus")
            await settle(pilot)
            widths.append(viewer.current_view.region[2])
            if widths[-1] == widths[-2]:
                break
        view = viewer.current_view
        cols = app.query_one(ImageCanvas).size.width
        assert view.region[2] / view.image.width == pytest.approx(0.5, rel=0.05)  # 2x2 per pixel
        assert widths[-1] <= cols  # a screen cell is at most a scan pixel
        assert "≈80×" in _status(app) and "µm" in _status(app)  # 0.25 µm/px, shown at 2x
        # The blocks read were of every level on the way, never a whole level.
        assert store.slides.blocks_read < 60
        # Pan right across tile borders: the view moves, the colours follow the tiles.
        x0 = view.region[0]
        for _ in range(8):
            await pilot.press("l")
            await settle(pilot)
        x1, y1, w1, h1 = viewer.current_view.region
        assert x1 > x0
        cx, cy = x1 + w1 / 2, y1 + h1 / 2
        middle = viewer.current_view.image.getpixel(
            (viewer.current_view.image.width // 2, viewer.current_view.image.height // 2)
        )
        expected = tile_colour(int(cx // 512), int(cy // 512))
        assert middle[:3] == pytest.approx(expected, abs=8)
        await pilot.press("0")
        await settle(pilot)
        assert viewer.current_view.region == pytest.approx((0, 0, 60_000, 40_000), abs=1e-3)


async def test_the_viewer_opens_on_the_case_view_with_the_overview_inset(big, store):
    meta = ImageMeta(
        file="big.tif",
        kind="histology",
        alt="Coloured tiles.",
        view=ImageView(center=(0.75, 0.25), field=0.05),
    )
    app = ViewerApp([(big, meta)], store=store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        viewer = app.query_one(ImageViewer)
        x, y, w, h = viewer.current_view.region
        assert w == pytest.approx(3000)
        assert (x + w / 2, y + h / 2) == pytest.approx((45_000, 10_000))
        assert viewer.viewport.is_zoomed
        assert "zoom" in _status(app) and "≈" in _status(app)
