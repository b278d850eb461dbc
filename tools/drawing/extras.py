"""Tissue changes some scenes need on top of normal skin: fat necrosis with
calcium around fat cells (calciphylaxis), the remnant of a cyst wall
(scrotal calcinosis), smooth-muscle bundles (dartos of the scrotum)."""

from dataclasses import dataclass

import numpy as np

from . import cells as C
from . import noise, shapes
from .canvas import ADNEXA, CH, DEPOSIT, MUSCLE, NECROSIS, ramp


@dataclass
class FatNecrosis:
    """Ghost adipocytes with pale pink debris, and calcium stippling along
    their membranes, in a patch of subcutis."""

    x: float
    y: float
    rx: float
    ry: float
    seed: int

    def __call__(self, cv, sl, x, y, alpha, f1, f2, h):
        upp = cv.view.upp
        sd = shapes.blob(x, y, self.x, self.y, self.rx, self.ry, self.seed, 0.4)
        zone = ramp(sd, upp) * alpha
        if not zone.any():
            return
        edge = (f2 - f1) / 2.0
        u = noise.unit(h)
        # ghost cells: some adipocytes filled with pale, granular, pink debris
        ghost = (u < 0.45).astype(np.float32)
        debris = noise.pfbm(x, y, 6.0, self.seed + 1, octaves=3, min_scale=upp * 2)
        fill = ghost * np.clip(
            0.4 + 0.8 * (debris - 0.5) + 0.3 * np.clip(1 - f1 / 30.0, 0, 1), 0, 1
        )
        cv.paint(
            sl,
            zone * fill * 0.75,
            label=NECROSIS,
            eos=0.28 + 0.25 * debris,
            hem=0.08 + 0.06 * debris,
        )
        # thickened, basophilic membranes with calcium granules, patchy
        patch = np.clip((noise.perlin(x, y, 140.0, self.seed + 3) - 0.42) * 5.0, 0, 1)
        memb = ramp(2.2 - edge, upp) * zone * patch
        grains = noise.perlin(x, y, 2.5, self.seed + 2) if upp < 1.5 else 0.6
        stip = np.clip((grains - 0.45) * 4.0, 0, 1)
        cv.paint(sl, memb * stip, label=DEPOSIT, ca=1.05, hem=0.15)
        cv.mark("calcium around fat cells", sl, memb * stip, min_px=10)


@dataclass
class CystWall:
    """An arc of thin squamous epithelium left round a calcified mass: the
    remnant of an epidermoid cyst, with laminated keratin inside."""

    x: float
    y: float
    r: float
    seed: int
    start: float = 0.3
    span: float = 3.2
    thick: float = 18.0
    nuclei: object = None

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        n = int(self.r * self.span * self.thick / 110.0)
        t = self.start + rng.uniform(0, self.span, n)
        rr = self.r + rng.uniform(2, self.thick - 3, n)
        self.nuclei = C.Cells(
            (self.x + rr * np.cos(t)).astype(np.float32),
            (self.y + rr * np.sin(t)).astype(np.float32),
            rng.uniform(3.0, 4.2, n).astype(np.float32),
            rng.uniform(1.6, 2.6, n).astype(np.float32),
            (t + np.pi / 2).astype(np.float32),
            rng.uniform(0.8, 1.0, n).astype(np.float32),
            hem=1.05,
            eos=0.2,
        )

    def bbox(self):
        return shapes.box_of(self.x, self.y, self.r + self.thick + 10)

    def draw(self, cv):
        sl = cv.view.window(*self.bbox())
        if sl is None:
            return
        x, y = cv.local(sl)
        upp = cv.view.upp
        r = np.sqrt((x - self.x) ** 2 + (y - self.y) ** 2)
        t = np.mod(np.arctan2(y - self.y, x - self.x) - self.start, 2 * np.pi)
        arc = ramp(np.minimum(t, self.span - t) * self.r, upp)
        wob = 5.0 * (noise.perlin(x, y, 60.0, self.seed) - 0.5)
        wall = ramp(r - self.r - wob, upp) * ramp(self.r + self.thick + wob - r, upp) * arc
        # squamous lining like the epidermis: darker basal side outward
        basal = ramp(r - (self.r + self.thick - 6.0) - wob, upp)
        cv.paint(sl, wall, label=ADNEXA, eos=0.52 + 0.1 * (1 - basal), hem=0.2 + 0.15 * basal)
        # laminated keratin just inside the wall
        ker = ramp(self.r - wob - r, upp) * ramp(r - (self.r - 30.0), upp) * arc
        lam = 0.5 + 0.5 * np.sin(r * 2 * np.pi / 5.0)
        cv.paint(sl, ker * 0.9, eos=0.45 + 0.35 * lam, hem=0.03)
        C.draw(cv, self.nuclei)


@dataclass
class MuscleBundle:
    """A bundle of smooth muscle cut lengthwise (dartos): pink fibres with
    cigar-shaped nuclei."""

    x0: float
    y0: float
    x1: float
    y1: float
    r: float
    seed: int
    nuclei: object = None

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        L = np.hypot(self.x1 - self.x0, self.y1 - self.y0)
        n = int(L * self.r * 2 / 180.0)
        t = rng.uniform(0, 1, n)
        o = rng.uniform(-0.85, 0.85, n) * self.r
        ang = np.arctan2(self.y1 - self.y0, self.x1 - self.x0)
        x = self.x0 + t * (self.x1 - self.x0) - o * np.sin(ang)
        y = self.y0 + t * (self.y1 - self.y0) + o * np.cos(ang)
        self.nuclei = C.Cells(
            x.astype(np.float32),
            y.astype(np.float32),
            rng.uniform(6, 9, n).astype(np.float32),
            rng.uniform(1.2, 1.6, n).astype(np.float32),
            (ang + rng.normal(0, 0.05, n)).astype(np.float32),
            rng.uniform(0.7, 0.95, n).astype(np.float32),
            spindle=0.3,
            hem=0.95,
            eos=0.3,
        )

    def bbox(self):
        return (
            min(self.x0, self.x1) - self.r - 5,
            min(self.y0, self.y1) - self.r - 5,
            max(self.x0, self.x1) + self.r + 5,
            max(self.y0, self.y1) + self.r + 5,
        )

    def draw(self, cv):
        sl = cv.view.window(*self.bbox())
        if sl is None:
            return
        x, y = cv.local(sl)
        sd = shapes.capsule(x, y, self.x0, self.y0, self.x1, self.y1, self.r)
        sd = sd + self.r * 0.4 * (noise.perlin(x, y, self.r * 2, self.seed) - 0.5)
        fib = noise.perlin(x, y, 5.0, self.seed + 1) if cv.view.upp < 1.2 else 0.5
        cv.paint(sl, ramp(sd, cv.view.upp), label=MUSCLE, eos=0.95 + 0.15 * fib, hem=0.12)
        C.draw(cv, self.nuclei)


@dataclass
class Encrustation:
    """Fine calcium granules coating collagen fibres around deposits (after
    calcium salt leaks into the dermis): stippling only where there is collagen."""

    x: float
    y: float
    rx: float
    ry: float
    seed: int
    amount: float = 0.5

    def bbox(self):
        return (
            self.x - self.rx * 1.4,
            self.y - self.ry * 1.4,
            self.x + self.rx * 1.4,
            self.y + self.ry * 1.4,
        )

    core_bbox = bbox

    def draw(self, cv):
        sl = cv.view.window(*self.bbox())
        if sl is None:
            return
        x, y = cv.local(sl)
        upp = cv.view.upp
        zone = ramp(shapes.blob(x, y, self.x, self.y, self.rx, self.ry, self.seed, 0.4), upp * 40)
        on_collagen = np.clip((cv.d[CH["eos"]][sl] - 0.45) * 3.0, 0, 1)
        patch = noise.perlin(x, y, 60.0, self.seed + 2)
        if upp < 1.5:
            grain = noise.perlin(x, y, 2.2, self.seed + 1)
            g = np.clip((grain - (0.75 - 0.25 * self.amount * patch)) * 6.0, 0, 1)
        else:  # granules are below a pixel: a faint purple dusting instead
            g = 0.25 * self.amount * patch
        g = g * zone * on_collagen
        cv.paint(sl, g, label=DEPOSIT, ca=1.0, hem=0.1)
        cv.mark("calcium on collagen fibres", sl, zone * (patch > 0.5), min_px=50)
