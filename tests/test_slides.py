"""Whole-slide files: recognised, checked without pixels, viewed from the tiles of one level,
cut out with `dermquiz crop`, exported as rendered views, kept out of zipped packs.

The slides are made here with tifffile: the CC0 H&E scan as a pyramidal TIFF with JPEG tiles,
and a synthetic 60,000 x 40,000 slide written tile by tile (one second, about 20 MB)."""

from __future__ import annotations

import os
import shutil
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from PIL import Image

pytest.importorskip("openslide")
pytest.importorskip("tifffile")

from support import SCAN

from benchmarks.slidegen import (
    aperio_from_picture,
    slide_from_picture,
    synthetic_slide,
    tile_colour,
)
from quiz.imaging import (
    DiskCache,
    FrameRequest,
    ImageError,
    ImageStore,
    Viewport,
    check_image,
    prepare_frame,
)
from quiz.imaging.slide import check_slide, is_slide


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """60,000 x 40,000 at 0.25 µm/pixel; levels 15,000, 3,750, 938 wide; 512-pixel tiles."""
    path = tmp_path_factory.mktemp("slides") / "big.tif"
    return synthetic_slide(path, tile=512)


@pytest.fixture(scope="module")
def scan_slide(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("slides") / "skin.tif"
    return slide_from_picture(path, SCAN, mpp=0.5)


@pytest.fixture
def store(tmp_path) -> ImageStore:
    return ImageStore(DiskCache(tmp_path / "cache"))


# -- recognising and checking --------------------------------------------------------------


def test_a_slide_is_recognised_and_checked_from_its_header(big, tmp_path):
    assert is_slide(big)
    info = check_slide(big)
    assert info.size == (60_000, 40_000)
    assert [lvl[0] for lvl in info.levels] == [60_000, 15_000, 3_750, 938]
    assert info.mpp == pytest.approx(0.25)
    assert check_image(big) == (60_000, 40_000)  # the validator's entry point takes slides


def test_jpegs_and_striped_tiffs_stay_pictures(tmp_path):
    jpg, tif = tmp_path / "a.jpg", tmp_path / "b.tif"
    Image.new("RGB", (40, 30), "red").save(jpg)
    Image.new("RGB", (40, 30), "red").save(tif)
    assert not is_slide(jpg) and not is_slide(tif)
    assert check_image(tif) == (40, 30)


def test_the_scan_as_a_slide_keeps_its_pixels(scan_slide, store):
    assert check_image(scan_slide) == (2220, 2967)
    view = store.view(scan_slide, (222, 297))
    with Image.open(SCAN) as im:
        expected = im.convert("RGB").resize((222, 297), Image.Resampling.BOX)
    from PIL import ImageChops, ImageStat

    diff = ImageStat.Stat(ImageChops.difference(view.image, expected)).mean
    assert max(diff) < 12  # JPEG tiles and another resampler: close, not equal
    assert max(ImageStat.Stat(ImageChops.difference(view.image, expected.rotate(180))).mean) > 30


@pytest.mark.parametrize("width", [2220, 900, 420, 150])  # levels 3, 2, 1 and 0 (2x steps)
def test_each_level_of_the_scan_shows_the_same_place(scan_slide, store, width):
    """A 150-pixel view of a `width`-pixel field: read from the level that fits, and the
    same picture as the scan itself cropped and resized there."""
    from PIL import ImageChops, ImageStat

    region = (1000 - width / 2, 1500 - width / 2, width, width)
    view = store.view(scan_slide, (150, 150), region)
    with Image.open(SCAN) as im:
        x, y, w, h = view.region
        expected = im.convert("RGB").resize(
            (150, 150), Image.Resampling.BOX, box=(x, y, x + w, y + h)
        )
    assert max(ImageStat.Stat(ImageChops.difference(view.image, expected)).mean) < 14
    shifted = expected.transform(expected.size, Image.Transform.AFFINE, (1, 0, 20, 0, 1, 0))
    assert max(ImageStat.Stat(ImageChops.difference(view.image, shifted)).mean) > max(
        ImageStat.Stat(ImageChops.difference(view.image, expected)).mean
    )


def test_an_aperio_svs_gives_its_resolution_and_objective(tmp_path, store):
    svs = aperio_from_picture(tmp_path / "skin.svs", SCAN)
    info = check_slide(svs)
    assert (info.vendor, info.mpp, info.objective) == ("aperio", pytest.approx(0.499), 20.0)
    assert info.levels == ((2220, 2967), (555, 741))  # the thumbnail is not a level
    view = store.view(svs, (100, 100), (1000, 1500, 100, 100))
    assert view.mpp == pytest.approx(0.499) and view.image.size == (100, 100)


def test_a_truncated_slide_is_located(big, tmp_path):
    cut = tmp_path / "cut.tif"
    with open(big, "rb") as src, open(cut, "wb") as dst:
        dst.write(src.read(os.path.getsize(big) // 2))
    with pytest.raises(ImageError) as err:
        check_image(cut)
    assert str(cut) in str(err.value)
    assert "truncated" in str(err.value) and "copy the slide again" in str(err.value)


def test_a_file_named_like_a_slide_that_is_not_one(tmp_path):
    fake = tmp_path / "fake.svs"
    fake.write_bytes(b"II*\x00" + b"\x00" * 64)
    with pytest.raises(ImageError) as err:
        check_image(fake)
    assert str(fake) in str(err.value) and " — " in str(err.value)


def test_huge_tiles_are_refused(tmp_path):
    import numpy as np
    import tifffile

    path = tmp_path / "hugetiles.tif"
    with tifffile.TiffWriter(path) as tw:  # one 4,608 x 4,608 tile: past the per-tile limit
        tw.write(
            np.zeros((4608, 4608, 3), np.uint8),
            tile=(4608, 4608),
            compression="jpeg",
            photometric="rgb",
        )
    with pytest.raises(ImageError, match="tiles of 4608x4608"):
        check_image(path)


# -- viewing: the level that fits, its tiles only ----------------------------------------


def test_the_whole_slide_comes_from_the_smallest_level(big, store):
    view = store.view(big, (160, 100))
    assert view.source_size == (60_000, 40_000)
    assert view.image.size == (150, 100)
    assert view.mpp == pytest.approx(0.25)
    assert store.slides.blocks_read == 4  # 938 x 625: 2 x 2 blocks, nothing else


@pytest.mark.parametrize(
    ("zoom_w", "level_w"), [(60_000, 938), (6_000, 3_750), (1_500, 15_000), (160, 60_000)]
)
def test_each_zoom_reads_the_level_that_fits(big, store, zoom_w, level_w):
    store.view(big, (160, 100))  # the overview (the smallest level), as the viewer makes first
    before = set(store.slides.tiles._items)
    region = (20_000, 10_000, zoom_w, zoom_w * 100 / 160)
    view = store.view(big, (160, 100), region)
    new = set(store.slides.tiles._items) - before
    levels = {k[2] for k in new} or {3}  # nothing new: the overview served it
    assert len(levels) == 1
    assert store.slides.info(big, next(iter(before))[1]).levels[levels.pop()][0] == level_w
    assert len(new) <= 4  # a 160 px view never needs more
    assert view.image.size == (160, 100)


def test_full_resolution_shows_the_right_tile(big, store):
    # 512-pixel tiles: the tile at column 41, row 27 has its own colour.
    x, y = 41 * 512 + 100, 27 * 512 + 100
    view = store.view(big, (100, 100), (x, y, 100, 100))
    assert view.image.getpixel((50, 50)) == pytest.approx(tile_colour(41, 27), abs=6)


def test_pan_across_a_tile_border_at_full_resolution(big, store):
    """A view straddling tiles 41 and 42 shows each tile's colour on its side, no seam."""
    x, y = 42 * 512 - 80, 27 * 512 + 100
    view = store.view(big, (160, 100), (x, y, 160, 100))
    left, right = view.image.getpixel((20, 50)), view.image.getpixel((140, 50))
    assert left == pytest.approx(tile_colour(41, 27), abs=6)
    assert right == pytest.approx(tile_colour(42, 27), abs=6)
    row = [view.image.getpixel((i, 50)) for i in range(160)]
    assert all(px != (255, 255, 255) for px in row)  # no white gap where the blocks meet
    # The next pan step reuses the blocks it has: only the new column is read.
    before = store.slides.blocks_read
    store.view(big, (160, 100), (x + 40, y, 160, 100))
    assert store.slides.blocks_read - before <= 1


def test_a_pan_seen_before_is_drawn_from_memory_on_the_ui_thread(big, store):
    region = (30_000, 20_000, 160, 100)
    store.view(big, (160, 100))
    assert store.cached_view(big, (160, 100), region) is None  # not read yet: a worker's job
    store.view(big, (160, 100), region)
    again = store.cached_view(big, (160, 100), region)
    assert again is not None and again.from_cache == "memory"


def test_the_overview_is_kept_on_disk(big, tmp_path):
    first = ImageStore(DiskCache(tmp_path / "cache"))
    first.view(big, (160, 100))
    second = ImageStore(DiskCache(tmp_path / "cache"))  # a new process, the same cache
    view = second.cached_view(big, (160, 100))
    assert view is not None and view.from_cache == "disk"
    assert second.slides.blocks_read == 0
    assert second.view(big, (160, 100), (0, 0, 60_000, 40_000)).mpp == pytest.approx(0.25)


def test_a_frame_zoomed_into_a_slide_has_the_overview_with_the_field_marked(big, store):
    start = Viewport(60_000, 40_000, 320, 200)
    frame = prepare_frame(
        store,
        FrameRequest(
            path=big, box=(320, 200), colour=(255, 255, 0), viewport=start.to_field(0.9, 0.1, 0.01)
        ),
    )
    assert frame.error is None
    inset = frame.image.crop((320 - 80, 0, 320, 66))
    colours = {inset.getpixel((i, j)) for i in range(inset.width) for j in range(inset.height)}
    assert (255, 255, 0) in colours  # the field's mark, top right where (0.9, 0.1) is
    whole = prepare_frame(store, FrameRequest(path=big, box=(320, 200), colour=(255, 255, 0)))
    assert (255, 255, 0) not in {c for _, c in whole.image.getcolors(1 << 20)}  # no inset


def test_the_case_view_opens_the_picture_on_its_field(big, store):
    frame = prepare_frame(store, FrameRequest(path=big, box=(160, 100), start=(0.25, 0.5, 0.02)))
    x, y, w, h = frame.view.region
    assert w == pytest.approx(1200)
    assert (x + w / 2, y + h / 2) == pytest.approx((15_000, 20_000))


def _rss_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def test_memory_stays_bounded_panning_at_full_resolution(big, tmp_path):
    """Peak resident memory while panning a third of the slide's width at full resolution
    grows by the block cache and one view, not by a level (level 1 alone is 450 MB)."""
    store = ImageStore(DiskCache(tmp_path / "cache"), memory_bytes=32 * 2**20)
    store.slides.tiles.max_bytes = 16 * 2**20
    store.view(big, (320, 200))
    try:
        Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to now
    except OSError:
        pytest.skip("no /proc/self/clear_refs to reset the peak memory")
    start = _rss_kib("VmRSS")
    tracemalloc.start()
    x = 0
    while x < 20_000:  # tile by tile across 40 blocks, at full resolution
        store.view(big, (320, 200), (x, 20_000, 320, 200))
        x += 160
    python_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    peak = _rss_kib("VmHWM")
    assert store.slides.blocks_read > 40
    assert store.slides.tiles.nbytes <= 16 * 2**20
    assert python_peak < 8 * 2**20
    assert start is not None and peak is not None
    assert (peak - start) * 1024 < 80 * 2**20


# -- tools: crop, exports, zips, validation --------------------------------------------


def test_crop_cuts_the_view_at_full_resolution(big, tmp_path, monkeypatch, capsys):
    from quiz.cli import main

    monkeypatch.setenv("DERMQUIZ_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "view.jpg"
    cx, cy = (41 * 512 + 256) / 60_000, (27 * 512 + 256) / 40_000
    code = main(
        [
            "crop",
            str(big),
            "--center",
            f"{cx},{cy}",
            "--field",
            str(400 / 60_000),
            "--size",
            "400x300",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    with Image.open(out) as im:
        assert im.size == (400, 300)
        assert im.convert("RGB").getpixel((200, 150)) == pytest.approx(tile_colour(41, 27), abs=8)
    assert main(["crop", str(big), "-o", str(tmp_path / "x.gif")]) == 1
    assert "write the view as .jpg" in capsys.readouterr().err


def _pack_with(slide: Path, root: Path) -> Path:
    from quiz.cli import main

    assert main(["new", str(root)]) == 0
    case = next((root / "cases").glob("*.yaml"))
    shutil.copy(slide, root / "images" / "slide.tif")
    text = case.read_text(encoding="utf-8").replace(
        "    images:",
        """    images:
      - file: slide.tif
        kind: histology
        alt: A scanned slide.
        view: {center: [0.5, 0.5], field: 0.1}
        regions:
          - {label: middle, box: [0.45, 0.45, 0.1, 0.1]}""",
        1,
    )
    case.write_text(text, encoding="utf-8")
    return root


def test_a_pack_with_a_slide_validates_and_exports_rendered_views(big, tmp_path, monkeypatch):
    from quiz.export.html import export_html
    from quiz.pack.loader import load_pack

    monkeypatch.setenv("DERMQUIZ_CACHE_DIR", str(tmp_path / "cache"))
    root = _pack_with(big, tmp_path / "pack")
    result = load_pack(root)
    assert result.ok, [str(d) for d in result.errors]
    assert not [d for d in result.warnings if "slide.tif" in str(d)]  # no "downsize it"
    out = tmp_path / "html"
    export_html(result.pack, out)
    html = (out / "index.html").read_text(encoding="utf-8")
    assert html.count('<figure class="view">') == 2  # its view and its region
    sizes = sorted(Image.open(p).size for p in (out / "images").iterdir())
    assert (1600, 1200) in sizes and max(max(s) for s in sizes) <= 2400
    assert sum(p.stat().st_size for p in (out / "images").iterdir()) < 2 * 2**20


def test_a_truncated_slide_in_a_pack_is_an_error_located_in_the_case(big, tmp_path):
    from quiz.pack.loader import load_pack

    root = _pack_with(big, tmp_path / "pack")
    target = root / "images" / "slide.tif"
    with open(target, "r+b") as fh:
        fh.truncate(os.path.getsize(target) * 2 // 3)
    result = load_pack(root)
    errors = [d for d in result.errors if "slide.tif" in str(d)]
    assert errors and "truncated" in str(errors[0])
    assert errors[0].file.name.endswith(".yaml") and errors[0].line is not None


def test_slides_stay_out_of_zipped_packs(big, tmp_path, monkeypatch):
    from quiz.authoring.bundle import BundleError, write_zip
    from quiz.pack.zipped import ZipPackError, open_zip

    monkeypatch.setenv("DERMQUIZ_CACHE_DIR", str(tmp_path / "cache"))
    root = _pack_with(big, tmp_path / "pack")
    with pytest.raises(BundleError, match="slides stay in folder packs"):
        write_zip(root, tmp_path / "p.zip")
    # Zipped by hand: refused when opened, by content (.tif) and by name (.svs).
    for name in ("slide.tif", "slide.svs"):
        zpath = tmp_path / f"hand-{name}.zip"
        with zipfile.ZipFile(zpath, "w") as z:
            for f in root.rglob("*"):
                if f.is_file():
                    arc = f.relative_to(root).as_posix()
                    z.write(f, arc.replace("slide.tif", name))
        with pytest.raises(ZipPackError) as err:
            open_zip(zpath)
        assert f"images/{name}" in str(err.value) and "folder packs" in str(err.value)
    assert not list((tmp_path / "cache" / "packs").glob("[!.]*"))  # nothing left unpacked


def test_dermquiz_image_prints_a_slide(big, tmp_path, monkeypatch, capsys):
    from quiz.cli import main

    monkeypatch.setenv("DERMQUIZ_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["image", str(big), "--cols", "40", "--rows", "10", "--graphics", "halfcell"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert 5 <= len(lines) <= 10 and all("▀" in line for line in lines)


@pytest.mark.parametrize(
    ("view", "says"),
    [
        ("{center: [1.5, 0.5], field: 0.1}", "center must lie inside the image"),
        ("{center: [0.5, 0.5], field: 0}", "field"),
        ("{center: [0.5], field: 0.1}", "center"),
    ],
)
def test_a_bad_view_is_a_located_error(big, tmp_path, view, says):
    from quiz.pack.loader import load_pack

    root = _pack_with(big, tmp_path / "pack")
    case = next((root / "cases").glob("*.yaml"))
    case.write_text(
        case.read_text(encoding="utf-8").replace(
            "view: {center: [0.5, 0.5], field: 0.1}", f"view: {view}"
        ),
        encoding="utf-8",
    )
    errors = load_pack(root).errors
    assert len(errors) == 1 and says in errors[0].message, errors
    assert errors[0].file == case and errors[0].line is not None


def test_damaged_tiles_give_a_located_message_not_a_crash(big, tmp_path, store):
    import tifffile

    bad = tmp_path / "bad.tif"
    shutil.copy(big, bad)
    with tifffile.TiffFile(bad) as tif:
        page = tif.pages[0]
        cols = -(-page.imagewidth // page.tilewidth)
        n = 27 * cols + 41  # the tile at column 41, row 27 of level 0
        start, count = page.dataoffsets[n], page.databytecounts[n]
    with open(bad, "r+b") as fh:
        fh.seek(start)
        fh.write(b"\x00" * count)  # its JPEG data gone
    assert store.view(bad, (160, 100)).image  # the overview is elsewhere: still fine
    with pytest.raises(ImageError) as err:
        store.view(bad, (100, 100), (41 * 512 + 100, 27 * 512 + 100, 100, 100))
    assert str(bad) in str(err.value) and "damaged" in str(err.value)
    frame = prepare_frame(
        store,
        FrameRequest(
            path=bad,
            box=(100, 100),
            viewport=Viewport(60_000, 40_000, 100, 100).to_field(
                (41 * 512 + 150) / 60_000, (27 * 512 + 150) / 40_000, 100 / 60_000
            ),
        ),
    )
    assert frame.error is not None and "copy the slide again" in frame.error
