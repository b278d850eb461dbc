"""Preview --watch notices saves by polling snapshots of the pack's files."""

from __future__ import annotations

import os

from quiz.pack.changes import ChangeWatch, snapshot


def test_a_save_is_reported_once_the_files_stop_changing(tmp_path):
    case = tmp_path / "cases" / "a.yaml"
    case.parent.mkdir()
    case.write_text("id: a\n", encoding="utf-8")
    watch = ChangeWatch(snapshot(tmp_path))
    assert not watch.poll(snapshot(tmp_path))  # nothing saved

    case.write_text("id: a  # edited\n", encoding="utf-8")
    assert not watch.poll(snapshot(tmp_path))  # maybe still being written: wait one poll
    assert watch.poll(snapshot(tmp_path))  # unchanged since: reload
    assert not watch.poll(snapshot(tmp_path))  # and only once


def test_same_size_edits_new_files_and_deletions_count_but_editor_litter_does_not(tmp_path):
    case = tmp_path / "a.yaml"
    case.write_text("age: 46\n", encoding="utf-8")
    first = snapshot(tmp_path)
    (tmp_path / ".a.yaml.swp").write_text("x")
    (tmp_path / "a.yaml~").write_text("x")
    assert snapshot(tmp_path) == first

    st = case.stat()
    case.write_text("age: 47\n", encoding="utf-8")
    os.utime(case, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert snapshot(tmp_path) != first

    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "new.png").write_bytes(b"png")
    with_image = snapshot(tmp_path)
    assert any(p.startswith("images") for p, _, _ in with_image)
    case.unlink()
    assert not any(p == "a.yaml" for p, _, _ in snapshot(tmp_path))


def test_a_zip_or_a_missing_pack_does_not_raise(tmp_path):
    zipped = tmp_path / "pack.zip"
    zipped.write_bytes(b"PK")
    assert len(snapshot(zipped)) == 1
    assert snapshot(tmp_path / "gone") == frozenset()
