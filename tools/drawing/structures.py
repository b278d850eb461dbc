"""Vessels and adnexa: round structures built from rings of cells.

Each structure is a small object in scene micrometres with its own cells
(generated from its seed at scene build time) and a draw(canvas) that only
touches the pixels of its bounding box.
"""

from dataclasses import dataclass

import numpy as np

from . import cells as C
from . import noise, shapes
from .canvas import ADNEXA, DEPOSIT, LUMEN, VESSEL, ramp


def ring_cells(rng, cx, cy, rx, ry, angle, n, a, b, jitter=0.0, tangential=True, **kw):
    """Nuclei along an elliptical ring, oriented along it (endothelium, media)."""
    t = np.sort(rng.uniform(0, 2 * np.pi, n))
    rr = 1.0 + rng.uniform(-jitter, jitter, n)
    ca, sa = np.cos(angle), np.sin(angle)
    ux, uy = rx * rr * np.cos(t), ry * rr * np.sin(t)
    x = cx + ux * ca - uy * sa
    y = cy + ux * sa + uy * ca
    th = t + angle + (np.pi / 2 if tangential else 0.0)
    return C.Cells(
        x.astype(np.float32),
        y.astype(np.float32),
        rng.uniform(*a, n).astype(np.float32),
        rng.uniform(*b, n).astype(np.float32),
        th.astype(np.float32),
        rng.uniform(0.8, 1.0, n).astype(np.float32),
        **kw,
    )


def red_cells(cv, sl, x, y, inside, seed, fill=0.6):
    """Erythrocytes packed in a lumen: red discs with central pallor."""
    f1, _, h, _, _ = noise.worley(x, y, 7.8, seed, jitter=0.8)
    keep = noise.unit(h) < fill
    disc = ramp(3.5 - f1, cv.view.upp) * keep
    pallor = ramp(1.5 - f1, cv.view.upp) * 0.35 if cv.view.upp < 0.6 else 0.0
    cv.paint(sl, inside * disc, rbc=1.0 - pallor, eos=0.15)


@dataclass
class Vessel:
    x: float
    y: float
    r: float  # lumen radius (um)
    wall: float  # wall thickness (um)
    seed: int
    angle: float = 0.0
    ecc: float = 0.8  # lumen ry / rx (vessels are cut obliquely)
    muscular: bool = False  # arteriole: smooth-muscle media
    calcified: float = 0.0  # share of the media replaced by calcium
    thrombus: bool = False
    intimal: float = 0.0  # intimal fibroplasia thickness (um)
    fill: float = 0.55  # red cells in the lumen
    nuclei: object = None

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        rx, ry = self.r, self.r * self.ecc
        circ = 2 * np.pi * self.r
        parts = [
            ring_cells(
                rng,
                self.x,
                self.y,
                rx + 0.6,
                ry + 0.6,
                self.angle,
                max(3, int(circ / 14)),
                (3.5, 5.0),
                (0.8, 1.2),
                spindle=0.6,
                hem=1.1,
                eos=0.2,
            )
        ]
        if self.intimal > 4:
            # intimal fibroplasia: scattered myointimal cells, circumferential
            mi = self.r + self.intimal * 0.5
            parts.append(
                ring_cells(
                    rng,
                    self.x,
                    self.y,
                    mi,
                    mi * self.ecc,
                    self.angle,
                    int(2 * np.pi * mi / 12),
                    (3.5, 5.0),
                    (1.0, 1.4),
                    jitter=self.intimal / mi * 0.4,
                    spindle=0.6,
                    hem=0.9,
                    eos=0.2,
                )
            )
        if self.wall > 4:
            mr = self.r + self.intimal + self.wall * 0.5
            n = (
                int(2 * np.pi * mr / 9 * max(1.0, self.wall / 10.0))
                if self.muscular
                else int(2 * np.pi * mr / 25)
            )
            parts.append(
                ring_cells(
                    rng,
                    self.x,
                    self.y,
                    mr,
                    mr * self.ecc,
                    self.angle,
                    n,
                    (4.0, 6.0),
                    (1.0, 1.6),
                    jitter=self.wall / mr * 0.35,
                    spindle=0.7,
                    hem=1.0,
                    eos=0.2,
                )
            )
        self.nuclei = C.concat(parts)

    def bbox(self):
        R = self.r + self.intimal + self.wall + 4.0
        return (self.x - R, self.y - R, self.x + R, self.y + R)

    def draw(self, cv):
        sl = cv.view.window(*self.bbox())
        if sl is None:
            return
        x, y = cv.local(sl)
        upp = cv.view.upp
        rx, ry = self.r, self.r * self.ecc
        ri = self.r + self.intimal
        ro = ri + self.wall
        sd_out = shapes.ellipse(
            x, y, self.x, self.y, ro, ro * self.ecc + (1 - self.ecc) * self.wall * 0.6, self.angle
        )
        sd_int = shapes.ellipse(x, y, self.x, self.y, ri, ri * self.ecc, self.angle)
        sd_lum = shapes.ellipse(x, y, self.x, self.y, rx, ry, self.angle)
        outer = ramp(sd_out, upp)
        lumen = ramp(sd_lum, upp)
        fib = noise.perlin(x, y, 4.0, self.seed) if upp < 1.2 else 0.5
        eos_w = (0.95 if self.muscular else 0.75) + 0.2 * (fib - 0.5)
        cv.paint(sl, outer, label=VESSEL, eos=eos_w, hem=0.1)
        if self.intimal > 0:
            intima = ramp(sd_int, upp) * (1.0 - lumen)
            # loose, concentrically layered, paler than the media
            lam = 0.5 + 0.5 * np.sin(sd_lum * 2 * np.pi / 5.0) if upp < 1.2 else 0.5
            cv.paint(sl, intima, eos=0.4 + 0.2 * fib + 0.15 * lam, hem=0.12)
        cv.paint(sl, lumen, label=LUMEN)
        if self.thrombus:
            band = noise.perlin(x * 0.3 + y, y * 0.3 - x, 14.0, self.seed + 1)
            lines = np.abs(np.sin(band * 18.0))
            cv.paint(sl, lumen, eos=0.75 + 0.5 * lines, hem=0.06, rbc=0.35 * (1 - lines))
            red_cells(cv, sl, x, y, lumen * (band > 0.55), self.seed + 2, fill=0.8)
        else:
            red_cells(cv, sl, x, y, lumen, self.seed + 2, self.fill)
        C.draw(cv, self.nuclei)
        if self.calcified > 0:
            # calcium sits in the media; a rim of intima and of outer media is spared
            band = ramp(
                shapes.ellipse(
                    x,
                    y,
                    self.x,
                    self.y,
                    ro - 0.15 * self.wall,
                    (ro - 0.15 * self.wall) * self.ecc + (1 - self.ecc) * self.wall * 0.5,
                    self.angle,
                ),
                upp,
            ) * (
                1.0
                - ramp(
                    shapes.ellipse(
                        x,
                        y,
                        self.x,
                        self.y,
                        ri + 0.18 * self.wall,
                        (ri + 0.18 * self.wall) * self.ecc,
                        self.angle,
                    ),
                    upp,
                )
            )
            self.draw_calcium(cv, sl, x, y, band, upp)

    def draw_calcium(self, cv, sl, x, y, media, upp):
        """Basophilic calcium in the media: a granular, cracked, broken ring."""
        g = noise.pfbm(x, y, max(self.r, 8.0), self.seed + 3, octaves=3)
        keep = np.clip((g - (1.0 - self.calcified) * 0.7) / 0.08, 0, 1)
        grain = noise.perlin(x, y, 2.5, self.seed + 4) if upp < 1.2 else 0.5
        cav = media * keep
        cv.paint(sl, cav, label=DEPOSIT, ca=0.95 + 0.35 * grain, hem=0.12, eos=0.1)
        # brittle mineral breaks into blocks: straight Voronoi-edge cracks
        f1, f2, h, _, _ = noise.worley(x, y, max(self.wall * 0.8, 8.0), self.seed + 5)
        w = max(0.8, 0.5 * upp) * (1.0 + 1.5 * (noise.unit(h) < 0.2))
        crack = np.clip((w - (f2 - f1) / 2.0) / max(upp, 0.35) + 0.5, 0, 1) * (noise.unit(h) < 0.7)
        cv.paint(sl, cav * crack * 0.9)
        cv.mark("vessel wall", sl, cav)


@dataclass
class Tubule:
    """A cut sweat-gland tubule: two layers of cuboidal cells round a lumen."""

    x: float
    y: float
    r: float
    seed: int
    lumen: float = 4.0
    nuclei: object = None

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        n = max(5, int(2 * np.pi * self.r / 7.0))
        self.nuclei = C.concat(
            [
                ring_cells(
                    rng,
                    self.x,
                    self.y,
                    self.r * 0.72,
                    self.r * 0.72,
                    0.0,
                    n,
                    (2.4, 3.0),
                    (2.0, 2.5),
                    jitter=0.12,
                    tangential=False,
                    hem=1.0,
                    eos=0.2,
                ),
                ring_cells(
                    rng,
                    self.x,
                    self.y,
                    self.r * 0.93,
                    self.r * 0.93,
                    0.0,
                    n // 2,
                    (2.6, 3.2),
                    (1.1, 1.4),
                    hem=1.0,
                    eos=0.2,
                ),
            ]
        )

    def bbox(self):
        return shapes.box_of(self.x, self.y, self.r + 3)

    def draw(self, cv):
        sl = cv.view.window(*self.bbox())
        if sl is None:
            return
        x, y = cv.local(sl)
        sd = shapes.ellipse(x, y, self.x, self.y, self.r, self.r * 0.9)
        lum = shapes.ellipse(x, y, self.x, self.y, self.lumen, self.lumen * 0.8)
        cv.paint(sl, ramp(sd, cv.view.upp), label=ADNEXA, eos=0.62, hem=0.26)
        cv.paint(sl, ramp(lum, cv.view.upp), label=LUMEN, eos=0.05)
        C.draw(cv, self.nuclei)


def eccrine_coil(rng, cx, cy, seed, n=10, spread=55.0):
    out = []
    for i in range(n):
        out.append(
            Tubule(
                cx + rng.normal(0, spread * 0.6),
                cy + rng.normal(0, spread * 0.35),
                rng.uniform(11.0, 16.0),
                seed + i,
                lumen=rng.uniform(2.5, 5.0),
            )
        )
    return out
