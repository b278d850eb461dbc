"""Render one view of a scene: tissue layers, structures, cells, features,
then colour by the chosen stain, a scale bar, and the feature boxes."""
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from . import cells as C
from . import layers, stains
from .canvas import Canvas, DERMIS, PAPILLARY, VESSEL
from .skin import Layout
from .view import SCALE_BAR_UM, View


@dataclass
class Scene:
    name: str
    seed: int
    layout: Layout
    views: dict                  # mag -> (cx, cy) in um
    structures: list = field(default_factory=list)   # drawn before stroma cells
    features: list = field(default_factory=list)     # the diagnostic things
    cells: list = field(default_factory=list)        # Cells populations drawn over stroma
    late_cells: list = field(default_factory=list)   # inflammatory cells over features
    region_labels: tuple = ("calcium deposit",)
    keratin: str = "basket"
    fat_necrosis: object = None


def render(scene, mag, stain="he", width=1600, height=1200):
    """RGB array and regions [{label, box}] of the scene at this power."""
    cx, cy = scene.views[mag]
    v = View.at(mag, cx, cy, width, height)
    cv = Canvas(v)
    lay = scene.layout
    layers.draw_dermis(cv, lay, scene.seed)
    layers.draw_fat(cv, lay, scene.seed, necrosis=scene.fat_necrosis)
    layers.draw_muscle(cv, lay, scene.seed)
    layers.draw_epidermis(cv, lay, scene.seed, keratin=scene.keratin)
    for s in scene.structures:
        s.draw(cv)
    for pop in scene.cells:
        C.draw(cv, pop)
    for f in scene.features:
        f.draw(cv)
    for pop in scene.late_cells:
        C.draw(cv, pop)
    rgb = stains.render(cv, stain)
    img = Image.fromarray(rgb)
    scale_bar(img, v, mag, dark_field=(stain == "polarised"))
    return img, regions(cv, scene.region_labels)


def _font(size):
    # Pillow's bundled font: the same glyphs on every machine
    return ImageFont.load_default(size=size)


def scale_bar(img, view, mag, dark_field=False):
    um = SCALE_BAR_UM[mag]
    L = int(round(um / view.upp))
    W, H = img.size
    s = W / 1600.0
    th = max(2, int(round(10 * s)))
    x1 = W - int(60 * s)
    x0 = x1 - L
    y1 = H - int(50 * s)
    d = ImageDraw.Draw(img)
    fg = (240, 240, 240) if dark_field else (20, 20, 20)
    bg = (20, 20, 20) if dark_field else (250, 250, 250)
    font = _font(max(8, int(34 * s)))
    label = f"{um} \u00b5m"
    tw = d.textlength(label, font=font)
    pad = int(14 * s)
    d.rectangle([x0 - pad, y1 - th - int(48 * s) - pad, x1 + pad, y1 + pad], fill=bg)
    d.rectangle([x0, y1 - th, x1, y1], fill=fg)
    d.text(((x0 + x1) / 2 - tw / 2, y1 - th - int(46 * s)), label, fill=fg, font=font)


def regions(cv, labels, max_boxes=3):
    """Boxes (fractions of the image) around the drawn diagnostic features:
    overlapping feature boxes are merged, the biggest few kept."""
    v = cv.view
    boxes = [[x0, y0, x1, y1, n, name] for (name, x0, y0, x1, y1, n) in cv.features if name in labels]
    merged = True
    pad = 0.01 * v.width
    while merged:
        merged = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, b = boxes[i], boxes[j]
                if a[5] == b[5] and not (a[2] + pad < b[0] or b[2] + pad < a[0]
                                         or a[3] + pad < b[1] or b[3] + pad < a[1]):
                    boxes[i] = [min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]),
                                a[4] + b[4], a[5]]
                    del boxes[j]
                    merged = True
                    break
            if merged:
                break
    boxes.sort(key=lambda b: -b[4])
    out = []
    for x0, y0, x1, y1, n, name in boxes[:max_boxes]:
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(v.width, x1), min(v.height, y1)
        out.append({"label": name, "box": [round(x0 / v.width, 4), round(y0 / v.height, 4),
                                           round((x1 - x0) / v.width, 4), round((y1 - y0) / v.height, 4)]})
    return out
