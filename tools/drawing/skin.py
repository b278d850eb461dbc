"""The layers of skin: where each layer is (Layout) and its texture.

The layout is a set of 1-D profiles along x (skin surface, base of the
epidermis with its rete ridges, top of the subcutis, bottom of the section)
so that any magnification can ask "what is at (x, y)" cheaply. Textures are
noise in micrometres (see `noise`), so they stay put when the view zooms.
"""
from dataclasses import dataclass, field

import numpy as np

from . import noise
from .canvas import (CORNEUM, DERMIS, EPIDERMIS, FAT, GLASS, MUSCLE, PAPILLARY,
                     SEPTUM, ramp)


@dataclass
class Layout:
    seed: int
    surface: float = 520.0          # mean y of the skin surface (um)
    corneum: float = 18.0           # stratum corneum thickness
    epidermis: float = 75.0         # suprapapillary epidermis thickness
    rete_depth: float = 45.0        # depth of rete ridges below that
    rete_period: float = 110.0
    papillomatosis: float = 0.0     # height of warty papillae (um)
    dermis: float = 1750.0          # dermis thickness
    muscle_at: float = 0.0          # depth of fascia and muscle below the surface (0 = none)
    left: float = 150.0             # section edges (x, um)
    right: float = 3850.0
    bottom: float = 2920.0          # bottom of the section (y, um)
    scar: list = field(default_factory=list)  # (x0, x1, y0, y1) boxes of fibrotic dermis

    def surf(self, x):
        base = self.surface + 30.0 * (noise.value(x, 0.0, 900.0, self.seed + 1) - 0.5)
        base = base + 8.0 * (noise.value(x, 0.0, 140.0, self.seed + 2) - 0.5)
        if self.papillomatosis > 0:
            # church-spire papillae: narrow peaks, broad valleys
            ph = np.abs(np.sin(np.pi * x / 260.0 + 2.0 * noise.value(x, 0.0, 500.0, self.seed + 3)))
            base = base - self.papillomatosis * ph ** 3
        return base

    def epi_top(self, x):
        return self.surf(x) + self.corneum * (0.85 + 0.3 * noise.value(x, 0.0, 200.0, self.seed + 4))

    def epi_base(self, x):
        top = self.epi_top(x)
        phase = 2.0 * np.pi * x / self.rete_period + 3.0 * noise.value(x, 0.0, 400.0, self.seed + 5)
        ridge = np.clip(np.sin(phase), 0.0, None) ** 2.2
        depth = self.rete_depth * (0.6 + 0.8 * noise.value(x, 0.0, 250.0, self.seed + 6))
        thick = self.epidermis * (0.9 + 0.2 * noise.value(x, 0.0, 300.0, self.seed + 7))
        if self.papillomatosis > 0:
            # in a warty epidermis the base stays flatter than the surface
            top = np.maximum(top, self.surface - 0.3 * self.papillomatosis)
        return top + thick + depth * ridge

    def papillary_bottom(self, x):
        return self.epi_top(x) + self.epidermis + self.rete_depth + 90.0

    def sub_top(self, x):
        return (self.surface + self.dermis
                + 160.0 * (noise.value(x, 0.0, 700.0, self.seed + 8) - 0.5))

    def muscle_top(self, x):
        return self.surface + self.muscle_at + 60.0 * (noise.value(x, 0.0, 800.0, self.seed + 9) - 0.5)

    def inside(self, x, y, upp):
        """Coverage of the section (not glass): side edges and ragged bottom."""
        wob = 40.0 * (noise.value(y, x * 0.0, 300.0, self.seed + 10) - 0.5)
        d_left = x - self.left - wob
        d_right = self.right + wob - x
        d_bot = self.bottom + 50.0 * (noise.value(x, 0.0, 350.0, self.seed + 11) - 0.5) - y
        d_top = y - self.surf(x)
        d = np.minimum(np.minimum(d_left, d_right), np.minimum(d_bot, d_top))
        return ramp(d, upp)

    def scar_weight(self, x, y):
        w = np.zeros(np.broadcast(x, y).shape, np.float32)
        for (x0, x1, y0, y1) in self.scar:
            soft = 80.0
            wx = np.clip(np.minimum(x - x0, x1 - x) / soft, 0, 1)
            wy = np.clip(np.minimum(y - y0, y1 - y) / soft, 0, 1)
            w = np.maximum(w, wx * wy)
        return w


def soft(field, threshold, width):
    """Smooth threshold of a noise field; width in field units (about 1 px)."""
    return np.clip((field - threshold) / np.maximum(width, 1e-6) + 0.5, 0.0, 1.0).astype(np.float32)


def collagen(x, y, upp, seed, papillary=0.0, scar=0.0):
    """Eosin amount of dermal collagen: wavy bundles with white clefts.

    Reticular dermis: thick, mostly horizontal, wavy bundles separated by
    thin clefts (isolines of stretched gradient noise) and a few wider gaps.
    Papillary dermis: fine, loose fibres. Scar: compact parallel bundles with
    few clefts.
    """
    P = noise.perlin
    lo = lambda s, k: noise.coarse(lambda a, b: P(a, b, s, seed + k), x, y, s / upp / 4.0)
    wx = x + 90.0 * (lo(380.0, 0) - 0.5)
    wy = y + 140.0 * (lo(450.0, 1) - 0.5)
    wy = wy + 14.0 * np.sin(x / 48.0 + 7.0 * lo(260.0, 2))
    px = max(upp, 0.35)
    # thin clefts between bundles: where the stretched noise crosses 0.5
    n = P(wx, wy * 3.2, 130.0, seed + 3)
    n2 = P(wx + 31.0, wy * 3.0, 52.0, seed + 4)
    edge = np.abs(n - 0.5) * 130.0 / 3.2 / 0.9  # ~ um from the cleft line
    cleft = np.clip((2.2 - edge) / px + 0.5, 0, 1)
    edge2 = np.abs(n2 - 0.5) * 52.0 / 3.0 / 0.9
    cleft = np.maximum(cleft, 0.8 * np.clip((1.3 - edge2) / px + 0.5, 0, 1) * (n > 0.45))
    gap = soft(P(wx, wy * 2.2, 110.0, seed + 5), 0.78, px * 2.2 / 110.0 * 2.0)
    fib = P(wx, wy * 9.0, 26.0, seed + 6) if upp < 1.2 else 0.5
    dens = (0.72 + 0.35 * n + 0.18 * (fib - 0.5)) * (1.0 - cleft) * (1.0 - gap)
    out = dens
    if np.any(papillary > 0):
        pn = P(wx * 1.3, wy * 1.8, 22.0, seed + 7)
        pe = np.abs(pn - 0.5) * 22.0 / 1.5 / 0.9
        pcleft = np.clip((1.6 - pe) / px + 0.5, 0, 1)
        fine = (0.5 + 0.3 * pn) * (1.0 - 0.85 * pcleft)
        out = out * (1.0 - papillary) + fine * papillary
    if np.any(scar > 0):
        sn = P(x + 25.0 * P(x, y, 300.0, seed + 8), y * 8.0, 220.0, seed + 9)
        se = np.abs(sn - 0.5) * 220.0 / 8.0 / 0.9
        scl = np.clip((1.0 - se) / px + 0.5, 0, 1)
        dense = (0.92 + 0.2 * (sn - 0.5)) * (1.0 - 0.7 * scl)
        if upp < 1.2:
            dense = dense * (0.9 + 0.2 * P(x, y * 12.0, 20.0, seed + 10))
        out = out * (1.0 - scar) + dense * scar
    return out.astype(np.float32)
