"""Helpers for the analyze tests: attempts from a compact table, results CSVs written as
`dermquiz results --csv` writes them."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quiz.progress.attempt import Attempt
from quiz.progress.commands import CSV_COLUMNS

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def attempt(
    learner: str,
    case: str,
    choice: str,
    credit: float,
    *,
    answer: str | None = None,
    confidence: int = 2,
    mode: str = "exam",
    pack: str = "p",
    version: str = "1.0.0",
    minutes: float = 0,
    uid: str | None = None,
    seconds: float = 30.0,
    stages: int = 2,
) -> Attempt:
    verdict = "correct" if credit == 1 else "wrong" if credit == 0 else "partial"
    return Attempt(
        pack,
        version,
        case,
        choice,
        answer or f"key-{case}",
        verdict,
        credit,
        confidence,
        stages,
        seconds,
        mode,
        f"s-{learner}",
        T0 + timedelta(minutes=minutes),
        uid or f"{learner}-{case}-{minutes}",
        learner,
    )


def write_csv(path: Path, attempts: list[Attempt]) -> Path:
    """*attempts* as `results --csv` writes them (columns by name: new columns stay empty)."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, restval="")
        writer.writeheader()
        for a in attempts:
            writer.writerow(
                {
                    "time_utc": a.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "pack_id": a.pack_id,
                    "pack_version": a.pack_version,
                    "case_id": a.case_id,
                    "answer": a.answer,
                    "choice": a.choice,
                    "verdict": a.verdict,
                    "credit": a.credit,
                    "confidence": a.confidence,
                    "stages_seen": a.stages_seen,
                    "seconds": a.seconds,
                    "mode": a.mode,
                    "session": a.session,
                    "attempt_id": a.uid,
                    "learner": a.learner,
                }
            )
    return path
