"""From dye amounts to RGB: Beer-Lambert absorption with calibrated stains.

Each material channel absorbs light with an optical-density vector. The H&E
vectors were taken from the real scan in shared/fixtures/cmu-skin-he.jpg
(Macenko-style estimate, then tuned so that unit eosin gives its collagen
pink ~(199,116,154), unit haematoxylin its nuclear purple ~(80,45,95), and
the glass its off-white ~(245,244,243)). Special stains reuse the painted
scene with other vectors, as the lab reuses the block.
"""

import numpy as np

from .canvas import CH

GLASS_RGB = np.array([245.0, 244.0, 243.0], np.float32)


def od_of(rgb):
    """Optical density vector that turns the glass into `rgb` at unit amount."""
    return -np.log(np.asarray(rgb, np.float32) / GLASS_RGB)


STAINS = {
    "he": {
        "hem": od_of((98, 62, 128)),
        "eos": od_of((198, 96, 138)),
        "ca": od_of((78, 58, 142)),  # haematoxylin-calcium lake: bluer, darker than nuclei
        "rbc": od_of((214, 62, 78)),
        "xtal": od_of((206, 178, 120)),  # oxalate: pale yellow-brown, refractile
    },
    "von-kossa": {  # silver black on calcium, nuclear fast red counterstain
        "hem": od_of((205, 120, 140)),
        "eos": od_of((238, 214, 214)),
        "ca": od_of((38, 32, 28)),
        "rbc": od_of((228, 170, 160)),
        "xtal": od_of((228, 215, 190)),
    },
    "alizarin-red": {  # alizarin red S, light green counterstain
        "hem": od_of((180, 200, 196)),
        "eos": od_of((222, 234, 226)),
        "ca": od_of((206, 58, 36)),
        "rbc": od_of((222, 200, 190)),
        "xtal": od_of((226, 220, 200)),
    },
}


def render(canvas, stain="he"):
    """RGB uint8 image of the canvas under a brightfield stain."""
    if stain == "polarised":
        return render_polarised(canvas)
    vec = STAINS[stain]
    h, w = canvas.d.shape[1:]
    od = np.zeros((h, w, 3), np.float32)
    for name, v in vec.items():
        if name in canvas.used:
            od += canvas.d[CH[name]][..., None] * v[None, None, :]
    rgb = GLASS_RGB[None, None, :] * np.exp(-od)
    return np.clip(rgb + 0.5, 0, 255).astype(np.uint8)


def render_polarised(canvas):
    """Crossed polars: dark field, faint collagen, bright birefringent crystals.

    Birefringent material shines white to pale yellow; collagen is weakly
    birefringent and only glows faintly; everything else stays near black.
    """
    d = canvas.d
    b = np.clip(d[CH["bire"]], 0, 1.5)
    tissue = np.clip(d[CH["eos"]] * 0.9 + d[CH["hem"]] * 0.3, 0, 1.2)
    base = np.float32(10.0) + tissue[..., None] * np.array([16.0, 13.0, 11.0], np.float32)
    glow = b[..., None] * np.array([250.0, 244.0, 205.0], np.float32)
    rgb = base + glow
    return np.clip(rgb + 0.5, 0, 255).astype(np.uint8)
