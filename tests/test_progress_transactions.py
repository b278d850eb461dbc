"""Writes that fail leave the store usable, and a migration waits for another app's write."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from progress_fakes import OLD_INSERT, OLD_SCHEMA, T0, attempt, days

from quiz.progress import schema
from quiz.progress.store import DB_NAME, ProgressError, open_store

WRITES = ("BEGIN IMMEDIATE", "BEGIN EXCLUSIVE", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER")


def test_an_answer_that_cannot_be_saved_is_reported_and_the_next_one_is_saved(tmp_path):
    first = dataclasses.replace(attempt("a1", "A"), uid="same")
    again = dataclasses.replace(attempt("a2", "A", at=T0 + days(1)), uid="same")
    with open_store(tmp_path) as store, open_store(tmp_path) as other:
        store.record(first)
        with pytest.raises(ProgressError) as info:
            store.record(again)  # fails inside its transaction (the uid is taken)
        message = str(info.value)
        assert message.startswith(f"Your answer could not be saved to {tmp_path / DB_NAME}: ")
        assert "UNIQUE constraint failed: attempts.uid" in message and "--data-dir" in message
        store.record(attempt("b1", "B", at=T0 + days(2)))  # the failed one left nothing open
        other.record(attempt("c1", "C", at=T0 + days(3)))  # nor the lock held
        assert [a.case_id for a in other.attempts()] == ["a1", "b1", "c1"]


def test_a_failed_question_answer_leaves_the_store_usable(tmp_path):
    from damaged_dbs import question

    with open_store(tmp_path) as store:
        store.record_question(question(1))
        with pytest.raises(ProgressError, match="could not be saved"):
            store.record_question(question(1))  # the same question of the same attempt
        store.record_question(question(2))
        assert [q.question_id for q in store.question_attempts()] == ["q1", "q2"]


def test_a_migration_waits_for_an_older_app_writing_at_that_moment(tmp_path, monkeypatch):
    """An older DermQuiz, still open in another window, records an answer just as this one
    starts to migrate the file: the migration waits for it, and both answers are kept."""
    path = tmp_path / DB_NAME
    older = sqlite3.connect(path, isolation_level=None)
    older.executescript(OLD_SCHEMA)
    older.execute("PRAGMA journal_mode = WAL")
    older.execute(OLD_INSERT, ("a1", "2025-03-01T10:00:00.000000+00:00"))
    older.execute("BEGIN IMMEDIATE")  # the older app is writing its next answer
    older.execute(OLD_INSERT, ("b1", "2025-03-02T10:00:00.000000+00:00"))

    _commit_when_asked_to_write(monkeypatch, older)
    try:
        with open_store(tmp_path) as store:
            assert [a.case_id for a in store.attempts()] == ["a1", "b1"]
    finally:
        older.close()
    monkeypatch.undo()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
    conn.close()


def _old_database(path, version: int) -> None:
    """A database as DermQuiz version *version* of the schema left it, with one answer."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(OLD_SCHEMA)
    conn.execute(OLD_INSERT, ("a1", "2025-03-01T10:00:00.000000+00:00"))
    if version >= 2:
        conn.execute("ALTER TABLE attempts ADD COLUMN uid TEXT")
        conn.execute("ALTER TABLE attempts ADD COLUMN answer TEXT NOT NULL DEFAULT ''")
        conn.execute("UPDATE attempts SET uid = 'old-uid', answer = 'A'")
    if version >= 3:
        conn.execute("ALTER TABLE attempts ADD COLUMN learner TEXT NOT NULL DEFAULT ''")
        conn.execute("UPDATE attempts SET learner = 'ana'")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


@pytest.mark.parametrize("version", [1, 2, 3])
def test_each_older_layout_is_migrated_with_its_answers(tmp_path, version):
    _old_database(tmp_path / DB_NAME, version)
    with open_store(tmp_path) as store:
        assert store.notices == []
        [old] = store.attempts()
        assert (old.case_id, old.choice, old.verdict, old.cbm) == ("a1", "A", "correct", None)
        assert old.answer == ("A" if version >= 2 else "")
        assert old.learner == ("ana" if version >= 3 else "")
        assert (old.uid == "old-uid") is (version >= 2) and old.uid
        store.record(dataclasses.replace(attempt("b1", "B"), cbm=0.5, learner="ben"))
        from damaged_dbs import question

        store.record_question(question(1))
        assert [(a.case_id, a.cbm) for a in store.attempts()] == [("a1", None), ("b1", 0.5)]
        assert [q.question_id for q in store.question_attempts()] == ["q1"]
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
    conn.close()


def test_a_migration_that_fails_leaves_the_old_version_and_its_answers(tmp_path):
    path = tmp_path / DB_NAME
    _old_database(path, 1)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE attempts_v1 (x)")  # in the way of the rebuild
    conn.commit()
    conn.close()
    with pytest.raises(ProgressError) as info:
        open_store(tmp_path)
    assert f"The progress database {path} could not be opened: " in str(info.value)
    assert "attempts_v1" in str(info.value)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT case_id FROM attempts").fetchall() == [("a1",)]
    conn.close()


def test_an_empty_file_becomes_a_new_database(tmp_path):
    (tmp_path / DB_NAME).write_bytes(b"")
    with open_store(tmp_path) as store:
        assert store.notices == []
        store.record(attempt("a1", "A"))
        assert len(store.attempts()) == 1


def _commit_when_asked_to_write(monkeypatch, other) -> None:
    """*other* (another app, mid-transaction) commits the moment the store first asks to
    write: its change lands just before the store's write lock, never inside it."""
    real_connect = sqlite3.connect

    def connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)

        def traced(sql: str) -> None:
            if other.in_transaction and sql.lstrip().upper().startswith(WRITES):
                other.execute("COMMIT")

        conn.set_trace_callback(traced)
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)


def test_a_newer_app_that_migrated_meanwhile_is_refused_not_overwritten(tmp_path, monkeypatch):
    path = tmp_path / DB_NAME
    _old_database(path, 3)
    newer = sqlite3.connect(path, isolation_level=None)
    newer.execute("PRAGMA journal_mode = WAL")
    newer.execute("BEGIN IMMEDIATE")  # a newer DermQuiz, migrating the file to its schema 7
    newer.execute("ALTER TABLE attempts ADD COLUMN from_the_future TEXT")
    newer.execute("PRAGMA user_version = 7")
    _commit_when_asked_to_write(monkeypatch, newer)
    with pytest.raises(ProgressError) as info:
        open_store(tmp_path)
    monkeypatch.undo()
    assert str(info.value) == (
        f"The progress database {path} was written by a newer DermQuiz (schema version 7; "
        f"this one knows up to {schema.CURRENT_VERSION}). Update DermQuiz, or choose another "
        f"folder with --data-dir DIR or DERMQUIZ_DATA_DIR."
    )
    columns = [row[1] for row in newer.execute("PRAGMA table_info(attempts)")]
    assert (
        columns[-1] == "from_the_future" and "cbm" not in columns
    )  # left as the newer app made it
    newer.close()


def test_ensure_current_refuses_a_newer_file_and_leaves_it(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE attempts (x)")
    conn.execute("PRAGMA user_version = 9")
    with pytest.raises(schema.NewerSchema) as info:
        schema.ensure_current(conn)
    assert info.value.found == 9 and info.value.args == (9,)
    assert not conn.in_transaction
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 9
    conn.close()
