"""A damaged progress database: salvage what can be read, move the file aside, never delete it.

The damaged file (with its -wal and -shm companions) is renamed in the same folder to
`progress-damaged-<UTC time>.sqlite3`, so a person can still try a deeper repair on it.
Rows are read from a temporary copy first, so the kept file stays byte for byte as found.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from quiz.progress.schema import ATTEMPT_COLUMNS

SQLITE_MAGIC = b"SQLite format 3\x00"
COMPANIONS = ("-wal", "-shm")
LOCK_NAME = "progress.lock"


class Damaged(Exception):
    """The database file cannot be trusted; the message says why."""


def check_header(path: Path) -> None:
    """Raise Damaged when *path* exists, is not empty and is not an SQLite file at all."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return
    if head and head != SQLITE_MAGIC:
        raise Damaged("it is not an SQLite database")


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Serialise opening and repairing among processes sharing *folder*.

    Without it, two apps finding the same damage could each move a file aside, the second
    one moving the fresh database the first had just started. The lock is advisory
    (fcntl.flock) and released by the kernel if the process dies; where fcntl does not
    exist (Windows) opening goes unlocked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    with open(folder / LOCK_NAME, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def salvage(
    path: Path, table: str = "attempts", columns: tuple = ATTEMPT_COLUMNS, required: str = "case_id"
) -> list[dict]:
    """Read every row of *table* (the attempts, or the question answers of schema 4) that can
    still be read from a damaged database.

    Reads forward until the first unreadable page, then backward from the end, which gets
    the rows on both sides of a damaged stretch. Returns [] when nothing can be read.
    """
    rows: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="dermquiz-salvage-") as tmp:
        copy = Path(tmp) / "copy.sqlite3"
        try:
            shutil.copyfile(path, copy)
            for suffix in ("-wal",):
                companion = Path(str(path) + suffix)
                if companion.exists():
                    shutil.copyfile(companion, Path(str(copy) + suffix))
            conn = sqlite3.connect(copy, isolation_level=None)
        except (OSError, sqlite3.Error):
            return []
        try:
            # Lets SQLite open a truncated file (it reads the pages that are there) instead
            # of refusing it whole; harmless on this throwaway copy.
            conn.execute("PRAGMA writable_schema = ON")
            found = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            key = "id" if "id" in found else "rowid"
            wanted = [key] + [c for c in columns if c in found]
            if required not in wanted:
                return []
            select = f"SELECT {', '.join(wanted)} FROM {table} ORDER BY {key}"
            for order in ("", " DESC"):
                try:
                    for values in conn.execute(select + order):
                        row = dict(zip(wanted, values))
                        if row[key] in rows:
                            break  # met the rows read in the other direction
                        rows[row[key]] = row
                except sqlite3.DatabaseError:
                    pass  # stop at the damage; the other direction may get further
        except sqlite3.DatabaseError:
            return []
        finally:
            conn.close()
    return [rows[key] for key in sorted(rows)]


def restore(conn: sqlite3.Connection, rows: list[dict]) -> int:
    """Insert salvaged *rows* into the fresh database; returns how many went in."""
    columns = ("id", *ATTEMPT_COLUMNS)  # the same ids: the order of equal times stays
    placeholders = ", ".join("?" for _ in columns)
    sql = f"INSERT OR IGNORE INTO attempts ({', '.join(columns)}) VALUES ({placeholders})"
    restored = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for row in rows:
            values = dict(row)
            values["uid"] = values.get("uid") or uuid.uuid4().hex
            values["answer"] = values.get("answer") or ""
            values["learner"] = values.get("learner") or ""
            # OR IGNORE also skips a row damaged into NULLs: nothing usable in it
            restored += conn.execute(sql, [values.get(c) for c in columns]).rowcount
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return restored


def restore_questions(conn: sqlite3.Connection, rows: list[dict]) -> None:
    """Insert salvaged question answers (schema 4) into the fresh database."""
    from quiz.progress.schema import QUESTION_COLUMNS

    sql = (
        f"INSERT OR IGNORE INTO question_attempts ({', '.join(QUESTION_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in QUESTION_COLUMNS)})"
    )
    conn.execute("BEGIN IMMEDIATE")
    try:
        for row in rows:  # OR IGNORE also skips a row damaged into NULLs
            conn.execute(sql, [row.get(c) for c in QUESTION_COLUMNS])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def aside_name(path: Path, when: datetime | None = None) -> Path:
    """A free name next to *path* for the damaged file, stamped with the UTC time."""
    stamp = (when or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.stem}-damaged-{stamp}{path.suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-damaged-{stamp}-{n}{path.suffix}")
        n += 1
    return candidate


def move_aside(path: Path) -> Path:
    """Rename the damaged file and its companions in place; returns the new main file name."""
    target = aside_name(path)
    path.replace(target)
    for suffix in COMPANIONS:
        companion = Path(str(path) + suffix)
        if companion.exists():
            companion.replace(Path(str(target) + suffix))
    return target
