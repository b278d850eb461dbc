"""The small schematic histology picture that a new pack's example case shows.

Drawn, not photographed, so the skeleton carries no third-party image and says so in its
credit. Deterministic: the same bytes on every run, so `dermquiz new` is reproducible.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

SIZE = (480, 320)


def foam_cells_png() -> bytes:
    """A skin section: epidermis on top, pink dermis with collagen, a cluster of pale foamy
    macrophages with small dark nuclei (as in a xanthoma)."""
    rng = random.Random(8)
    w, h = SIZE
    im = Image.new("RGB", SIZE, (246, 214, 224))
    draw = ImageDraw.Draw(im)
    # Collagen: wavy pink bundles across the dermis.
    for _ in range(70):
        y = rng.uniform(70, h)
        x = rng.uniform(-40, w)
        points = [(x + i * 12, y + 4 * ((i % 2) - 0.5) + rng.uniform(-2, 2)) for i in range(8)]
        draw.line(points, fill=(228, 150, 178), width=rng.choice((2, 3)))
    # Epidermis: a purple band with a wavy lower edge and a darker basal layer.
    edge = [(x, 62 + 10 * ((x // 40) % 2) + rng.uniform(-3, 3)) for x in range(0, w + 40, 40)]
    draw.polygon([(0, 0), (w, 0), *reversed(edge)], fill=(198, 120, 170))
    draw.line(edge, fill=(120, 60, 130), width=5)
    draw.rectangle((0, 0, w, 10), fill=(236, 190, 206))  # keratin
    # Foamy macrophages: pale cells crowded in the upper dermis.
    cells = []
    for _ in range(90):
        cx, cy = rng.gauss(w * 0.52, 70), rng.gauss(h * 0.58, 45)
        if 80 < cy < h - 10 and 10 < cx < w - 10:
            cells.append((cx, cy, rng.uniform(9, 13)))
    for cx, cy, r in cells:
        draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r), fill=(252, 240, 240), outline=(214, 170, 190)
        )
    for cx, cy, r in cells:
        for _ in range(5):  # the "foam": small clear vacuoles
            vx, vy = cx + rng.uniform(-r / 2, r / 2), cy + rng.uniform(-r / 2, r / 2)
            draw.ellipse((vx - 2, vy - 2, vx + 2, vy + 2), outline=(226, 196, 210))
        nx, ny = cx + rng.uniform(-3, 3), cy + rng.uniform(-3, 3)
        draw.ellipse((nx - 3, ny - 2.5, nx + 3, ny + 2.5), fill=(84, 40, 120))
    # A few lymphocytes: small round dark nuclei between the cells.
    for _ in range(25):
        lx, ly = rng.uniform(20, w - 20), rng.uniform(90, h - 10)
        draw.ellipse((lx - 3, ly - 3, lx + 3, ly + 3), fill=(70, 30, 110))
    im = im.filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    # A drawing needs few colours: a palette keeps the skeleton's image small.
    im.quantize(colors=48, dither=Image.Dither.NONE).save(out, "PNG", optimize=True)
    return out.getvalue()
