"""What each built-in case shows: one scene per entity of the calcinosis
cutis pack, in scene micrometres. Skin surface is near y = 520 um; the x40
view shows the whole section, x100 and x400 zoom onto the diagnostic feature.
"""

import numpy as np

from . import cells as C
from .base import base_scene, histiocytes, lymphocytes
from .deposits import Deposit
from .extras import CystWall, Encrustation, FatNecrosis, MuscleBundle
from .mimics import Bone, Rosette, Tophus
from .structures import Vessel
from .tumoral import LobulatedMass

SCENES = {}


def scene(name, seed):
    def reg(fn):
        SCENES[name] = (fn, seed)
        return fn

    return reg


def build(name):
    fn, seed = SCENES[name]
    return fn(name, seed)


def dep(rng, x, y, rx, ry, **kw):
    kw.setdefault("giant_cells", int(max(rx, ry) / 25))
    kw.setdefault("histiocytes", 500.0)
    return Deposit(x, y, rx, ry, int(rng.integers(1 << 30)), angle=rng.uniform(0, np.pi), **kw)


def edge_view(d, frac=0.95, t=0.6):
    """x400 centre on the rim of a deposit, so mass, cracks and giant cells share the field."""
    return (d.x + d.rx * frac * np.cos(t), d.y + d.ry * frac * np.sin(t))


@scene("dystrophic", 101)
def dystrophic(name, seed):
    s, rng = base_scene(name, seed, scar=[(2050, 1250, 850, 720)])
    s.cells.append(
        C.scatter(
            rng,
            (1200, 600, 2900, 1970),
            500,
            (5.0, 7.0),
            (1.0, 1.4),
            ("normal", 0.05, 0.1),
            spindle=0.8,
            allowed=s.cells[0].allowed,
        )
    )
    main = dep(rng, 2080, 1480, 280, 170, granules=0.35)
    s.features = [
        main,
        dep(rng, 1560, 1220, 120, 85),
        dep(rng, 2600, 1800, 160, 105),
        dep(rng, 1700, 1850, 95, 70),
        dep(rng, 2620, 1130, 70, 55),
    ]
    s.late_cells = [
        lymphocytes(rng, 1400, 1500, 120, 80, 60),
        lymphocytes(rng, 2500, 1450, 90, 70, 40),
    ]
    s.views.update({100: (2080, 1470), 400: edge_view(main)})
    return s


@scene("calcinosis-universalis", 202)
def universalis(name, seed):
    s, rng = base_scene(name, seed, dermis=1250, muscle_at=1880, bottom=3080)
    s.views[40] = (2000, 1700)
    kw = {"rough": 0.25, "granules": 0.12}
    plates = [
        dep(rng, 1250, 1700, 520, 80, **kw),
        dep(rng, 2650, 1820, 620, 95, **kw),
        dep(rng, 1900, 2330, 760, 70, giant_cells=6, **kw),
        dep(rng, 3000, 2700, 260, 55, **kw),
        dep(rng, 1200, 2650, 220, 50, **kw),
    ]
    for p in plates:
        p.angle = rng.uniform(-0.12, 0.12)
    s.features = plates
    s.views.update({100: (2400, 2050), 400: edge_view(plates[1], 0.9, 0.3)})
    return s


@scene("calcinosis-circumscripta", 303)
def circumscripta(name, seed):
    # acral skin: thick compact stratum corneum, thick epidermis
    s, rng = base_scene(
        name,
        seed,
        corneum=260,
        epidermis=130,
        rete_depth=90,
        rete_period=150,
        surface=420,
        dermis=1700,
        scar=[(2000, 1350, 1500, 700)],
    )
    s.keratin = "compact"
    main = dep(rng, 2000, 1420, 300, 240, granules=0.3)
    s.features = [
        main,
        dep(rng, 1280, 1700, 190, 150),
        dep(rng, 2720, 1300, 160, 130),
        dep(rng, 2350, 2150, 210, 150),
    ]
    s.views.update({100: (2000, 1450), 400: edge_view(main, 0.95, 2.5)})
    return s


@scene("metastatic", 404)
def metastatic(name, seed):
    s, rng = base_scene(name, seed)
    v1 = Vessel(2150, 2080, 42, 28, 4401, muscular=True, calcified=0.85, ecc=0.85, angle=0.4)
    v2 = Vessel(2950, 2320, 30, 20, 4402, muscular=True, calcified=0.7, ecc=0.7, angle=1.2)
    v3 = Vessel(1350, 2230, 26, 18, 4403, muscular=True, calcified=0.6, ecc=0.8)
    s.structures += [v1, v2, v3]
    s.features = [
        dep(rng, 1700, 1880, 150, 100, giant_cells=2),
        dep(rng, 2520, 2000, 120, 90, giant_cells=2),
        dep(rng, 1900, 1500, 70, 50, giant_cells=0, granules=0.5),
        dep(rng, 2300, 1750, 60, 45, giant_cells=0, granules=0.5),
    ]
    s.region_labels = ("deposit", "vessel wall")
    s.views.update({100: (2100, 1950), 400: (2150, 2080)})
    return s


@scene("calciphylaxis", 505)
def calciphylaxis(name, seed):
    s, rng = base_scene(name, seed, dermis=1150)
    s.views[40] = (2000, 1650)
    vs = []
    for k, (x, y, r) in enumerate(
        [
            (1750, 2150, 42),
            (2350, 2330, 34),
            (2000, 1960, 26),
            (2650, 2050, 38),
            (1450, 2450, 30),
            (2950, 2500, 36),
        ]
    ):
        vs.append(
            Vessel(
                x,
                y,
                r,
                r * 0.45 + 12,
                5500 + k,
                muscular=True,
                calcified=0.9,
                intimal=r * 0.45,
                thrombus=k % 2 == 0,
                ecc=rng.uniform(0.75, 0.95),
                angle=rng.uniform(0, np.pi),
            )
        )
    s.structures += vs
    s.fat_necrosis = FatNecrosis(2150, 2250, 650, 330, 5599)
    s.late_cells = [histiocytes(rng, (1500, 1950, 2800, 2600), 250)]
    s.region_labels = ("vessel wall",)
    s.views.update({100: (2000, 2200), 400: (1750, 2150)})
    return s


@scene("iatrogenic", 606)
def iatrogenic(name, seed):
    # calcium salt leaked into the dermis: granular deposits among degenerate
    # collagen, with a mixed inflammatory reaction
    s, rng = base_scene(name, seed)
    kw = {"granules": 0.9, "rough": 0.55, "cracks": 0.6, "histiocytes": 1400.0}
    main = dep(rng, 2000, 1350, 220, 150, **kw)
    s.features = [
        main,
        dep(rng, 2420, 1620, 150, 110, **kw),
        dep(rng, 1580, 1580, 110, 90, **kw),
        dep(rng, 2100, 1800, 80, 60, **kw),
        dep(rng, 1750, 1150, 45, 35, **kw),
        dep(rng, 2650, 1300, 40, 30, **kw),
    ]
    s.features.insert(0, Encrustation(2050, 1450, 650, 420, 6060))
    s.late_cells = [
        lymphocytes(rng, 1700, 1250, 200, 110, 300),
        lymphocytes(rng, 2350, 1300, 160, 120, 260),
        lymphocytes(rng, 2000, 1700, 300, 160, 450),
        lymphocytes(rng, 1450, 1750, 120, 80, 120),
        histiocytes(rng, (1300, 1000, 2800, 1900), 900),
    ]
    s.views.update({100: (2000, 1450), 400: edge_view(main, 0.9, 1.2)})
    return s


@scene("idiopathic", 707)
def idiopathic(name, seed):
    s, rng = base_scene(name, seed)
    main = dep(rng, 2000, 1250, 230, 170, granules=0.3)
    s.features = [main, dep(rng, 2500, 1450, 110, 90), dep(rng, 1600, 1400, 90, 70)]
    s.views.update({100: (2050, 1300), 400: edge_view(main, 0.95, 0.4)})
    return s


@scene("subepidermal-calcified-nodule", 808)
def scn(name, seed):
    s, rng = base_scene(
        name, seed, papillomatosis=150, corneum=20, epidermis=95, papule=(2000, 800, 260)
    )
    s.keratin = "compact"
    s.views[40] = (2000, 1380)
    globs = []
    for k in range(16):
        x = 2000 + rng.normal(0, 260)
        y = 740 + abs(rng.normal(0, 80)) - float(s.layout.lift(np.float32(x)))
        r = rng.uniform(28, 75)
        globs.append(
            Deposit(
                x,
                y,
                r,
                r * rng.uniform(0.75, 1.0),
                8800 + k,
                rough=0.15,
                lamellar=True,
                granules=0.1,
                giant_cells=int(rng.integers(0, 3)),
                histiocytes=300.0,
            )
        )
    # one globule on its way out through the epidermis (transepidermal elimination)
    globs.append(
        Deposit(
            2080,
            560 - float(s.layout.lift(np.float32(2080))),
            32,
            26,
            8899,
            rough=0.12,
            lamellar=True,
            granules=0.0,
            histiocytes=0.0,
            label="globule passing through the epidermis",
        )
    )
    s.features = globs
    s.region_labels = ("deposit", "globule passing through the epidermis")
    # x400: the biggest of the upper globules, with the epidermis above it
    top = min(globs[:-1], key=lambda g: g.y - g.rx)
    s.views.update({100: (2000, 560), 400: (top.x, top.y - 70)})
    return s


@scene("idiopathic-scrotal-calcinosis", 909)
def scrotal(name, seed):
    s, rng = base_scene(name, seed, corneum=14, epidermis=55, rete_depth=25, dermis=1900)
    for k in range(9):
        x0 = rng.uniform(300, 3500)
        y0 = rng.uniform(950, 2200)
        ang = rng.normal(0, 0.35)
        L = rng.uniform(250, 600)
        s.structures.append(
            MuscleBundle(
                x0, y0, x0 + L * np.cos(ang), y0 + L * np.sin(ang), rng.uniform(25, 45), 9100 + k
            )
        )
    main = dep(rng, 2000, 1450, 330, 300, rough=0.2, granules=0.2)
    main.angle = 0.0
    s.structures.append(CystWall(2000, 1450, 340, 9150, start=2.4, span=3.6))
    s.features = [
        main,
        dep(rng, 1150, 1650, 200, 180, rough=0.2),
        dep(rng, 2850, 1750, 230, 190, rough=0.2),
    ]
    s.views.update({100: (2000, 1400), 400: (2000 + 350 * np.cos(4.1), 1450 + 350 * np.sin(4.1))})
    return s


@scene("tumoral-calcinosis", 1010)
def tumoral(name, seed):
    s, _ = base_scene(name, seed, dermis=900, bottom=3100)
    s.views[40] = (2000, 1750)
    mass = LobulatedMass(2000, 2120, 1250, 640, 10100)
    s.features = [mass]
    s.views.update({100: (1900, 2100), 400: (1900, 2050)})
    return s


@scene("milia-like-calcinosis", 1111)
def milia_like(name, seed):
    s, rng = base_scene(name, seed)
    s.views[40] = (2000, 1450)
    g = []
    for k in range(22):
        x = rng.uniform(1200, 2900)
        y = 720 + abs(rng.normal(0, 70))
        r = rng.uniform(14, 38)
        g.append(
            Deposit(
                x,
                y,
                r,
                r * rng.uniform(0.8, 1.0),
                11100 + k,
                rough=0.08,
                lamellar=True,
                granules=0.0,
                giant_cells=0,
                histiocytes=0.0,
                cracks=0.6,
            )
        )
    s.features = g
    s.views.update({100: (2000, 760), 400: (g[0].x, g[0].y)})
    return s


@scene("osteoma-cutis", 1212)
def osteoma(name, seed):
    s, _ = base_scene(name, seed)
    main = Bone(2050, 1300, 480, 200, 12121, angle=0.08)
    s.features = [
        main,
        Bone(1250, 1550, 240, 130, 12122, angle=-0.2),
        Bone(2900, 1700, 200, 110, 12123),
    ]
    s.region_labels = ("pink tissue",)
    s.views.update({100: (2050, 1300), 400: (2050, 1280)})
    return s


@scene("cutaneous-oxalosis", 1313)
def oxalosis(name, seed):
    # oxalate crystals in the dermis (clustered, some engulfed by giant
    # cells) and in the wall of a dermal vessel
    s, rng = base_scene(name, seed)
    ros = []
    for c in range(7):
        cx, cy = rng.uniform(1300, 2800), rng.uniform(1100, 2000)
        for k in range(int(rng.integers(4, 9))):
            ros.append(
                Rosette(
                    cx + rng.normal(0, 90),
                    cy + rng.normal(0, 60),
                    rng.uniform(25, 60),
                    13100 + 20 * c + k,
                    giant_cell=rng.uniform() < 0.35,
                )
            )
    v = Vessel(2100, 1650, 48, 34, 13199, muscular=True)
    s.structures.append(v)
    for k in range(8):
        t = k * np.pi / 4 + rng.uniform(-0.2, 0.2)
        ros.append(
            Rosette(
                2100 + 66 * np.cos(t),
                1650 + 56 * np.sin(t),
                20,
                13190 + k,
                label="crystals in a vessel wall",
            )
        )
    s.features = ros
    s.late_cells = [histiocytes(rng, (1300, 1100, 2800, 2100), 600)]
    s.region_labels = ("crystals", "crystals in a vessel wall")
    # x400 on the biggest rosette that a giant cell has engulfed
    big = max((r for r in ros if r.gc is not None), key=lambda r: r.r)
    s.views.update({100: (2050, 1600), 400: (big.x, big.y)})
    return s


@scene("gouty-tophus", 1414)
def gout(name, seed):
    s, _ = base_scene(name, seed)
    main = Tophus(2000, 1400, 380, 280, 14141)
    s.features = [main, Tophus(1250, 1600, 170, 140, 14142), Tophus(2800, 1300, 200, 150, 14143)]
    s.region_labels = ("deposit",)
    s.views.update({100: (2000, 1400), 400: (2000 + 360, 1400 - 40)})
    return s
