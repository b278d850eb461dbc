"""Stain-density canvas: tissue is painted as amounts of dye, not as colours.

Each pixel holds how much of each "material channel" it contains
(haematoxylin-binding chromatin, eosin-binding protein, calcium salt, red
cells, crystal, ...). Colour comes only at the end (see `stains`), through
Beer-Lambert absorption, so overlapping tissue mixes the way dyes do on a
slide, and the same painted scene can be shown as H&E, von Kossa, alizarin
red or under polarised light.
"""

import numpy as np

CHANNELS = ("hem", "eos", "ca", "rbc", "xtal", "bire")
CH = {name: i for i, name in enumerate(CHANNELS)}

# tissue labels: where cells may be placed, and what tests can look at
(
    GLASS,
    CORNEUM,
    EPIDERMIS,
    PAPILLARY,
    DERMIS,
    FAT,
    SEPTUM,
    VESSEL,
    ADNEXA,
    DEPOSIT,
    MUSCLE,
    LUMEN,
    CELLS,
    BONE,
    NECROSIS,
) = range(15)


def ramp(d, upp):
    """Anti-aliased coverage of a signed distance d (um, >0 inside) at upp um/px."""
    return np.clip(d / np.float32(upp) + 0.5, 0.0, 1.0).astype(np.float32)


class Canvas:
    def __init__(self, view):
        self.view = view
        self.d = np.zeros((len(CHANNELS), view.height, view.width), np.float32)
        self.label = np.zeros((view.height, view.width), np.uint8)
        self.features = []  # (label, x0, y0, x1, y1, pixel count) in px
        self.used = set()  # channels holding any dye (others need no work)

    def paint(self, sl, alpha, label=None, **vals):
        """Cover the window `sl` with material `vals`, opacity `alpha` (0..1 array)."""
        if sl is None:
            return
        alpha = np.asarray(alpha, np.float32)
        inv = 1.0 - alpha
        for name, i in CH.items():
            v = vals.get(name, 0.0)
            zero = np.isscalar(v) and v == 0.0
            if zero and name not in self.used:
                continue
            blk = self.d[i][sl]
            blk *= inv
            if not zero:
                blk += alpha * np.asarray(v, np.float32)
                self.used.add(name)
        if label is not None:
            lab = self.label[sl]
            lab[alpha > 0.5] = label

    def add(self, sl, alpha, **vals):
        """Add dye on top of what is there (stippling, granules, haze)."""
        if sl is None:
            return
        alpha = np.asarray(alpha, np.float32)
        for name, v in vals.items():
            self.d[CH[name]][sl] += alpha * np.float32(v)
            self.used.add(name)

    def mark(self, name, sl, alpha, min_px=30):
        """Record where a diagnostic feature was drawn, for the region boxes."""
        if sl is None:
            return
        m = np.asarray(alpha) > 0.5
        if m.ndim != 2 or m.sum() < min_px:
            return
        rows = np.flatnonzero(m.any(axis=1))
        cols = np.flatnonzero(m.any(axis=0))
        j0, i0 = sl[0].start or 0, sl[1].start or 0
        self.features.append(
            (name, i0 + cols[0], j0 + rows[0], i0 + cols[-1] + 1, j0 + rows[-1] + 1, int(m.sum()))
        )

    def local(self, sl):
        """Micrometre coordinates (x (1,n), y (m,1)) of a window's pixel centres."""
        v = self.view
        return (v.xs(sl[1].start, sl[1].stop), v.ys(sl[0].start, sl[0].stop))

    def full(self):
        return (slice(0, self.view.height), slice(0, self.view.width))
