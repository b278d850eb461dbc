"""Calcium deposits as they look on H&E: deep blue-purple amorphous masses
and granules, darker at the edge, crossed by sectioning cracks, with a thin
eosinophilic rim and a foreign-body giant-cell reaction around them.
"""
from dataclasses import dataclass, field

import numpy as np

from . import cells as C
from . import noise, shapes
from .canvas import CELLS, DEPOSIT, ramp


@dataclass
class Deposit:
    x: float
    y: float
    rx: float
    ry: float
    seed: int
    angle: float = 0.0
    rough: float = 0.35       # lobulation of the outline
    cracks: float = 1.0       # amount of sectioning cracks
    lamellar: bool = False    # concentric rings (globules of SCN, milia-like)
    granules: float = 0.3     # scattered granules around the mass
    giant_cells: int = 0      # foreign-body giant cells on the rim
    histiocytes: float = 0.0  # density of histiocytes around (per mm^2 of rim)
    rim: float = 3.0          # eosinophilic rim thickness (um)
    label: str = "calcium deposit"
    gcs: list = field(default_factory=list)
    nuclei: object = None

    def sd(self, x, y):
        return shapes.blob(x, y, self.x, self.y, self.rx, self.ry, self.seed, self.rough, self.angle)

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        R = max(self.rx, self.ry)
        # giant cells hug the outline: march along rays until just outside
        for k in range(self.giant_cells):
            t = rng.uniform(0, 2 * np.pi)
            gr = rng.uniform(16.0, 30.0)
            rs = np.linspace(0.3 * R, 1.8 * R + gr, 120)
            px = self.x + rs * np.cos(t)
            py = self.y + rs * np.sin(t)
            d = self.sd(px.astype(np.float32), py.astype(np.float32))
            out = np.flatnonzero(d < -gr * 0.55)
            if len(out):
                i = out[0]
                self.gcs.append(GiantCell(float(px[i]), float(py[i]), gr, self.seed * 31 + k))
        parts = [g.nuclei for g in self.gcs]
        if self.histiocytes > 0:
            # histiocytes in a band around the deposit
            band = R * 0.6 + 40
            n = int(self.histiocytes * (2 * np.pi * R * band) / 1e6)
            t = rng.uniform(0, 2 * np.pi, n)
            rr = rng.uniform(0.7, 1.0, n) * R + rng.uniform(0, band, n)
            hx = (self.x + rr * np.cos(t) * self.rx / R).astype(np.float32)
            hy = (self.y + rr * np.sin(t) * self.ry / R).astype(np.float32)
            ok = self.sd(hx, hy) < -4.0
            parts.append(C.Cells(hx[ok], hy[ok], rng.uniform(3.5, 5.0, ok.sum()).astype(np.float32),
                                 rng.uniform(2.2, 3.0, ok.sum()).astype(np.float32),
                                 (t[ok] + rng.normal(0, 0.4, ok.sum())).astype(np.float32),
                                 rng.uniform(0.6, 0.85, ok.sum()).astype(np.float32), hem=0.9, eos=0.3))
        self.nuclei = C.concat(parts)

    def bbox(self):
        R = max(self.rx, self.ry) * (1.0 + self.rough) + 60.0
        return (self.x - R, self.y - R, self.x + R, self.y + R)

    def core_bbox(self):
        R = max(self.rx, self.ry) * (1.0 + self.rough * 0.6)
        return (self.x - R, self.y - R, self.x + R, self.y + R)

    def draw(self, cv):
        sl = cv.view.window(*self.bbox())
        if sl is None:
            return
        x, y = cv.local(sl)
        upp = cv.view.upp
        px = max(upp, 0.35)
        sd = self.sd(x, y)
        # histiocyte cytoplasm and rim first, then the mass on top
        rim = ramp(sd + self.rim, upp) * (1.0 - ramp(sd, upp))
        cv.paint(sl, rim * 0.85, eos=0.95, hem=0.1)
        for g in self.gcs:
            g.draw_body(cv)
        mass = ramp(sd, upp)
        grain = noise.pfbm(x, y, 9.0, self.seed + 1, octaves=3, min_scale=upp * 2)
        edge_dark = np.clip(1.0 - sd / 12.0, 0, 1) * 0.3
        ca = 0.72 + 0.45 * grain + edge_dark
        if self.lamellar:
            ca = ca + 0.18 * np.sin(sd * 2 * np.pi / 7.0)
        cv.paint(sl, mass, label=DEPOSIT, ca=ca, hem=0.1, eos=0.12)
        # granules scattered around the mass
        if self.granules > 0:
            f1, _, h, _, _ = noise.worley(x, y, 11.0, self.seed + 2)
            near = np.clip(1.0 + sd / 45.0, 0, 1) * (sd < 0)
            keep = noise.unit(h) < self.granules * near
            g = ramp(1.2 + 3.0 * noise.unit(h * np.uint32(9)) - f1, upp) * keep
            cv.paint(sl, g, label=DEPOSIT, ca=1.0, hem=0.1)
        cv.mark(self.label, sl, mass)
        if self.cracks > 0:
            self.draw_cracks(cv, sl, x, y, sd, upp, px)
        C.draw(cv, self.nuclei, label=CELLS)

    def draw_cracks(self, cv, sl, x, y, sd, upp, px):
        """Knife artefact: calcium is brittle and shatters when sectioned."""
        inside = ramp(sd - 1.0, upp)
        R = min(self.rx, self.ry)
        s1 = max(R * 0.7, 20.0)
        c1 = np.abs(noise.perlin(x, y, s1, self.seed + 5) - 0.5) * s1 / 0.9
        w1 = max(1.6 * self.cracks, 0.55 * upp)
        crack = np.clip((w1 - c1) / px + 0.5, 0, 1)
        s2 = max(R * 0.3, 10.0)
        c2 = np.abs(noise.perlin(x + 17.0, y, s2, self.seed + 6) - 0.5) * s2 / 0.9
        sel = noise.perlin(x, y, s1, self.seed + 7) > 0.55
        crack = np.maximum(crack, np.clip((max(0.9, 0.45 * upp) - c2) / px + 0.5, 0, 1) * sel)
        cv.paint(sl, inside * crack * 0.92, eos=0.02)


@dataclass
class GiantCell:
    """Foreign-body giant cell: a large pink cell with many scattered nuclei."""
    x: float
    y: float
    r: float
    seed: int
    nuclei: object = None

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        n = int(np.clip(self.r * 0.7, 8, 30))
        self.nuclei = C.cluster(rng, self.x, self.y, self.r * 0.72, n, (2.6, 3.6), (1.8, 2.4),
                                hem=0.95, eos=0.3)

    def draw_body(self, cv):
        R = self.r
        sl = cv.view.window(self.x - R * 1.6, self.y - R * 1.6, self.x + R * 1.6, self.y + R * 1.6)
        if sl is None:
            return
        x, y = cv.local(sl)
        sd = shapes.blob(x, y, self.x, self.y, R, R * 0.8, self.seed, 0.25, angle=self.seed % 7)
        fine = noise.perlin(x, y, 3.0, self.seed) if cv.view.upp < 1.0 else 0.5
        cv.paint(sl, ramp(sd, cv.view.upp), label=CELLS, eos=0.88 + 0.2 * fine, hem=0.14)
