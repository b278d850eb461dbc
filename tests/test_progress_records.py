"""What the store gives back is what was recorded, whoever reads it; and each way the file
can be unusable gets its own message, with the file left as it was."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from damaged_dbs import overwrite_page, question, snapshot, varied
from progress_fakes import T0, attempt

from quiz.progress import recovery
from quiz.progress import store as store_module
from quiz.progress.store import DB_NAME, ProgressError, open_store

PLUS_TWO = timezone(timedelta(hours=2))


def test_every_field_comes_back_as_recorded(tmp_path):
    recorded = [varied(n) for n in range(1, 7)]
    questions = [question(n) for n in range(1, 7)]
    with open_store(tmp_path) as store:
        for a, q in zip(recorded, questions):
            store.record(a)
            store.record_question(q)
    with open_store(tmp_path) as store:
        back = store.attempts()
        assert back == recorded and [a.uid for a in back] == [a.uid for a in recorded]
        assert [(a.cbm, a.learner) for a in back] == [(a.cbm, a.learner) for a in recorded]
        assert store.question_attempts() == questions
        assert store.question_attempts("pack1") == [q for q in questions if q.pack_id == "pack1"]
        assert store.attempts("pack0") == [a for a in recorded if a.pack_id == "pack0"]


def test_an_attempt_without_an_id_gets_a_new_one_each(tmp_path):
    with open_store(tmp_path) as store:
        store.record(attempt("a1", "A"))
        store.record(attempt("a1", "A"))
        uids = [a.uid for a in store.attempts()]
    assert len(set(uids)) == 2 and all(len(u) == 32 for u in uids)


def test_times_in_any_zone_are_kept_in_utc_and_in_time_order(tmp_path):
    naive = datetime(2025, 3, 1, 9, 30)  # counts as UTC
    two_hours_ahead = datetime(2025, 3, 1, 10, 0, tzinfo=PLUS_TWO)  # 08:00 UTC: the earliest
    with open_store(tmp_path) as store:
        store.record(attempt("late", "A", at=naive))
        store.record(attempt("early", "A", at=two_hours_ahead))
        store.record(attempt("same-time-1", "A", at=T0))
        store.record(attempt("same-time-2", "A", at=T0))  # equal times: recording order
        got = store.attempts()
    assert [a.case_id for a in got] == ["early", "late", "same-time-1", "same-time-2"]
    assert got[0].at == datetime(2025, 3, 1, 8, 0, tzinfo=UTC) and got[0].at.tzinfo is UTC
    assert got[1].at == datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def test_hand_edited_rows_are_read_all_the_same(tmp_path):
    with open_store(tmp_path) as store:
        store.record_question(question(1))
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute(
        "INSERT INTO attempts (uid, pack_id, pack_version, case_id, choice, verdict, credit,"
        " confidence, stages_seen, seconds, mode, session, at) VALUES ('x', 'p', '1', 'c',"
        " 'A', 'correct', 1, 2, 1, 1, 'learn', 's', '2025-03-01T12:00:00+02:00')"
    )
    conn.execute("UPDATE question_attempts SET response = 'not json', at = '2025-03-01T10:00:00'")
    conn.commit()
    conn.close()
    with open_store(tmp_path) as store:
        [a] = store.attempts()
        [q] = store.question_attempts()
    assert a.at == datetime(2025, 3, 1, 10, tzinfo=UTC) and a.at.tzinfo is UTC
    assert a.answer == "" and a.learner == "" and a.cbm is None
    assert q.response == "not json" and q.at == datetime(2025, 3, 1, 10, tzinfo=UTC)
    assert q.counted is True


def test_a_served_learner_reads_only_their_own_attempts(tmp_path, monkeypatch):
    with open_store(tmp_path) as store:
        for n in range(1, 7):
            store.record(varied(n))  # learners "", ana, ben in turn; packs 0 and 1
    monkeypatch.setenv("DERMQUIZ_ONLY_LEARNER", "ana")
    with open_store(tmp_path) as store:
        assert [a.case_id for a in store.attempts()] == ["case0001", "case0004"]
        assert [a.case_id for a in store.attempts("pack1")] == ["case0001"]
    monkeypatch.setenv("DERMQUIZ_ONLY_LEARNER", "")
    with open_store(tmp_path) as store:
        assert len(store.attempts()) == 6


def test_a_file_changed_under_the_app_gets_a_clear_message(tmp_path):
    with open_store(tmp_path) as store:
        conn = sqlite3.connect(tmp_path / DB_NAME)
        conn.executescript("DROP TABLE attempts; DROP TABLE question_attempts;")
        conn.close()
        for read in (store.attempts, store.question_attempts):
            with pytest.raises(ProgressError) as info:
                read()
            assert str(info.value).startswith(
                f"Your progress could not be read from {tmp_path / DB_NAME}: no such table"
            )
            assert "Start DermQuiz again to have the file checked" in str(info.value)


def test_a_database_locked_by_another_program_is_refused_and_left_alone(tmp_path, monkeypatch):
    with open_store(tmp_path) as store:
        store.record(attempt("a1", "A"))
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.01)  # not the half minute of the app
    other = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("DELETE FROM attempts")  # holds the file to itself, not even readers come in
    try:
        with pytest.raises(ProgressError) as info:
            open_store(tmp_path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    message = str(info.value)
    assert f"The progress database {tmp_path / DB_NAME} could not be opened: " in message
    assert "database is locked" in message and "close other DermQuiz windows" in message
    assert [p.name for p in tmp_path.iterdir() if "damaged" in p.name] == []
    with open_store(tmp_path) as store:
        assert [a.case_id for a in store.attempts()] == ["a1"]


def test_a_migration_that_cannot_get_the_file_is_refused_and_left_alone(tmp_path, monkeypatch):
    from progress_fakes import OLD_INSERT, OLD_SCHEMA

    older = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    older.executescript(OLD_SCHEMA)
    older.execute("PRAGMA journal_mode = WAL")
    older.execute(OLD_INSERT, ("a1", "2025-03-01T10:00:00.000000+00:00"))
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.01)
    older.execute("BEGIN IMMEDIATE")  # an older app, writing for longer than we wait
    try:
        with pytest.raises(ProgressError) as info:
            open_store(tmp_path)
    finally:
        older.execute("ROLLBACK")
    message = str(info.value)
    assert f"The progress database {tmp_path / DB_NAME} could not be opened: " in message
    assert "database is locked" in message and "disk not full" in message
    assert older.execute("PRAGMA user_version").fetchone()[0] == 1  # not migrated
    older.close()


def test_an_sqlite_file_of_another_program_is_moved_aside_as_found(tmp_path):
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.commit()
    conn.close()
    found = path.read_bytes()
    with open_store(tmp_path) as store:
        [notice] = store.notices
        assert store.attempts() == []
    assert "(not a DermQuiz progress database (version 0))" in notice
    assert notice.endswith(
        "and a new one started. No answers could be read from it; the damaged file is kept there."
    )
    [aside] = [p for p in tmp_path.iterdir() if "damaged" in p.name]
    assert aside.read_bytes() == found and str(aside) in notice


def test_one_answer_read_from_a_damaged_file_is_told_as_one(tmp_path):
    with open_store(tmp_path) as store:
        store.record(varied(1))
    conn = sqlite3.connect(tmp_path / DB_NAME)
    [page] = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'attempts_by_case'")
    conn.close()
    overwrite_page(tmp_path / DB_NAME, page[0])  # an index: the answers' own pages are sound
    with open_store(tmp_path) as store:
        [notice] = store.notices
        assert store.attempts() == [varied(1)]
    assert "was damaged (the integrity check failed: *** in database main ***" in notice
    assert "1 answer could be read from it and was kept." in notice


def test_a_damaged_file_that_cannot_be_moved_aside_is_told_and_left(tmp_path, monkeypatch):
    (tmp_path / DB_NAME).write_bytes(b"garbage" * 600)
    found = snapshot(tmp_path)

    def refuse(path: Path) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(recovery, "move_aside", refuse)
    with pytest.raises(ProgressError) as info:
        open_store(tmp_path)
    assert str(info.value) == (
        f"The progress database at {tmp_path / DB_NAME} is damaged (it is not an SQLite "
        f"database) and could not be moved aside: Permission denied. Move or rename it "
        f"yourself, or choose another folder with --data-dir DIR or DERMQUIZ_DATA_DIR."
    )
    assert snapshot(tmp_path) == found


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_folders_no_one_can_write_get_a_clear_message():
    """/proc refuses files and folders even to root, which ignores permission bits."""
    with pytest.raises(ProgressError) as info:
        open_store(Path("/proc/self"))
    assert str(info.value).startswith(
        "The progress folder /proc/self is not writable (No such file or directory), so your "
        "answers cannot be saved."
    )
    assert "chmod u+w /proc/self" in str(info.value) and "--data-dir" in str(info.value)
    with pytest.raises(ProgressError) as info:
        open_store(Path("/proc/self/dermquiz"))
    assert str(info.value).startswith(
        "The progress folder /proc/self/dermquiz could not be created: No such file or directory."
    )
    assert "Create it yourself" in str(info.value)


def test_an_attempt_recorded_twice_by_mistake_is_refused_not_doubled(tmp_path):
    first = dataclasses.replace(attempt("a1", "A"), uid="u1")
    with open_store(tmp_path) as store:
        store.record(first)
        with pytest.raises(ProgressError):
            store.record(first)
        assert len(store.attempts()) == 1


def test_the_damaged_file_is_named_for_when_it_was_found(tmp_path):
    path = tmp_path / DB_NAME
    when = datetime(2025, 3, 3, 9, 5, 7, tzinfo=UTC)
    first = recovery.aside_name(path, when)
    assert first == tmp_path / "progress-damaged-20250303T090507Z.sqlite3"
    first.write_bytes(b"")
    second = recovery.aside_name(path, when)  # found damaged twice in one second
    assert second == tmp_path / "progress-damaged-20250303T090507Z-2.sqlite3"
    second.write_bytes(b"")
    assert recovery.aside_name(path, when).name == "progress-damaged-20250303T090507Z-3.sqlite3"


def test_the_damaged_file_is_stamped_in_utc_wherever_the_learner_is(tmp_path, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Kathmandu")  # UTC+05:45 all year
    time.tzset()
    try:
        name = recovery.aside_name(tmp_path / DB_NAME).name
        now = datetime.now(UTC)
    finally:
        monkeypatch.undo()
        time.tzset()
    stamp = datetime.strptime(name, "progress-damaged-%Y%m%dT%H%M%SZ.sqlite3")
    assert abs(stamp.replace(tzinfo=UTC) - now) < timedelta(hours=1)


def test_opening_holds_the_lock_every_app_version_waits_on(tmp_path, monkeypatch):
    """progress.lock in the data folder: the name is shared with other running apps."""
    import fcntl

    (tmp_path / DB_NAME).write_bytes(b"garbage" * 600)  # opening will repair it
    real_connect = store_module._connect
    held = []

    def connect(path):
        with open(tmp_path / "progress.lock", "a+b") as other_app:
            try:
                fcntl.flock(other_app.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                held.append(path.name)
            else:
                fcntl.flock(other_app.fileno(), fcntl.LOCK_UN)
        return real_connect(path)

    monkeypatch.setattr(store_module, "_connect", connect)
    with open_store(tmp_path) as store:
        assert len(store.notices) == 1
    assert held == [DB_NAME, DB_NAME]  # while checking, and while starting the new one
    with open(tmp_path / "progress.lock", "a+b") as other_app:  # and free afterwards
        fcntl.flock(other_app.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def test_answers_that_cannot_be_copied_into_the_new_database_are_told(tmp_path, monkeypatch):
    path = tmp_path / DB_NAME
    path.write_bytes(b"garbage" * 600)

    def disk_full(conn, rows):
        raise sqlite3.OperationalError("database or disk is full")

    # what salvage would find in a readable damaged file; the disk fills while copying it
    monkeypatch.setattr(recovery, "salvage", lambda p, *table: [] if table else [{"id": 1}])
    monkeypatch.setattr(recovery, "restore", disk_full)
    with pytest.raises(ProgressError) as info:
        open_store(tmp_path)
    [aside] = [p for p in tmp_path.iterdir() if "damaged" in p.name]
    assert str(info.value) == (
        f"The progress database at {path} was damaged (it is not an SQLite database); "
        f"it was moved to {aside}, but what could be read from it could not be copied into a "
        f"new one: database or disk is full. The moved file still holds them. Check that the "
        f"disk is not full, or choose another folder with --data-dir DIR or DERMQUIZ_DATA_DIR."
    )


def test_restoring_is_all_or_nothing(tmp_path):
    with open_store(tmp_path) as store:
        conn = store._conn  # the fresh database a repair copies into
        good = {c: getattr(varied(1), c) for c in ("uid", "pack_id", "pack_version", "case_id")}
        good.update(choice="A", verdict="correct", credit=1.0, confidence=2, stages_seen=1)
        good.update(seconds=1.0, mode="learn", session="s", at="2025-03-01T10:00:00", id=5)
        unbindable = {**good, "id": 6, "uid": "other", "choice": object()}
        with pytest.raises(sqlite3.Error):
            recovery.restore(conn, [good, unbindable])
        assert store.attempts() == [] and not conn.in_transaction
        assert recovery.restore(conn, [good]) == 1
        with pytest.raises(sqlite3.Error):
            recovery.restore_questions(conn, [{**question_row(), "response": object()}])
        assert store.question_attempts() == [] and not conn.in_transaction


def question_row() -> dict:
    q = question(1)
    return {
        "attempt_uid": q.attempt_uid,
        "question_id": q.question_id,
        "pack_id": q.pack_id,
        "case_id": q.case_id,
        "kind": q.kind,
        "response": "[]",
        "credit": 1.0,
        "weight": 1.0,
        "confidence": None,
        "counted": 1,
        "stages_seen": 1,
        "seconds": 1.0,
        "at": "2025-03-01T10:00:00",
        "learner": "",
    }


def test_every_connection_waits_half_a_minute_for_another_app(tmp_path, monkeypatch):
    """Another app's write (or repair) is waited for, not failed at once."""
    (tmp_path / DB_NAME).write_bytes(b"")  # an existing file: checked, then opened
    real_connect = sqlite3.connect
    waits = []

    def connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        waits.append(conn.execute("PRAGMA busy_timeout").fetchone()[0])
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    with open_store(tmp_path):
        pass
    assert waits == [30_000, 30_000]


@pytest.fixture
def new_york(monkeypatch):
    """The learner's clock in New York: daylight saving, five hours from UTC."""
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_are_stored_in_utc_whatever_the_local_clock(tmp_path, new_york):
    # the night the clocks go back: 01:30 EDT comes before 01:10 EST
    first = datetime(2025, 11, 2, 5, 30, tzinfo=UTC)
    second = datetime(2025, 11, 2, 6, 10, tzinfo=UTC)
    naive = datetime(2025, 11, 2, 7, 0)  # counts as UTC, not as New York time
    with open_store(tmp_path) as store:
        store.record(attempt("naive", "A", at=naive))
        store.record(attempt("second", "A", at=second))
        store.record(attempt("first", "A", at=first))
        got = store.attempts()
    assert [(a.case_id, a.at) for a in got] == [
        ("first", first),
        ("second", second),
        ("naive", naive.replace(tzinfo=UTC)),
    ]
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("UPDATE attempts SET at = '2025-11-02T09:00:00' WHERE case_id = 'naive'")
    conn.commit()
    conn.close()
    with open_store(tmp_path) as store:  # a hand-edited time without a zone: UTC too
        assert store.attempts()[-1].at == datetime(2025, 11, 2, 9, 0, tzinfo=UTC)


def test_the_data_folder_of_the_settings_is_used_when_none_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv("DERMQUIZ_DATA_DIR", str(tmp_path / "from-settings"))
    with open_store() as store:
        store.record(attempt("a1", "A"))
    assert (tmp_path / "from-settings" / DB_NAME).is_file()


def test_an_up_to_date_database_opens_while_another_app_writes(tmp_path, monkeypatch):
    with open_store(tmp_path) as store:
        store.record(attempt("a1", "A"))
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.01)
    other = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another app, in the middle of saving an answer
    other.execute("DELETE FROM attempts WHERE 0")
    try:
        with open_store(tmp_path) as store:  # opening needs no write: it does not wait
            assert [a.case_id for a in store.attempts()] == ["a1"]
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_database_another_app_migrated_meanwhile_opens(tmp_path, monkeypatch):
    from test_progress_transactions import _commit_when_asked_to_write, _old_database

    from quiz.progress import schema

    path = tmp_path / DB_NAME
    _old_database(path, 1)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("BEGIN IMMEDIATE")  # another app of this version, migrating it now
    for version in range(1, schema.CURRENT_VERSION):
        schema.MIGRATIONS[version](other)
    other.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION}")
    _commit_when_asked_to_write(monkeypatch, other)
    with open_store(tmp_path) as store:
        assert store.notices == [] and [a.case_id for a in store.attempts()] == ["a1"]
    other.close()


def _long_folder(tmp_path) -> Path:
    folder = tmp_path.joinpath(*["a-rather-long-folder-name-" * 2] * 12)
    assert len(str(folder)) > 600  # longer than SQLite takes (512), shorter than Linux's
    return folder


def test_a_folder_path_too_long_for_sqlite_gets_a_message(tmp_path):
    folder = _long_folder(tmp_path)
    with pytest.raises(ProgressError) as info:
        open_store(folder)  # a new database
    assert str(info.value) == (
        f"The progress database {folder / DB_NAME} could not be opened: unable to open "
        f"database file. Choose another folder with --data-dir DIR or DERMQUIZ_DATA_DIR."
    )
    (folder / DB_NAME).write_bytes(b"")  # an existing one
    with pytest.raises(ProgressError) as info:
        open_store(folder)
    assert str(info.value) == (
        f"The progress database {folder / DB_NAME} could not be opened: unable to open "
        f"database file. Choose another folder with --data-dir DIR or DERMQUIZ_DATA_DIR."
    )


def test_a_newer_apps_database_is_refused_with_its_version(tmp_path):
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(ProgressError) as info:
        open_store(tmp_path)
    assert str(info.value) == (
        f"The progress database {tmp_path / DB_NAME} was written by a newer DermQuiz (schema "
        f"version 99; this one knows up to 4). Update DermQuiz, or choose another folder with "
        f"--data-dir DIR or DERMQUIZ_DATA_DIR."
    )


def test_a_file_where_the_data_folder_should_be_is_named(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ProgressError) as info:
        open_store(blocker / "progress")
    assert str(info.value) == (
        f"The progress folder {blocker / 'progress'} could not be created: {blocker} is a file, "
        f"not a folder. Give the path of a folder (it is created if missing), or choose another "
        f"folder with --data-dir DIR or DERMQUIZ_DATA_DIR."
    )
