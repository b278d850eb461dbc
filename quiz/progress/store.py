"""The progress store: every attempt, on disk before its feedback is shown.

One SQLite file, `progress.sqlite3`, in the data folder (see resolve_data_dir).

Durability: WAL journal with synchronous=FULL. In WAL mode NORMAL already survives the app
being killed (a commit sits in the WAL, which the OS keeps), but a power cut can undo the
last commits; FULL syncs the WAL at every commit, so an attempt whose feedback the learner
saw survives that too. It costs one fsync per answered case, which no learner notices.

Concurrency: two apps on one folder both write; SQLite's lock serialises them and the busy
timeout lets a writer wait for the other instead of failing. Writes take the lock up front
(BEGIN IMMEDIATE) so a reader never has to upgrade to a writer mid-transaction.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path

from quiz.file_kind import not_a_file
from quiz.progress import recovery, schema
from quiz.progress.attempt import Attempt
from quiz.progress.errors import ProgressError
from quiz.progress.question_attempt import QuestionAttempt

__all__ = ["DB_NAME", "ProgressError", "ProgressStore", "open_store", "resolve_data_dir"]

DB_NAME = "progress.sqlite3"
ONLY_LEARNER_ENV = "DERMQUIZ_ONLY_LEARNER"
ENV_VAR = "DERMQUIZ_DATA_DIR"
BUSY_SECONDS = 30.0  # a writer waits this long for another app's transaction
_OVERRIDE_HINT = f"choose another folder with --data-dir DIR or {ENV_VAR}"
# As a sentence of its own (str.capitalize() would lower-case DIR and the variable's name).
_OVERRIDE_SENTENCE = f"Choose another folder with --data-dir DIR or {ENV_VAR}."


def resolve_data_dir(cli_value: str | Path | None = None) -> Path:
    """The folder for progress: the one given, else the settings' (--data-dir,
    $DERMQUIZ_DATA_DIR, the config file, the user data folder)."""
    if cli_value:
        return Path(cli_value).expanduser()
    from quiz.settings import current

    return current().data_dir


def open_store(data_dir: Path | None = None) -> ProgressStore:
    """Open (creating when needed) the progress store in *data_dir*.

    A damaged database is salvaged, moved aside and replaced; `store.notices` says so.
    Raises ProgressError when the folder cannot be used.
    """
    folder = Path(data_dir) if data_dir is not None else resolve_data_dir()
    _prepare_folder(folder)
    path = folder / DB_NAME
    for name in (DB_NAME, *(DB_NAME + c for c in recovery.COMPANIONS), recovery.LOCK_NAME):
        what = not_a_file(folder / name)
        if what is not None:  # not ours to move aside: it is left exactly as found
            raise ProgressError(
                f"{folder / name} is {what}, where DermQuiz keeps a file for your progress. "
                f"Move or rename it, or {_OVERRIDE_HINT}."
            )
    notices: list[str] = []
    with recovery.folder_lock(folder):
        try:
            conn = _connect(path)
        except recovery.Damaged as damage:
            rows = recovery.salvage(path)
            questions = recovery.salvage(
                path, "question_attempts", schema.QUESTION_COLUMNS, "attempt_uid"
            )
            try:
                target = recovery.move_aside(path)
            except OSError as exc:
                raise ProgressError(
                    f"The progress database at {path} is damaged ({damage}) and could not be "
                    f"moved aside: {exc.strerror or exc}. Move or rename it yourself, or "
                    f"{_OVERRIDE_HINT}."
                ) from exc
            conn = _connect(path)
            try:
                restored = recovery.restore(conn, rows) if rows else 0
                if questions:  # format 2's question answers, kept with their attempts
                    recovery.restore_questions(conn, questions)
            except sqlite3.Error as exc:  # a full disk, say: the moved file still has them
                conn.close()
                raise ProgressError(
                    f"The progress database at {path} was damaged ({damage}); it was moved to "
                    f"{target}, but what could be read from it could not be copied into a new "
                    f"one: {exc}. The moved file still holds them. Check that the disk is not "
                    f"full, or {_OVERRIDE_HINT}."
                ) from exc
            notices.append(_damage_notice(path, target, str(damage), restored))
    store = ProgressStore(conn, path, notices)
    # Under `dermquiz serve` one store holds the whole class; the server sets this for each
    # learner's process so that learner's screens (statistics, review) read only their own.
    store.only_learner = os.environ.get(ONLY_LEARNER_ENV) or None
    return store


class ProgressStore:
    """Attempts in, attempts out. Use open_store() to get one."""

    def __init__(self, conn: sqlite3.Connection, path: Path, notices: list[str]) -> None:
        self._conn = conn
        self.path = path
        self.notices = notices  # for the UI to show once: what was repaired, and where
        self.only_learner: str | None = None  # read back only this learner's attempts

    def record(self, attempt: Attempt) -> None:
        """Store *attempt*; it is committed and synced to disk when this returns."""
        values = {
            "uid": attempt.uid or uuid.uuid4().hex,
            "pack_id": attempt.pack_id,
            "pack_version": attempt.pack_version,
            "case_id": attempt.case_id,
            "choice": attempt.choice,
            "answer": attempt.answer,
            "verdict": attempt.verdict,
            "credit": float(attempt.credit),
            "confidence": int(attempt.confidence),
            "stages_seen": int(attempt.stages_seen),
            "seconds": float(attempt.seconds),
            "mode": attempt.mode,
            "session": attempt.session,
            "at": format_time(attempt.at),
            "learner": attempt.learner,
            "cbm": None if attempt.cbm is None else float(attempt.cbm),
        }
        self._insert("attempts", values)

    def record_question(self, qa: QuestionAttempt) -> None:
        """Store one question's answer; committed and synced when this returns."""
        values = {
            "attempt_uid": qa.attempt_uid,
            "question_id": qa.question_id,
            "pack_id": qa.pack_id,
            "case_id": qa.case_id,
            "kind": qa.kind,
            "response": qa.response_json(),
            "credit": float(qa.credit),
            "weight": float(qa.weight),
            "confidence": None if qa.confidence is None else int(qa.confidence),
            "counted": int(bool(qa.counted)),
            "stages_seen": int(qa.stages_seen),
            "seconds": float(qa.seconds),
            "at": format_time(qa.at),
            "learner": qa.learner,
        }
        self._insert("question_attempts", values)

    def _insert(self, table: str, values: dict) -> None:
        columns = ", ".join(values)
        marks = ", ".join(f":{name}" for name in values)
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise ProgressError(
                f"Your answer could not be saved to {self.path}: {exc}. Check that the disk "
                f"is not full and the folder is writable, or {_OVERRIDE_HINT}."
            ) from exc

    def question_attempts(self, pack_id: str | None = None) -> list[QuestionAttempt]:
        """Every stored question answer (of one pack, if given), oldest first. A response
        that is not JSON (a hand-edited row) comes back as its text."""
        sql = f"SELECT {', '.join(schema.QUESTION_COLUMNS)} FROM question_attempts"
        params: tuple = ()
        if pack_id is not None:
            sql += " WHERE pack_id = ?"
            params = (pack_id,)
        try:
            rows = self._conn.execute(sql + " ORDER BY at, rowid", params).fetchall()
        except sqlite3.Error as exc:
            raise ProgressError(
                f"Your progress could not be read from {self.path}: {exc}. Start DermQuiz "
                f"again to have the file checked, or {_OVERRIDE_HINT}."
            ) from exc
        out = []
        for row in rows:
            data = dict(zip(schema.QUESTION_COLUMNS, row))
            try:
                data["response"] = json.loads(data["response"])
            except (TypeError, ValueError):
                pass
            data["counted"] = bool(data["counted"])
            data["at"] = _utc(datetime.fromisoformat(data["at"]))
            out.append(QuestionAttempt(**data))
        return out

    def attempts(self, pack_id: str | None = None) -> list[Attempt]:
        """Every stored attempt (of one pack, if given), oldest first."""
        sql = f"SELECT {', '.join(_READ_COLUMNS)} FROM attempts"
        params: tuple = ()
        where = []
        if pack_id is not None:
            where.append("pack_id = ?")
            params += (pack_id,)
        if self.only_learner is not None:
            where.append("learner = ?")
            params += (self.only_learner,)
        if where:
            sql += " WHERE " + " AND ".join(where)
        try:
            rows = self._conn.execute(sql + " ORDER BY at, id", params).fetchall()
        except sqlite3.Error as exc:
            raise ProgressError(
                f"Your progress could not be read from {self.path}: {exc}. Start DermQuiz "
                f"again to have the file checked, or {_OVERRIDE_HINT}."
            ) from exc
        return [_to_attempt(row) for row in rows]

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def format_time(at: datetime) -> str:
    """UTC, microseconds, fixed width: text order is time order. Naive times count as UTC."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).isoformat(timespec="microseconds")


# In the order of Attempt's fields (each stored under its own name), so a row becomes an
# Attempt positionally (fast on big histories).
_READ_COLUMNS = tuple(f.name for f in fields(Attempt))


def _utc(at: datetime) -> datetime:
    if at.tzinfo is not UTC:  # stored as UTC; this only guards hand-edited rows
        at = at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)
    return at


_AT = _READ_COLUMNS.index("at")


def _to_attempt(row: tuple) -> Attempt:
    values = list(row)
    values[_AT] = _utc(datetime.fromisoformat(values[_AT]))
    return Attempt(*values)


def _prepare_folder(folder: Path) -> None:
    blocking = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        # mkdir would say "File exists", which reads as if the folder were fine.
        raise ProgressError(
            f"The progress folder {folder} could not be created: {blocking} is a file, not a "
            f"folder. Give the path of a folder (it is created if missing), or "
            f"{_OVERRIDE_HINT}."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProgressError(
            f"The progress folder {folder} could not be created: {exc.strerror or exc}. "
            f"Create it yourself, or {_OVERRIDE_HINT}."
        ) from exc
    # Try a real write: permission bits say little (root, ACLs, read-only mounts).
    probe = folder / f".write-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ProgressError(
            f"The progress folder {folder} is not writable ({exc.strerror or exc}), so your "
            f"answers cannot be saved. Make it writable (for example chmod u+w {folder}), "
            f"or {_OVERRIDE_HINT}."
        ) from exc


def _connect(path: Path) -> sqlite3.Connection:
    """Open *path*, make sure it is sound and current. Raises Damaged or ProgressError."""
    recovery.check_header(path)
    if path.exists():
        _check(path)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        raise ProgressError(
            f"The progress database {path} could not be opened: {exc}. {_OVERRIDE_SENTENCE}"
        ) from exc
    try:
        # The schema first: a file that is not DermQuiz's is refused before anything is
        # written to it (WAL mode changes its header), and so kept as found.
        schema.ensure_current(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    except schema.NewerSchema as exc:  # a newer app migrated it since _check
        conn.close()
        raise _newer(path, exc.found) from None
    except sqlite3.OperationalError as exc:
        # Locked for too long, disk full, no permission: the file itself is fine.
        conn.close()
        raise ProgressError(
            f"The progress database {path} could not be opened: {exc}. Check that the file "
            f"is writable and the disk not full (if it is locked, close other DermQuiz "
            f"windows), or {_OVERRIDE_HINT}."
        ) from exc
    except sqlite3.DatabaseError as exc:  # an SQLite file, but not DermQuiz's
        conn.close()
        raise recovery.Damaged(str(exc)) from exc
    return conn


def _newer(path: Path, found: int) -> ProgressError:
    return ProgressError(
        f"The progress database {path} was written by a newer DermQuiz (schema version "
        f"{found}; this one knows up to {schema.CURRENT_VERSION}). Update DermQuiz, or "
        f"{_OVERRIDE_HINT}."
    )


def _check(path: Path) -> None:
    """Refuse a newer app's file and find damage, through a read-only connection.

    Read-only, so a damaged file is moved aside exactly as found: closing a writable
    connection would checkpoint the -wal (perhaps the latest answers) into the damaged
    pages and delete it, and would change a newer app's file.
    """
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_SECONDS)
    except sqlite3.Error as exc:
        raise ProgressError(
            f"The progress database {path} could not be opened: {exc}. {_OVERRIDE_SENTENCE}"
        ) from exc
    try:
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found > schema.CURRENT_VERSION:
            raise _newer(path, found)
        result = conn.execute("PRAGMA quick_check").fetchall()
        if result != [("ok",)]:
            raise recovery.Damaged(f"the integrity check failed: {result[0][0]}")
    except sqlite3.OperationalError as exc:
        # Locked for too long, no permission: the file itself is fine.
        raise ProgressError(
            f"The progress database {path} could not be opened: {exc}. Check that the file "
            f"is readable (if it is locked, close other DermQuiz windows), or "
            f"{_OVERRIDE_HINT}."
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise recovery.Damaged(str(exc)) from exc
    finally:
        conn.close()


def _damage_notice(path: Path, target: Path, reason: str, restored: int) -> str:
    if restored:
        plural = "s" if restored != 1 else ""
        were = "were" if plural else "was"
        saved = f"{restored} answer{plural} could be read from it and {were} kept."
    else:
        saved = "No answers could be read from it; the damaged file is kept there."
    return (
        f"The progress database at {path} was damaged ({reason}); it was moved to {target} "
        f"and a new one started. {saved}"
    )
