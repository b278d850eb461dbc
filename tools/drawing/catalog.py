"""The built-in drawings and where they go.

A *source* is one drawing, `<scene>/<view>.jpg`: a scene (named after what it
was drawn to show; tool-internal) seen at one power and stain. An *image* is a
file under `images/`, always `case-<hex>/<view>.jpg`, one folder a case (see
case_images.py): the folder names neither the diagnosis nor the story. Several images may be copies of one
source."""

import io

from . import clinical_scenes, histology, scenes
from .case_images import CASE_IMAGES, folder

SCENES = [
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
    "osteoma-cutis",
    "cutaneous-oxalosis",
    "gouty-tophus",
]
JPEG_QUALITY = 88
# special stains: von Kossa (black calcium), alizarin red S, polarised light
SPECIAL = {
    "dystrophic": [("von-kossa-100", 100, "von-kossa")],
    "calciphylaxis": [("von-kossa-100", 100, "von-kossa"), ("polarised-100", 100, "polarised")],
    "metastatic": [("alizarin-red-100", 100, "alizarin-red")],
    "tumoral-calcinosis": [("alizarin-red-100", 100, "alizarin-red")],
    "cutaneous-oxalosis": [("polarised-100", 100, "polarised")],
}
HISTO_SIZE = (1600, 1200)
CLINICAL_SIZE = (1200, 900)


def sources(scene=None):
    """[(source path, scene, kind, mag, stain)] in a fixed order."""
    out = []
    for e in SCENES:
        if scene and e != scene:
            continue
        out.append((f"{e}/clinical.jpg", e, "clinical", None, None))
        for mag in (40, 100, 400):
            out.append((f"{e}/he-{mag}.jpg", e, "histology", mag, "he"))
        for stem, mag, stain in SPECIAL.get(e, []):
            out.append((f"{e}/{stem}.jpg", e, "histology", mag, stain))
    return out


def images(case=None):
    """[(path under images/, source path)] in a fixed order: what the cases show."""
    return [
        (f"{folder(c)}/{name}", src)
        for c, files in sorted(CASE_IMAGES.items())
        if case is None or c == case
        for name, src in files.items()
    ]


def render(item, scale=1.0, scene_cache=None):
    """(PIL image, regions) of one source item; scale < 1 draws a smaller,
    faster version of the same field (tests)."""
    _, e, kind, mag, stain = item
    if kind == "clinical":
        from PIL import Image

        w, h = (round(v * scale) for v in CLINICAL_SIZE)
        return Image.fromarray(clinical_scenes.draw(e, w, h)), []
    w, h = (round(v * scale) for v in HISTO_SIZE)
    sc = scene_cache.get(e) if scene_cache is not None else None
    if sc is None:
        sc = scenes.build(e)
        if scene_cache is not None:
            scene_cache[e] = sc
    return histology.render(sc, mag, stain, w, h)


def encode(img):
    """JPEG bytes with fixed settings (baseline, fixed quality and
    subsampling, no metadata): same pixels in, same bytes out."""
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=2, optimize=False, progressive=False)
    return buf.getvalue()
