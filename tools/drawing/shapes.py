"""Signed distances (micrometres, positive inside) of simple shapes, with
optional noisy outlines, evaluated on any coordinate arrays."""

import numpy as np

from . import noise


def ellipse(x, y, cx, cy, rx, ry, angle=0.0):
    dx, dy = x - cx, y - cy
    c, s = np.cos(angle), np.sin(angle)
    u = dx * c + dy * s
    w = -dx * s + dy * c
    q = np.sqrt((u / rx) ** 2 + (w / ry) ** 2)
    return ((1.0 - q) * min(rx, ry)).astype(np.float32)


def blob(x, y, cx, cy, rx, ry, seed, rough=0.35, angle=0.0, detail=None):
    """An ellipse whose outline wobbles with gradient noise (lobulated masses)."""
    sd = ellipse(x, y, cx, cy, rx, ry, angle)
    r = min(rx, ry)
    sc = detail or max(r * 0.6, 6.0)
    n = noise.pfbm_grid(x, y, sc, seed, octaves=3)
    return sd + (rough * r * 2.0) * (n - 0.5)


def capsule(x, y, x0, y0, x1, y1, r):
    """Distance to a segment, minus a radius (a tube seen from the side)."""
    vx, vy = x1 - x0, y1 - y0
    L2 = vx * vx + vy * vy
    t = np.clip(((x - x0) * vx + (y - y0) * vy) / L2, 0.0, 1.0)
    dx = x - (x0 + t * vx)
    dy = y - (y0 + t * vy)
    return (r - np.sqrt(dx * dx + dy * dy)).astype(np.float32)


def box_of(cx, cy, r):
    return (cx - r, cy - r, cx + r, cy + r)


def rect(x, y, x0, y0, x1, y1, w):
    """A flat-ended bar from (x0, y0) to (x1, y1), half-width w (crystal plates)."""
    vx, vy = x1 - x0, y1 - y0
    L = np.sqrt(vx * vx + vy * vy)
    ux, uy = vx / L, vy / L
    dx, dy = x - x0, y - y0
    along = dx * ux + dy * uy
    perp = np.abs(-dx * uy + dy * ux)
    return np.minimum(w - perp, np.minimum(along, L - along)).astype(np.float32)
