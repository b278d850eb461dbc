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
    label: str = "pink tissue"

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
        cv.paint(sl, bone, label=BONE, eos=1.0 + 0.14 * lam + 0.08 * fine, hem=0.05)
        # a crisp darker margin (osteoid seam and cement line) outlines the plate
        margin = ramp(sd, upp) * (1 - ramp(sd - max(2.5, 0.8 * upp), upp))
        cv.paint(sl, margin * 0.7, eos=1.1, hem=0.45)
        # cement lines: thin irregular basophilic lines
        cl = np.abs(noise.perlin(x, y, 70.0, self.seed + 3) - 0.5) * 70.0 / 0.9
        cement = np.clip((max(0.8, 0.45 * upp) - cl) / px + 0.5, 0, 1) * ramp(sd - 3.0, upp)
        cv.paint(sl, cement * 0.8, hem=0.7, eos=0.7)
        # osteocytes: a small dark nucleus in a clear lacuna; lacunae vary in
        # size, lie roughly along the lamellae, and are not evenly spaced
        _, _, h, dx, dy = noise.worley(x, y, 24.0, self.seed + 4, jitter=1.0)
        u0 = noise.unit(h)
        th = (u0 - 0.5) * 0.9 + self.angle + 0.6 * (noise.perlin(x, y, 120.0, self.seed + 6) - 0.5)
        ct, st = np.cos(th), np.sin(th)
        u = dx * ct + dy * st
        w = -dx * st + dy * ct
        size = 0.7 + 0.6 * noise.unit(h * np.uint32(5))
        la, lb = 5.5 * size, 2.3 * size
        q = np.sqrt((u / la) ** 2 + (w / lb) ** 2)
        present = u0 < 0.75
        lac = ramp((1.0 - q) * lb, upp) * ramp(sd - 4.0, upp) * (1 - marrow) * present
        qn = np.sqrt((u / (la * 0.72)) ** 2 + (w / (lb * 0.62)) ** 2)
        nuc = ramp((1.0 - qn) * lb * 0.62, upp) * lac
        cv.paint(sl, lac, eos=0.12, hem=0.04)
        cv.paint(sl, nuc, hem=1.15, eos=0.2)
        # marrow: fat cells and a lining of osteoblasts
        mf1, mf2, _, _, _ = noise.worley(x, y, 30.0, self.seed + 5)
        memb = ramp(0.6 - (mf2 - mf1) / 2.0, upp)
        cv.paint(sl, marrow, label=FAT, eos=0.6 * memb + 0.03, hem=0.08 * memb)
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
    label: str = "deposit"
    gcs: list = field(default_factory=list)
    sheaves: list = field(default_factory=list)
    nuclei: object = None

    def sd(self, x, y):
        return shapes.blob(x, y, self.x, self.y, self.rx, self.ry, self.seed, 0.3)

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        R = max(self.rx, self.ry)
        n = int(self.rx * self.ry / 1800)
        sx = (self.x + rng.uniform(-1, 1, n) * self.rx).astype(np.float32)
        sy = (self.y + rng.uniform(-1, 1, n) * self.ry).astype(np.float32)
        ok = self.sd(sx, sy) > 10
        for i in np.flatnonzero(ok):
            self.sheaves.append(
                (
                    float(sx[i]),
                    float(sy[i]),
                    float(rng.uniform(30, 70)),
                    float(rng.uniform(0, np.pi)),
                    int(rng.integers(1 << 30)),
                )
            )
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
        self.nuclei = C.Cells(
            np.array(xs, np.float32),
            np.array(ys, np.float32),
            rng.uniform(4.5, 6.5, m).astype(np.float32),
            rng.uniform(1.6, 2.2, m).astype(np.float32),
            np.array(ths, np.float32),
            rng.uniform(0.7, 0.95, m).astype(np.float32),
            spindle=0.4,
            hem=0.95,
            eos=0.35,
        )
        for k in range(int(R / 40)):
            tt = rng.uniform(0, 2 * np.pi)
            rr = rng.uniform(16, 26)
            d = self.sd(
                np.float32(self.x + (R + rr) * np.cos(tt)),
                np.float32(self.y + (R + rr) * np.sin(tt)),
            )
            self.gcs.append(
                GiantCell(
                    self.x + (R - d * 0 + rr * 0.6) * np.cos(tt),
                    self.y + (R + rr * 0.6) * np.sin(tt),
                    rr,
                    self.seed * 13 + k,
                )
            )
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
        sd = self.sd(x, y)
        # histiocyte band (pink cytoplasm) around the deposit
        band = ramp(sd + 28.0, upp) * (1 - ramp(sd, upp))
        cv.paint(sl, band * 0.9, eos=0.8, hem=0.15)
        for g in self.gcs:
            g.draw_body(cv)
        mass = ramp(sd, upp)
        # amorphous, finely fibrillar, pale grey-pink material
        fib = noise.pfbm(x, y, 14.0, self.seed + 1, octaves=3, min_scale=upp * 2)
        cv.paint(sl, mass, label=DEPOSIT, eos=0.26 + 0.14 * fib, hem=0.13 + 0.05 * fib)
        # needle-shaped clefts in sheaves (where the urate crystals were)
        for cx, cy, r, ang, sd_ in self.sheaves:
            wsl = cv.view.window(cx - r, cy - r, cx + r, cy + r)
            if wsl is None:
                continue
            wx, wy = cv.local(wsl)
            ca, sa = np.cos(ang), np.sin(ang)
            u = (wx - cx) * ca + (wy - cy) * sa
            v = -(wx - cx) * sa + (wy - cy) * ca
            v = v + 0.35 * u * (noise.perlin(wx, wy, 60.0, sd_) - 0.5)  # fan out a little
            n = noise.perlin(u * 0.08, v, 3.2, sd_ + 1)
            d = np.abs(n - 0.5) * 3.2 / 0.9
            needle = np.clip((0.55 - d) / max(upp, 0.3) + 0.5, 0, 1)
            fall = np.clip(1 - np.sqrt(u * u + v * v) / r, 0, 1) ** 0.5
            inside = ramp(self.sd(wx, wy) - 4.0, upp)
            cv.paint(wsl, needle * fall * inside * 0.85, eos=0.05, hem=0.02)
        cv.mark(self.label, sl, mass)
        C.draw(cv, self.nuclei, label=CELLS)


@dataclass
class Rosette:
    """A rosette of calcium oxalate crystals: flat-ended plates and needles
    radiating from a centre; pale yellow, translucent and refractile (dark
    edges) on H&E, brightly birefringent under crossed polars."""

    x: float
    y: float
    r: float
    seed: int
    giant_cell: bool = False
    label: str = "crystals"
    crystals: list = field(default_factory=list)
    gc: object = None

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        n = int(rng.integers(9, 20))
        for _k in range(n):
            t = rng.uniform(0, 2 * np.pi)
            L = self.r * rng.uniform(0.55, 1.0)
            w = rng.uniform(1.2, 3.2) * max(1.0, self.r / 30.0)
            s0 = rng.uniform(0, 0.2) * self.r
            self.crystals.append(
                (
                    self.x + s0 * np.cos(t),
                    self.y + s0 * np.sin(t),
                    self.x + (s0 + L) * np.cos(t),
                    self.y + (s0 + L) * np.sin(t),
                    w,
                    rng.uniform(0.55, 1.0),
                )
            )
        if self.giant_cell:
            self.gc = GiantCell(self.x, self.y, self.r * 1.25, self.seed * 7 + 1)

    def bbox(self):
        return shapes.box_of(self.x, self.y, self.r * 1.6 + 8)

    core_bbox = bbox

    def draw(self, cv):
        sl = cv.view.window(*self.bbox())
        if sl is None:
            return
        if self.gc is not None:
            self.gc.draw_body(cv)
            C.draw(cv, self.gc.nuclei, label=CELLS)
        x, y = cv.local(sl)
        upp = cv.view.upp
        tot = np.zeros(np.broadcast(x, y).shape, np.float32)
        for x0, y0, x1, y1, w, b in self.crystals:
            sd = shapes.rect(x, y, x0, y0, x1, y1, w)
            a = ramp(sd, upp)
            if not a.any():
                continue
            # refractile: a darker rim and a bright core line
            edge = 1 - ramp(sd - max(0.8, 0.6 * upp), upp)
            cv.paint(sl, a, label=DEPOSIT, xtal=0.7 + 0.9 * edge, eos=0.04, hem=0.05 * edge, bire=b)
            tot = np.maximum(tot, a)
        cv.mark(self.label, sl, tot, min_px=6)
