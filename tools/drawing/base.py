"""A normal skin scene to build every entity on: layout, the two vascular
plexuses, eccrine coils, fibroblasts; helpers for infiltrates."""

import numpy as np

from . import cells as C
from .adnexa import Follicle
from .canvas import DERMIS, FAT, PAPILLARY
from .histology import Scene
from .skin import Layout
from .structures import Vessel, eccrine_coil

EXTENT = (0.0, 0.0, 4000.0, 3200.0)


def fibroblasts(rng, box, per_mm2=420, scar=False):
    """Spindle nuclei lying along the (mostly horizontal) collagen."""
    sd = 0.12 if scar else 0.35
    return C.scatter(
        rng,
        box,
        per_mm2,
        (5.0, 8.0),
        (1.4, 2.2),
        ("normal", 0.0, sd),
        (0.7, 1.0),
        spindle=0.8,
        hem=1.05,
        eos=0.2,
        allowed=(DERMIS, PAPILLARY),
    )


def lymphocytes(rng, cx, cy, rx, ry, n):
    """A small round-cell infiltrate (dense, dark, round nuclei)."""
    c = C.cluster(rng, 0.0, 0.0, 1.0, n, (2.6, 3.2), (2.4, 3.0), hem=1.25, eos=0.1)
    c.x = (cx + c.x * rx).astype(np.float32)
    c.y = (cy + c.y * ry).astype(np.float32)
    return c


def histiocytes(rng, box, per_mm2):
    return C.scatter(
        rng,
        box,
        per_mm2,
        (3.8, 5.0),
        (2.4, 3.0),
        (0.0, np.pi),
        (0.55, 0.8),
        hem=0.9,
        eos=0.35,
        allowed=(DERMIS, PAPILLARY),
    )


def base_scene(name, seed, views=None, fibro=650, follicles=None, **layout_kw):
    lay = Layout(seed=seed, **layout_kw)
    rng = np.random.default_rng(seed)
    structures = []
    # superficial plexus: small venules just under the papillary dermis
    x = lay.left + rng.uniform(40, 160)
    while x < lay.right - 60:
        y = float(lay.papillary_bottom(np.float32(x))) + rng.normal(20, 30)
        structures.append(
            Vessel(
                x,
                y,
                rng.uniform(5, 10),
                rng.uniform(3, 5),
                int(rng.integers(1 << 30)),
                angle=rng.uniform(0, np.pi),
                ecc=rng.uniform(0.45, 0.9),
            )
        )
        x += rng.uniform(160, 320)
    # deep plexus: larger vessels, some arterioles, at the dermis-subcutis border
    x = lay.left + rng.uniform(60, 240)
    while x < lay.right - 100:
        y = float(lay.sub_top(np.float32(x))) + rng.normal(-60, 40)
        musc = rng.uniform() < 0.5
        structures.append(
            Vessel(
                x,
                y,
                rng.uniform(10, 22),
                rng.uniform(8, 14) if musc else rng.uniform(4, 7),
                int(rng.integers(1 << 30)),
                angle=rng.uniform(0, np.pi),
                ecc=rng.uniform(0.5, 0.95),
                muscular=musc,
            )
        )
        x += rng.uniform(280, 520)
    # eccrine coils sit in the deep dermis
    for k in range(int(rng.integers(3, 5))):
        x = rng.uniform(lay.left + 200, lay.right - 200)
        y = float(lay.sub_top(np.float32(x))) - rng.uniform(40, 120)
        structures += eccrine_coil(rng, x, y, seed * 100 + k * 20, n=int(rng.integers(8, 14)))
    # hair follicles near the sides of the section, away from the features
    default = (lay.left + rng.uniform(200, 700), lay.right - rng.uniform(200, 700))
    for k, fx in enumerate(follicles if follicles is not None else default):
        top = float(lay.epi_top(np.float32(fx)))
        depth = float(lay.sub_top(np.float32(fx))) - rng.uniform(150, 350)
        structures.append(Follicle(fx, top, fx + rng.uniform(-250, 250), depth, seed * 10 + k))
    x0, _, x1, _ = EXTENT
    pops = [
        fibroblasts(rng, EXTENT, fibro),
        fibroblasts(
            rng, (x0, lay.surface, x1, lay.surface + lay.epidermis + lay.rete_depth + 150), 1400
        ),
        # adipocyte nuclei, flattened against the membranes
        C.scatter(
            rng,
            EXTENT,
            60,
            (4.0, 6.0),
            (1.0, 1.4),
            (0.0, np.pi),
            (0.7, 0.9),
            spindle=0.5,
            hem=1.0,
            eos=0.2,
            allowed=(FAT,),
        ),
    ]
    views = views or {}
    views.setdefault(40, (2000.0, 1560.0))
    return Scene(name, seed, lay, views, structures=structures, cells=pops), rng
