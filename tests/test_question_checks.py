"""Format 2's questions checked against their case, each mistake told whole: the line and
column of what is wrong, the message and the hint an author reads (`dermquiz validate`), and
nothing else. One edit of the format-2 test pack per row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import EXAMPLE, TESTS

from quiz.pack.loader import load_pack

FORMAT2 = TESTS / "packs" / "format2"
CASE = "cases/mouth-ulcers-and-erosions.yaml"
CHOICES = "use an id of `choices`: dif, congo-red, serology, centre"
REGIONS = "use a region label: suprabasal split, basal cells"
TWICE = "a key is listed twice — list each key once"

# (id, old text, new text, every diagnostic the pack then has: "LINE:COL: text")
EDITS = [
    (
        "key-typo",
        "    keys: [dif, serology]",
        "    keys: [dif, serologie]",
        ["57:17: `serologie` in `keys` is not one of the choices — did you mean `serology`?"],
    ),
    (
        "key-unknown",
        "    keys: [dif, serology]",
        "    keys: [dif, xyz]",
        [f"57:17: `xyz` in `keys` is not one of the choices — {CHOICES}"],
    ),
    (
        "harmful-unknown",
        "    harmful: [centre]",
        "    harmful: [zzz]",
        [f"58:15: `zzz` in `harmful` is not one of the choices — {CHOICES}"],
    ),
    (
        "harmful-second-unknown",
        "    harmful: [centre]",
        "    harmful: [centre, zzz]",
        [f"58:23: `zzz` in `harmful` is not one of the choices — {CHOICES}"],
    ),
    (
        "key-and-harmful",
        "    harmful: [centre]",
        "    harmful: [serology]",
        ["58:14: `serology` is both a key and harmful — keep it in one list only"],
    ),
    ("key-twice", "    keys: [dif, serology]\n", "    keys: [dif, dif]\n", [f"57:11: {TWICE}"]),
    (
        "pick-below-keys",
        "    pick: 2\n",
        "    pick: 1\n",
        [
            "51:11: there are 2 keys but the learner may pick only 1, so full credit is out of "
            "reach — raise `pick`, or drop a key"
        ],
    ),
    (
        "pick-above-choices",
        "    pick: 2\n",
        "    pick: 5\n",
        ["51:11: `pick` is 5, more than the 4 choices — lower `pick`"],
    ),
    (
        "image-typo",
        "    image: pv/he.png",
        "    image: pv/he2.png",
        ["64:12: the image `pv/he2.png` is not an image of this case — did you mean `pv/he.png`?"],
    ),
    (
        "image-unknown",
        "    image: pv/he.png",
        "    image: zzzz.tif",
        [
            "64:12: the image `zzzz.tif` is not an image of this case — use the `file` of an "
            "image shown by then: pv/he.png"
        ],
    ),
    (
        "image-shown-later",
        "  - id: where\n    after: Biopsy",
        "  - id: where\n    after: Examination",
        [
            "64:12: the image `pv/he.png` is shown only after the question is asked — ask the "
            "question after the stage that shows it (`after:`)"
        ],
    ),
    (
        "image-shown-later-than-the-first-stage",
        "  - id: where\n    after: Biopsy",
        "  - id: where\n    after: Presentation",
        [
            "64:12: the image `pv/he.png` is shown only after the question is asked — ask the "
            "question after the stage that shows it (`after:`)"
        ],
    ),
    (
        "no-image-by-then",
        "  - id: where\n    after: Biopsy\n    kind: point\n    prompt: Point to the split.\n"
        "    image: pv/he.png",
        "  - id: where\n    after: Presentation\n    kind: point\n    prompt: Point to the split.\n"
        "    image: other.png",
        [
            "64:12: the image `other.png` is not an image of this case — no image is shown by "
            "then: add one to a stage, or ask later"
        ],
    ),
    (
        "region-unknown",
        "    keys: [suprabasal split]",
        "    keys: [dermis]",
        [f"65:12: `dermis` is not a region of the image `pv/he.png` — {REGIONS}"],
    ),
    (
        "region-second-unknown",
        "    keys: [suprabasal split]\n    marks: 1",
        "    keys: [suprabasal split, dermis]\n    marks: 2",
        [f"65:30: `dermis` is not a region of the image `pv/he.png` — {REGIONS}"],
    ),
    (
        "region-typo",
        "    keys: [suprabasal split]",
        "    keys: [suprabasal spilt]",
        [
            "65:12: `suprabasal spilt` is not a region of the image `pv/he.png` — did you mean "
            "`suprabasal split`?"
        ],
    ),
    (
        "region-twice",
        "    keys: [suprabasal split]\n    marks: 1",
        "    keys: [suprabasal split, suprabasal split]\n    marks: 2",
        [f"65:11: {TWICE}"],
    ),
    (
        "image-without-regions",
        "        regions:\n"
        "          - {label: suprabasal split, box: [0.10, 0.30, 0.80, 0.15]}\n"
        "          - {label: basal cells, box: [0.10, 0.45, 0.80, 0.10]}\n",
        "",
        [
            "62:12: `suprabasal split` is not a region of the image `pv/he.png` — add "
            "`regions:` to the image first"
        ],
    ),
    (
        "a-label-on-two-boxes-is-allowed",
        "{label: basal cells,",
        "{label: suprabasal split,",
        [],
    ),
    (
        "point-after-an-unknown-stage-is-told-once",
        "  - id: where\n    after: Biopsy",
        "  - id: where\n    after: Biopsie",
        [
            "61:12: `after` names the stage `Biopsie`, which this case does not have — did you "
            "mean `Biopsy`?"
        ],
    ),
    (
        "rank-item-twice",
        "    items: [pemphigus-vulgaris, bullous-pemphigoid, dermatitis-herpetiformis]",
        "    items: [pemphigus-vulgaris, bullous-pemphigoid, pemphigus-vulgaris]",
        ["45:53: `pemphigus-vulgaris` is listed twice — list each item once"],
    ),
    (
        "rank-item-like-an-entity",
        "    items: [pemphigus-vulgaris,",
        "    items: [pemphigus-vulgari,",
        [
            "45:13: warning: the item `pemphigus-vulgari` looks like an entity id but no entity "
            "has it; it will be shown as written — did you mean `pemphigus-vulgaris`?"
        ],
    ),
    ("rank-item-like-no-entity", "    items: [pemphigus-vulgaris,", "    items: [zz-qq,", []),
    (
        "rank-item-with-capitals",
        "    items: [pemphigus-vulgaris,",
        "    items: [Pemphigus-vulgari,",
        [],
    ),
    (
        "rank-item-without-hyphen",
        "    items: [pemphigus-vulgaris,",
        "    items: [pemphigusvulgaris,",
        [],
    ),
    (
        "hypothesis-like-an-entity",
        "    hypothesis: bullous-pemphigoid",
        "    hypothesis: bullous-pemphigoi",
        [
            "70:17: warning: the hypothesis `bullous-pemphigoi` looks like an entity id but no "
            "entity has it; it will be shown as written — did you mean `bullous-pemphigoid`?"
        ],
    ),
    (
        "reveals-typo",
        "    reveals: [mucosa]",
        "    reveals: [mucos]",
        [
            "8:15: `reveals` names `mucos`, which is not among this case's findings — did you "
            "mean `mucosa`?"
        ],
    ),
    (
        "reveals-unknown",
        "    reveals: [mucosa]",
        "    reveals: [zzz]",
        [
            "8:15: `reveals` names `zzz`, which is not among this case's findings — name a key "
            "of the case's `findings`"
        ],
    ),
    (
        "question-id-twice",
        "  - id: where\n",
        "  - id: differential\n",
        [
            "60:9: the question id `differential` is used twice in this case (first as "
            "question 1) — give each question its own id"
        ],
    ),
    (
        "after-typo",
        "    after: Biopsy\n    kind: choose",
        "    after: Biopsie\n    kind: choose",
        [
            "48:12: `after` names the stage `Biopsie`, which this case does not have — did you "
            "mean `Biopsy`?"
        ],
    ),
    (
        "after-unknown",
        "    after: Biopsy\n    kind: choose",
        "    after: Zzz\n    kind: choose",
        [
            "48:12: `after` names the stage `Zzz`, which this case does not have — use a stage "
            "name: Presentation, Examination, Biopsy, Immunofluorescence"
        ],
    ),
]


def _told(pack: Path) -> list[str]:
    return [d.format(pack) for d in load_pack(pack).diagnostics]


@pytest.mark.parametrize("old, new, expected", [e[1:] for e in EDITS], ids=[e[0] for e in EDITS])
def test_each_mistake_in_a_question_is_told_whole_and_alone(tmp_path, old, new, expected):
    pack = tmp_path / "format2"
    shutil.copytree(FORMAT2, pack)
    path = pack / CASE
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert _told(pack) == [f"{CASE}:{line}" for line in expected]


def test_a_duplicated_region_label_is_offered_once(tmp_path):
    pack = tmp_path / "format2"
    shutil.copytree(FORMAT2, pack)
    path = pack / CASE
    text = path.read_text(encoding="utf-8").replace(
        "{label: basal cells,", "{label: suprabasal split,", 1
    )
    path.write_text(text.replace("    keys: [suprabasal split]", "    keys: [dermis]", 1))
    assert _told(pack) == [
        f"{CASE}:65:12: `dermis` is not a region of the image `pv/he.png` — use a region label: "
        "suprabasal split"
    ]


def test_format2_keys_in_a_format1_pack_are_each_refused_where_written(tmp_path):
    pack = tmp_path / "example"
    shutil.copytree(EXAMPLE, pack)
    manifest = pack / "pack.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            "    values: [normal, elevated]", "    values: {normal: normal, elevated: raised}", 1
        ),
        encoding="utf-8",
    )
    case = pack / "cases/white-plaque-cheek.yaml"
    case.write_text(case.read_text() + "questions:\n  - {id: q, kind: rank, items: [a, b]}\n")
    errors = [d.format(pack) for d in load_pack(pack).diagnostics if d.severity == "error"]
    assert errors == [
        "cases/white-plaque-cheek.yaml:42:1: `questions` needs format 2 of the pack — write "
        "`format: 2` at the top of pack.yaml",
        "pack.yaml:14:13: the values of `calcium_phosphate` are a mapping {id: label}, which "
        "needs format 2 — write `format: 2` at the top of pack.yaml, or list the values as "
        "`[a, b]`",
    ]


def _edited(tmp_path, *edits: tuple[str, str]) -> Path:
    pack = tmp_path / "format2"
    shutil.copytree(FORMAT2, pack)
    path = pack / CASE
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return pack


def test_a_point_question_without_after_is_asked_after_the_last_stage(tmp_path):
    pack = _edited(
        tmp_path,
        ("  - id: where\n    after: Biopsy\n", "  - id: where\n"),
        ("    keys: [suprabasal split]", "    keys: [dermis]"),
    )
    assert _told(pack) == [
        f"{CASE}:64:12: `dermis` is not a region of the image `pv/he.png` — {REGIONS}"
    ]


def test_every_image_shown_by_then_is_offered(tmp_path):
    pack = _edited(
        tmp_path,
        (
            "rubbing nearby skin shears it off.\n",
            "rubbing nearby skin shears it off.\n    images:\n      - {file: pv/clinical.png, "
            "kind: clinical, caption: Erosions., alt: Raw erosions., credit: Drawing CC-BY-4.0}\n",
        ),
        ("    image: pv/he.png", "    image: zzzz.tif"),
    )
    shutil.copy(pack / "images/pv/he.png", pack / "images/pv/clinical.png")
    assert _told(pack) == [
        f"{CASE}:66:12: the image `zzzz.tif` is not an image of this case — use the `file` of an "
        "image shown by then: pv/clinical.png, pv/he.png"
    ]


def test_an_after_in_a_case_of_unnamed_stages_asks_for_names(tmp_path):
    stages = ("Presentation", "Examination", "Biopsy", "Immunofluorescence")
    pack = _edited(tmp_path, *((f"  - name: {name}\n    text:", "  - text:") for name in stages))
    hint = "which this case does not have — use a stage name: (give the stages names first)"
    assert _told(pack) == [
        f"{CASE}:38:12: `after` names the stage `Examination`, {hint}",
        f"{CASE}:44:12: `after` names the stage `Biopsy`, {hint}",
        f"{CASE}:57:12: `after` names the stage `Biopsy`, {hint}",
        f"{CASE}:64:12: `after` names the stage `Immunofluorescence`, {hint}",
    ]
