"""Scattered cells stamped as small ellipses: fibroblasts, inflammatory cells,
histiocytes, giant-cell nuclei, osteocytes.

Cells are generated once per scene in micrometres (from the scene's seeded
generator), so each magnification shows the same cells: x40 sees them as
dots, x400 as nuclei with chromatin. Stamping is vectorised: every visible
nucleus gets the same small pixel window, evaluated in one numpy pass.
"""

from dataclasses import dataclass

import numpy as np

from . import noise
from .canvas import ramp


@dataclass
class Cells:
    x: np.ndarray  # centres, um
    y: np.ndarray
    a: np.ndarray  # half length, um
    b: np.ndarray  # half width, um
    theta: np.ndarray  # orientation, radians
    dark: np.ndarray  # 0..1 multiplier of the nuclear stain
    spindle: float = 0.0  # 0 ellipse, 1 tapered spindle
    hem: float = 1.05
    eos: float = 0.18
    allowed: tuple = ()  # tissue labels the nucleus may sit on (empty: anywhere)

    def __len__(self):
        return len(self.x)

    def subset(self, keep):
        return Cells(
            self.x[keep],
            self.y[keep],
            self.a[keep],
            self.b[keep],
            self.theta[keep],
            self.dark[keep],
            self.spindle,
            self.hem,
            self.eos,
            self.allowed,
        )


def scatter(rng, box, per_mm2, a, b, theta=(0.0, np.pi), dark=(0.8, 1.0), **kw):
    """Uniformly scattered nuclei in box (x0, y0, x1, y1) at a density per mm^2.

    a, b and theta are (low, high) ranges drawn uniformly; theta may also be
    ('normal', mean, sd) for cells aligned with collagen.
    """
    x0, y0, x1, y1 = box
    n = round((x1 - x0) * (y1 - y0) / 1e6 * per_mm2)
    x = rng.uniform(x0, x1, n).astype(np.float32)
    y = rng.uniform(y0, y1, n).astype(np.float32)
    aa = rng.uniform(*a, n).astype(np.float32)
    bb = rng.uniform(*b, n).astype(np.float32)
    if theta[0] == "normal":
        th = rng.normal(theta[1], theta[2], n).astype(np.float32)
    else:
        th = rng.uniform(*theta, n).astype(np.float32)
    dk = rng.uniform(*dark, n).astype(np.float32)
    return Cells(x, y, aa, bb, th, dk, **kw)


def cluster(rng, cx, cy, radius, n, a, b, **kw):
    """n nuclei in a disc (an infiltrate, a giant cell's nuclei)."""
    r = radius * np.sqrt(rng.uniform(0, 1, n))
    t = rng.uniform(0, 2 * np.pi, n)
    x = (cx + r * np.cos(t)).astype(np.float32)
    y = (cy + r * np.sin(t)).astype(np.float32)
    return Cells(
        x,
        y,
        rng.uniform(*a, n).astype(np.float32),
        rng.uniform(*b, n).astype(np.float32),
        rng.uniform(0, np.pi, n).astype(np.float32),
        rng.uniform(0.8, 1.0, n).astype(np.float32),
        **kw,
    )


def concat(parts):
    parts = [p for p in parts if len(p)]
    if not parts:
        return None
    p0 = parts[0]
    cat = lambda k: np.concatenate([getattr(p, k) for p in parts])
    return Cells(
        cat("x"),
        cat("y"),
        cat("a"),
        cat("b"),
        cat("theta"),
        cat("dark"),
        p0.spindle,
        p0.hem,
        p0.eos,
        p0.allowed,
    )


def coverage(cv, cells, grow=0.0):
    """Anti-aliased coverage map (h, w) of the nuclei visible in the view."""
    v = cv.view
    out = np.zeros(v.height * v.width, np.float32)
    if cells is None or len(cells) == 0:
        return out.reshape(v.height, v.width)
    px, py = v.to_px(cells.x, cells.y)
    rad = (cells.a + grow) / v.upp
    vis = (px > -rad - 2) & (py > -rad - 2) & (px < v.width + rad + 2) & (py < v.height + rad + 2)
    if cells.allowed:
        ix = np.clip(px.astype(np.int64), 0, v.width - 1)
        iy = np.clip(py.astype(np.int64), 0, v.height - 1)
        vis &= np.isin(cv.label[iy, ix], cells.allowed)
    c = cells.subset(vis)
    if len(c) == 0:
        return out.reshape(v.height, v.width)
    px, py = px[vis], py[vis]
    R = int(np.ceil(float(np.max(c.a + grow)) / v.upp)) + 1
    off = np.arange(-R, R + 1, dtype=np.float32)
    oy, ox = np.meshgrid(off, off, indexing="ij")
    ox, oy = ox.ravel()[None, :], oy.ravel()[None, :]
    chunk = max(1, 4_000_000 // ox.size)
    for s in range(0, len(c), chunk):
        e = slice(s, s + chunk)
        cx = np.floor(px[e])[:, None]
        cy = np.floor(py[e])[:, None]
        gx = cx + ox
        gy = cy + oy
        dxu = (gx + 0.5 - px[e][:, None]) * v.upp
        dyu = (gy + 0.5 - py[e][:, None]) * v.upp
        ct, st = np.cos(c.theta[e])[:, None], np.sin(c.theta[e])[:, None]
        u = dxu * ct + dyu * st
        w = -dxu * st + dyu * ct
        a = c.a[e][:, None] + grow
        b = c.b[e][:, None] + grow
        if c.spindle:
            b = b * (1.0 - c.spindle * 0.75 * np.clip(u / a, -1, 1) ** 2)
        q = np.sqrt((u / a) ** 2 + (w / b) ** 2)
        alpha = ramp((1.0 - q) * b, v.upp) * c.dark[e][:, None]
        ok = (gx >= 0) & (gy >= 0) & (gx < v.width) & (gy < v.height) & (alpha > 0)
        idx = gy[ok].astype(np.int64) * v.width + gx[ok].astype(np.int64)
        np.maximum.at(out, idx, alpha[ok])
    return out.reshape(v.height, v.width)


def draw(cv, cells, label=None):
    """Paint nuclei; at high power with coarse chromatin and a clear rim."""
    if cells is None:
        return
    cov = coverage(cv, cells)
    sl = bounds(cov)
    if sl is None:
        return
    hem = np.float32(cells.hem)
    if cv.view.upp < 0.6:
        x, y = cv.local(sl)
        hem = hem * (0.78 + 0.4 * noise.perlin(x, y, 1.1, 77))
    cv.paint(sl, cov[sl], label=label, hem=hem, eos=cells.eos)


def bounds(cov):
    """Smallest window holding all non-zero coverage (or None)."""
    rows = np.flatnonzero(cov.any(axis=1))
    if len(rows) == 0:
        return None
    cols = np.flatnonzero(cov[rows[0] : rows[-1] + 1].any(axis=0))
    return (slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1))


def draw_cytoplasm(cv, cells, grow, eos=0.7, hem=0.12, label=None):
    """A halo of cytoplasm around nuclei (histiocytes, plasma cells)."""
    if cells is None:
        return
    cov = coverage(cv, cells, grow=grow)
    sl = bounds(cov)
    if sl is not None:
        cv.paint(sl, cov[sl] * 0.9, label=label, eos=eos, hem=hem)
