"""Tumoral calcinosis: a big subcutaneous mass of calcified lobules held
apart by fibrous septa, each lobule rimmed by histiocytes and foreign-body
giant cells; some lobules have softened into chalky cystic spaces."""

from dataclasses import dataclass, field

import numpy as np

from . import cells as C
from . import noise, shapes
from .canvas import CELLS, DERMIS, ramp
from .deposits import GiantCell, cracks, mineral
from .skin import collagen

LOBULE = 340.0  # lattice spacing of the lobules (um)


@dataclass
class LobulatedMass:
    x: float
    y: float
    rx: float
    ry: float
    seed: int
    septum: float = 26.0  # half-width of the fibrous septa (um)
    label: str = "deposit"
    gcs: list = field(default_factory=list)
    histio: object = None

    def envelope(self, x, y):
        return shapes.blob(x, y, self.x, self.y, self.rx, self.ry, self.seed, 0.25)

    def lobules(self, x, y):
        """(distance inside the lobule away from its septum, lobule hash)."""
        wx = x + 60.0 * (noise.perlin(x, y, 300.0, self.seed + 1) - 0.5)
        wy = y + 60.0 * (noise.perlin(x, y, 300.0, self.seed + 2) - 0.5)
        f1, f2, h, _, _ = noise.worley(wx, wy, LOBULE, self.seed + 3, jitter=0.8)
        sep = self.septum * (0.7 + 0.8 * noise.perlin(x, y, 200.0, self.seed + 4))
        return (f2 - f1) / 2.0 - sep, h, f1

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        # giant cells sit on the lobule borders: sample points, keep those
        # just outside a lobule (inside a septum, next to the mineral)
        n = 4000
        px = (self.x + rng.uniform(-1, 1, n) * self.rx).astype(np.float32)
        py = (self.y + rng.uniform(-1, 1, n) * self.ry).astype(np.float32)
        env = self.envelope(px, py)
        d, _, _ = self.lobules(px, py)
        ok = np.flatnonzero((env > 0) & (d > -14.0) & (d < -4.0))
        for k, i in enumerate(ok[: int(self.rx * self.ry / 9000)]):
            self.gcs.append(
                GiantCell(float(px[i]), float(py[i]), rng.uniform(14.0, 24.0), self.seed * 17 + k)
            )
        ok2 = np.flatnonzero((env > 0) & (d > -self.septum) & (d < -2.0))
        m = len(ok2)
        self.histio = C.Cells(
            px[ok2],
            py[ok2],
            rng.uniform(3.5, 5.0, m).astype(np.float32),
            rng.uniform(2.2, 3.0, m).astype(np.float32),
            rng.uniform(0, np.pi, m).astype(np.float32),
            rng.uniform(0.6, 0.85, m).astype(np.float32),
            hem=0.9,
            eos=0.3,
        )
        self.fibro = C.scatter(
            rng,
            self.bbox(),
            900,
            (5.0, 8.0),
            (1.3, 2.0),
            (0.0, np.pi),
            (0.7, 1.0),
            spindle=0.8,
            allowed=(DERMIS,),
        )

    def bbox(self):
        R = max(self.rx, self.ry) * 1.3
        return (self.x - R, self.y - R, self.x + R, self.y + R)

    core_bbox = bbox

    def draw(self, cv):
        sl = cv.view.window(*self.bbox())
        if sl is None:
            return
        x, y = cv.local(sl)
        upp = cv.view.upp
        env = self.envelope(x, y)
        inside = ramp(env, upp)
        # fibrous tissue fills the mass; the lobules are cut out of it
        dense = collagen(x, y, upp, self.seed + 5, scar=np.float32(0.7))
        cv.paint(sl, inside, label=DERMIS, eos=dense, hem=0.04)
        C.draw(cv, self.fibro)
        C.draw(cv, self.histio, label=CELLS)
        d, h, _ = self.lobules(x, y)
        sd = np.minimum(d, env - self.septum)
        # histiocyte rim: pink cytoplasm hugging each lobule
        rim = ramp(sd + 10.0, upp) * (1 - ramp(sd, upp)) * inside
        cv.paint(sl, rim * 0.8, eos=0.75, hem=0.18)
        for g in self.gcs:
            g.draw_body(cv)
        for g in self.gcs:
            C.draw(cv, g.nuclei, label=CELLS)
        mass = mineral(cv, sl, x, y, sd, upp, self.seed + 6)
        cracks(cv, sl, x, y, sd, upp, self.seed + 7, 70.0, 1.3)
        # chalky cystic spaces: the centre of some lobules has fallen out
        cyst = (noise.unit(h) < 0.3) & (sd > 0)
        hole = (
            ramp(sd - (LOBULE * 0.1 + 20.0 * noise.perlin(x, y, 40.0, self.seed + 8)), upp) * cyst
        )
        chalk = noise.perlin(x, y, 8.0, self.seed + 9) if upp < 1.5 else 0.5
        cv.paint(sl, hole, ca=0.25 * np.clip(chalk - 0.5, 0, 1) * 4, eos=0.05 + 0.1 * chalk)
        cv.mark(self.label, sl, mass * (1 - hole))
