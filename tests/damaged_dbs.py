"""Progress databases as a learner's disk may leave them: full of varied answers, caught with
rows still in the -wal, with a page overwritten. Shared by the damaged-database tests."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from progress_fakes import T0, days

from quiz.progress.attempt import Attempt
from quiz.progress.question_attempt import QuestionAttempt
from quiz.progress.store import DB_NAME, open_store

PAGE = 4096  # SQLite's default page size, which the store keeps
VERDICTS = [("correct", 1.0), ("partial", 0.5), ("wrong", 0.0)]


def varied(n: int) -> Attempt:
    """Attempt number *n*, every column different from its neighbours'."""
    verdict, credit = VERDICTS[n % 3]
    return Attempt(
        pack_id=f"pack{n % 2}",
        pack_version=f"1.{n % 4}",
        case_id=f"case{n:04}",
        choice=f"choice{n % 5}",
        answer=f"answer{n % 7}",
        verdict=verdict,
        credit=credit,
        confidence=1 + n % 3,
        stages_seen=1 + n % 4,
        seconds=n + 0.25,
        mode=("learn", "exam", "review")[n % 3],
        session=f"s{n // 10}",
        at=T0 + days(n / 1000),
        uid=f"uid-{n:04}",
        learner=("", "ana", "ben")[n % 3],
        cbm=None if n % 2 else (n % 5) - 2.0,
    )


def question(n: int) -> QuestionAttempt:
    return QuestionAttempt(
        attempt_uid=f"uid-{n:04}",
        question_id=f"q{n % 3}",
        pack_id=f"pack{n % 2}",
        case_id=f"case{n:04}",
        kind=("choose", "rank", "concordance")[n % 3],
        response={"picked": [n, "ä"]},
        credit=(n % 4) / 4,
        weight=1 + n % 2,
        confidence=None if n % 2 else 1 + n % 3,
        counted=bool(n % 5),
        stages_seen=1 + n % 3,
        seconds=n / 8,
        at=T0 + days(n / 1000),
        learner=("", "ana")[n % 2],
    )


def fill(folder: Path, numbers: range, questions: bool = False) -> None:
    with open_store(folder) as store:
        for n in numbers:
            store.record(varied(n))
            if questions:
                store.record_question(question(n))


def rows(path: Path, table: str = "attempts") -> dict:
    """Every row of *table* as stored, every column, by its key (id, or the question's)."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)  # checkpoints nothing
    try:
        cursor = conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        found = [dict(zip(names, values)) for values in cursor]
    finally:
        conn.close()
    if table == "attempts":
        return {row["id"]: row for row in found}
    return {(row["attempt_uid"], row["question_id"]): row for row in found}


def rootpage(path: Path, name: str) -> int:
    """The first page of table or index *name* (read through the -wal, checkpointing nothing)."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        [(page,)] = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (name,))
    finally:
        conn.close()
    return page


def caught_with_wal(folder: Path, checkpointed: range, in_wal: range, into: Path) -> None:
    """*into* gets a copy of the database taken while another app held it open: the
    *checkpointed* answers are in the main file, the *in_wal* ones only in its -wal."""
    fill(folder, checkpointed)  # closing the last connection checkpoints them
    holder = sqlite3.connect(folder / DB_NAME)
    holder.execute("SELECT count(*) FROM attempts").fetchall()  # keeps the -wal from a checkpoint
    try:
        fill(folder, in_wal)
        into.mkdir()
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(folder / (DB_NAME + suffix), into / (DB_NAME + suffix))
    finally:
        holder.close()


def overwrite_page(path: Path, page: int) -> None:
    """Overwrite page *page* (1-based) of *path* with bytes SQLite cannot read as a page."""
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(b"\xa5" * PAGE)


def pages(path: Path) -> int:
    return path.stat().st_size // PAGE


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name.startswith(DB_NAME)}


def kept_aside(folder: Path) -> dict[str, bytes]:
    """The damaged files moved aside, by the name they had (progress.sqlite3, its -wal ...)."""
    main = [p for p in folder.iterdir() if "-damaged-" in p.name and p.suffix == ".sqlite3"]
    assert len(main) == 1, sorted(p.name for p in folder.iterdir())
    out = {}
    for p in folder.iterdir():
        if p.name.startswith(main[0].name):
            out[DB_NAME + p.name[len(main[0].name) :]] = p.read_bytes()
    return out
