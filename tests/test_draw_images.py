"""Tests of the schematic image generator (tools/draw_images.py).

Images are drawn at a reduced size here (same field of view, fewer pixels)
to keep the suite fast; the committed full-size images are checked on disk.
"""

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from support import SCAN

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from drawing import catalog

SMALL = 0.3  # 480 x 360 histology
CALCIUM = [
    "dystrophic",
    "calcinosis-universalis",
    "calcinosis-circumscripta",
    "metastatic",
    "calciphylaxis",
    "iatrogenic",
    "idiopathic",
    "subepidermal-calcified-nodule",
    "idiopathic-scrotal-calcinosis",
    "tumoral-calcinosis",
    "milia-like-calcinosis",
]
MIMICS = ["osteoma-cutis", "cutaneous-oxalosis", "gouty-tophus"]

_cache = {}


def draw(path, scale=SMALL):
    item = next(i for i in catalog.sources() if i[0] == path)
    key = (path, scale)
    if key not in _cache:
        _cache[key] = catalog.render(item, scale, {})
    return _cache[key]


def hsv(img):
    a = np.asarray(img.convert("HSV"), np.float32)
    return a[..., 0] * (360.0 / 255.0), a[..., 1] / 255.0, a[..., 2] / 255.0


def near_white(img):
    return np.asarray(img.convert("RGB")).min(axis=2) > 215


def tissue_hue_share(img):
    """Share of stained (non-white, coloured) pixels whose hue lies in the
    H&E band: eosin pink through haematoxylin purple to calcium blue-violet."""
    h, s, _ = hsv(img)
    tissue = ~near_white(img) & (s > 0.12)
    band = (h >= 235) | (h <= 20)
    return band[tissue].mean()


def calcium_mask(img):
    """Deep blue-purple pixels: hue 232-275 deg, dark, saturated."""
    h, s, v = hsv(img)
    return (h >= 232) & (h <= 275) & (v < 0.62) & (s > 0.3)


def box_mask(shape, regions):
    m = np.zeros(shape, bool)
    H, W = shape
    for r in regions:
        x, y, w, h = r["box"]
        m[int(y * H) : int(np.ceil((y + h) * H)), int(x * W) : int(np.ceil((x + w) * W))] = True
    return m


@pytest.fixture(scope="module")
def scan():
    im = Image.open(SCAN).convert("RGB")
    im.thumbnail((740, 990))
    return im


# --- the contract with the case files -------------------------------------


def test_sources_are_exactly_the_agreed_list():
    want = set()
    for e in catalog.SCENES:
        want |= {f"{e}/clinical.jpg", f"{e}/he-40.jpg", f"{e}/he-100.jpg", f"{e}/he-400.jpg"}
    want |= {
        "dystrophic/von-kossa-100.jpg",
        "calciphylaxis/von-kossa-100.jpg",
        "calciphylaxis/polarised-100.jpg",
        "metastatic/alizarin-red-100.jpg",
        "tumoral-calcinosis/alizarin-red-100.jpg",
        "cutaneous-oxalosis/polarised-100.jpg",
    }
    paths = [i[0] for i in catalog.sources()]
    assert len(paths) == len(set(paths)) == 62
    assert set(paths) == want


def test_images_are_filed_by_case_and_match_the_cases():
    """Every image path is case-<hex>/<view>.jpg, one folder a case, drawn from a known
    source, and is exactly what the case YAMLs show: the folder names neither the diagnosis
    nor the story."""
    import yaml
    from drawing.case_images import CASE_IMAGES, folder

    sources = {i[0] for i in catalog.sources()}
    shown = set()
    for f in sorted((ROOT / "cases").glob("*.yaml")):
        case = yaml.safe_load(f.read_text())
        for stage in case["stages"]:
            shown |= {im["file"] for im in stage.get("images") or []}
    paths = [p for p, _ in catalog.images()]
    assert len(paths) == len(set(paths))
    assert set(paths) == shown
    folders = {folder(c): c for c in CASE_IMAGES}
    assert len(folders) == len(CASE_IMAGES)
    for path, src in catalog.images():
        where, name = path.split("/")
        assert (ROOT / "cases" / f"{folders[where]}.yaml").is_file(), path
        assert src in sources and name == src.split("/")[1], (path, src)


def test_committed_images_and_regions():
    images = ROOT / "images"  # committed: a clone without them is broken, not untested
    kinds = {i[0]: i[2] for i in catalog.sources()}
    total = 0
    for path, src in catalog.images():
        f = images / path
        assert f.exists(), path
        total += f.stat().st_size
        with Image.open(f) as im:
            assert im.format == "JPEG"
            assert im.size == (
                catalog.CLINICAL_SIZE if kinds[src] == "clinical" else catalog.HISTO_SIZE
            )
    assert total < 40e6
    on_disk = {str(p.relative_to(images)) for p in images.rglob("*") if p.is_file()}
    assert on_disk == {p for p, _ in catalog.images()}, "images no case shows, or missing"
    regions = json.loads((ROOT / "tools/image_regions.json").read_text())
    known = {p for p, _ in catalog.images()}
    assert set(regions) <= known
    for regs in regions.values():
        for r in regs:
            x, y, w, h = r["box"]
            assert r["label"]
            assert x >= 0 and y >= 0 and w > 0 and h > 0 and x + w <= 1.0001 and y + h <= 1.0001
    for path, src in catalog.images():
        if kinds[src] == "histology":
            assert regions.get(path), f"{path} has no region"


# --- determinism -----------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["idiopathic/he-100.jpg", "calciphylaxis/von-kossa-100.jpg", "gouty-tophus/clinical.jpg"],
)
def test_same_bytes_twice(path):
    item = next(i for i in catalog.sources() if i[0] == path)
    a, ra = catalog.render(item, SMALL, {})
    b, rb = catalog.render(item, SMALL, {})
    assert catalog.encode(a) == catalog.encode(b)
    assert ra == rb


# --- every scene renders -----------------------------------------------------


@pytest.mark.parametrize("item", catalog.sources(), ids=lambda i: i[0])
def test_every_image_renders(item):
    scale = 0.2
    img, regions = catalog.render(item, scale, _scene_cache)
    base = catalog.CLINICAL_SIZE if item[2] == "clinical" else catalog.HISTO_SIZE
    assert img.size == tuple(round(v * scale) for v in base)
    a = np.asarray(img, np.float32)
    assert a.std() > 8, "image is nearly flat"
    for r in regions:
        x, y, w, h = r["box"]
        assert (
            0 <= x <= 1 and 0 <= y <= 1 and w > 0 and h > 0 and x + w <= 1.0001 and y + h <= 1.0001
        )


_scene_cache = {}


# --- colour checks that also hold for the real scan ----------------------------


def test_scan_hues_in_he_band(scan):
    assert tissue_hue_share(scan) > 0.9
    assert 0.02 < near_white(scan).mean() < 0.9


def test_scan_has_little_calcium_colour(scan):
    # normal skin: nuclei are purple, but almost nothing is calcium blue-violet
    assert calcium_mask(scan).mean() < 0.05


@pytest.mark.parametrize("entity", CALCIUM + MIMICS)
@pytest.mark.parametrize("mag", [40, 100, 400])
def test_drawn_he_hues_like_the_scan(entity, mag):
    img, _ = draw(f"{entity}/he-{mag}.jpg")
    # oxalate crystals are yellow-brown by nature; at x400 they fill much of the field
    assert tissue_hue_share(img) > (0.7 if entity == "cutaneous-oxalosis" else 0.85)
    white = near_white(img).mean()
    assert white < 0.9
    if mag == 40:
        # a whole section at low power: glass round it and fat below, as in the scan
        assert 0.1 < white < 0.8


def test_clinical_is_skin_tone():
    img, _ = draw("idiopathic/clinical.jpg")
    h, s, _ = hsv(img)
    skin = (h < 40) & (s > 0.15)
    assert skin.mean() > 0.5


# --- the deposits cover what they should --------------------------------------


@pytest.mark.parametrize("entity", CALCIUM)
def test_calcium_is_inside_the_regions(entity):
    img, regions = draw(f"{entity}/he-100.jpg")
    assert regions
    ca = calcium_mask(img)
    inside = box_mask(ca.shape, regions)
    share_in = ca[inside].mean()
    share_out = ca[~inside].mean() if (~inside).any() else 0.0
    assert share_in > 0.12, share_in
    assert share_out < 0.04, share_out
    assert share_in > 4 * share_out


@pytest.mark.parametrize("entity", ["dystrophic", "idiopathic", "tumoral-calcinosis"])
def test_low_power_deposit_share(entity):
    # at x40 the deposits are a visible but minor part of the section
    img, _ = draw(f"{entity}/he-40.jpg")
    share = calcium_mask(img).mean()
    assert 0.003 < share < 0.2


@pytest.mark.parametrize("entity", MIMICS)
def test_mimics_are_not_calcium_coloured(entity):
    img, regions = draw(f"{entity}/he-100.jpg")
    assert regions
    assert calcium_mask(img).mean() < 0.01


def test_special_stains():
    vk, reg = draw("dystrophic/von-kossa-100.jpg")
    a = np.asarray(vk, np.float32)
    black = a.max(axis=2) < 70
    inside = box_mask(black.shape, reg)
    assert black[inside].mean() > 0.15 and black[~inside].mean() < 0.02
    ar, reg = draw("metastatic/alizarin-red-100.jpg")
    h, s, _ = hsv(ar)
    red = ((h < 25) | (h > 345)) & (s > 0.5)
    assert red[box_mask(red.shape, reg)].mean() > 0.1
    pol, reg = draw("cutaneous-oxalosis/polarised-100.jpg")
    g = np.asarray(pol.convert("L"), np.float32)
    assert np.median(g) < 40  # dark field
    assert (g > 180).mean() > 0.002  # bright crystals


def test_magnification_changes_nucleus_size():
    """The same tissue at x400 shows nuclei ~4x wider than at x100."""

    def dark_blob_size(img):
        _, _, v = hsv(img)
        m = (v < 0.45) & ~calcium_mask(img)
        # mean run length of dark pixels along rows ~ nucleus width in px
        runs = np.diff(
            np.concatenate(
                [np.zeros((m.shape[0], 1), bool), m, np.zeros((m.shape[0], 1), bool)], axis=1
            ).astype(np.int8),
            axis=1,
        )
        starts = (runs == 1).sum()
        return m.sum() / max(starts, 1)

    lo, _ = draw("osteoma-cutis/he-100.jpg", 0.5)
    hi, _ = draw("osteoma-cutis/he-400.jpg", 0.5)
    assert dark_blob_size(hi) > 2.0 * dark_blob_size(lo)
