"""Write the corpus of broken packs in tests/packs/broken/ from the valid example pack.

Each broken pack is the example with one mistake, and an EXPECT file naming where the
validator must point (`FILE:LINE: gist`). Run again after changing the example:
`python tools/make_broken_packs.py`.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "packs" / "example"
OUT = ROOT / "tests" / "packs" / "broken"
CASE = "cases/white-plaque-cheek.yaml"


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims a huge size: the bomb check must refuse it without decoding."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def sub(file: str, old: str, new: str):
    def apply(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def write(file: str, content: str | bytes):
    def apply(root: Path) -> None:
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return apply


def remove(file: str):
    return lambda root: (root / file).unlink()


BOMB = "id: bomb\n" + "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else ', '.join(['lol'] * 9)}]\n"
    for i in range(9)
)

# name: (changes, expected "FILE:LINE: gist" lines)
CORPUS = {
    "yaml-syntax": (
        [sub(CASE, "tags: [face, adult]", "tags: [face, adult")],
        [f"{CASE}:5: YAML does not parse"],
    ),
    "duplicate-key": (
        [sub(CASE, "answer: idiopathic ", "answer: idiopathic\nanswer: metastatic ")],
        [f"{CASE}:34: written twice"],
    ),
    "empty-case-file": (
        [write("cases/empty.yaml", "# nothing yet\n")],
        ["cases/empty.yaml: empty"],
    ),
    "case-not-mapping": (
        [write("cases/list.yaml", "- id: a\n- id: b\n")],
        ["cases/list.yaml:1: must be a mapping"],
    ),
    "unknown-case-key": (
        [sub(CASE, "discussion: |", "discusion: |")],
        [f"{CASE}:38: `discussion`"],
    ),
    "unknown-pack-key": ([sub("pack.yaml", "title:", "titel:")], ["pack.yaml:3: `title`"]),
    "unknown-entity-key": (
        [sub("entities.yaml", "  synonyms:", "  synonym:")],
        ["entities.yaml:8: `synonyms`"],
    ),
    "unknown-image-key": (
        [sub(CASE, "        caption: Basophilic", "        captoin: Basophilic")],
        [f"{CASE}:22: `caption`"],
    ),
    "difficulty-out-of-range": (
        [sub(CASE, "difficulty: 3", "difficulty: 7")],
        [f"{CASE}:3: out of range"],
    ),
    "difficulty-not-number": (
        [sub(CASE, "difficulty: 3", "difficulty: hard")],
        [f"{CASE}:3: whole number"],
    ),
    "region-outside-image": (
        [sub(CASE, "box: [0.35, 0.40, 0.25, 0.20]", "box: [0.90, 0.40, 0.25, 0.20]")],
        [f"{CASE}:25: inside the image"],
    ),
    "missing-case-id": (
        [sub(CASE, "id: white-plaque-cheek\n", "")],
        [f"{CASE}:1: `id` is missing"],
    ),
    "missing-stages": (
        [
            sub(
                CASE,
                "stages:\n  - name: Presentation\n    text: A 46-year-old man has had a white "
                "lesion on his right cheek for about 25 years.\n  - name: Examination",
                "stagez:\n  - name: Examination",
            )
        ],
        [f"{CASE}:1: `stages` is missing", f"{CASE}:5: unknown key `stagez`"],
    ),
    "stage-without-text": (
        [sub(CASE, "    text: A skin biopsy is taken.\n", "")],
        [f"{CASE}:15: needs the key `text`"],
    ),
    "missing-answer": (
        [sub(CASE, "answer: idiopathic ", "answr: idiopathic ")],
        [f"{CASE}:1: `answer` is missing", f"{CASE}:33: `answer`"],
    ),
    "duplicate-case-id": (
        [lambda r: shutil.copy(r / CASE, r / "cases/zz-copy.yaml")],
        ["cases/zz-copy.yaml:1: also used by"],
    ),
    "duplicate-entity-id": (
        [sub("entities.yaml", "- id: idiopathic", "- id: metastatic")],
        ["entities.yaml:19: used twice"],
    ),
    "unknown-answer": (
        [sub(CASE, "answer: idiopathic ", "answer: idiopatic ")],
        [f"{CASE}:33: `idiopathic`"],
    ),
    "unknown-accept": (
        [sub(CASE, "accept: []", "accept: [metastatik]")],
        [f"{CASE}:34: `metastatic`"],
    ),
    "options-without-answer": (
        [sub(CASE, "options: []", "options: [metastatic, calcinosis-cutis]")],
        [f"{CASE}:35: leaves out the answer"],
    ),
    "unknown-feedback-key": (
        [sub(CASE, "  subepidermal-calcified-nodule: Close", "  subepidermal-nodule: Close")],
        [f"{CASE}:37: not an entity"],
    ),
    "unknown-parent": (
        [sub("entities.yaml", "  parent: idiopathic", "  parent: idiopathik")],
        ["entities.yaml:27: `idiopathic`"],
    ),
    "parent-cycle": (
        [
            sub(
                "entities.yaml",
                "  name: Calcinosis cutis\n",
                "  name: Calcinosis cutis\n  parent: idiopathic\n",
            )
        ],
        ["entities.yaml:3: circle"],
    ),
    "undeclared-finding": ([sub(CASE, "  site: face", "  sight: face")], [f"{CASE}:32: `site`"]),
    "undeclared-finding-value": (
        [sub(CASE, "  site: face", "  site: cheek")],
        [f"{CASE}:32: not a value of the finding `site`"],
    ),
    "undeclared-feature-value": (
        [sub("entities.yaml", "calcium_phosphate: [elevated]", "calcium_phosphate: [high]")],
        ["entities.yaml:11: `high` is not a value"],
    ),
    "image-missing": (
        [sub(CASE, "white-plaque-cheek/he-100.png", "white-plaque-cheek/he-10.png")],
        [f"{CASE}:18: does not exist"],
    ),
    "image-absolute-path": (
        [sub(CASE, "white-plaque-cheek/he-100.png", "/etc/passwd")],
        [f"{CASE}:18: absolute"],
    ),
    "image-dotdot": (
        [sub(CASE, "white-plaque-cheek/he-100.png", "../pack.yaml")],
        [f"{CASE}:18: `..`"],
    ),
    "image-not-an-image": (
        [write("images/white-plaque-cheek/he-100.png", "this is not a picture\n")],
        [f"{CASE}:18: cannot be used"],
    ),
    "image-decompression-bomb": (
        [write("images/white-plaque-cheek/he-100.png", _png_header(60000, 60000))],
        [f"{CASE}:18: cannot be used"],
    ),
    "image-truncated": (
        [
            lambda r: (r / "images/white-plaque-cheek/he-100.png").write_bytes(
                (EXAMPLE / "images/white-plaque-cheek/he-100.png").read_bytes()[:60]
            )
        ],
        [f"{CASE}:18: cannot be used"],
    ),
    "unknown-format": (
        [sub("pack.yaml", "format: 1", "format: 2")],
        ["pack.yaml:1: format 2 is not known"],
    ),
    "uses-not-found": (
        [sub("pack.yaml", "uses: []", "uses: [no-such-pack]")],
        ["pack.yaml:9: not found"],
    ),
    "not-utf8": (
        [
            lambda r: (r / CASE).write_bytes(
                (r / CASE).read_bytes().replace(b"A skin biopsy", b"A skin biops\xe9")
            )
        ],
        [f"{CASE}:16: not UTF-8"],
    ),
    "billion-laughs": ([write("cases/bomb.yaml", BOMB)], ["cases/bomb.yaml: too many values"]),
    "deep-nesting": (
        [write("cases/deep.yaml", "id: deep\nstages: " + "[" * 20000 + "]" * 20000 + "\n")],
        ["cases/deep.yaml:2: nested more than"],
    ),
    "python-tag": (
        [sub(CASE, "title: Calcinosis", "title: !!python/object/apply:os.system [echo] #")],
        [f"{CASE}:2: not allowed"],
    ),
    "no-pack-yaml": ([remove("pack.yaml")], ["pack.yaml: no pack.yaml"]),
    "entities-not-list": (
        [write("entities.yaml", "calcinosis-cutis:\n  name: Calcinosis cutis\n")],
        ["entities.yaml:1: must be a list"],
    ),
    "bad-case-id": (
        [sub(CASE, "id: white-plaque-cheek", "id: White Plaque")],
        [f"{CASE}:1: not a valid id"],
    ),
    "negative-magnification": (
        [sub(CASE, "magnification: 100", "magnification: -100")],
        [f"{CASE}:21: out of range"],
    ),
    "unknown-image-kind": (
        [sub(CASE, "kind: histology", "kind: photo")],
        [f"{CASE}:19: not allowed"],
    ),
    "yes-no-values": (
        [sub("pack.yaml", "values: [present, absent]", "values: [yes, no]")],
        ["pack.yaml:17: quotes"],
    ),
    "no-cases": ([remove(CASE)], ["cases: no cases"]),
}


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    for name, (changes, expected) in CORPUS.items():
        target = OUT / name
        shutil.copytree(EXAMPLE, target)
        for change in changes:
            change(target)
        (target / "EXPECT").write_text("\n".join(expected) + "\n", encoding="utf-8")
    print(f"wrote {len(CORPUS)} broken packs to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
