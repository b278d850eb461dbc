"""Render one view of a scene: tissue layers, structures, cells, features,
then colour by the chosen stain, a scale bar, and the feature boxes."""

from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont

from . import cells as C
from . import layers, stains
from .canvas import Canvas
from .skin import Layout
from .view import SCALE_BAR_UM, View


@dataclass
class Scene:
    name: str
    seed: int
    layout: Layout
    views: dict  # mag -> (cx, cy) in um
    structures: list = field(default_factory=list)  # drawn before stroma cells
    features: list = field(default_factory=list)  # the diagnostic things
    cells: list = field(default_factory=list)  # Cells populations drawn over stroma
    late_cells: list = field(default_factory=list)  # inflammatory cells over features
    region_labels: tuple = ("deposit",)
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
    L = round(um / view.upp)
    W, H = img.size
    s = W / 1600.0
    th = max(2, round(10 * s))
    x1 = W - int(60 * s)
    x0 = x1 - L
    y1 = H - int(50 * s)
    d = ImageDraw.Draw(img)
    fg = (240, 240, 240) if dark_field else (20, 20, 20)
    bg = (20, 20, 20) if dark_field else (250, 250, 250)
    font = _font(max(8, int(34 * s)))
    # the bundled font has no micro sign: draw "u" and give it a descender
    num = f"{um} "
    wn, wu, wm = (d.textlength(t, font=font) for t in (num, "u", "m"))
    tw = wn + wu + wm
    pad = int(14 * s)
    d.rectangle([x0 - pad, y1 - th - int(52 * s) - pad, x1 + pad, y1 + pad], fill=bg)
    d.rectangle([x0, y1 - th, x1, y1], fill=fg)
    tx = (x0 + x1) / 2 - tw / 2
    ty = y1 - th - int(50 * s)
    d.text((tx, ty), num, fill=fg, font=font)
    d.text((tx + wn, ty), "u", fill=fg, font=font)
    d.text((tx + wn + wu, ty), "m", fill=fg, font=font)
    ub = font.getbbox("u")
    lw = max(1, round(3 * s))
    ux = tx + wn + ub[0] + lw / 2
    d.line([(ux, ty + ub[1]), (ux, ty + ub[3] + int(8 * s))], fill=fg, width=lw)


def regions(cv, labels, max_boxes=4):
    """Boxes (fractions of the image) around the drawn diagnostic features:
    overlapping feature boxes are merged, the biggest few kept."""
    v = cv.view
    boxes = [
        [x0, y0, x1, y1, n, name] for (name, x0, y0, x1, y1, n) in cv.features if name in labels
    ]
    merged = True
    pad = 0.01 * v.width
    while merged:
        merged = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, b = boxes[i], boxes[j]
                if a[5] == b[5] and not (
                    a[2] + pad < b[0] or b[2] + pad < a[0] or a[3] + pad < b[1] or b[3] + pad < a[1]
                ):
                    boxes[i] = [
                        min(a[0], b[0]),
                        min(a[1], b[1]),
                        max(a[2], b[2]),
                        max(a[3], b[3]),
                        a[4] + b[4],
                        a[5],
                    ]
                    del boxes[j]
                    merged = True
                    break
            if merged:
                break
    boxes.sort(key=lambda b: -b[4])
    # the biggest box of each kind of feature first, then the next biggest
    firsts = [
        next(b for b in boxes if b[5] == name)
        for name in labels
        if any(b[5] == name for b in boxes)
    ]
    chosen = firsts + [b for b in boxes if b not in firsts]
    out = []
    seen = {}
    for x0, y0, x1, y1, _n, name in chosen[:max_boxes]:
        # repeated kinds are numbered ("deposit 2"), as the cases name them
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name} {seen[name]}"
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(v.width, x1), min(v.height, y1)
        out.append(
            {
                "label": name,
                "box": [
                    round(x0 / v.width, 4),
                    round(y0 / v.height, 4),
                    round((x1 - x0) / v.width, 4),
                    round((y1 - y0) / v.height, 4),
                ],
            }
        )
    return out
