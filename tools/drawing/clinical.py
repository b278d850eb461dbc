"""Clinical schematics: skin-tone fields with chalk-white deposits, nodules,
livedo and eschar. Drawn in pixel space with soft, shaded shapes; the aim is
a clear schematic of the sign, not a photograph.

Sizes are given for a 1200 x 900 frame and scaled to the requested size.
Each lesion only computes the pixels of its own bounding box.
"""

import numpy as np

from . import noise, shapes

SKIN = np.array([222, 176, 146], np.float32)
CHALK = np.array([247, 244, 234], np.float32)
DRAPE = np.array([86, 122, 136], np.float32)


class Clin:
    """A float RGB image with pixel coordinate grids (in 1200-frame units)."""

    def __init__(self, w, h, seed):
        self.w, self.h, self.seed = w, h, seed
        self.s = w / 1200.0
        self.X = (np.arange(w, dtype=np.float32)[None, :] + 0.5) / self.s
        self.Y = (np.arange(h, dtype=np.float32)[:, None] + 0.5) / self.s
        self.img = np.zeros((h, w, 3), np.float32) + DRAPE
        self.img += (noise.pfbm(self.X, self.Y, 200.0, seed + 99, 2) - 0.5)[..., None] * 20.0

    def win(self, x0, y0, x1, y1):
        """(slice, x, y) of a box in frame units, clipped to the image."""
        i0 = max(0, int(x0 * self.s))
        i1 = min(self.w, int(np.ceil(x1 * self.s)) + 1)
        j0 = max(0, int(y0 * self.s))
        j1 = min(self.h, int(np.ceil(y1 * self.s)) + 1)
        if i0 >= i1 or j0 >= j1:
            return None, None, None
        return (slice(j0, j1), slice(i0, i1)), self.X[:, i0:i1], self.Y[j0:j1, :]

    def around(self, cx, cy, rx, ry, margin=40.0):
        R = max(rx, ry) * 1.6 + margin
        return self.win(cx - R, cy - R, cx + R, cy + R)

    def full(self):
        return (slice(0, self.h), slice(0, self.w)), self.X, self.Y

    def aa(self, sd):
        """Coverage of a signed distance given in frame units."""
        return np.clip(sd * self.s + 0.5, 0, 1).astype(np.float32)

    def over(self, sl, alpha, colour):
        a = np.asarray(alpha, np.float32)[..., None]
        blk = self.img[sl]
        self.img[sl] = blk * (1 - a) + a * np.asarray(colour, np.float32)

    def mul(self, sl, factor):
        self.img[sl] = self.img[sl] * np.asarray(factor, np.float32)[..., None]

    def out(self):
        return np.clip(self.img + 0.5, 0, 255).astype(np.uint8)


def skin(c, sd, tone=SKIN, lines=1.0, sl=None, x=None, y=None):
    """Paint skin inside sd > 0: mottled tone, faint crossing skin lines,
    pores, and shading towards the edges so the body part looks solid."""
    if sl is None:
        sl, x, y = c.full()
    seed = c.seed
    mott = noise.pfbm(x, y, 140.0, seed + 1, 3) - 0.5
    red = noise.pfbm(x, y, 70.0, seed + 2, 2) - 0.5
    col = (
        tone[None, None, :]
        + mott[..., None] * np.array([16, 14, 12], np.float32)
        + red[..., None] * np.array([12, -6, -4], np.float32)
    )
    # skin lines: two families of short straight furrows crossing at ~70 deg
    u1, v1 = 0.82 * x + 0.57 * y, -0.57 * x + 0.82 * y
    u2, v2 = 0.82 * x - 0.57 * y, 0.57 * x + 0.82 * y
    l1 = np.abs(noise.perlin(u1 * 0.2, v1, 16.0, seed + 3) - 0.5)
    l2 = np.abs(noise.perlin(u2 * 0.2, v2, 16.0, seed + 4) - 0.5)
    groove = np.clip(0.035 - np.minimum(l1, l2), 0, 0.035) / 0.035 * lines
    pores = np.clip(1.6 - noise.worley(x, y, 16.0, seed + 5)[0], 0, 1) * 0.5
    col = col * (1 - 0.06 * groove - 0.05 * pores)[..., None]
    edge = np.clip(sd / 140.0, 0, 1)
    col = col * (0.7 + 0.3 * np.sqrt(edge))[..., None]
    c.over(sl, c.aa(sd), col)


def shadow(c, sd, sl, blur=25.0, strength=0.35):
    """A soft cast shadow outside a shape (sd > 0 inside)."""
    sh = np.clip(1 + sd / blur, 0, 1) * (sd < 0)
    c.mul(sl, 1 - strength * sh)


def dome(c, cx, cy, rx, ry, seed, colour, rough=0.15, height=1.0, alpha=1.0, angle=0.0, gloss=1.0):
    """A raised, shaded lesion (papule, nodule, plaque), lit from the upper left."""
    sl, x, y = c.around(cx, cy, rx, ry)
    if sl is None:
        return
    sd = shapes.blob(x, y, cx, cy, rx, ry, seed, rough, angle)
    a = c.aa(sd) * alpha
    nx = (x - cx) / rx
    ny = (y - cy) / ry
    inner = np.clip(sd / max(rx, ry), 0, 1)
    light = 1.0 + height * (-0.16 * nx - 0.2 * ny) * (1 - inner) + 0.06 * height * inner
    spec = np.exp(-((nx + 0.35) ** 2 + (ny + 0.4) ** 2) / 0.04) * 0.22 * height * gloss
    grain = (noise.pfbm(x, y, 5.0, seed + 1, 2) - 0.5) * 0.1
    col = (
        np.asarray(colour, np.float32)[None, None, :] * (light + grain)[..., None]
        + 255 * spec[..., None]
    )
    # the shadow the lesion casts on the skin, down and to the right
    sh_sd = shapes.blob(x - 6 * height, y - 8 * height, cx, cy, rx, ry, seed, rough, angle)
    c.mul(sl, 1 - 0.22 * height * np.clip(1 + sh_sd / 10.0, 0, 1) * (sd < 0))
    c.over(sl, a, col)


def chalk(c, cx, cy, rx, ry, seed, rough=0.4, crust=0.5, height=0.5):
    """Chalk-white deposit seen through thin skin: white, crumbly centre, a
    yellowish margin blending into the skin, slightly raised."""
    sl, x, y = c.around(cx, cy, rx, ry)
    if sl is None:
        return
    sd = shapes.blob(x, y, cx, cy, rx, ry, seed, rough)
    m = np.clip(sd / max(8.0, 0.35 * min(rx, ry)), 0, 1)
    halo = np.clip(1 + sd / 16.0, 0, 1) * (sd < 0)
    c.over(sl, halo * 0.4, (238, 210, 174))
    c.mul(sl, 1 - 0.12 * height * np.clip(1 + (sd + 4) / 8.0, 0, 1) * (sd < 0))
    crumb = noise.pfbm(x, y, 5.0, seed + 7, 3)
    lumps = noise.pfbm(x, y, 18.0, seed + 8, 2)
    nx, ny = (x - cx) / rx, (y - cy) / ry
    light = 1.0 + 0.25 * (lumps - 0.5) - 0.08 * (nx + ny) * height
    col = CHALK[None, None, :] * (0.9 + 0.12 * crumb)[..., None] * light[..., None]
    col = col - (crumb < 0.3)[..., None] * np.array([45, 48, 55], np.float32) * crust
    c.over(sl, c.aa(sd) * (0.6 + 0.4 * m), col)


def livedo(c, cx, cy, r, seed, strength=1.0, cell=70.0):
    """Net-like violaceous mottling (livedo racemosa: broken, irregular rings)."""
    sl, x, y = c.around(cx, cy, r, r, 0)
    wx = x + 25.0 * (noise.perlin(x, y, 90.0, seed + 2) - 0.5)
    wy = y + 25.0 * (noise.perlin(x, y, 90.0, seed + 3) - 0.5)
    f1, f2, _, _, _ = noise.worley(wx, wy, cell, seed)
    net = np.clip(1 - (f2 - f1) / (cell * 0.25), 0, 1) ** 1.5
    broken = np.clip((noise.pfbm(x, y, cell * 1.5, seed + 1, 2) - 0.38) * 6, 0, 1)
    d = np.sqrt((x - cx) ** 2 + (y - cy) ** 2)
    fall = np.clip(1.2 - d / r, 0, 1)
    c.over(sl, net * broken * fall * 0.55 * strength, (118, 58, 98))


def eschar(c, cx, cy, rx, ry, seed):
    """Necrotic ulcer: black, cracked, dry crust in a purpuric rim with a
    thin pale border of ischaemic skin."""
    sl, x, y = c.around(cx, cy, rx, ry, 80.0)
    sd = shapes.blob(x, y, cx, cy, rx, ry, seed, 0.45)
    rim = np.clip(1 + sd / 60.0, 0, 1) * (sd < 0)
    c.over(sl, rim * 0.65, (128, 40, 62))
    pale = np.clip(1 - np.abs(sd + 6) / 5.0, 0, 1)
    c.over(sl, pale * 0.35, (220, 200, 190))
    tex = noise.pfbm(x, y, 10.0, seed + 1, 3)
    nx, ny = (x - cx) / rx, (y - cy) / ry
    light = 0.75 + 0.9 * tex - 0.15 * (nx + ny)
    col = np.array([34, 26, 24], np.float32)[None, None, :] * light[..., None]
    c.over(sl, c.aa(sd), col)
    f1, f2, _, _, _ = noise.worley(x, y, 28.0, seed + 2)
    crack = np.clip(1.5 - (f2 - f1), 0, 1) * c.aa(sd - 8)
    c.over(sl, crack * 0.8, (96, 32, 34))


def erythema(c, cx, cy, r, strength=0.35, colour=(205, 95, 90)):
    sl, x, y = c.around(cx, cy, r, r, 0)
    d = np.sqrt((x - cx) ** 2 + (y - cy) ** 2)
    m = noise.pfbm(x, y, r * 0.4, int(cx) + 3, 2)
    c.over(sl, np.clip(1 - d / r, 0, 1) ** 0.7 * strength * (0.7 + 0.6 * m), colour)


def bump(c, cx, cy, rx, ry, height=0.3, gloss=0.0, seed=0):
    """A broad swelling under the skin: shading only, no outline (a joint,
    a subcutaneous mass). Lit from the upper left."""
    sl, x, y = c.around(cx, cy, rx, ry, 0)
    nx, ny = (x - cx) / rx, (y - cy) / ry
    if seed:
        nx = nx + 0.15 * (noise.perlin(x, y, rx * 0.7, seed) - 0.5)
    r2 = nx * nx + ny * ny
    w = np.clip(1 - r2, 0, 1)
    light = 1 + height * (-0.5 * nx - 0.6 * ny) * np.sqrt(w) * (1 - w) * 1.6 + 0.05 * height * w
    spec = np.exp(-((nx + 0.35) ** 2 + (ny + 0.45) ** 2) / 0.05) * gloss * w
    c.mul(sl, light)
    c.over(sl, spec * 0.35, (255, 250, 245))
