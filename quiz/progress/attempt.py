"""One learner's answer to one case: the record the progress store keeps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Attempt:
    pack_id: str
    pack_version: str
    case_id: str
    choice: str  # the entity id the learner chose
    answer: str  # the case's answer entity id at the time of the attempt
    verdict: str  # "correct" | "partial" | "wrong"
    credit: float  # 0..1: 1, ½ or 0 for a diagnosis; the weighted mean with format-2 questions
    confidence: int  # 1 guess, 2 unsure, 3 sure
    stages_seen: int  # how many stages were revealed when the learner answered
    seconds: float  # time from opening the case to answering
    mode: str  # "learn" | "exam" | "review" | "mistakes"
    session: str  # an id shared by the attempts of one session
    at: datetime = field(default_factory=utc_now)  # always UTC
    # Unique id given by the store when empty; not part of equality (same answer, same attempt).
    uid: str = field(default="", compare=False)
    learner: str = ""  # who answered: a name, or a roster id under `serve`; '' when not known
    cbm: float | None = None  # the certainty-based mark, when the session was marked that way
