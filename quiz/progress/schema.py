"""The progress database's schema, its version (PRAGMA user_version) and the migrations.

Version history:
  1  attempts without `uid` and `answer` (the first layout).
  2  adds `uid` (a unique id per attempt, so copies of a database can be merged and a
     damaged one salvaged without duplicates) and `answer` (the case's answer when it was
     played, so confusions stay right after a pack changes), plus an index for lookups.
  3  adds `learner` (who answered: a name, or a roster id under `serve`), so one store can
     hold a class and results from many machines can be merged; '' on older rows.
  4  adds `cbm` (the certainty-based mark of an attempt marked that way, else NULL) and the
     `question_attempts` table: one row per format-2 question answered, keyed by the case
     attempt's uid and the question id, with its kind, the response as JSON, its credit and
     the learner's certainty. A question row is written when the question is answered, before
     the case's own row, so the uid may name an attempt the learner never finished.

A migration runs inside one IMMEDIATE transaction, so a second app opening the same folder
waits for it and then sees the new version; a crash mid-migration leaves the old version.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable

CURRENT_VERSION = 4

ATTEMPT_COLUMNS = (
    "uid",
    "pack_id",
    "pack_version",
    "case_id",
    "choice",
    "answer",
    "verdict",
    "credit",
    "confidence",
    "stages_seen",
    "seconds",
    "mode",
    "session",
    "at",
    "learner",
    "cbm",
)
QUESTION_COLUMNS = (
    "attempt_uid",
    "question_id",
    "pack_id",
    "case_id",
    "kind",
    "response",
    "credit",
    "weight",
    "confidence",
    "counted",
    "stages_seen",
    "seconds",
    "at",
    "learner",
)

_CREATE = (
    """
CREATE TABLE attempts (
    id           INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,
    pack_id      TEXT NOT NULL,
    pack_version TEXT NOT NULL,
    case_id      TEXT NOT NULL,
    choice       TEXT NOT NULL,
    answer       TEXT NOT NULL DEFAULT '',   -- '' when not known (rows from version 1)
    verdict      TEXT NOT NULL,              -- correct | partial | wrong
    credit       REAL NOT NULL,
    confidence   INTEGER NOT NULL,           -- 1 guess, 2 unsure, 3 sure
    stages_seen  INTEGER NOT NULL,
    seconds      REAL NOT NULL,
    mode         TEXT NOT NULL,
    session      TEXT NOT NULL,
    at           TEXT NOT NULL,              -- UTC, ISO 8601, fixed width: sorts as time
    learner      TEXT NOT NULL DEFAULT '',   -- who answered, '' on rows from before version 3
    -- cbm: the certainty-based mark, NULL when the attempt was not marked so
    cbm          REAL
);
CREATE INDEX attempts_by_case ON attempts (pack_id, case_id, at);
"""
    + "; "
    + """
CREATE TABLE question_attempts (
    attempt_uid  TEXT NOT NULL,              -- the case attempt it belongs to (attempts.uid)
    question_id  TEXT NOT NULL,
    pack_id      TEXT NOT NULL,
    case_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,              -- choose | point | rank | concordance
    response     TEXT NOT NULL,              -- JSON, exactly what the learner gave
    credit       REAL NOT NULL,
    weight       REAL NOT NULL DEFAULT 1,
    confidence   INTEGER,                    -- 1–3 under certainty-based marking, else NULL
    counted      INTEGER NOT NULL DEFAULT 1, -- 0: skipped (a picture in line mode)
    stages_seen  INTEGER NOT NULL,
    seconds      REAL NOT NULL,
    at           TEXT NOT NULL,
    learner      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (attempt_uid, question_id)
);
CREATE INDEX question_attempts_by_case ON question_attempts (pack_id, case_id, question_id)
"""
)


class NewerSchema(Exception):
    """The database was written by a newer DermQuiz than this one."""

    def __init__(self, found: int) -> None:
        super().__init__(found)
        self.found = found


def _create(conn: sqlite3.Connection) -> None:
    for statement in _CREATE.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    # SQLite cannot add a NOT NULL UNIQUE column in place: rebuild the table.
    conn.execute("ALTER TABLE attempts RENAME TO attempts_v1")
    _create(conn)
    rows = conn.execute(
        "SELECT id, pack_id, pack_version, case_id, choice, verdict, credit, confidence,"
        " stages_seen, seconds, mode, session, at FROM attempts_v1 ORDER BY id"
    ).fetchall()
    conn.executemany(
        "INSERT INTO attempts (id, uid, pack_id, pack_version, case_id, choice, answer, verdict,"
        " credit, confidence, stages_seen, seconds, mode, session, at)"
        " VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?)",
        [(row[0], uuid.uuid4().hex, *row[1:]) for row in rows],
    )
    conn.execute("DROP TABLE attempts_v1")


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    # A column with a constant default can be added in place (no rewrite of the rows). A
    # version-1 file rebuilt by _v1_to_v2 already has it: the table is made by _create.
    if "learner" in {row[1] for row in conn.execute("PRAGMA table_info(attempts)")}:
        return
    conn.execute("ALTER TABLE attempts ADD COLUMN learner TEXT NOT NULL DEFAULT ''")


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    # A file rebuilt by _v1_to_v2 got every table of the current _CREATE already.
    if "cbm" not in {row[1] for row in conn.execute("PRAGMA table_info(attempts)")}:
        conn.execute("ALTER TABLE attempts ADD COLUMN cbm REAL")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    if "question_attempts" not in tables:
        for statement in _CREATE.split(";"):
            if "question_attempts" in statement:
                conn.execute(statement)


# MIGRATIONS[n] takes a database from version n to n + 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
}


def ensure_current(conn: sqlite3.Connection) -> None:
    """Create the schema in an empty database or migrate an older one to CURRENT_VERSION.

    *conn* must be in autocommit mode (isolation_level=None). Raises NewerSchema when the
    file comes from a newer app, leaving it untouched.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == CURRENT_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have migrated meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > CURRENT_VERSION:
            raise NewerSchema(version)
        if version == 0:
            has_tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
            if has_tables:
                raise sqlite3.DatabaseError("not a DermQuiz progress database (version 0)")
            _create(conn)
        else:
            while version < CURRENT_VERSION:
                MIGRATIONS[version](conn)
                version += 1
        conn.execute(f"PRAGMA user_version = {CURRENT_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
