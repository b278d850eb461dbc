"""The mimics of calcinosis: lamellar bone (osteoma cutis), urate tophus
(gout) and calcium oxalate crystals (oxalosis). Each is drawn so that the
feature that tells it apart from calcium is the one you notice: osteocytes
in lacunae and pink lamellae; pale feathery material with needle clefts and
a palisade; refractile, polarisable crystal rosettes."""
from dataclasses import dataclass, field

import numpy as np

from . import cells as C
from . import noise, shapes
from .canvas import BONE, CELLS, DEPOSIT, FAT, ramp
from .deposits import GiantCell


@dataclass
class Bone:
    x: float
    y: float
    rx: float
    ry: float
    seed: int
    angle: float = 0.0
    label: str = "lamellar bone"

    def sd(self, x, y):
        return shapes.blob(x, y, self.x, self.y, self.rx, self.ry, self.seed, 0.3, self.angle)

    def bbox(self):
        R = max(self.rx, self.ry) * 1.4 + 10
        return (self.x - R, self.y - R, self.x + R, self.y + R)

    core_bbox = bbox

    def draw(self, cv):
        sl = cv.view.window(*self.bbox())
        if sl is None:
            return
        x, y = cv.local(sl)
        upp = cv.view.upp
        px = max(upp, 0.35)
        sd = self.sd(x, y)
        bone = ramp(sd, upp)
        # marrow spaces: holes in the thick middle of the plate
        R = min(self.rx, self.ry)
        mar = noise.perlin(x, y, R * 0.55, self.seed + 1)
        marrow = ramp((mar - 0.64) * R * 0.8, upp) * ramp(sd - 18.0, upp)
        # lamellae follow the outline (and the marrow spaces)
        lam_d = np.minimum(sd, (0.64 - mar) * R * 0.8 + 4.0)
        lam = 0.5 + 0.5 * np.sin(lam_d * 2 * np.pi / 5.5) if upp < 1.5 else 0.5
        fine = noise.perlin(x, y, 3.0, self.seed + 2) if upp < 1.0 else 0.5
        cv.paint(sl, bone, label=BONE, eos=1.12 + 0.18 * lam + 0.08 * fine, hem=0.07)
        # cement lines: thin irregular basophilic lines
        cl = np.abs(noise.perlin(x, y, 70.0, self.seed + 3) - 0.5) * 70.0 / 0.9
        cement = np.clip((max(0.8, 0.45 * upp) - cl) / px + 0.5, 0, 1) * ramp(sd - 3.0, upp)
        cv.paint(sl, cement * 0.8, hem=0.7, eos=0.7)
        # osteocytes: a small dark nucleus in a clear lacuna, along the lamellae
        f1, f2, h, dx, dy = noise.worley(x, y, 20.0, self.seed + 4, jitter=0.7)
        th = noise.unit(h) * 0.6 - 0.3 + self.angle
        ct, st = np.cos(th), np.sin(th)
        u = dx * ct + dy * st
        w = -dx * st + dy * ct
        q = np.sqrt((u / 5.0) ** 2 + (w / 2.4) ** 2)
        lac = ramp((1.0 - q) * 2.4, upp) * ramp(sd - 4.0, upp) * (1 - marrow)
        qn = np.sqrt((u / 3.6) ** 2 + (w / 1.5) ** 2)
        nuc = ramp((1.0 - qn) * 1.5, upp) * lac
        cv.paint(sl, lac, eos=0.12, hem=0.04)
        cv.paint(sl, nuc, hem=1.15, eos=0.2)
        # marrow: fat cells and a lining of osteoblasts
        mf1, mf2, _, _, _ = noise.worley(x, y, 30.0, self.seed + 5)
        memb = ramp(0.9 - (mf2 - mf1) / 2.0, upp)
        cv.paint(sl, marrow, label=FAT, eos=0.7 * memb + 0.05, hem=0.1 * memb)
        lining = ramp(4.0 - np.abs(lam_d - 0.0), upp) * ramp(sd - 10, upp) * (mar > 0.55)
        cv.paint(sl, lining * 0.7, hem=0.7, eos=0.4)
        cv.mark(self.label, sl, bone)


@dataclass
class Tophus:
    x: float
    y: float
    rx: float
    ry: float
    seed: int
    label: str = "urate tophus"
    gcs: list = field(default_factory=list)
    nuclei: object = None

    def sd(self, x, y):
        return shapes.blob(x, y, self.x, self.y, self.rx, self.ry, self.seed, 0.3)

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        R = max(self.rx, self.ry)
        # palisading histiocytes: elongated nuclei pointing at the centre
        n = int(2 * np.pi * R / 7.0)
        t = rng.uniform(0, 2 * np.pi, n * 2)
        rs = np.linspace(0.3 * R, 1.6 * R, 90)
        xs, ys, ths = [], [], []
        for k in range(len(t)):
            px = self.x + rs * np.cos(t[k])
            py = self.y + rs * np.sin(t[k])
            d = self.sd(px.astype(np.float32), py.astype(np.float32))
            o = np.flatnonzero(d < -(4.0 + rng.uniform(0, 18.0)))
            if len(o):
                xs.append(px[o[0]])
                ys.append(py[o[0]])
                ths.append(t[k] + rng.normal(0, 0.15))
        m = len(xs)
        self.nuclei = C.Cells(np.array(xs, np.float32), np.array(ys, np.float32),
                              rng.uniform(4.5, 6.5, m).astype(np.float32), rng.uniform(1.6, 2.2, m).astype(np.float32),
                              np.array(ths, np.float32), rng.uniform(0.7, 0.95, m).astype(np.float32),
                              spindle=0.4, hem=0.95, eos=0.35)
        for k in range(int(R / 40)):
            tt = rng.uniform(0, 2 * np.pi)
            rr = rng.uniform(16, 26)
            d = self.sd(np.float32(self.x + (R + rr) * np.cos(tt)), np.float32(self.y + (R + rr) * np.sin(tt)))
            self.gcs.append(GiantCell(self.x + (R - d * 0 + rr * 0.6) * np.cos(tt),
                                      self.y + (R + rr * 0.6) * np.sin(tt), rr, self.seed * 13 + k))
        self.nuclei = C.concat([self.nuclei] + [g.nuclei for g in self.gcs])

    def bbox(self):
        R = max(self.rx, self.ry) * 1.5 + 50
        return (self.x - R, self.y - R, self.x + R, self.y + R)

    def core_bbox(self):
        R = max(self.rx, self.ry) * 1.2
        return (self.x - R, self.y - R, self.x + R, self.y + R)

    def draw(self, cv):
        sl = cv.view.window(*self.bbox())
        if sl is None:
            return
        x, y = cv.local(sl)
        upp = cv.view.upp
        px = max(upp, 0.35)
        sd = self.sd(x, y)
        # histiocyte band (pink cytoplasm) around the deposit
        band = ramp(sd + 28.0, upp) * (1 - ramp(sd, upp))
        cv.paint(sl, band * 0.9, eos=0.8, hem=0.15)
        for g in self.gcs:
            g.draw_body(cv)
        mass = ramp(sd, upp)
        r = np.sqrt((x - self.x) ** 2 + (y - self.y) ** 2)
        t = np.arctan2(y - self.y, x - self.x)
        # feathery, radially streaked amorphous material, pale grey-pink
        feather = noise.perlin(t * 90.0, r * 0.18, 1.0, self.seed + 1)
        cv.paint(sl, mass, label=DEPOSIT, eos=0.34 + 0.16 * feather, hem=0.16 + 0.05 * feather)
        # needle-shaped clefts in radiating sheaves
        nd = np.abs(noise.perlin(t * 260.0, r * 0.05, 1.0, self.seed + 2) - 0.5) * 2.0
        sheaf = noise.perlin(x, y, 40.0, self.seed + 3) > 0.45
        w = 0.05 if upp < 1.5 else 0.1
        needles = np.clip((w - nd) / 0.04 + 0.5, 0, 1) * sheaf * ramp(sd - 3.0, upp)
        cv.paint(sl, needles * 0.8, eos=0.06)
        cv.mark(self.label, sl, mass)
        C.draw(cv, self.nuclei, label=CELLS)


@dataclass
class Rosette:
    """A rosette of calcium oxalate crystals: rectangular plates radiating
    from a centre; pale yellow-brown on H&E, brightly birefringent."""
    x: float
    y: float
    r: float
    seed: int
    label: str = "oxalate crystals"
    crystals: list = field(default_factory=list)

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        for k in range(int(rng.integers(7, 16))):
            t = rng.uniform(0, 2 * np.pi)
            L = self.r * rng.uniform(0.5, 1.0)
            w = rng.uniform(1.5, 3.5) * max(1.0, self.r / 25.0)
            s0 = rng.uniform(0, 0.25) * self.r
            self.crystals.append((self.x + s0 * np.cos(t), self.y + s0 * np.sin(t),
                                  self.x + (s0 + L) * np.cos(t), self.y + (s0 + L) * np.sin(t), w,
                                  rng.uniform(0.55, 1.0)))

    def bbox(self):
        return shapes.box_of(self.x, self.y, self.r * 1.3 + 6)

    core_bbox = bbox

    def draw(self, cv):
        sl = cv.view.window(*self.bbox())
        if sl is None:
            return
        x, y = cv.local(sl)
        upp = cv.view.upp
        tot = np.zeros(np.broadcast(x, y).shape, np.float32)
        for (x0, y0, x1, y1, w, b) in self.crystals:
            sd = shapes.capsule(x, y, x0, y0, x1, y1, w)
            # flat-ended plates: square the capsule ends off with a box test
            a = ramp(sd, upp)
            if not a.any():
                continue
            edge = ramp(sd, upp) * (1 - ramp(sd - 0.8, upp))
            cv.paint(sl, a, label=DEPOSIT, xtal=0.75 + 0.5 * edge, eos=0.05, bire=b)
            tot = np.maximum(tot, a)
        cv.mark(self.label, sl, tot, min_px=6)
