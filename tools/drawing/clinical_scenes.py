"""The clinical schematic of each built-in case (sizes in a 1200 x 900 frame)."""
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


def field(c, tone=K.SKIN):
    """Skin over the whole frame (a close-up), edges slightly shaded."""
    sd = np.minimum(np.minimum(c.x + 200, 1400 - c.x), np.minimum(c.y + 200, 1100 - c.y))
    K.skin(c, sd.astype(np.float32), tone)


def fingers(c, tips):
    """Fingers pointing up from the bottom, on a drape; returns each finger's sd."""
    sds = []
    for (x, y, w) in tips:
        sd = shapes.capsule(c.x, c.y, x, y, x + 10, 1100, w)
        K.shadow(c, sd, 30, 0.4)
        K.skin(c, sd)
        # nail fold line
        sds.append(sd)
    return sds


@clin("dystrophic", 11)
def c_dystrophic(c, rng):
    field(c)
    sd = shapes.capsule(c.x, c.y, 200, 300, 1000, 620, 26) + 10 * (noise.perlin(c.x, c.y, 80, 5) - 0.5)
    c.over(c.aa(sd) * 0.55, (235, 205, 195))
    for k in range(6):
        t = rng.uniform(0.1, 0.9)
        K.chalk(c, 200 + 800 * t + rng.normal(0, 15), 300 + 320 * t + rng.normal(0, 15),
                rng.uniform(22, 60), rng.uniform(18, 40), 110 + k)


@clin("calcinosis-universalis", 12)
def c_universalis(c, rng):
    field(c, K.SKIN * np.array([1.0, 0.97, 0.95], np.float32))
    for k in range(9):
        K.chalk(c, rng.uniform(120, 1080), rng.uniform(100, 800), rng.uniform(60, 140), rng.uniform(40, 90),
                120 + k, rough=0.6)
    K.chalk(c, 600, 450, 40, 30, 130)
    K.eschar(c, 820, 300, 40, 28, 131)


@clin("calcinosis-circumscripta", 13)
def c_circumscripta(c, rng):
    sds = fingers(c, [(260, 230, 95), (490, 150, 100), (720, 170, 98), (940, 280, 90)])
    for k, (x, y) in enumerate([(270, 250), (500, 175), (735, 205), (480, 260), (950, 300)]):
        K.chalk(c, x + rng.normal(0, 10), y + rng.normal(0, 10), rng.uniform(20, 38), rng.uniform(16, 30),
                130 + k, rough=0.3)


@clin("metastatic", 14)
def c_metastatic(c, rng):
    field(c)
    # the knee: a broad rounded prominence, nodules symmetric around it
    K.dome(c, 600, 430, 300, 240, 141, K.SKIN, rough=0.05, height=0.5)
    for k, (x, y) in enumerate([(330, 300), (870, 300), (380, 620), (820, 640)]):
        K.dome(c, x, y, 70, 55, 142 + k, (238, 214, 180), rough=0.2, height=1.0)
        K.chalk(c, x - 10, y - 8, 28, 20, 150 + k, rough=0.4)


@clin("calciphylaxis", 15)
def c_calciphylaxis(c, rng):
    field(c)
    K.livedo(c, 600, 450, 700, 151, 1.0, 85.0)
    K.erythema(c, 620, 440, 330, 0.3)
    K.eschar(c, 620, 440, 190, 130, 152)


@clin("iatrogenic", 16)
def c_iatrogenic(c, rng):
    field(c, np.array([236, 196, 176], np.float32))
    K.erythema(c, 600, 450, 300, 0.3)
    K.dome(c, 600, 450, 170, 130, 161, (240, 210, 190), rough=0.15, height=0.8)
    K.chalk(c, 600, 450, 90, 70, 162, rough=0.45)


@clin("idiopathic", 17)
def c_idiopathic(c, rng):
    field(c)
    K.chalk(c, 600, 450, 230, 115, 171, rough=0.5, crust=0.7)


@clin("subepidermal-calcified-nodule", 18)
def c_scn(c, rng):
    field(c, np.array([238, 198, 172], np.float32))
    K.dome(c, 600, 450, 130, 120, 181, (240, 228, 200), rough=0.1, height=1.2)
    for k in range(16):
        a = rng.uniform(0, 2 * np.pi)
        r = rng.uniform(0, 90)
        K.dome(c, 600 + r * np.cos(a), 440 + r * np.sin(a), rng.uniform(14, 26), rng.uniform(14, 26),
               182 + k, (246, 238, 214), rough=0.2, height=0.9)


@clin("idiopathic-scrotal-calcinosis", 19)
def c_scrotal(c, rng):
    tone = np.array([178, 122, 100], np.float32)
    field(c, tone)
    rug = np.abs(noise.perlin(c.x * 0.3, c.y, 22.0, 191) - 0.5)
    c.mul(1 - 0.25 * np.clip(0.06 - rug, 0, 0.06) / 0.06)
    for k in range(11):
        x, y = rng.uniform(150, 1050), rng.uniform(120, 780)
        r = rng.uniform(25, 75)
        K.dome(c, x, y, r, r * rng.uniform(0.8, 1.0), 192 + k, (238, 222, 170), rough=0.1, height=1.0)


@clin("tumoral-calcinosis", 20)
def c_tumoral(c, rng):
    field(c)
    K.dome(c, 600, 470, 380, 300, 201, K.SKIN * 1.03, rough=0.18, height=0.9)
    K.dome(c, 520, 420, 160, 120, 202, (232, 214, 190), rough=0.3, height=0.6, alpha=0.6)


@clin("milia-like-calcinosis", 21)
def c_milia(c, rng):
    field(c)
    for k in range(40):
        r = rng.uniform(6, 16)
        K.dome(c, rng.uniform(80, 1120), rng.uniform(80, 820), r, r, 210 + k, (248, 244, 232), rough=0.05,
               height=1.0)


@clin("osteoma-cutis", 22)
def c_osteoma(c, rng):
    field(c, np.array([230, 188, 160], np.float32))
    for k in range(14):
        r = rng.uniform(8, 22)
        K.dome(c, rng.uniform(150, 1050), rng.uniform(150, 750), r, r, 220 + k, (226, 228, 232), rough=0.1,
               height=1.0)


@clin("cutaneous-oxalosis", 23)
def c_oxalosis(c, rng):
    field(c)
    K.livedo(c, 600, 450, 800, 231, 1.0, 60.0)
    c.over(np.clip(1 - c.y / 900.0, 0, 1) * 0.3, (120, 100, 150))
    K.eschar(c, 380, 300, 50, 40, 232)


@clin("gouty-tophus", 24)
def c_gout(c, rng):
    field(c, np.array([226, 178, 150], np.float32))
    for k in range(6):
        r = rng.uniform(25, 60)
        K.dome(c, rng.uniform(250, 950), rng.uniform(200, 700), r, r * 0.8, 240 + k, (240, 230, 196),
               rough=0.2, height=1.0)
