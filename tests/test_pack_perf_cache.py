"""The faster paths give the same answers: the pack cache never serves a damaged, foreign or
racy entry, the app's loader falls back to a real load, and the leaner near-duplicate lint
still finds twins among many cases."""

from __future__ import annotations

import gc
import os
import pickle
import time
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from quiz.pack import cache, lint
from quiz.pack.cache import cache_root, load_pack_cached
from quiz.pack.loader import Sources, load_pack
from quiz.pack.models import Case
from quiz.tui.catalog import PackEntry, load_entry


def _slots() -> list[Path]:
    return sorted((cache_root() / "loaded").glob("*.pickle"))


def _same(a, b) -> None:
    assert a.pack is not None and b.pack is not None
    assert b.pack.manifest == a.pack.manifest
    assert b.pack.entities == a.pack.entities
    assert b.pack.cases == a.pack.cases
    assert b.pack.case_files == a.pack.case_files
    assert b.diagnostics == a.diagnostics


def _age(root: Path, seconds: float = 60) -> None:
    """Make every file of the pack look written a minute ago (not "just edited")."""
    past = time.time() - seconds
    for path in root.rglob("*"):
        os.utime(path, (past, past))


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty"])
def test_a_damaged_entry_is_never_used(example_pack, damage):
    fresh = load_pack(example_pack)
    load_pack_cached(example_pack)
    [slot] = _slots()
    data = bytearray(slot.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data[len(data) * 2 // 3] ^= 0xFF
    else:
        data = bytearray()
    slot.write_bytes(bytes(data))
    assert cache._read(slot, example_pack) is None
    _same(fresh, load_pack_cached(example_pack))
    assert cache._read(slot, example_pack) is not None  # and the entry was written again


class _Planted:
    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self):
        return (os.mkdir, (str(self.target),))


def test_an_entry_naming_anything_else_is_refused_unrun(example_pack, tmp_path):
    _age(example_pack)
    load_pack_cached(example_pack)
    [slot] = _slots()
    target = tmp_path / "planted"
    head = ([example_pack], cache._fingerprint([example_pack]))  # fresh, so the body is read
    body = pickle.dumps(head, protocol=5) + pickle.dumps(_Planted(target), protocol=5)
    slot.write_bytes(cache._HEADER.pack(cache._MAGIC, zlib.crc32(body), len(body)) + body)
    assert cache._read(slot, example_pack) is None
    assert not target.exists()
    _same(load_pack(example_pack), load_pack_cached(example_pack))


def test_files_edited_just_now_are_not_kept(example_pack):
    now = time.time()
    for path in example_pack.rglob("*"):
        os.utime(path, (now, now))
    load_pack_cached(example_pack)
    assert _slots() == []  # a second edit in the same timestamp tick could go unseen
    _age(example_pack)
    load_pack_cached(example_pack)
    assert len(_slots()) == 1


def test_an_edit_during_the_load_is_not_kept(example_pack, monkeypatch):
    _age(example_pack)
    case_file = next((example_pack / "cases").glob("*.yaml"))
    real_load = cache.load_pack

    def load_while_edited(*args, **kwargs):
        result = real_load(*args, **kwargs)
        text = case_file.read_text(encoding="utf-8").replace("difficulty: 3", "difficulty: 4")
        case_file.write_text(text, encoding="utf-8")
        past = time.time() - 30
        os.utime(case_file, (past, past))
        return result

    monkeypatch.setattr(cache, "load_pack", load_while_edited)
    load_pack_cached(example_pack)
    assert _slots() == []
    monkeypatch.setattr(cache, "load_pack", real_load)
    _same(load_pack(example_pack), load_pack_cached(example_pack))


def test_a_changed_model_shape_makes_entries_stale(example_pack, monkeypatch):
    _age(example_pack)
    load_pack_cached(example_pack)
    [slot] = _slots()
    assert cache._read(slot, example_pack) is not None
    monkeypatch.setattr(cache, "_SHAPE", cache._SHAPE + "|a new field")
    assert cache._read(slot, example_pack) is None


def test_cached_strings_are_shared_but_equal(example_pack):
    _age(example_pack)
    fresh = load_pack(example_pack)
    load_pack_cached(example_pack)
    again = load_pack_cached(example_pack)
    _same(fresh, again)
    kinds = [
        image.kind for case in again.pack.cases for stage in case.stages for image in stage.images
    ]
    assert len(kinds) > 1 and len({id(kind) for kind in kinds}) == len(set(kinds))


def test_the_app_loads_through_the_cache_and_survives_a_broken_one(example_pack, monkeypatch):
    _age(example_pack)
    fresh = load_pack(example_pack)
    entry = load_entry(PackEntry(example_pack, "--pack"))
    assert entry.ok and not entry.failure and gc.isenabled()
    _same(fresh, entry.result)
    [slot] = _slots()
    slot.write_bytes(os.urandom(4096))
    entry = load_entry(PackEntry(example_pack, "--pack"))
    assert entry.ok and not entry.failure
    _same(fresh, entry.result)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the cache")

    monkeypatch.setattr(cache, "load_pack_cached", broken)
    entry = load_entry(PackEntry(example_pack, "preview"))
    assert entry.ok and not entry.failure and gc.isenabled()
    _same(fresh, entry.result)


# -- near-duplicates among many cases ----------------------------------------------------

_WORDS = [
    "plaque",
    "papule",
    "nodule",
    "macule",
    "crust",
    "scale",
    "ulcer",
    "erosion",
    "dermis",
    "epidermis",
    "calcium",
    "granule",
    "deposit",
    "giant",
    "cell",
    "histiocyte",
    "collagen",
    "elastic",
    "fibre",
    "vessel",
    "wall",
    "thick",
    "thin",
    "white",
    "yellow",
    "firm",
    "soft",
    "tender",
    "painless",
    "chronic",
    "sudden",
    "slow",
    "growing",
    "arm",
    "leg",
    "face",
    "back",
    "chest",
    "scalp",
    "ear",
    "finger",
    "toe",
    "knee",
    "elbow",
    "woman",
    "man",
    "child",
    "adult",
    "elderly",
]


def _text(seed: int, n: int = 60) -> str:
    import random

    rng = random.Random(seed)
    return " ".join(rng.choice(_WORDS) for _ in range(n)) + "."


def _case(case_id: str, texts: list[str], answer: str = "idiopathic") -> Case:
    return Case.model_validate(
        {
            "id": case_id,
            "answer": answer,
            "stages": [{"name": f"s{i}", "text": t} for i, t in enumerate(texts)],
        }
    )


def _twins(cases: list[Case]) -> list:
    pack = SimpleNamespace(cases=cases, case_files={c.id: Path(f"{c.id}.yaml") for c in cases})
    return lint._near_duplicates(pack, Sources())


def test_a_twin_among_many_cases_that_share_stages_is_found_once():
    stages = [_text(k) for k in range(40)]
    cases = [
        _case(
            f"case-{i}",
            [stages[i % 40], stages[(i * 7 + 1) % 40], stages[(i * 13 + 2) % 40], _text(1000 + i)],
        )
        for i in range(400)
    ]
    assert _twins(cases) == []  # half the text in common is not a twin
    twin_texts = [s.text for s in cases[123].stages]
    twin_texts[3] = twin_texts[3].replace(" ", " very ", 1)  # one word more
    found = _twins(cases + [_case("late-copy", twin_texts)])
    assert len(found) == 1
    assert "`late-copy` reads almost like `case-123`" in found[0].message
    assert found[0].severity == "warning"
