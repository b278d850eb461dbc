"""The layers of skin: where each layer is (Layout) and its texture.

The layout is a set of 1-D profiles along x (skin surface, base of the
epidermis with its rete ridges, top of the subcutis, bottom of the section)
so that any magnification can ask "what is at (x, y)" cheaply. Textures are
noise in micrometres (see `noise`), so they stay put when the view zooms.
"""

from dataclasses import dataclass, field

import numpy as np

from . import noise
from .canvas import ramp


@dataclass
class Layout:
    seed: int
    surface: float = 520.0  # mean y of the skin surface (um)
    corneum: float = 18.0  # stratum corneum thickness
    epidermis: float = 75.0  # suprapapillary epidermis thickness
    rete_depth: float = 45.0  # depth of rete ridges below that
    rete_period: float = 110.0
    papillomatosis: float = 0.0  # height of warty papillae (um)
    papule: tuple = ()  # (centre x, half-width, height): a raised papule, warty if any
    dermis: float = 1750.0  # dermis thickness
    muscle_at: float = 0.0  # depth of fascia and muscle below the surface (0 = none)
    left: float = 150.0  # section edges (x, um)
    right: float = 3850.0
    bottom: float = 2920.0  # bottom of the section (y, um)
    scar: list = field(default_factory=list)  # (cx, cy, rx, ry) ellipses of fibrotic dermis

    def papule_weight(self, x):
        """0..1 across the papule (1 on it), smooth at its shoulders."""
        if not self.papule:
            return np.ones_like(np.asarray(x, np.float32))
        cx, hw, _ = self.papule
        t = np.clip((hw - np.abs(x - cx)) / (0.35 * hw), 0, 1)
        return t * t * (3 - 2 * t)

    def lift(self, x):
        """How far the papule raises the skin surface here (um)."""
        if not self.papule:
            return 0.0
        cx, hw, height = self.papule
        u = np.clip(np.abs(x - cx) / (hw * 1.15), 0, 1)
        return height * (1 - u * u) ** 1.5

    def papillae(self, x):
        """0..1 profile of warty projections: irregular spacing and height,
        narrow tips (church spires), broad valleys."""
        ph = np.abs(np.sin(np.pi * x / 190.0 + 3.0 * noise.value(x, 0.0, 420.0, self.seed + 3)))
        height = 0.45 + 0.75 * noise.value(x, 0.0, 330.0, self.seed + 12)
        return ph**2.5 * height * self.papule_weight(x)

    def _base(self, x):
        return (
            self.surface + 30.0 * (noise.value(x, 0.0, 900.0, self.seed + 1) - 0.5) - self.lift(x)
        )

    def surf(self, x):
        base = self._base(x) + 8.0 * (noise.value(x, 0.0, 140.0, self.seed + 2) - 0.5)
        if self.papillomatosis > 0:
            # compact keratin fills the valleys; its surface only hints at the spires
            w = self.papule_weight(x)
            base = (
                base
                - self.papillomatosis * (0.95 * w + 0.35 * self.papillae(x))
                - self.corneum * (1 - w)
            )
        return base

    def epi_top(self, x):
        if self.papillomatosis > 0:
            return self._base(x) - self.papillomatosis * self.papillae(x) + 12.0
        return self.surf(x) + self.corneum * (
            0.85 + 0.3 * noise.value(x, 0.0, 200.0, self.seed + 4)
        )

    def epi_base(self, x):
        top = self.epi_top(x)
        phase = 2.0 * np.pi * x / self.rete_period + 3.0 * noise.value(x, 0.0, 400.0, self.seed + 5)
        ridge = np.clip(np.sin(phase) + 0.25, 0.0, None) / 1.25
        ridge = ridge * ridge * (3 - 2 * ridge)  # rounded tips, flat papillae
        depth = self.rete_depth * (0.6 + 0.8 * noise.value(x, 0.0, 250.0, self.seed + 6))
        thick = self.epidermis * (0.9 + 0.2 * noise.value(x, 0.0, 300.0, self.seed + 7))
        for cx, cy, rx, ry in self.scar:
            if cy - ry < self.surface + 300:
                # epidermis over a scar is thin and flat: no rete ridges
                fx = np.clip((rx * 0.8 - np.abs(x - cx)) / 80.0, 0, 1)
                depth = depth * (1 - fx)
                thick = thick * (1 - 0.3 * fx)
        if self.papillomatosis > 0:
            # dermal papillae run up into the projections, but not to the tips
            top = top + 0.25 * self.papillomatosis * self.papillae(x)
        return top + thick + depth * ridge

    def papillary_bottom(self, x):
        return self.epi_top(x) + self.epidermis + self.rete_depth + 90.0

    def sub_top(self, x):
        return (
            self.surface + self.dermis + 160.0 * (noise.value(x, 0.0, 700.0, self.seed + 8) - 0.5)
        )

    def muscle_top(self, x):
        return (
            self.surface + self.muscle_at + 60.0 * (noise.value(x, 0.0, 800.0, self.seed + 9) - 0.5)
        )

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
        """0..1: how much the dermis here is replaced by scar (irregular
        ellipses, feathering out into normal dermis)."""
        from . import shapes

        w = np.zeros(np.broadcast(x, y).shape, np.float32)
        for k, (cx, cy, rx, ry) in enumerate(self.scar):
            sd = shapes.blob(x, y, cx, cy, rx, ry, self.seed + 50 + k, 0.3, detail=ry * 0.8)
            w = np.maximum(w, np.clip(sd / 120.0 + 0.5, 0, 1))
        return w


def soft(field, threshold, width):
    """Smooth threshold of a noise field; width in field units (about 1 px)."""
    return np.clip((field - threshold) / np.maximum(width, 1e-6) + 0.5, 0.0, 1.0).astype(np.float32)


def collagen(x, y, upp, seed, papillary=0.0, scar=0.0):
    """Eosin amount of dermal collagen: wavy bundles with white clefts.

    Reticular dermis: long, wavy, mostly horizontal bundles. Clefts between
    bundles are isolines of noise stretched along x (thin, of varying width),
    plus open gaps; a faint fibrillar streak runs along each bundle.
    Papillary dermis: finer, looser, paler fibres. Scar: compact parallel
    bundles with few clefts. Tuned against the real scan's dermis.
    """
    P = noise.perlin
    lo = lambda s, k: noise.coarse(lambda a, b: P(a, b, s, seed + k), x, y, s / upp / 4.0)
    px = max(upp, 0.35)
    wx = x + 120.0 * (lo(380.0, 0) - 0.5)
    wy = y + 300.0 * (lo(600.0, 1) - 0.5)
    wy = wy + 9.0 * np.sin(x / 35.0 + 7.0 * lo(260.0, 2))
    A = 5.0  # bundles are ~5x longer than wide
    n = P(wx, wy * A, 150.0, seed + 3)
    n2 = P(wx + 31.0, wy * A, 60.0, seed + 4)
    e1 = np.abs(n - 0.5) * (150.0 / A / 0.9)  # ~ um from a cleft line
    e2 = np.abs(n2 - 0.5) * (60.0 / A / 0.9)
    wv = 0.8 + 4.0 * np.clip(lo(120.0, 8) - 0.45, 0, 1)  # cleft width varies
    cleft = np.maximum(
        np.clip((wv - e1) / px + 0.5, 0, 1), np.clip((0.5 * wv - e2) / px + 0.5, 0, 1)
    )
    gap = soft(P(wx, wy * 2.5, 90.0, seed + 5), 0.70, px * 2.5 / 90.0 * 2.0)
    fib = P(wx, wy * 12.0, 30.0, seed + 6) if upp < 1.2 else 0.5
    out = (0.78 + 0.3 * n2 + 0.25 * (fib - 0.5)) * (1.0 - cleft) * (1.0 - gap)
    if np.any(papillary > 0):
        pn = P(wx * 1.3, wy * 2.0, 30.0, seed + 7)
        pe = np.abs(pn - 0.5) * 30.0 / 2.0 / 0.9
        pcleft = np.clip((1.4 - pe) / px + 0.5, 0, 1)
        pgap = soft(P(wx, wy * 1.5, 25.0, seed + 9), 0.66, px * 1.5 / 25.0 * 2.0)
        fine = (0.55 + 0.3 * pn) * (1.0 - 0.9 * pcleft) * (1.0 - pgap)
        out = out * (1.0 - papillary) + fine * papillary
    if np.any(scar > 0):
        # scar: compact, hyalinised, parallel horizontal bundles; only a few
        # long thin clefts (noise stretched 25x along the bundles)
        sx = x + 40.0 * (lo(300.0, 10) - 0.5)
        sn = P(sx, y * 25.0, 700.0, seed + 11)
        se = np.abs(sn - 0.5) * 700.0 / 25.0 / 0.9
        scl = np.clip((0.6 - se) / px + 0.5, 0, 1)
        sf = P(sx, y * 14.0, 50.0, seed + 12) if upp < 1.2 else 0.5
        dense = (1.02 + 0.15 * (sn - 0.5) + 0.15 * (sf - 0.5)) * (1.0 - 0.85 * scl)
        out = out * (1.0 - scar) + dense * scar
    return out.astype(np.float32)
