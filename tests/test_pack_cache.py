"""The pack cache gives exactly what loading gives, and never a stale or broken answer."""

from __future__ import annotations

import os
import time

from quiz.pack.cache import cache_root, load_pack_cached
from quiz.pack.loader import load_pack


def _same(a, b) -> None:
    assert a.pack is not None and b.pack is not None
    assert b.pack.manifest == a.pack.manifest
    assert b.pack.entities == a.pack.entities
    assert b.pack.cases == a.pack.cases
    assert b.pack.case_files == a.pack.case_files
    assert b.pack.findings == a.pack.findings
    assert b.pack.own_entity_ids == a.pack.own_entity_ids
    assert b.diagnostics == a.diagnostics


def test_cached_load_equals_a_fresh_load(example_pack):
    fresh = load_pack(example_pack)
    first = load_pack_cached(example_pack)  # fills the cache
    again = load_pack_cached(example_pack)  # from the cache
    _same(fresh, first)
    _same(fresh, again)
    assert list((cache_root() / "loaded").glob("*.pickle"))
    case = again.pack.cases[0]
    assert case.model_dump() == fresh.pack.cases[0].model_dump()
    assert case.model_fields_set == fresh.pack.cases[0].model_fields_set


def test_an_edited_case_is_read_again(example_pack):
    load_pack_cached(example_pack)
    case_file = next((example_pack / "cases").glob("*.yaml"))
    text = case_file.read_text(encoding="utf-8").replace("difficulty: 3", "difficulty: 4")
    case_file.write_text(text, encoding="utf-8")
    later = time.time() + 5
    os.utime(case_file, (later, later))  # a new mtime even on coarse file systems
    again = load_pack_cached(example_pack)
    _same(load_pack(example_pack), again)


def test_a_damaged_cache_entry_is_rebuilt(example_pack):
    load_pack_cached(example_pack)
    for slot in (cache_root() / "loaded").glob("*.pickle"):
        slot.write_bytes(b"not a pickle")
    _same(load_pack(example_pack), load_pack_cached(example_pack))


def test_the_same_folder_named_another_way_keeps_that_name(example_pack, monkeypatch):
    load_pack_cached(example_pack)
    monkeypatch.chdir(example_pack.parent)
    relative = type(example_pack)(example_pack.name)
    again = load_pack_cached(relative)
    assert again.pack.root == relative
    assert all(
        not p.is_absolute() and p.parts[0] == example_pack.name
        for p in again.pack.case_files.values()
    )
    _same(load_pack(relative), again)
