"""Painting the layers of a Layout onto a canvas: dermis, fat, muscle,
epidermis and stratum corneum, each with its own texture."""

import numpy as np

from . import noise
from .canvas import CORNEUM, DERMIS, EPIDERMIS, FAT, MUSCLE, PAPILLARY, ramp
from .skin import collagen, soft


def rows_between(view, ytop, ybot, pad=10.0):
    """Row slice of the view covering y in [min(ytop), max(ybot)]."""
    j0 = int(np.floor((float(np.min(ytop)) - pad - view.y0) / view.upp))
    j1 = int(np.ceil((float(np.max(ybot)) + pad - view.y0) / view.upp))
    j0, j1 = max(0, j0), min(view.height, j1)
    if j0 >= j1:
        return None
    return (slice(j0, j1), slice(0, view.width))


def draw_dermis(cv, lay, seed):
    """Collagen everywhere inside the section; later layers paint over it."""
    v = cv.view
    sl = cv.full()
    x, y = cv.local(sl)
    inside = lay.inside(x, y, v.upp)
    pb = lay.papillary_bottom(x)
    pap = np.clip((pb - y) / 60.0 + 0.5, 0, 1).astype(np.float32)
    scar = lay.scar_weight(x, y)
    col = collagen(x, y, v.upp, seed, papillary=pap, scar=scar)
    # a little haematoxylin in the ground substance keeps pink from looking flat
    cv.paint(sl, inside, label=DERMIS, eos=col, hem=0.025 + 0.03 * col)
    lab = cv.label
    lab[(pap > 0.5) & (inside > 0.5)] = PAPILLARY


def draw_fat(cv, lay, seed, necrosis=None):
    """Subcutis: lobules of large empty adipocytes with thin membranes, and
    fibrous septa between lobules (septa keep the dermal collagen texture)."""
    v = cv.view
    top = lay.sub_top(v.xs())
    sl = rows_between(v, top, lay.bottom + 100.0)
    if sl is None:
        return
    x, y = cv.local(sl)
    inside = lay.inside(x, y, v.upp)
    top = lay.sub_top(x)
    sub = ramp(y - top, v.upp)
    if lay.muscle_at > 0:
        sub = sub * ramp(lay.muscle_top(x) - 80.0 - y, v.upp)
    # lobules: big Voronoi cells, septa along their borders
    wob = noise.coarse(lambda a, b: noise.perlin(a, b, 260.0, seed + 23), x, y, 260.0 / v.upp / 4.0)
    lf1, lf2, _, _, _ = noise.worley(
        x + 140.0 * (wob - 0.5), y + 140.0 * (wob - 0.5), 650.0, seed + 20
    )
    septum_w = 22.0 + 30.0 * noise.value(x, y, 300.0, seed + 21)
    in_lobule = ramp((lf2 - lf1) / 2.0 - septum_w, v.upp)
    f1, f2, h, _, _ = noise.worley(x, y, 78.0, seed + 22, jitter=0.8)
    edge = (f2 - f1) / 2.0
    memb_w = 1.1 if v.upp < 1.5 else 0.9
    memb = ramp(memb_w - edge, v.upp) * 0.9
    alpha = inside * sub * in_lobule
    cv.paint(sl, alpha, label=FAT, eos=memb * 0.85, hem=memb * 0.12)
    if necrosis is not None:
        necrosis(cv, sl, x, y, alpha, f1, f2, h)


def draw_muscle(cv, lay, seed):
    """Fascia over skeletal muscle cut lengthwise: long, deep-pink fibres
    in fascicles, thin clefts between fibres, nuclei flat against the fibre
    edges and, at high power, cross-striations."""
    if lay.muscle_at <= 0:
        return
    v = cv.view
    mt = lay.muscle_top(v.xs())
    sl = rows_between(v, mt - 90.0, lay.bottom + 100.0)
    if sl is None:
        return
    x, y = cv.local(sl)
    upp = v.upp
    px = max(upp, 0.35)
    inside = lay.inside(x, y, upp)
    mt = lay.muscle_top(x)
    fascia = ramp(y - (mt - 80.0), upp) * ramp(mt - y, upp)
    dens = collagen(x, y, upp, seed + 30, scar=np.float32(1.0))
    cv.paint(sl, inside * fascia, label=DERMIS, eos=dens * 1.05, hem=0.08)
    # fibres: bands along a gently wavy x direction, ~55 um wide
    wy = y + 40.0 * (noise.perlin(x, y, 700.0, seed + 31) - 0.5) + 0.06 * x
    band = wy / 55.0
    idx = np.floor(band)
    frac = band - idx
    edge_um = np.minimum(frac, 1 - frac) * 55.0
    h = noise.hash2(idx.astype(np.int64), np.zeros_like(idx, dtype=np.int64), seed + 32)
    shade = 0.95 + 0.25 * noise.unit(h)
    fibre = np.clip((edge_um - 1.2) / px + 0.5, 0, 1)
    # perimysium: every few fibres a wider collagen septum
    septum = (noise.unit(h * np.uint32(7)) < 0.2) & (frac > 0.85)
    stria = 0.5 + 0.5 * np.sin(x * (2 * np.pi / 2.6)) if upp < 0.5 else 0.5
    m = inside * ramp(y - mt, upp)
    cv.paint(
        sl,
        m,
        label=MUSCLE,
        eos=fibre * (1.15 * shade + 0.12 * (stria - 0.5)) * (1 - 0.6 * septum),
        hem=0.1 * fibre,
    )
    # flattened nuclei under the sarcolemma, at a fibre edge
    nx = x / 38.0 + noise.unit(h) * 7.0
    ni = np.floor(nx)
    nh = noise.hash2(ni.astype(np.int64), idx.astype(np.int64), seed + 33)
    along = (nx - ni - 0.5) * 38.0
    keep = noise.unit(nh) < 0.45
    top = noise.unit(nh * np.uint32(3)) < 0.5
    off = np.where(top, frac * 55.0 - 3.2, (1 - frac) * 55.0 - 3.2)
    q = np.sqrt((along / 6.5) ** 2 + (off / 1.5) ** 2)
    nuc = ramp((1 - q) * 1.5, upp) * keep * m
    cv.paint(sl, nuc * 0.95, hem=1.0, eos=0.25)


def draw_epidermis(cv, lay, seed, keratin="basket"):
    """Keratinocytes as Voronoi cells: lilac cytoplasm, pale borders, round
    nuclei; a crowded dark basal layer; flattened granular cells; then the
    stratum corneum (basket-weave, compact for acral or warty skin)."""
    v = cv.view
    xs = v.xs()
    sl = rows_between(v, lay.surf(xs), lay.epi_base(xs))
    if sl is None:
        return
    x, y = cv.local(sl)
    surf, top, base = lay.surf(x), lay.epi_top(x), lay.epi_base(x)
    inside = lay.inside(x, y, v.upp)
    epi = ramp(y - top, v.upp) * ramp(base - y, v.upp) * inside
    depth = np.clip((y - top) / np.maximum(base - top, 1.0), 0, 1)
    to_base = base - y
    # spinous cells, flattened towards the surface
    squash = 1.0 + 1.2 * np.clip(1.0 - depth / 0.25, 0, 1)
    f1, f2, h, dx, dy = noise.worley(x, y * squash, 12.0, seed + 40, jitter=0.85)
    border = ramp(0.7 - (f2 - f1) / 2.0, v.upp)
    cyto_e = 0.50 + 0.12 * noise.unit(h) - 0.22 * border
    cyto_h = 0.17 + 0.05 * noise.unit(h * np.uint32(5))
    r_n = 3.4 + 0.8 * noise.unit(h * np.uint32(7))
    nucl = ramp(r_n - np.sqrt(dx * dx + (dy * 1.1) ** 2), v.upp) * (depth > 0.08)
    chrom = 0.8 + 0.35 * noise.value(x, y, 1.2, seed + 41) if v.upp < 0.5 else 0.95
    cv.paint(sl, epi, label=EPIDERMIS, eos=cyto_e, hem=cyto_h)
    cv.paint(sl, epi * nucl, hem=chrom, eos=0.15)
    # granular layer: keratohyalin granules
    gran = epi * np.clip(1.0 - depth / 0.12, 0, 1)
    grain = soft(noise.value(x, y, 1.6, seed + 42), 0.62, 0.1) if v.upp < 0.8 else 0.35
    cv.add(sl, gran * grain, hem=0.9)
    # basal layer: small crowded cells with dark columnar nuclei
    bas = epi * ramp(11.0 - to_base, v.upp)
    _, _, _, bdx, bdy = noise.worley(x, y, 7.0, seed + 43, jitter=0.7)
    bn = ramp(2.6 - np.sqrt((bdx * 1.5) ** 2 + (bdy * 0.8) ** 2), v.upp)
    cv.paint(sl, bas, eos=0.42, hem=0.32)
    cv.paint(sl, bas * bn, hem=1.1, eos=0.15)
    # stratum corneum
    sc = ramp(y - surf, v.upp) * ramp(top - y, v.upp) * inside
    if keratin == "basket":
        lines = noise.value(x, y * 6.0, 40.0, seed + 44)
        k = soft(lines, 0.45, v.upp * 6.0 / 40.0 * 1.5) * 0.55 + 0.08
    else:  # compact orthokeratosis (acral or warty)
        lines = noise.value(x, y * 8.0, 60.0, seed + 44)
        k = 0.6 + 0.35 * lines - 0.4 * soft(lines, 0.82, 0.05)
    cv.paint(sl, sc, label=CORNEUM, eos=k * 1.1, hem=0.04)
