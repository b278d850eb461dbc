"""The Anki export, read back by Anki's own backend (the `anki` package): a fresh collection
imports every case as a note with its media, and a new version of the pack updates the notes
instead of duplicating them. Without the `anki` package the .apkg is read as SQLite + media map."""

from __future__ import annotations

import json
import re
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest
from support import EXAMPLE

from quiz.authoring.skeleton import new_pack
from quiz.export.anki import export_anki, note_guid, stable_id
from quiz.pack.loader import load_pack

try:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
except ImportError:  # pragma: no cover - the test extra installs it
    Collection = None


def _two_case_pack(tmp_path: Path) -> Path:
    """The example pack plus the `new` skeleton's case, so that there are several images."""
    root = tmp_path / "pack"
    new_pack(root)
    second = root / "cases" / "second.yaml"
    text = (root / "cases" / "crops-of-yellow-papules.yaml").read_text(encoding="utf-8")
    text = text.replace("id: crops-of-yellow-papules", "id: second")
    text = text.replace("A 34-year-old man", "A 51-year-old woman")
    text = re.sub(r"(?s)  - name: Examination.*?  - name: Biopsy", "  - name: Biopsy", text)
    second.write_text(text, encoding="utf-8")
    return root


class Imported:
    def __init__(self, notes: list[dict], media: set[str], guids: set[str]):
        self.notes, self.media, self.guids = notes, media, guids


def import_with_anki(apkg: Path, collection: Path) -> Imported:
    col = Collection(str(collection))
    try:
        request = ImportAnkiPackageRequest(
            package_path=str(apkg), options=ImportAnkiPackageOptions(with_scheduling=False)
        )
        col.import_anki_package(request)
        notes, guids = [], set()
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            notes.append(dict(note.items()) | {"_tags": note.tags, "_cards": len(note.cards())})
            guids.add(note.guid)
        media = set(Path(col.media.dir()).iterdir())
        assert not col.media.check().missing  # every file a note refers to is in the collection
        return Imported(notes, {p.name for p in media}, guids)
    finally:
        col.close()


def read_apkg(apkg: Path, tmp: Path) -> Imported:
    """The fallback reader: the .apkg's SQLite collection and its media map."""
    with zipfile.ZipFile(apkg) as archive:
        media_map = json.loads(archive.read("media"))
        db = tmp / "collection.anki2"
        db.write_bytes(archive.read("collection.anki2"))
    con = sqlite3.connect(db)
    models = json.loads(con.execute("select models from col").fetchone()[0])
    fields = {int(mid): [f["name"] for f in m["flds"]] for mid, m in models.items()}
    notes, guids = [], set()
    for guid, mid, flds, tags in con.execute("select guid, mid, flds, tags from notes"):
        notes.append(
            dict(zip(fields[mid], flds.split("\x1f"))) | {"_tags": tags.split(), "_cards": 1}
        )
        guids.add(guid)
    con.close()
    return Imported(notes, set(media_map.values()), guids)


def _import(apkg: Path, tmp: Path, collection: Path | None = None) -> Imported:
    if Collection is None:
        return read_apkg(apkg, tmp)
    return import_with_anki(apkg, collection or tmp / "collection.anki2")


def test_every_case_is_a_note_with_its_images_and_answer(tmp_path: Path):
    root = _two_case_pack(tmp_path)
    pack = load_pack(root).pack
    counts = export_anki(pack, tmp_path / "deck.apkg")
    assert counts == {"notes": 2, "media": 1}
    imported = _import(tmp_path / "deck.apkg", tmp_path)
    by_id = {n["CaseId"]: n for n in imported.notes}
    assert set(by_id) == {c.id for c in pack.cases}
    for case in pack.cases:
        note = by_id[case.id]
        assert note["_cards"] == 1
        shown = re.findall(r'<img src="([^"]+)"', note["Stages"])
        assert len(shown) == sum(len(s.images) for s in case.stages)
        assert set(shown) <= imported.media
        assert "Eruptive xanthoma" in note["Answer"]
        assert "Serum triglycerides" in note["Explanation"]
        assert (
            "Not Xanthoma" not in note["Explanation"]
        )  # the parent is partial credit, not a rival
        assert f"dermquiz::{pack.id}" in note["_tags"]
    assert imported.guids == {note_guid(pack.id, c.id) for c in pack.cases}


def test_the_example_pack_explains_why_the_rival_is_wrong(tmp_path: Path):
    pack = load_pack(EXAMPLE).pack
    export_anki(pack, tmp_path / "deck.apkg")
    note = _import(tmp_path / "deck.apkg", tmp_path).notes[0]
    assert "Not Metastatic calcinosis cutis" in note["Explanation"]
    assert "expects elevated" in note["Explanation"]
    assert "<details" in note["Stages"]  # later stages open one by one


def test_a_new_version_updates_the_notes_instead_of_adding_copies(tmp_path: Path):
    if Collection is None:
        pytest.skip("needs Anki's backend to import twice")
    root = _two_case_pack(tmp_path)
    export_anki(load_pack(root).pack, tmp_path / "v1.apkg")
    col_path = tmp_path / "collection.anki2"
    import_with_anki(tmp_path / "v1.apkg", col_path)
    case = root / "cases" / "second.yaml"
    case.write_text(case.read_text().replace("A 51-year-old woman", "A 52-year-old woman"))
    time.sleep(1.1)  # Anki updates a note when the incoming one is newer, to the second
    export_anki(load_pack(root).pack, tmp_path / "v2.apkg")
    after = import_with_anki(tmp_path / "v2.apkg", col_path)
    assert len(after.notes) == 2
    second = next(n for n in after.notes if n["CaseId"] == "second")
    assert "52-year-old" in second["Stages"]


def test_ids_are_derived_from_the_pack_id():
    assert stable_id("deck", "a") == stable_id("deck", "a") != stable_id("deck", "b")
    assert (1 << 30) <= stable_id("model", "a") < (1 << 31)
    assert note_guid("a", "c1") == note_guid("a", "c1") != note_guid("b", "c1")


def test_hostile_text_is_escaped_in_the_note(tmp_path: Path, example_pack: Path):
    case = example_pack / "cases" / "white-plaque-cheek.yaml"
    case.write_text(
        case.read_text().replace(
            "text: A skin biopsy is taken.",
            "text: '<script>alert(1)</script> <img src=x onerror=alert(1)> & more'",
        )
    )
    export_anki(load_pack(example_pack).pack, tmp_path / "deck.apkg")
    note = _import(tmp_path / "deck.apkg", tmp_path).notes[0]
    assert "<script" not in note["Stages"] and "onerror=alert" not in note["Stages"].replace(
        "&lt;img src=x onerror=alert(1)&gt;", ""
    )
    assert "&lt;script&gt;" in note["Stages"]
