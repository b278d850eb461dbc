"""Deterministic noise defined in physical (micrometre) coordinates.

Every texture is a pure function of (x, y, seed), computed with integer
hashing instead of a random generator. That gives two properties we need:
the same pixel of tissue looks the same at x40, x100 and x400 (a zoomed view
shows the detail of the low-power view, as a microscope does), and output is
byte-identical between runs (no global random state, no Python `hash`).
"""

import numpy as np

_M1 = np.uint32(0x8DA6B343)
_M2 = np.uint32(0xD8163841)
_M4 = np.uint32(0x85EBCA6B)
_M5 = np.uint32(0xC2B2AE35)


def hash2(ix, iy, seed):
    """uint32 hash of integer lattice coordinates (murmur-style finaliser).

    uint32 arithmetic wraps on purpose; numpy warns about it for 0-d inputs.
    """
    with np.errstate(over="ignore"):
        return _hash2(ix, iy, seed)


def _hash2(ix, iy, seed):
    h = (np.asarray(ix).astype(np.int64).astype(np.uint32) * _M1) ^ (
        np.asarray(iy).astype(np.int64).astype(np.uint32) * _M2
    )
    h ^= np.uint32((int(seed) * 0xCB1AB31F) & 0xFFFFFFFF)
    h ^= h >> np.uint32(16)
    h *= _M4
    h ^= h >> np.uint32(13)
    h *= _M5
    h ^= h >> np.uint32(16)
    return h


def unit(h):
    """Map a uint32 hash to float32 in [0, 1)."""
    return (h >> np.uint32(8)).astype(np.float32) * np.float32(1.0 / 16777216.0)


def _lattice(iu, iv, seed, pad=1):
    """Hash the lattice points a set of pixels needs once, as a small table.

    Returns (table (nv, nu) uint32, flat index of each pixel's cell, nu).
    Hashing each lattice point once and gathering is several times faster
    than hashing four (or nine) corners per pixel.
    """
    u0 = int(iu.min()) - pad
    v0 = int(iv.min()) - pad
    nu = int(iu.max()) - u0 + 1 + pad + 1
    nv = int(iv.max()) - v0 + 1 + pad + 1
    table = hash2(np.arange(u0, u0 + nu)[None, :], np.arange(v0, v0 + nv)[:, None], seed)
    idx = (iv - v0) * nu + (iu - u0)
    return table.ravel(), idx, nu


def _split(x, y, scale):
    u = np.asarray(x, dtype=np.float32) / np.float32(scale)
    v = np.asarray(y, dtype=np.float32) / np.float32(scale)
    iu = np.floor(u)
    iv = np.floor(v)
    return u - iu, v - iv, iu.astype(np.int64), iv.astype(np.int64)


def _fade(t):
    # quintic fade hides the lattice better than smoothstep
    return t * t * t * (t * (t * np.float32(6) - np.float32(15)) + np.float32(10))


def value(x, y, scale, seed):
    """Smooth value noise in [0, 1] with lattice spacing `scale` (same units as x, y)."""
    fu, fv, iu, iv = _split(x, y, scale)
    table, idx, nu = _lattice(iu, iv, seed)
    vals = unit(table)
    a = vals[idx]
    b = vals[idx + 1]
    c = vals[idx + nu]
    d = vals[idx + nu + 1]
    su, sv = _fade(fu), _fade(fv)
    top = a + (b - a) * su
    bot = c + (d - c) * su
    return top + (bot - top) * sv


def fbm(x, y, scale, seed, octaves=4, gain=0.5, min_scale=0.0):
    """Fractal sum of value noise, normalised to about [0, 1].

    Octaves finer than `min_scale` (pass ~1 pixel in micrometres) are skipped:
    they would only alias, and skipping them is also what makes low power
    look smoother than high power.
    """
    total = 0.0
    norm = 0.0
    amp = 1.0
    s = float(scale)
    for o in range(octaves):
        if s < min_scale and o > 0:
            break
        total = total + amp * value(x, y, s, seed + 7919 * o)
        norm += amp
        amp *= gain
        s *= 0.5
    return total / norm


def worley(x, y, cell, seed, jitter=0.9):
    """Cellular noise: distance to nearest and second-nearest jittered seed.

    Returns (f1, f2, cell_hash, dx, dy): distances in input units, the hash of
    the nearest seed's lattice cell (a per-cell random id), and the offset of
    the pixel from that seed (for oriented nuclei). One seed per lattice cell.
    """
    fu, fv, iu, iv = _split(x, y, cell)
    table, idx, nu = _lattice(iu, iv, seed, pad=2)
    lo = np.float32((1.0 - jitter) / 2.0)
    jx = lo + np.float32(jitter) * unit(table)
    with np.errstate(over="ignore"):
        jy = lo + np.float32(jitter) * unit(table * _M4 + np.uint32(12345))
    shape = np.broadcast(fu, fv).shape
    f1 = np.full(shape, 9.0, np.float32)
    f2 = f1.copy()
    best = np.zeros(shape, np.uint32)
    bdx = np.zeros(shape, np.float32)
    bdy = np.zeros(shape, np.float32)
    for dj in (-1, 0, 1):
        for di in (-1, 0, 1):
            k = idx + (dj * nu + di)
            px = (di + jx[k]) - fu
            py = (dj + jy[k]) - fv
            d = np.sqrt(px * px + py * py)
            closer = d < f1
            f2 = np.where(closer, f1, np.minimum(f2, d))
            f1 = np.where(closer, d, f1)
            best = np.where(closer, table[k], best)
            bdx = np.where(closer, -px, bdx)
            bdy = np.where(closer, -py, bdy)
    c = np.float32(cell)
    return f1 * c, f2 * c, best, bdx * c, bdy * c


def perlin(x, y, scale, seed):
    """Gradient noise in about [0, 1]; thresholds of it look organic rather
    than blocky (value noise, thresholded, shows its square lattice)."""
    fu, fv, iu, iv = _split(x, y, scale)
    table, idx, nu = _lattice(iu, iv, seed)
    ang = unit(table) * np.float32(6.2831853)
    # one complex gather per corner fetches both gradient components
    grad = (np.cos(ang) + 1j * np.sin(ang)).astype(np.complex64)

    def corner(k, du, dv):
        g = grad[k]
        return g.real * (fu - du) + g.imag * (fv - dv)

    su, sv = _fade(fu), _fade(fv)
    n00 = corner(idx, 0, 0)
    n10 = corner(idx + 1, 1, 0)
    n01 = corner(idx + nu, 0, 1)
    n11 = corner(idx + nu + 1, 1, 1)
    top = n00 + (n10 - n00) * su
    bot = n01 + (n11 - n01) * su
    return np.float32(0.5) + np.float32(0.9) * (top + (bot - top) * sv)


def pfbm(x, y, scale, seed, octaves=3, gain=0.5, min_scale=0.0):
    """Fractal sum of gradient noise, about [0, 1]."""
    total = 0.0
    norm = 0.0
    amp = 1.0
    s = float(scale)
    for o in range(octaves):
        if s < min_scale and o > 0:
            break
        total = total + amp * (perlin(x, y, s, seed + 7919 * o) - 0.5)
        norm += amp
        amp *= gain
        s *= 0.5
    return 0.5 + total / norm


def coarse(fn, x, y, feature_px, max_factor=8):
    """Evaluate a smooth field on a coarser grid and upsample it bilinearly.

    x (1, w) and y (h, 1) are pixel-centre coordinates. `feature_px` is the
    field's smallest feature in pixels; fields that vary slowly on the pixel
    grid (warps, low-frequency shading) are computed at 1/f of the pixels.
    Thresholding happens afterwards at full resolution, so edges stay sharp.
    """
    from PIL import Image

    f = int(np.clip(feature_px // 6, 1, max_factor))
    if f <= 1 or x.ndim != 2 or x.shape[0] != 1 or y.shape[1] != 1:
        return fn(x, y)
    w, h = x.shape[1], y.shape[0]
    step = float(x[0, 1] - x[0, 0]) if w > 1 else 1.0
    cw, ch = -(-w // f), -(-h // f)
    xc = (x[0, 0] - 0.5 * step + (np.arange(cw, dtype=np.float32) + 0.5) * step * f)[None, :]
    yc = (y[0, 0] - 0.5 * step + (np.arange(ch, dtype=np.float32) + 0.5) * step * f)[:, None]
    small = np.ascontiguousarray(np.broadcast_to(fn(xc, yc), (ch, cw)), dtype=np.float32)
    big = Image.fromarray(small, mode="F").resize((cw * f, ch * f), Image.BILINEAR)
    return np.asarray(big, dtype=np.float32)[:h, :w]


def pfbm_grid(x, y, scale, seed, octaves=3):
    """pfbm on a pixel grid, computed coarse when its finest octave spans
    many pixels (outlines of big masses at high power)."""
    if x.ndim == 2 and x.shape[0] == 1 and x.shape[1] > 1 and y.shape[1] == 1:
        step = float(x[0, 1] - x[0, 0])
        fine = scale / 2 ** (octaves - 1)
        return coarse(lambda a, b: pfbm(a, b, scale, seed, octaves), x, y, fine / step)
    return pfbm(x, y, scale, seed, octaves)


def masked(fn, x, y, m):
    """fn evaluated only where m is true (zeros elsewhere): textures that
    only matter inside a shape cost in proportion to the shape's area."""
    out = np.zeros(m.shape, np.float32)
    if not m.any():
        return out
    xb = np.broadcast_to(x, m.shape)[m]
    yb = np.broadcast_to(y, m.shape)[m]
    out[m] = fn(xb, yb)
    return out
