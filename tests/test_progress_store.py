"""The progress store keeps every answer: across runs, two apps at once, damage and migration."""

from __future__ import annotations

import multiprocessing
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from progress_fakes import OLD_SCHEMA, T0, attempt, days
from support import as_unprivileged, folder_anyone_can_reach

from quiz.progress import schema
from quiz.progress.store import DB_NAME, ProgressError, open_store, resolve_data_dir


def test_answers_are_there_after_the_app_is_started_again(tmp_path):
    first = [attempt("a1", "A", "wrong", at=T0), attempt("b1", "B", at=T0 + days(1))]
    with open_store(tmp_path) as store:
        for a in first:
            store.record(a)
        assert store.notices == []
    with open_store(tmp_path) as store:
        store.record(attempt("c1", "C", pack_id="other", at=T0 + days(2)))
        got = store.attempts()
        assert got[:2] == first
        assert [a.case_id for a in got] == ["a1", "b1", "c1"]
        assert all(a.at.tzinfo is not None and a.at.utcoffset().total_seconds() == 0 for a in got)
        assert len({a.uid for a in got}) == 3
        assert [a.case_id for a in store.attempts("other")] == ["c1"]


def test_data_folder_comes_from_option_then_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DERMQUIZ_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(str(tmp_path / "cli")) == tmp_path / "cli"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("DERMQUIZ_DATA_DIR")
    assert "dermquiz" in str(resolve_data_dir(None)).lower()


def test_a_missing_data_folder_is_created(tmp_path):
    folder = tmp_path / "not" / "there" / "yet"
    with open_store(folder) as store:
        store.record(attempt("a1", "A"))
    assert (folder / DB_NAME).is_file()


def _writer(folder: str, name: str, count: int, start) -> None:
    start.wait()
    with open_store(Path(folder)) as store:
        for i in range(count):
            store.record(attempt(f"case{i}", "A", session=name, at=datetime.now(UTC)))


def test_two_apps_writing_at_once_lose_nothing(tmp_path):
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    start = ctx.Event()
    count = 150
    procs = [
        ctx.Process(target=_writer, args=(str(tmp_path), name, count, start))
        for name in ("one", "two")
    ]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join()
        assert p.exitcode == 0
    with open_store(tmp_path) as store:
        got = {(a.session, a.case_id) for a in store.attempts()}
    assert got == {(s, f"case{i}") for s in ("one", "two") for i in range(count)}


def test_a_file_that_is_not_a_database_is_moved_aside_and_the_app_goes_on(tmp_path):
    garbage = b"this is not a database\x00\xff" * 200
    (tmp_path / DB_NAME).write_bytes(garbage)
    with open_store(tmp_path) as store:
        assert len(store.notices) == 1
        notice = store.notices[0]
        moved = [p for p in tmp_path.iterdir() if "damaged" in p.name]
        assert len(moved) == 1 and str(moved[0]) in notice
        assert str(tmp_path / DB_NAME) in notice
        assert moved[0].read_bytes() == garbage  # kept as it was found
        store.record(attempt("a1", "A"))
        assert [a.case_id for a in store.attempts()] == ["a1"]
    with open_store(tmp_path) as store:  # repaired once, quiet afterwards
        assert store.notices == []


def _open_and_record(folder: str, name: str, start, notices) -> None:
    start.wait()
    with open_store(Path(folder)) as store:
        notices.put(len(store.notices))
        store.record(attempt("a1", "A", session=name))


def test_two_apps_finding_the_same_damage_repair_it_once(tmp_path):
    (tmp_path / DB_NAME).write_bytes(b"garbage" * 500)
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    start, notices = ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=_open_and_record, args=(str(tmp_path), name, start, notices))
        for name in ("one", "two")
    ]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join()
        assert p.exitcode == 0
    assert sorted([notices.get(), notices.get()]) == [0, 1]  # one of them tells the learner
    assert len([p for p in tmp_path.iterdir() if "damaged" in p.name]) == 1
    with open_store(tmp_path) as store:
        assert sorted(a.session for a in store.attempts()) == ["one", "two"]


def test_a_truncated_database_is_moved_aside_and_what_can_be_read_is_kept(tmp_path):
    with open_store(tmp_path) as store:
        for i in range(300):
            store.record(attempt(f"case{i:03}", "A", at=T0 + days(i / 100)))
    path = tmp_path / DB_NAME
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with open_store(tmp_path) as store:
        assert len(store.notices) == 1 and "moved to" in store.notices[0]
        kept = store.attempts()
        assert 0 < len(kept) < 300
        assert f"{len(kept)} answers could be read" in store.notices[0]
        assert {a.case_id for a in kept} <= {f"case{i:03}" for i in range(300)}
        store.record(attempt("new", "A"))
    moved = [p for p in tmp_path.iterdir() if "damaged" in p.name and p.suffix == ".sqlite3"]
    assert moved and moved[0].read_bytes() == data[: len(data) // 2]


def test_a_database_from_a_newer_app_is_refused_and_left_alone(tmp_path):
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE attempts (x)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProgressError, match="newer DermQuiz") as info:
        open_store(tmp_path)
    assert str(path) in str(info.value) and "--data-dir" in str(info.value)
    assert path.read_bytes() == before


def test_progress_kept_by_an_older_version_is_migrated(tmp_path):
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.executescript(OLD_SCHEMA)
    conn.executemany(
        "INSERT INTO attempts (pack_id, pack_version, case_id, choice, verdict, credit,"
        " confidence, stages_seen, seconds, mode, session, at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                "fake",
                "0.9",
                "a1",
                "B",
                "wrong",
                0.0,
                3,
                4,
                20.0,
                "learn",
                "old",
                "2025-03-01T10:00:00.000000+00:00",
            ),
            (
                "fake",
                "0.9",
                "a1",
                "A",
                "correct",
                1.0,
                2,
                4,
                9.5,
                "review",
                "old",
                "2025-03-02T10:00:00.000000+00:00",
            ),
        ],
    )
    conn.commit()
    conn.close()
    with open_store(tmp_path) as store:
        assert store.notices == []
        old = store.attempts()
        assert [(a.choice, a.verdict, a.confidence, a.mode) for a in old] == [
            ("B", "wrong", 3, "learn"),
            ("A", "correct", 2, "review"),
        ]
        assert old[0].at == datetime(2025, 3, 1, 10, tzinfo=UTC)
        assert all(a.answer == "" and a.uid for a in old)  # answer unknown in version 1
        store.record(attempt("b1", "B"))
        assert len(store.attempts()) == 3
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
    conn.close()


def test_a_read_only_data_folder_gets_a_clear_message():
    # Run as a user the permissions bind: root writes anywhere (CI runs as root).
    with folder_anyone_can_reach() as base:
        folder = base / "ro"
        folder.mkdir()
        folder.chmod(0o555)  # r-x for everyone: nobody may write in it
        with pytest.raises(ProgressError) as info:
            as_unprivileged(open_store, folder)
        assert list(folder.iterdir()) == []  # not a file left behind, not even the probe
    message = str(info.value)
    assert str(folder) in message and "not writable" in message and "--data-dir" in message


def test_a_data_folder_that_cannot_be_created_gets_a_clear_message(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ProgressError) as info:
        open_store(blocker / "progress")
    message = str(info.value)
    assert str(blocker / "progress") in message and "could not be created" in message


def test_another_app_sees_an_answer_as_soon_as_it_is_recorded(tmp_path):
    with open_store(tmp_path) as one, open_store(tmp_path) as two:
        one.record(attempt("a1", "A"))
        assert [a.case_id for a in two.attempts()] == ["a1"]
        two.record(attempt("b1", "B", at=T0 + days(1)))
        assert [a.case_id for a in one.attempts()] == ["a1", "b1"]
