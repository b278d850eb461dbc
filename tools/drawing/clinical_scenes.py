"""The clinical schematic of each built-in case (sizes in a 1200 x 900 frame).

Each picture shows the sign the case turns on: chalk-white plaques and
papules, fingertip deposits, scrotal nodules, a periarticular mass, livedo
and a black-crusted ulcer, tophi on the ear.
"""

import numpy as np

from . import clinical as K
from . import noise, shapes

CLINICAL = {}


def clin(name, seed):
    def reg(fn):
        CLINICAL[name] = (fn, seed)
        return fn

    return reg


def draw(name, width=1200, height=900):
    fn, seed = CLINICAL[name]
    c = K.Clin(width, height, seed)
    fn(c, np.random.default_rng(seed))
    return c.out()


def field(c, tone=K.SKIN, lines=1.0):
    """Skin over the whole frame (a close-up), edges slightly shaded."""
    sl, x, y = c.full()
    sd = np.minimum(np.minimum(x + 150, 1350 - x), np.minimum(y + 150, 1050 - y))
    K.skin(c, sd.astype(np.float32), tone, lines, sl, x, y)


def part(c, sd_fn, tone=K.SKIN, lines=1.0, shadow=0.4):
    """A body part (sd_fn gives its signed distance) on the drape."""
    sl, x, y = c.full()
    sd = sd_fn(x, y)
    K.shadow(c, sd, sl, 30, shadow)
    K.skin(c, sd, tone, lines, sl, x, y)
    return sd


def fingerprint(c, cx, cy, r, seed, strength=0.08):
    """Whorled papillary ridges of a fingertip pad."""
    sl, x, y = c.around(cx, cy, r, r * 1.3, 0)
    d = np.sqrt(((x - cx) / 1.0) ** 2 + ((y - cy) / 1.35) ** 2)
    d = d + 6.0 * noise.perlin(x, y, 60.0, seed)
    ridge = 0.5 + 0.5 * np.sin(d * 2 * np.pi / 7.0)
    fall = np.clip(1 - d / (r * 1.2), 0, 1)
    c.mul(sl, 1 - strength * ridge * fall)


@clin("dystrophic", 11)
def c_dystrophic(c, rng):
    field(c)
    sl, x, y = c.full()
    # an old linear scar: pale, shiny, a little depressed
    sd = shapes.capsule(x, y, 180, 280, 1020, 640, 30) + 12 * (noise.perlin(x, y, 90, 5) - 0.5)
    c.over(sl, c.aa(sd) * 0.6, (238, 212, 202))
    c.over(sl, np.clip(1 - np.abs(sd) / 4, 0, 1) * 0.25, (190, 140, 130))
    for k in range(7):
        t = rng.uniform(0.08, 0.92)
        K.chalk(
            c,
            180 + 840 * t + rng.normal(0, 10),
            280 + 360 * t + rng.normal(0, 10),
            rng.uniform(18, 55),
            rng.uniform(15, 35),
            110 + k,
            height=0.7,
        )


@clin("calcinosis-universalis", 12)
def c_universalis(c, rng):
    # a thigh seen from the front: plates of calcium under tight, shiny skin
    part(c, lambda x, y: shapes.capsule(x, y, 600, -200, 620, 1100, 430), K.SKIN * 0.98)
    for k in range(10):
        x, y = rng.uniform(300, 900), rng.uniform(60, 840)
        K.chalk(c, x, y, rng.uniform(40, 110), rng.uniform(25, 60), 120 + k, rough=0.6, height=0.8)
    K.eschar(c, 760, 330, 38, 26, 131)
    K.chalk(c, 760, 330, 18, 12, 132, rough=0.5, crust=0.2)


@clin("calcinosis-circumscripta", 13)
def c_circumscripta(c, rng):
    # palmar fingertips: hard white papules on the pads, one discharging
    tips = [(250, 260, 95), (480, 170, 102), (720, 190, 100), (945, 300, 88)]
    [
        part(
            c,
            lambda x, y, t=t: shapes.capsule(x, y, t[0], t[1], t[0] + 15, 1100, t[2]),
            K.SKIN * np.array([1.02, 0.98, 0.98], np.float32),
            lines=0.4,
        )
        for t in tips
    ]
    for k, (x, y, r) in enumerate(tips):
        fingerprint(c, x, y + 40, r * 0.8, 135 + k)
        sl, xx, yy = c.full()
        crease = np.clip(1 - np.abs(yy - (y + 330)) / 6, 0, 1) * (np.abs(xx - x) < r * 0.85)
        c.mul(sl, 1 - 0.15 * crease)
    for k, (x, y, r) in enumerate(
        [
            (262, 235, 34),
            (492, 160, 28),
            (735, 215, 40),
            (470, 255, 18),
            (955, 300, 24),
            (720, 150, 16),
        ]
    ):
        K.chalk(c, x, y, r, r * 0.8, 130 + k, rough=0.3, height=0.9)
    K.eschar(c, 735, 215, 12, 9, 140)


@clin("metastatic", 14)
def c_metastatic(c, rng):
    # both knees: firm nodules at mirror-image places on each side (symmetry)
    for side, cx in enumerate((330, 870)):
        part(c, lambda x, y, cx=cx: shapes.capsule(x, y, cx, -200, cx, 1100, 230))
        K.bump(c, cx, 430, 200, 170, 0.3, 0.2, 141 + side)
        m = -1 if side == 0 else 1  # mirror about the midline
        for k, (dx, dy) in enumerate([(-150, 230), (150, 250), (120, 600)]):
            s = 147 + k + 5 * side
            K.dome(c, cx + m * dx, dy, 46, 38, s, (236, 214, 182), rough=0.2)
            K.chalk(c, cx + m * dx, dy, 21, 15, s + 20, rough=0.4)


@clin("calciphylaxis", 15)
def c_calciphylaxis(c, rng):
    field(c, K.SKIN * np.array([1.0, 0.97, 0.97], np.float32))
    K.livedo(c, 600, 450, 760, 151, 1.0, 85.0)
    K.erythema(c, 620, 440, 360, 0.35, (150, 60, 90))
    K.eschar(c, 620, 440, 190, 130, 152)
    K.eschar(c, 930, 700, 45, 30, 153)


@clin("iatrogenic", 16)
def c_iatrogenic(c, rng):
    # a neonate's heel: a chalky nodule where calcium gluconate leaked
    tone = np.array([238, 190, 172], np.float32)
    part(c, lambda x, y: shapes.ellipse(x, y, 600, 520, 430, 520), tone, lines=0.5)
    K.erythema(c, 600, 430, 260, 0.35)
    K.dome(c, 600, 430, 150, 115, 161, (244, 212, 196), rough=0.15, height=0.8)
    K.chalk(c, 600, 425, 80, 58, 162, rough=0.45, height=0.8)
    for k in range(3):
        K.dome(
            c,
            600 + rng.normal(0, 140),
            640 + rng.normal(0, 60),
            5,
            5,
            163 + k,
            (170, 70, 70),
            height=0.2,
        )


@clin("idiopathic", 17)
def c_idiopathic(c, rng):
    # a cheek in close-up: the lower eyelid and eye at the top, the side of
    # the nose at the left, a whitewashed-looking plaque on the cheek
    field(c, lines=0.6)
    eye(c, 360, 120, 170, 62)
    K.bump(c, 40, 560, 230, 330, 0.6, 0.3, 172)  # side of the nose
    sl, x, y = c.around(120, 760, 90, 50, 0)
    nostril = np.clip(shapes.ellipse(x, y, 110, 770, 70, 32, 0.5) / 20, 0, 1)
    c.mul(sl, 1 - 0.45 * nostril)
    sl, x, y = c.full()
    fold = np.clip(1 - np.abs(x - (270 + 0.35 * (y - 500))) / 40, 0, 1) ** 2 * np.clip(
        (y - 480) / 150, 0, 1
    )
    c.mul(sl, 1 - 0.1 * fold)  # nasolabial fold
    K.chalk(c, 720, 520, 200, 100, 171, rough=0.5, crust=0.7, height=0.6)


def eye(c, cx, cy, rx, ry):
    """A schematic open eye: almond fissure, white sclera, iris, lid shadow."""
    sl, x, y = c.around(cx, cy, rx, ry, 60)
    u, v = (x - cx) / rx, (y - cy) / ry
    almond = 1 - np.abs(v) - u * u  # > 0 inside the lid fissure
    inside = c.aa(almond * ry)
    sclera = np.array([236, 230, 226], np.float32)
    c.over(sl, inside, sclera)
    d = np.sqrt((x - cx - 10) ** 2 + (y - cy + 5) ** 2)
    c.over(sl, inside * c.aa(ry * 0.95 - d), (96, 70, 48))
    c.over(sl, inside * c.aa(ry * 0.4 - d), (25, 20, 18))
    c.over(sl, inside * c.aa(7 - np.sqrt((x - cx + 6) ** 2 + (y - cy + 20) ** 2)), (250, 250, 250))
    lid = np.clip(1 - np.abs(almond * ry) / 5.0, 0, 1) * (v < 0.1)
    c.over(sl, lid * 0.85, (60, 40, 36))  # upper lid margin and lashes
    crease = np.clip(1 - np.abs(v + 1.35 + 0.5 * u * u) * ry / 6, 0, 1) * np.clip(1 - u * u, 0, 1)
    c.mul(sl, 1 - 0.2 * crease)
    under = np.clip(1 - np.abs(v - 1.3 - 0.3 * u * u) * ry / 14, 0, 1) * np.clip(1 - u * u, 0, 1)
    c.mul(sl, 1 - 0.1 * under)  # lower lid fold


@clin("subepidermal-calcified-nodule", 18)
def c_scn(c, rng):
    # a child's cheek: one firm, warty, yellow-white papule
    field(c, np.array([240, 200, 176], np.float32), lines=0.5)
    K.dome(c, 600, 450, 125, 115, 181, (240, 226, 198), rough=0.1, height=1.1)
    for k in range(28):
        a = rng.uniform(0, 2 * np.pi)
        r = 95 * np.sqrt(rng.uniform(0, 1))
        s = rng.uniform(12, 24)
        K.dome(
            c,
            600 + r * np.cos(a),
            445 + r * np.sin(a),
            s,
            s * rng.uniform(0.8, 1.0),
            182 + k,
            (247, 238, 212),
            rough=0.25,
            height=0.7,
            gloss=0.4,
        )


@clin("idiopathic-scrotal-calcinosis", 19)
def c_scrotal(c, rng):
    tone = np.array([176, 120, 100], np.float32)
    field(c, tone, lines=0.3)
    sl, x, y = c.full()
    # rugae: transverse folds, shaded as soft ridges
    ph = y / 38.0 + 1.5 * noise.perlin(x, y, 260.0, 191) + 0.4 * noise.perlin(x, y, 70.0, 193)
    c.mul(sl, 1 + 0.09 * np.sin(ph * 2 * np.pi) - 0.05 * (np.sin(ph * 2 * np.pi) < -0.8))
    for k in range(12):
        xx, yy = rng.uniform(150, 1050), rng.uniform(120, 780)
        r = rng.uniform(22, 70)
        K.dome(
            c, xx, yy, r, r * rng.uniform(0.8, 1.0), 192 + k, (236, 218, 164), rough=0.1, height=1.0
        )


@clin("tumoral-calcinosis", 20)
def c_tumoral(c, rng):
    # a big painless mass over the hip; the skin is stretched and shiny
    field(c)
    K.bump(c, 620, 470, 440, 360, 0.9, 1.0, 201)
    K.bump(c, 470, 380, 160, 130, 0.4, 0.4, 204)
    K.dome(c, 560, 430, 120, 90, 202, (236, 218, 196), rough=0.35, height=0.2, alpha=0.25)
    sl, x, y = c.around(620, 470, 400, 320)
    vein = np.clip(1 - np.abs(noise.perlin(x * 0.5, y, 120, 203) - 0.5) / 0.015, 0, 1)
    c.over(
        sl,
        vein * 0.18 * np.clip(shapes.ellipse(x, y, 620, 470, 400, 330) / 80, 0, 1),
        (130, 130, 170),
    )


@clin("milia-like-calcinosis", 21)
def c_milia(c, rng):
    # back of a child's hand: many 1-3 mm firm white papules
    field(c, np.array([236, 192, 164], np.float32))
    for k in range(48):
        r = rng.uniform(6, 15)
        K.dome(
            c,
            rng.uniform(60, 1140),
            rng.uniform(60, 840),
            r,
            r,
            210 + k,
            (250, 246, 236),
            rough=0.05,
            height=1.0,
        )


@clin("osteoma-cutis", 22)
def c_osteoma(c, rng):
    # face after acne: small hard bluish-white papules among pitted scars
    field(c, np.array([230, 188, 160], np.float32))
    for _k in range(20):
        r = rng.uniform(6, 14)
        sl, x, y = c.around(*(p := (rng.uniform(100, 1100), rng.uniform(100, 800))), r, r)
        pit = c.aa(shapes.ellipse(x, y, p[0], p[1], r, r))
        c.mul(sl, 1 - 0.12 * pit)
    for k in range(16):
        r = rng.uniform(8, 20)
        K.dome(
            c,
            rng.uniform(150, 1050),
            rng.uniform(150, 750),
            r,
            r,
            220 + k,
            (222, 226, 232),
            rough=0.1,
            height=1.0,
        )


@clin("cutaneous-oxalosis", 23)
def c_oxalosis(c, rng):
    # toes: livedo and acrocyanosis with a small necrotic ulcer
    toes = [(190, 330, 95), (390, 230, 85), (570, 220, 78), (740, 260, 72), (900, 330, 66)]
    sds = []
    for _k, (x, y, r) in enumerate(toes):
        sds.append(
            part(c, lambda xx, yy, x=x, y=y, r=r: shapes.capsule(xx, yy, x, y, x + 20, 1100, r))
        )
    sl, x, y = c.full()
    on_skin = c.aa(np.maximum.reduce(sds))
    before = c.img.copy()
    c.over(sl, np.clip(1 - (y - 150) / 600, 0, 1) * 0.45, (120, 96, 150))
    K.livedo(c, 600, 650, 700, 231, 0.9, 55.0)
    c.img = before * (1 - on_skin[..., None]) + c.img * on_skin[..., None]
    K.eschar(c, 390, 260, 38, 30, 232)
    # toes hang down from the top of the frame: tips, bluest, at the bottom
    c.img = c.img[::-1].copy()


@clin("gouty-tophus", 24)
def c_gout(c, rng):
    # the ear: tophi as creamy yellow-white nodules along the helix rim
    tone = np.array([230, 180, 154], np.float32)

    def ear(x, y):
        top = shapes.blob(x, y, 600, 380, 330, 340, 241, 0.06)
        lobe = shapes.ellipse(x, y, 560, 700, 170, 160)
        k = 40.0  # smooth union, so the lobe grows out of the ear
        h = np.clip(0.5 + 0.5 * (top - lobe) / k, 0, 1)
        return top * h + lobe * (1 - h) + k * h * (1 - h)

    part(c, ear, tone)
    sl, x, y = c.full()
    sd = ear(x, y)
    # helix rim: a raised, lit band; the scapha behind it a shaded groove
    c.mul(
        sl,
        1
        + 0.08 * np.clip(1 - np.abs(sd - 30) / 25, 0, 1)
        - 0.2 * np.clip(1 - np.abs(sd - 70) / 18, 0, 1) * np.clip((660 - y) / 60, 0, 1),
    )
    # concha: the deep bowl, in shadow
    con = shapes.blob(x, y, 650, 470, 150, 170, 242, 0.15)
    c.mul(sl, 1 - 0.3 * np.clip(con / 60, 0, 1))
    for k, t in enumerate([-2.5, -2.0, -1.55, -1.1, -0.65]):
        r = rng.uniform(26, 48)
        px = 600 + (330 - 32) * np.cos(t)
        py = 380 + (340 - 32) * np.sin(t)
        K.dome(c, px, py, r, r * 0.8, 240 + k, (242, 228, 188), rough=0.2, height=1.0)
        K.chalk(c, px, py, r * 0.45, r * 0.35, 250 + k, rough=0.3, crust=0.2)
