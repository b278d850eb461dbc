"""Calcium deposits as they look on H&E: deep blue-purple amorphous masses
and granules, darker at the edge, crossed by sectioning cracks, with a thin
eosinophilic rim and a foreign-body giant-cell reaction around them.
"""

from dataclasses import dataclass, field

import numpy as np

from . import cells as C
from . import noise, shapes
from .canvas import CELLS, DEPOSIT, DERMIS, MUSCLE, NECROSIS, PAPILLARY, SEPTUM, ramp


@dataclass
class Deposit:
    x: float
    y: float
    rx: float
    ry: float
    seed: int
    angle: float = 0.0
    rough: float = 0.35  # lobulation of the outline
    cracks: float = 1.0  # amount of sectioning cracks
    lamellar: bool = False  # concentric rings (globules of SCN, milia-like)
    granules: float = 0.3  # scattered granules around the mass
    giant_cells: int = 0  # foreign-body giant cells on the rim
    histiocytes: float = 0.0  # density of histiocytes around (per mm^2 of rim)
    rim: float = 3.0  # eosinophilic rim thickness (um)
    label: str = "deposit"
    gcs: list = field(default_factory=list)
    nuclei: object = None

    def sd(self, x, y):
        return shapes.blob(
            x, y, self.x, self.y, self.rx, self.ry, self.seed, self.rough, self.angle
        )

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        R = max(self.rx, self.ry)
        # giant cells hug the outline: march along rays until just outside
        for k in range(self.giant_cells):
            t = rng.uniform(0, 2 * np.pi)
            gr = rng.uniform(22.0, 40.0)
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
            parts.append(
                C.Cells(
                    hx[ok],
                    hy[ok],
                    rng.uniform(3.5, 5.0, ok.sum()).astype(np.float32),
                    rng.uniform(2.2, 3.0, ok.sum()).astype(np.float32),
                    (t[ok] + rng.normal(0, 0.4, ok.sum())).astype(np.float32),
                    rng.uniform(0.6, 0.85, ok.sum()).astype(np.float32),
                    hem=0.9,
                    eos=0.3,
                    allowed=(DERMIS, PAPILLARY, SEPTUM, MUSCLE, NECROSIS, CELLS),
                )
            )
        # kept apart: histiocytes may only sit on stroma, giant-cell nuclei anywhere
        self.nuclei = [p for p in parts if p is not None and len(p)]

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
        sd = self.sd(x, y)
        # shrink to where the deposit and its rim of granules actually are
        near = sd > -50.0
        rows = np.flatnonzero(near.any(axis=1))
        if len(rows) == 0:
            for p in self.nuclei:
                C.draw(cv, p, label=CELLS)
            return
        cols = np.flatnonzero(near[rows[0] : rows[-1] + 1].any(axis=0))
        sub = (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))
        sd, x, y = sd[sub], x[:, sub[1]], y[sub[0], :]
        sl = (
            slice(sl[0].start + rows[0], sl[0].start + rows[-1] + 1),
            slice(sl[1].start + cols[0], sl[1].start + cols[-1] + 1),
        )
        # thin eosinophilic rim, then the mass on top
        rim = ramp(sd + self.rim, upp) * (1.0 - ramp(sd, upp))
        cv.paint(sl, rim * 0.85, eos=0.95, hem=0.1)
        for g in self.gcs:
            g.draw_body(cv)
        mass = mineral(cv, sl, x, y, sd, upp, self.seed, self.lamellar)
        # granules scattered around the mass
        if self.granules > 0:
            ring = (sd < 0) & (sd > -46.0)

            def gran(a, b, s=self):
                f1, _, h, _, _ = noise.worley(a, b, 11.0, s.seed + 2)
                keep = noise.unit(h) < s.granules * np.clip(1.0 + s.sd(a, b) / 45.0, 0, 1)
                return ramp(1.2 + 3.0 * noise.unit(h * np.uint32(9)) - f1, upp) * keep

            g = noise.masked(gran, x, y, ring)
            cv.paint(sl, g, label=DEPOSIT, ca=1.0, hem=0.1)
        cv.mark(self.label, sl, mass)
        if self.cracks > 0:
            cell = float(np.clip(min(self.rx, self.ry) * 0.45, 14.0, 90.0))
            cracks(cv, sl, x, y, sd, upp, self.seed, cell, self.cracks)
        for p in self.nuclei:
            C.draw(cv, p, label=CELLS)


def mineral(cv, sl, x, y, sd, upp, seed, lamellar=False):
    """Paint calcium where sd > 0: zones of denser and looser mineral, fine
    granules, a darker edge; concentric rings for globules. Returns coverage."""
    mass = ramp(sd, upp)
    inside = sd > -upp

    def texture(a, b):
        zone = noise.perlin(a, b, 45.0, seed + 1)
        grain = noise.pfbm(a, b, 6.0, seed + 2, octaves=3, min_scale=upp * 2)
        return 0.55 * zone + 0.6 * grain

    tex = noise.masked(texture, x, y, inside)
    edge_dark = np.clip(1.0 - sd / 12.0, 0, 1) * 0.3
    ca = 0.45 + tex + edge_dark
    if lamellar:
        ca = ca + 0.18 * np.sin(sd * 2 * np.pi / 7.0)
    cv.paint(sl, mass, label=DEPOSIT, ca=ca, hem=0.1, eos=0.12)
    return mass


def cracks(cv, sl, x, y, sd, upp, seed, cell, amount=1.0):
    """Knife artefact: calcium is brittle and shatters when sectioned.

    Fractures follow the straight edges of Voronoi cells (plates breaking
    into polygonal fragments); only some edges open, some open wide.
    """
    px = max(upp, 0.35)
    w0 = max(1.0 * amount, 0.5 * upp)

    def crack(a, b):
        f1, f2, h, _, _ = noise.worley(a, b, cell, seed + 5, jitter=0.95)
        edge = (f2 - f1) / 2.0
        opened = noise.perlin(a, b, cell * 1.7, seed + 6)
        w = w0 * (0.6 + 2.2 * np.clip(opened - 0.45, 0, 1) * 2.0)
        c = np.clip((w - edge) / px + 0.5, 0, 1) * (opened > 0.38)
        # a few fine hairline cracks inside fragments
        fine = np.abs(noise.perlin(a, b, cell * 0.6, seed + 7) - 0.5) * cell * 0.6 / 0.9
        c = np.maximum(
            c, 0.7 * np.clip((0.45 * w0 - fine) / px + 0.5, 0, 1) * (noise.unit(h) < 0.35)
        )
        return c

    c = noise.masked(crack, x, y, sd > -upp)
    cv.paint(sl, ramp(sd - 1.0, upp) * c * 0.94, eos=0.03)


@dataclass
class GiantCell:
    """Foreign-body giant cell: a large cell of pale, finely granular
    cytoplasm with many nuclei, mostly towards its edge, and a thin
    retraction halo that sets it off from the collagen."""

    x: float
    y: float
    r: float
    seed: int
    nuclei: object = None

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        n = int(np.clip(self.r * 0.8, 10, 36))
        t = rng.uniform(0, 2 * np.pi, n)
        rr = self.r * np.clip(rng.normal(0.6, 0.15, n), 0.1, 0.78)
        x = (self.x + rr * np.cos(t)).astype(np.float32)
        y = (self.y + rr * 0.8 * np.sin(t)).astype(np.float32)
        self.nuclei = C.Cells(
            x,
            y,
            rng.uniform(3.0, 4.0, n).astype(np.float32),
            rng.uniform(2.0, 2.6, n).astype(np.float32),
            (t + np.pi / 2 + rng.normal(0, 0.4, n)).astype(np.float32),
            rng.uniform(0.75, 0.95, n).astype(np.float32),
            hem=0.95,
            eos=0.25,
        )

    def draw_body(self, cv):
        R = self.r
        sl = cv.view.window(self.x - R * 1.6, self.y - R * 1.6, self.x + R * 1.6, self.y + R * 1.6)
        if sl is None:
            return
        x, y = cv.local(sl)
        upp = cv.view.upp
        sd = shapes.blob(x, y, self.x, self.y, R, R * 0.8, self.seed, 0.25, angle=self.seed % 7)
        fine = noise.perlin(x, y, 2.0, self.seed) if upp < 1.0 else 0.5
        halo = ramp(sd + 2.5, upp)
        cv.paint(sl, halo * 0.85, eos=0.08)
        cv.paint(sl, ramp(sd, upp), label=CELLS, eos=0.62 + 0.18 * fine, hem=0.2 + 0.05 * fine)
