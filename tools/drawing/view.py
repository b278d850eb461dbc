"""Field of view: which micrometres of the scene land on which pixels.

A microscope objective changes how many micrometres one pixel covers; the
scene itself (where the deposits, vessels and cells are) does not change.
Each image is a View onto the scene: a centre in micrometres and a size in
micrometres per pixel. Nuclei are ~7 um whatever the power, so at x40 they
are dots of 3 px and at x400 discs of 28 px.
"""

from dataclasses import dataclass

import numpy as np

# micrometres per pixel for a 1600 px wide image: fields of ~4 mm, 1.6 mm
# and 0.4 mm across, the ratios of 4x, 10x and 40x objectives
UM_PER_PX = {40: 2.5, 100: 1.0, 400: 0.25}
SCALE_BAR_UM = {40: 500, 100: 200, 400: 50}


@dataclass
class View:
    width: int
    height: int
    cx: float  # centre, micrometres
    cy: float
    upp: float  # micrometres per pixel

    @classmethod
    def at(cls, mag, cx, cy, width=1600, height=1200):
        """A view at objective power `mag`; smaller sizes keep the same field."""
        upp = UM_PER_PX[mag] * 1600.0 / width
        return cls(width, height, float(cx), float(cy), upp)

    @property
    def x0(self):
        return self.cx - self.width * self.upp / 2.0

    @property
    def y0(self):
        return self.cy - self.height * self.upp / 2.0

    def xs(self, i0=0, i1=None):
        """Micrometre x of pixel centres in columns i0..i1, shape (1, n)."""
        i1 = self.width if i1 is None else i1
        return (self.x0 + (np.arange(i0, i1, dtype=np.float32) + 0.5) * self.upp)[None, :].astype(
            np.float32
        )

    def ys(self, j0=0, j1=None):
        j1 = self.height if j1 is None else j1
        return (self.y0 + (np.arange(j0, j1, dtype=np.float32) + 0.5) * self.upp)[:, None].astype(
            np.float32
        )

    def to_px(self, x, y):
        return (np.asarray(x) - self.x0) / self.upp, (np.asarray(y) - self.y0) / self.upp

    def window(self, x0, y0, x1, y1):
        """Pixel slice (rows, cols) covering the micrometre box, or None if outside."""
        i0 = max(0, int(np.floor((x0 - self.x0) / self.upp)))
        i1 = min(self.width, int(np.ceil((x1 - self.x0) / self.upp)) + 1)
        j0 = max(0, int(np.floor((y0 - self.y0) / self.upp)))
        j1 = min(self.height, int(np.ceil((y1 - self.y0) / self.upp)) + 1)
        if i0 >= i1 or j0 >= j1:
            return None
        return (slice(j0, j1), slice(i0, i1))

    def contains_box(self, x0, y0, x1, y1):
        return not (
            x1 < self.x0
            or y1 < self.y0
            or x0 > self.x0 + self.width * self.upp
            or y0 > self.y0 + self.height * self.upp
        )
