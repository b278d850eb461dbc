"""Which drawing each case shows, by case. The images of a case live in their
own folder, `images/case-<6 hex digits>/` (see folder()), so no folder or file
name tells the learner the answer or the story: the name shows when an image
has no alt text or fails to load, and a case id such as
"neonate-calcium-extravasation" would say too much. The values are source
drawings, `<scene>/<view>.jpg` (tools/drawing/catalog.py); two cases may show
the same drawing, and the copies are byte-identical."""

import hashlib


def folder(case_id):
    """The neutral, stable image folder of a case: the same id always gives the same name."""
    return "case-" + hashlib.sha1(case_id.encode()).hexdigest()[:6]


CASE_IMAGES = {
    "acne-face-hard-papules": {
        "clinical.jpg": "osteoma-cutis/clinical.jpg",
        "he-40.jpg": "osteoma-cutis/he-40.jpg",
        "he-100.jpg": "osteoma-cutis/he-100.jpg",
    },
    "acne-scar-papules": {
        "he-100.jpg": "dystrophic/he-100.jpg",
        "he-400.jpg": "dystrophic/he-400.jpg",
    },
    "adult-ear-warty-papule": {
        "he-100.jpg": "subepidermal-calcified-nodule/he-100.jpg",
    },
    "antacid-axillary-papules": {
        "he-100.jpg": "metastatic/he-100.jpg",
    },
    "burn-scar-forearm": {
        "clinical.jpg": "dystrophic/clinical.jpg",
        "he-40.jpg": "dystrophic/he-40.jpg",
        "von-kossa-100.jpg": "dystrophic/von-kossa-100.jpg",
    },
    "congenital-ear-papule": {
        "clinical.jpg": "subepidermal-calcified-nodule/clinical.jpg",
        "he-400.jpg": "subepidermal-calcified-nodule/he-400.jpg",
    },
    "dialysis-black-toes": {
        "he-100.jpg": "calciphylaxis/he-100.jpg",
        "he-400.jpg": "calciphylaxis/he-400.jpg",
        "polarised-100.jpg": "calciphylaxis/polarised-100.jpg",
    },
    "dialysis-fingertip-papules": {
        "he-100.jpg": "cutaneous-oxalosis/he-100.jpg",
        "he-400.jpg": "cutaneous-oxalosis/he-400.jpg",
        "polarised-100.jpg": "cutaneous-oxalosis/polarised-100.jpg",
    },
    "dialysis-hip-mass": {
        "clinical.jpg": "tumoral-calcinosis/clinical.jpg",
        "he-40.jpg": "tumoral-calcinosis/he-40.jpg",
        "alizarin-red-100.jpg": "tumoral-calcinosis/alizarin-red-100.jpg",
    },
    "dialysis-shoulder-nodules": {
        "clinical.jpg": "metastatic/clinical.jpg",
        "he-40.jpg": "metastatic/he-40.jpg",
        "alizarin-red-100.jpg": "metastatic/alizarin-red-100.jpg",
    },
    "dialysis-thigh-eschar": {
        "clinical.jpg": "calciphylaxis/clinical.jpg",
        "he-40.jpg": "calciphylaxis/he-40.jpg",
        "von-kossa-100.jpg": "calciphylaxis/von-kossa-100.jpg",
    },
    "down-syndrome-hand-papules": {
        "clinical.jpg": "milia-like-calcinosis/clinical.jpg",
        "he-40.jpg": "milia-like-calcinosis/he-40.jpg",
        "he-100.jpg": "milia-like-calcinosis/he-100.jpg",
    },
    "down-syndrome-widespread-papules": {
        "clinical.jpg": "milia-like-calcinosis/clinical.jpg",
        "he-400.jpg": "milia-like-calcinosis/he-400.jpg",
    },
    "ear-helix-papules": {
        "clinical.jpg": "gouty-tophus/clinical.jpg",
        "he-40.jpg": "gouty-tophus/he-40.jpg",
        "he-100.jpg": "gouty-tophus/he-100.jpg",
    },
    "eeg-paste-scalp": {
        "he-400.jpg": "iatrogenic/he-400.jpg",
    },
    "elbow-nodule-girl": {
        "he-40.jpg": "idiopathic/he-40.jpg",
        "he-400.jpg": "idiopathic/he-400.jpg",
    },
    "eyelid-papule-boy": {
        "clinical.jpg": "subepidermal-calcified-nodule/clinical.jpg",
        "he-40.jpg": "subepidermal-calcified-nodule/he-40.jpg",
        "he-100.jpg": "subepidermal-calcified-nodule/he-100.jpg",
    },
    "familial-shoulder-masses": {
        "clinical.jpg": "tumoral-calcinosis/clinical.jpg",
        "he-400.jpg": "tumoral-calcinosis/he-400.jpg",
    },
    "fingertip-deposits-raynaud": {
        "clinical.jpg": "calcinosis-circumscripta/clinical.jpg",
        "he-40.jpg": "calcinosis-circumscripta/he-40.jpg",
        "he-100.jpg": "calcinosis-circumscripta/he-100.jpg",
    },
    "gluteal-mass-girl": {
        "clinical.jpg": "tumoral-calcinosis/clinical.jpg",
        "he-40.jpg": "tumoral-calcinosis/he-40.jpg",
        "he-100.jpg": "tumoral-calcinosis/he-100.jpg",
    },
    "heberden-nodes-chalk": {
        "he-400.jpg": "gouty-tophus/he-400.jpg",
    },
    "heel-stick-nodules": {
        "he-100.jpg": "iatrogenic/he-100.jpg",
    },
    "index-finger-nodule-man": {
        "he-40.jpg": "gouty-tophus/he-40.jpg",
        "he-100.jpg": "gouty-tophus/he-100.jpg",
    },
    "infant-obesity-hard-lumps": {
        "he-400.jpg": "osteoma-cutis/he-400.jpg",
    },
    "infant-renal-failure": {
        "he-100.jpg": "metastatic/he-100.jpg",
        "he-400.jpg": "metastatic/he-400.jpg",
    },
    "jdm-elbows-knees": {
        "clinical.jpg": "calcinosis-universalis/clinical.jpg",
        "he-40.jpg": "calcinosis-universalis/he-40.jpg",
        "he-100.jpg": "calcinosis-universalis/he-100.jpg",
    },
    "liver-transplant-child": {
        "he-40.jpg": "iatrogenic/he-40.jpg",
        "he-400.jpg": "iatrogenic/he-400.jpg",
    },
    "lupus-scalp-plaques": {
        "he-100.jpg": "dystrophic/he-100.jpg",
        "von-kossa-100.jpg": "dystrophic/von-kossa-100.jpg",
    },
    "massive-scrotal-nodules": {
        "clinical.jpg": "idiopathic-scrotal-calcinosis/clinical.jpg",
        "he-100.jpg": "idiopathic-scrotal-calcinosis/he-100.jpg",
        "he-400.jpg": "idiopathic-scrotal-calcinosis/he-400.jpg",
    },
    "morphea-shoulder-plaque": {
        "he-40.jpg": "dystrophic/he-40.jpg",
        "he-400.jpg": "dystrophic/he-400.jpg",
    },
    "neonate-calcium-extravasation": {
        "clinical.jpg": "iatrogenic/clinical.jpg",
        "he-40.jpg": "iatrogenic/he-40.jpg",
        "he-100.jpg": "iatrogenic/he-100.jpg",
    },
    "scleroderma-forearm-deposits": {
        "clinical.jpg": "calcinosis-circumscripta/clinical.jpg",
        "he-400.jpg": "calcinosis-circumscripta/he-400.jpg",
    },
    "scrotal-nodules-young-man": {
        "he-40.jpg": "idiopathic-scrotal-calcinosis/he-40.jpg",
    },
    "venous-stasis-leg": {
        "he-100.jpg": "dystrophic/he-100.jpg",
        "von-kossa-100.jpg": "dystrophic/von-kossa-100.jpg",
    },
    "warfarin-abdominal-eschar": {
        "clinical.jpg": "calciphylaxis/clinical.jpg",
        "he-100.jpg": "calciphylaxis/he-100.jpg",
        "von-kossa-100.jpg": "calciphylaxis/von-kossa-100.jpg",
    },
    "white-plaque-cheek": {
        "clinical.jpg": "idiopathic/clinical.jpg",
        "he-100.jpg": "idiopathic/he-100.jpg",
    },
    "widespread-plates-adolescent": {
        "clinical.jpg": "calcinosis-universalis/clinical.jpg",
        "he-400.jpg": "calcinosis-universalis/he-400.jpg",
    },
    "young-dialysis-livedo-heel": {
        "clinical.jpg": "cutaneous-oxalosis/clinical.jpg",
        "he-40.jpg": "cutaneous-oxalosis/he-40.jpg",
        "polarised-100.jpg": "cutaneous-oxalosis/polarised-100.jpg",
    },
}
