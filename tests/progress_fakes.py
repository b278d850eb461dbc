"""Small stand-ins for the progress tests: a pack with just what progress reads, and attempts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from quiz.progress.attempt import Attempt

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # a Monday morning, UTC
CREDIT = {"correct": 1.0, "partial": 0.5, "wrong": 0.0}

# The store's first layout (user_version 1), as an older DermQuiz left it, and one row of it.
OLD_SCHEMA = """
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY, pack_id TEXT NOT NULL, pack_version TEXT NOT NULL,
    case_id TEXT NOT NULL, choice TEXT NOT NULL, verdict TEXT NOT NULL, credit REAL NOT NULL,
    confidence INTEGER NOT NULL, stages_seen INTEGER NOT NULL, seconds REAL NOT NULL,
    mode TEXT NOT NULL, session TEXT NOT NULL, at TEXT NOT NULL
);
PRAGMA user_version = 1;
"""
OLD_INSERT = (
    "INSERT INTO attempts (pack_id, pack_version, case_id, choice, verdict, credit, confidence,"
    " stages_seen, seconds, mode, session, at) VALUES"
    " ('fake', '1', ?, 'A', 'correct', 1.0, 2, 1, 3.0, 'learn', 'old', ?)"
)


@dataclass
class FakeCase:
    id: str
    answer: str
    difficulty: int = 3


@dataclass
class FakeEntity:
    name: str


@dataclass
class FakePack:
    id: str
    cases: list[FakeCase]
    entities: dict[str, FakeEntity] = field(default_factory=dict)
    version: str = "1.0.0"
    title: str = "Fake pack"

    def case(self, case_id: str) -> FakeCase:
        return next(c for c in self.cases if c.id == case_id)


def make_pack(spec: dict[str, int], pack_id: str = "fake") -> FakePack:
    """{"A": 3, "B": 2} -> cases a1, a2, a3 (answer A), b1, b2 (answer B)."""
    cases = [FakeCase(f"{e.lower()}{i}", e) for e, n in spec.items() for i in range(1, n + 1)]
    entities = {e: FakeEntity(f"Entity {e}") for e in spec}
    return FakePack(pack_id, cases, entities)


def attempt(
    case_id: str,
    answer: str,
    verdict: str = "correct",
    *,
    choice: str | None = None,
    confidence: int = 2,
    at: datetime = T0,
    pack_id: str = "fake",
    version: str = "1.0.0",
    session: str = "s1",
) -> Attempt:
    if choice is None:
        choice = answer if verdict == "correct" else "X"
    return Attempt(
        pack_id=pack_id,
        pack_version=version,
        case_id=case_id,
        choice=choice,
        answer=answer,
        verdict=verdict,
        credit=CREDIT[verdict],
        confidence=confidence,
        stages_seen=2,
        seconds=12.5,
        mode="learn",
        session=session,
        at=at,
    )


def days(n: float) -> timedelta:
    return timedelta(days=n)
