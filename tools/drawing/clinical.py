"""Clinical schematics: skin-tone fields with chalk-white deposits, nodules,
livedo and eschar. Drawn in pixel space with soft, shaded shapes; the aim is
a clear schematic of the sign, not a photograph."""
import numpy as np

from . import noise, shapes

SKIN = np.array([222, 176, 146], np.float32)
CHALK = np.array([246, 243, 232], np.float32)
DRAPE = np.array([92, 128, 140], np.float32)


class Clin:
    """A float RGB image with pixel coordinate grids."""

    def __init__(self, w, h, seed):
        self.w, self.h, self.seed = w, h, seed
        self.s = w / 1200.0  # drawing sizes are given for a 1200 px wide image
        self.x = (np.arange(w, dtype=np.float32)[None, :] + 0.5) / self.s
        self.y = (np.arange(h, dtype=np.float32)[:, None] + 0.5) / self.s
        self.img = np.zeros((h, w, 3), np.float32) + DRAPE
        self.img += (noise.pfbm(self.x, self.y, 200.0, seed + 99, 2) - 0.5)[..., None] * 20.0

    def aa(self, sd):
        """Coverage of a signed distance given in 1200-px units."""
        return np.clip(sd * self.s + 0.5, 0, 1).astype(np.float32)

    def over(self, alpha, colour):
        a = np.asarray(alpha, np.float32)[..., None]
        self.img = self.img * (1 - a) + a * np.asarray(colour, np.float32)

    def mul(self, factor):
        self.img = self.img * np.asarray(factor, np.float32)[..., None]

    def out(self):
        return np.clip(self.img + 0.5, 0, 255).astype(np.uint8)


def skin(c, sd, tone=SKIN, lines=1.0):
    """Paint skin inside sd > 0: mottled tone, fine crossing skin lines, pores,
    and a rounded shading towards the edges so the body part looks solid."""
    x, y, seed = c.x, c.y, c.seed
    mott = noise.pfbm(x, y, 120.0, seed + 1, 3) - 0.5
    red = noise.pfbm(x, y, 60.0, seed + 2, 2) - 0.5
    col = tone[None, None, :] + mott[..., None] * np.array([18, 16, 14], np.float32) + \
        red[..., None] * np.array([10, -8, -6], np.float32)
    l1 = np.abs(noise.perlin(x + 0.3 * y, y, 34.0, seed + 3) - 0.5)
    l2 = np.abs(noise.perlin(x, y - 0.4 * x, 28.0, seed + 4) - 0.5)
    groove = np.clip(0.05 - np.minimum(l1, l2), 0, 0.05) / 0.05 * lines
    pores = (noise.worley(x, y, 14.0, seed + 5)[0] < 1.3) * 0.6
    col = col * (1 - 0.1 * groove - 0.06 * pores)[..., None]
    edge = np.clip(sd / 120.0, 0, 1)
    col = col * (0.72 + 0.28 * np.sqrt(edge))[..., None]
    c.over(c.aa(sd), col)


def shadow(c, sd, blur=25.0, strength=0.35):
    """A soft cast shadow outside a shape (sd > 0 inside)."""
    sh = np.clip(1 + sd / blur, 0, 1) * (sd < 0)
    c.mul(1 - strength * sh)


def dome(c, cx, cy, rx, ry, seed, colour, rough=0.15, height=1.0, alpha=1.0, angle=0.0):
    """A raised, shaded lesion (papule, nodule, plaque): lit from the upper left."""
    sd = shapes.blob(c.x, c.y, cx, cy, rx, ry, seed, rough, angle)
    a = c.aa(sd) * alpha
    if not a.any():
        return sd
    nx = (c.x - cx) / rx
    ny = (c.y - cy) / ry
    light = 1.0 + height * (-0.18 * nx - 0.22 * ny) * np.clip(1 - sd / max(rx, ry), 0, 1)
    spec = np.exp(-((nx + 0.35) ** 2 + (ny + 0.4) ** 2) / 0.05) * 0.25 * height
    grain = (noise.pfbm(c.x, c.y, 6.0, seed + 1, 2) - 0.5) * 0.12
    col = np.asarray(colour, np.float32)[None, None, :] * (light + grain)[..., None] + 255 * spec[..., None]
    ring = np.clip(1 + sd / 6.0, 0, 1) * (sd < 0)
    c.mul(1 - 0.25 * ring * height)
    c.over(a, col)
    return sd


def chalk(c, cx, cy, rx, ry, seed, rough=0.4, crust=0.5):
    """Chalk-white deposit seen through thin skin: white centre, yellowish
    margin blending into the skin, rough crumbly surface."""
    sd = shapes.blob(c.x, c.y, cx, cy, rx, ry, seed, rough)
    m = np.clip(sd / max(8.0, 0.35 * min(rx, ry)), 0, 1)
    halo = np.clip(1 + sd / 14.0, 0, 1) * (sd < 0)
    c.over(halo * 0.35, (236, 208, 170))
    crumb = noise.pfbm(c.x, c.y, 5.0, seed + 7, 3)
    col = CHALK[None, None, :] * (0.9 + 0.14 * crumb)[..., None]
    col = col - (crumb < 0.32)[..., None] * np.array([40, 45, 55], np.float32) * crust
    c.over(c.aa(sd) * (0.55 + 0.45 * m), col)
    dome(c, cx, cy, rx, ry, seed, (0, 0, 0), rough, height=0.6, alpha=0.0)
    return sd


def livedo(c, cx, cy, r, seed, strength=1.0, cell=70.0):
    """Net-like violaceous mottling (livedo racemosa: broken rings)."""
    f1, f2, _, _, _ = noise.worley(c.x, c.y, cell, seed)
    net = np.clip(1 - (f2 - f1) / (cell * 0.22), 0, 1)
    broken = noise.pfbm(c.x, c.y, cell * 1.5, seed + 1, 2) > 0.42
    d = np.sqrt((c.x - cx) ** 2 + (c.y - cy) ** 2)
    fall = np.clip(1.2 - d / r, 0, 1)
    c.over(net * broken * fall * 0.6 * strength, (120, 60, 95))


def eschar(c, cx, cy, rx, ry, seed):
    """Necrotic ulcer with a black crust and a purpuric, inflamed rim."""
    sd = shapes.blob(c.x, c.y, cx, cy, rx, ry, seed, 0.45)
    rim = np.clip(1 + sd / 45.0, 0, 1) * (sd < 0)
    c.over(rim * 0.7, (140, 45, 60))
    tex = noise.pfbm(c.x, c.y, 8.0, seed + 1, 3)
    col = np.array([30, 24, 22], np.float32)[None, None, :] * (0.7 + 0.8 * tex)[..., None]
    c.over(c.aa(sd), col)
    crack = np.abs(noise.perlin(c.x, c.y, 30.0, seed + 2) - 0.5) < 0.03
    c.over(crack * c.aa(sd - 6) * 0.7, (110, 40, 40))


def erythema(c, cx, cy, r, strength=0.35):
    d = np.sqrt((c.x - cx) ** 2 + (c.y - cy) ** 2)
    c.over(np.clip(1 - d / r, 0, 1) ** 0.7 * strength, (205, 95, 90))
