"""The cross-file checks say exactly what is wrong, where, and what to do: each message as an
author reads it from `dermquiz validate`, at its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.pack.loader import load_pack

CASE = "cases/white-plaque-cheek.yaml"


def _edit(pack: Path, name: str, old: str, new: str) -> None:
    file = pack / name
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _said(pack: Path, **kw) -> list[tuple]:
    return [
        (d.file.relative_to(pack).as_posix(), d.line, d.col, d.message, d.hint, d.severity)
        for d in load_pack(pack, **kw).diagnostics
    ]


@pytest.mark.parametrize(
    "old, new, said",
    [
        (
            "answer: idiopathic ",
            "answer: idiopatic ",
            (
                33,
                9,
                "the answer `idiopatic` is not an entity of this pack",
                "did you mean `idiopathic`?",
            ),
        ),
        (
            "accept: []",
            "accept: [zebra]",
            (
                34,
                10,
                "the accepted answer `zebra` is not an entity of this pack",
                "use the id of an entity in entities.yaml",
            ),
        ),
        (
            "options: []",
            "options: [idiopathic, zebra]",
            (
                35,
                23,
                "the option `zebra` is not an entity of this pack",
                "use the id of an entity in entities.yaml",
            ),
        ),
        (
            "options: []",
            "options: [metastatic]",
            (
                35,
                10,
                "`options` leaves out the answer `idiopathic`",
                "add the answer to the options",
            ),
        ),
        (
            "  subepidermal-calcified-nodule: Close",
            "  subepidermal-calcified-nodul: Close",
            (
                37,
                3,  # the key, not the text it maps to
                "the feedback key `subepidermal-calcified-nodul` is not an entity of this pack",
                "did you mean `subepidermal-calcified-nodule`?",
            ),
        ),
        (
            "text: A skin biopsy is taken.",
            'text: "   "',
            (16, 11, "stage 3 has no text", "write what the learner sees at this stage"),
        ),
        (
            "  site: face",
            "  site: nose",
            (
                32,
                9,
                "`nose` is not a value of the finding `site`",
                "use one of: face, ear, scalp, scrotum, fingers, extremities, periarticular, "
                "trunk; or add it to `findings.site.values`",
            ),
        ),
        (
            "  site: face",
            "  site: fcae",
            (32, 9, "`fcae` is not a value of the finding `site`", "did you mean `face`?"),
        ),
        (
            "  site: face",
            "  sight: face",
            (32, 3, "the finding `sight` is not declared in pack.yaml", "did you mean `site`?"),
        ),
    ],
)
def test_a_case_mistake_is_told_where_it_is_and_what_to_do(example_pack, old, new, said):
    _edit(example_pack, CASE, old, new)
    assert (CASE, *said, "error") in _said(example_pack)


@pytest.mark.parametrize(
    "old, new, said",
    [
        (
            "  parent: calcinosis-cutis\n  name: Metastatic",
            "  parent: zebra\n  name: Metastatic",
            (
                6,
                11,
                "the parent `zebra` of `metastatic` is not an entity",
                "use the id of an entity in entities.yaml",
            ),
        ),
        (
            "    tissue_damage: [absent]\n  description:",
            "    tissue_damage: [absent, gone]\n  description:",
            (
                12,
                29,  # the value itself, in the list
                "`gone` is not a value of the finding `tissue_damage`",
                "use one of: present, absent; or add it to `findings.tissue_damage.values`",
            ),
        ),
        (
            "    calcium_phosphate: [elevated]",
            "    calcium_phosphat: [elevated]",
            (
                11,
                5,
                "the finding `calcium_phosphat` is not declared in pack.yaml",
                "did you mean `calcium_phosphate`?",
            ),
        ),
        (
            "    calcium_phosphate: [elevated]",
            "    vitamin_d: [elevated]",
            (
                11,
                5,
                "the finding `vitamin_d` is not declared in pack.yaml",
                "declare it under `findings:` in pack.yaml",
            ),
        ),
    ],
)
def test_an_entity_mistake_is_told_where_it_is_and_what_to_do(example_pack, old, new, said):
    _edit(example_pack, "entities.yaml", old, new)
    assert ("entities.yaml", *said, "error") in _said(example_pack)


def test_a_circle_of_parents_is_reported_once_with_the_whole_circle(example_pack):
    _edit(
        example_pack,
        "entities.yaml",
        "- id: calcinosis-cutis\n",
        "- id: calcinosis-cutis\n  parent: subepidermal-calcified-nodule\n",
    )
    circles = [s for s in _said(example_pack) if "circle" in s[3]]
    assert circles == [
        (
            "entities.yaml",
            2,
            11,
            "the parents go round in a circle: calcinosis-cutis → "
            "subepidermal-calcified-nodule → idiopathic → calcinosis-cutis",
            "one entity in the circle must have another parent or none",
            "error",
        )
    ]


def test_each_unsafe_image_of_a_stage_is_reported(example_pack):
    _edit(
        example_pack,
        CASE,
        "      - file: white-plaque-cheek/clinical.png",
        "      - {file: ../up.png, kind: clinical, alt: Up.}\n      - file: /abs/clinical.png",
    )
    images = [s[1:5] for s in _said(example_pack) if s[3].startswith("the image")]
    assert images == [
        (
            11,
            16,
            "the image path `../up.png` leads out of images/ with `..`",
            "put the file inside the pack's images/ folder",
        ),
        (
            12,
            15,
            "the image path `/abs/clinical.png` is absolute",
            "write it relative to the pack's images/ folder",
        ),
    ]


def test_an_image_that_does_not_open_is_named_with_what_to_do(example_pack):
    # A dash in the name must not split the message from what to do.
    name = "white-plaque-cheek/fig 2 — he.png"
    (example_pack / "images" / name).write_bytes(b"not a picture at all")
    _edit(example_pack, CASE, "file: white-plaque-cheek/he-100.png", f"file: {name}")
    assert (
        CASE,
        18,
        15,
        f"the image `{name}` cannot be used: not an image Pillow can read",
        "save fig 2 — he.png as PNG or JPEG",
        "error",
    ) in _said(example_pack)
    # Without image checks the file is not opened, and nothing is said of images.
    assert not [s for s in _said(example_pack, check_images=False) if "image" in s[3]]


def _picture(path: Path, fmt: str) -> None:
    """A small picture in *fmt*; the TIFF variants Pillow does not write come from tifffile."""
    if fmt.startswith(("TIFF-", "BigTIFF")):
        import numpy as np
        import tifffile

        big_endian = fmt.endswith("-MM")
        if fmt == "BigTIFF-MM":  # Pillow cannot read it: a tiled one, which opens as a slide
            data, tile = np.zeros((64, 64, 3), np.uint8), (16, 16)
        else:
            data, tile = np.zeros((3, 4), np.uint8), None
        tifffile.imwrite(
            path,
            data,
            byteorder=">" if big_endian else "<",
            bigtiff=fmt.startswith("BigTIFF"),
            tile=tile,
        )
        return
    from PIL import Image

    picture = Image.new("RGB", (4, 3), (200, 120, 170))
    if fmt == "GIF89a":  # Pillow writes GIF87a unless something needs 89a, such as a comment
        picture.save(path, format="GIF", comment=b"drawn for a test")
    else:
        picture.save(path, format=fmt)


@pytest.mark.parametrize(
    "fmt, named, said, better",
    [
        ("GIF", ".png", "GIF", ".gif"),
        ("GIF89a", ".png", "GIF", ".gif"),
        ("JPEG", ".png", "JPEG", ".jpg"),
        ("WEBP", ".png", "WEBP", ".webp"),
        ("TIFF", ".png", "TIFF", ".tif"),
        ("TIFF-MM", ".png", "TIFF", ".tif"),
        ("BigTIFF", ".png", "TIFF", ".tif"),
        ("BigTIFF-MM", ".png", "TIFF", ".tif"),
        ("BMP", ".png", "BMP", ".bmp"),
        ("PNG", ".jpg", "PNG", ".png"),
        ("PNG", ".GIF", "PNG", ".png"),
    ],
)
def test_a_picture_named_as_another_format_is_told_the_name_to_use(
    example_pack, fmt, named, said, better
):
    name = f"white-plaque-cheek/photo{named}"
    _picture(example_pack / "images" / name, fmt)
    _edit(example_pack, CASE, "file: white-plaque-cheek/clinical.png", f"file: {name}")
    expected = "PNG" if named == ".png" else {".jpg": "JPEG", ".GIF": "GIF"}[named]
    assert (
        CASE,
        11,
        15,
        f"the image `{name}` cannot be used: it is a {said} file named {named}",
        f"rename it to photo{better} (and the `file:` that names it), or convert it to {expected}",
        "error",
    ) in _said(example_pack)


@pytest.mark.parametrize(
    "fmt, named",
    [
        ("JPEG", ".jpg"),
        ("JPEG", ".jpeg"),
        ("PNG", ".PNG"),
        ("GIF", ".gif"),
        ("WEBP", ".webp"),
        ("TIFF", ".tif"),
        ("TIFF", ".tiff"),
        ("BMP", ".bmp"),
    ],
)
def test_a_picture_named_as_what_it_is_loads(example_pack, fmt, named):
    name = f"white-plaque-cheek/photo{named}"
    _picture(example_pack / "images" / name, fmt)
    _edit(example_pack, CASE, "file: white-plaque-cheek/clinical.png", f"file: {name}")
    (example_pack / "images/white-plaque-cheek/clinical.png").unlink()
    assert load_pack(example_pack).errors == []


def test_what_a_stage_reveals_is_checked_in_a_case_without_questions(tmp_path):
    import shutil

    from support import TESTS

    pack = tmp_path / "format2"
    shutil.copytree(TESTS / "packs" / "format2", pack)
    name = "cases/grouped-vesicles-elbows.yaml"
    _edit(
        pack,
        name,
        "  - name: Immunofluorescence\n",
        "  - name: Immunofluorescence\n    reveals: [iga]\n",
    )
    assert (
        name,
        9,
        15,
        "`reveals` names `iga`, which is not among this case's findings",
        "name a key of the case's `findings`",
        "error",
    ) in _said(pack)


def test_only_a_riff_file_is_taken_for_webp(example_pack):
    # A greyscale PGM whose comment puts "WEBP" at byte 8, where a WEBP file says so: the
    # name check does not know PGM, so it lets the file through rather than call it WEBP.
    picture = b"P5\n#1234WEBP\n4 3\n255\n" + bytes(12)
    (example_pack / "images/white-plaque-cheek/clinical.png").write_bytes(picture)
    assert load_pack(example_pack).errors == []
