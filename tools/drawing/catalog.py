"""The list of built-in images (the contract with the case files) and how to
render and encode each one."""
import io

from . import clinical_scenes, histology, scenes

ENTITIES = [
    "dystrophic", "calcinosis-universalis", "calcinosis-circumscripta", "metastatic", "calciphylaxis",
    "iatrogenic", "idiopathic", "subepidermal-calcified-nodule", "idiopathic-scrotal-calcinosis",
    "tumoral-calcinosis", "milia-like-calcinosis", "osteoma-cutis", "cutaneous-oxalosis", "gouty-tophus",
]
JPEG_QUALITY = 88
# special stains: von Kossa (black calcium), alizarin red S, polarised light
SPECIAL = {
    "dystrophic": [("von-kossa-100", 100, "von-kossa")],
    "calciphylaxis": [("von-kossa-100", 100, "von-kossa")],
    "metastatic": [("alizarin-red-100", 100, "alizarin-red")],
    "cutaneous-oxalosis": [("polarised-100", 100, "polarised")],
}
HISTO_SIZE = (1600, 1200)
CLINICAL_SIZE = (1200, 900)


def images(entity=None):
    """[(path under images/, entity, kind, mag, stain)] in a fixed order."""
    out = []
    for e in ENTITIES:
        if entity and e != entity:
            continue
        out.append((f"{e}/clinical.jpg", e, "clinical", None, None))
        for mag in (40, 100, 400):
            out.append((f"{e}/he-{mag}.jpg", e, "histology", mag, "he"))
        for stem, mag, stain in SPECIAL.get(e, []):
            out.append((f"{e}/{stem}.jpg", e, "histology", mag, stain))
    return out


def render(item, scale=1.0, scene_cache=None):
    """(PIL image, regions) of one catalog item; scale < 1 draws a smaller,
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
