"""A hair follicle with its sebaceous gland, cut lengthwise: the adnexa that
make a low-power field read as skin (eccrine coils are in `structures`)."""

from dataclasses import dataclass

import numpy as np

from . import cells as C
from . import noise, shapes
from .canvas import ADNEXA, ramp


@dataclass
class Follicle:
    x0: float  # where it opens on the epidermis
    y0: float
    x1: float  # the bulb, deep in the dermis
    y1: float
    seed: int
    r: float = 50.0  # outer radius of the follicle (um)
    nuclei: object = None

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        L = np.hypot(self.x1 - self.x0, self.y1 - self.y0)
        self.ang = float(np.arctan2(self.y1 - self.y0, self.x1 - self.x0))
        ux, uy = np.cos(self.ang), np.sin(self.ang)
        # sebaceous lobules beside the upper third
        t = 0.3
        side = -1.0 if rng.uniform() < 0.5 else 1.0
        bx, by = self.x0 + ux * L * t, self.y0 + uy * L * t
        self.glands = [
            (
                bx - uy * side * (self.r + 60 + rng.uniform(0, 50)) + ux * (70 * k - 40),
                by + ux * side * (self.r + 60 + rng.uniform(0, 50)) + uy * (70 * k - 40),
                rng.uniform(60, 85),
                rng.uniform(42, 55),
            )
            for k in range(3)
        ]
        # outer root sheath nuclei along both walls
        n = int(L * 2 / 9)
        s = rng.uniform(0, 1, n)
        off = rng.choice([-1.0, 1.0], n) * rng.uniform(self.r * 0.45, self.r * 0.92, n)
        x = self.x0 + ux * L * s - uy * off
        y = self.y0 + uy * L * s + ux * off
        self.nuclei = C.Cells(
            x.astype(np.float32),
            y.astype(np.float32),
            rng.uniform(3.0, 4.0, n).astype(np.float32),
            rng.uniform(2.2, 3.0, n).astype(np.float32),
            np.full(n, self.ang, np.float32),
            rng.uniform(0.75, 1.0, n).astype(np.float32),
            hem=1.0,
            eos=0.2,
        )

    def bbox(self):
        xs = [self.x0, self.x1] + [g[0] for g in self.glands]
        ys = [self.y0, self.y1] + [g[1] for g in self.glands]
        m = self.r + 80
        return (min(xs) - m, min(ys) - m, max(xs) + m, max(ys) + m)

    def draw(self, cv):
        sl = cv.view.window(*self.bbox())
        if sl is None:
            return
        x, y = cv.local(sl)
        upp = cv.view.upp
        for k, (gx, gy, rx, ry) in enumerate(self.glands):
            self.draw_gland(cv, sl, x, y, gx, gy, rx, ry, self.seed + 10 + k)
        outer = shapes.capsule(x, y, self.x0, self.y0, self.x1, self.y1, self.r)
        # the follicle starts at the skin surface (no cap sticking out)
        outer = np.minimum(outer, y - (self.y0 - 6.0))
        bulb = shapes.ellipse(x, y, self.x1, self.y1, self.r * 1.35, self.r * 1.2, self.ang)
        sd = np.maximum(outer, bulb)
        cv.paint(sl, ramp(sd, upp), label=ADNEXA, eos=0.5, hem=0.24)
        # dark matrix cells of the bulb
        cv.paint(sl, ramp(bulb - 8.0, upp), eos=0.35, hem=0.55)
        # fibrous sheath: a thin pink rim
        cv.paint(sl, ramp(sd + 4.0, upp) * (1 - ramp(sd, upp)), eos=0.95, hem=0.08)
        C.draw(cv, self.nuclei)
        # hair shaft: yellow-brown keratin down the middle, to the bulb
        shaft = shapes.capsule(
            x,
            y,
            self.x0,
            self.y0 - 20,
            self.x1 - np.cos(self.ang) * self.r,
            self.y1 - np.sin(self.ang) * self.r,
            self.r * 0.28,
        )
        shaft = np.minimum(shaft, y - (self.y0 - 25.0))
        fib = noise.perlin(x, y, 4.0, self.seed) if upp < 1.2 else 0.5
        cv.paint(sl, ramp(shaft, upp), eos=0.75 + 0.2 * fib, hem=0.1, xtal=0.5)
        inner = ramp(shaft + 4.0, upp) * (1 - ramp(shaft, upp))
        cv.paint(sl, inner, eos=1.1, hem=0.05)

    @staticmethod
    def draw_gland(cv, sl, x, y, gx, gy, rx, ry, seed):
        """Sebaceous lobule: pale, bubbly cells; dark germinative cells at the rim."""
        upp = cv.view.upp
        sd = shapes.blob(x, y, gx, gy, rx, ry, seed, 0.15)
        a = ramp(sd, upp)
        if not a.any():
            return
        f1, f2, h, _, _ = noise.worley(x, y, 11.0, seed)
        bubbles = noise.perlin(x, y, 2.2, seed + 1) if upp < 0.6 else 0.5
        border = ramp(0.8 - (f2 - f1) / 2.0, upp)
        cv.paint(
            sl, a, label=ADNEXA, eos=0.2 + 0.12 * bubbles + 0.3 * border, hem=0.06 + 0.1 * border
        )
        nuc = ramp(1.8 - f1, upp) * (noise.unit(h) < 0.6) * ramp(sd - 10.0, upp)
        cv.paint(sl, nuc, hem=1.0, eos=0.2)
        rim = a * (1 - ramp(sd - 7.0, upp))
        cv.paint(sl, rim, eos=0.4, hem=0.45)
