"""Where the learner stands, computed from the attempts.

Accuracy is mean credit: correct 1, partly right ½, wrong 0. Calibration is that accuracy at
each confidence level (guess, unsure, sure); a learner whose "sure" is not well above their
"guess" should not trust their certainty yet (teaching rule R6). The streak counts the
learner's local calendar days (see quiz.progress.history) with at least one attempt, ending
today, or yesterday while today has none yet: the streak is not broken until the day is over.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from quiz.progress import history
from quiz.progress.attempt import Attempt
from quiz.progress.queue import count_due
from quiz.vocabulary import Confidence

DUE_DAYS = 7


@dataclass(frozen=True)
class EntityStats:
    entity: str
    name: str
    attempts: int
    correct: int
    partial: int
    wrong: int
    accuracy: float  # mean credit, 0..1


@dataclass(frozen=True)
class Confusion:
    """The learner answered `chosen` when the answer was `answer`, `count` times."""

    answer: str
    answer_name: str
    chosen: str
    chosen_name: str
    count: int


@dataclass(frozen=True)
class Calibration:
    confidence: int  # 1 guess, 2 unsure, 3 sure
    label: str
    attempts: int
    accuracy: float | None  # None when no attempt was made at this confidence


@dataclass(frozen=True)
class Stats:
    pack_id: str | None  # None: every pack
    attempts: int
    correct: int
    partial: int
    wrong: int
    accuracy: float | None  # mean credit; None before the first attempt
    cases_seen: int
    per_entity: list[EntityStats]
    confusions: list[Confusion]  # most frequent first
    calibration: list[Calibration]  # confidence 1, 2, 3
    due: list[int]  # seen cases due today (overdue included), tomorrow, ... for 7 days
    streak: int  # local calendar days in a row with attempts
    studied_today: bool
    last_attempt: datetime | None = None
    packs: list[str] = field(default_factory=list)  # pack ids the due counts cover

    def to_json(self) -> dict:
        """A JSON-ready dict (times as UTC ISO 8601): what `dermquiz stats --json` prints."""
        data = asdict(self)
        data["last_attempt"] = self.last_attempt.isoformat() if self.last_attempt else None
        return data


def compute_stats(
    attempts: Iterable[Attempt],
    packs: Sequence = (),
    pack_id: str | None = None,
    now: datetime | None = None,
) -> Stats:
    """Statistics of *attempts* (only *pack_id*'s, if given); *packs* give names and due counts."""
    now = history.resolve_now(now)
    chosen = [a for a in attempts if pack_id is None or a.pack_id == pack_id]
    packs = [p for p in packs if pack_id is None or p.id == pack_id]
    names: dict[str, str] = {}
    answers_by_pack: dict[str, dict[str, str]] = {}
    for pack in packs:
        names.update({eid: entity.name for eid, entity in pack.entities.items()})
        answers_by_pack[pack.id] = history.case_answers(pack)

    def answer(a: Attempt) -> str:
        return history.answer_of(a, answers_by_pack.get(a.pack_id, {}))

    by_entity: dict[str, list[Attempt]] = defaultdict(list)
    pairs: Counter = Counter()
    for a in chosen:
        right = answer(a)
        if right:
            by_entity[right].append(a)
        if a.verdict != "correct" and right and a.choice != right:
            pairs[(right, a.choice)] += 1

    per_entity = sorted(
        (
            EntityStats(
                entity=eid,
                name=names.get(eid, eid),
                attempts=len(items),
                correct=_count(items, "correct"),
                partial=_count(items, "partial"),
                wrong=_count(items, "wrong"),
                accuracy=_accuracy(items),
            )
            for eid, items in by_entity.items()
        ),
        key=lambda s: (s.name.lower(), s.entity),
    )
    confusions = [
        Confusion(a, names.get(a, a), c, names.get(c, c), n)
        for (a, c), n in sorted(pairs.items(), key=lambda p: (-p[1], p[0]))
    ]
    calibration = []
    for level in Confidence:
        items = [a for a in chosen if a.confidence == level]
        accuracy = _accuracy(items) if items else None
        calibration.append(Calibration(level.value, level.word, len(items), accuracy))

    due = [0] * DUE_DAYS
    for pack in packs:
        due = [x + y for x, y in zip(due, count_due(chosen, pack, DUE_DAYS, now))]

    days = {history.day_of(a.at, now) for a in chosen}
    today = now.date()
    return Stats(
        pack_id=pack_id,
        attempts=len(chosen),
        correct=_count(chosen, "correct"),
        partial=_count(chosen, "partial"),
        wrong=_count(chosen, "wrong"),
        accuracy=_accuracy(chosen) if chosen else None,
        cases_seen=len({(a.pack_id, a.case_id) for a in chosen}),
        per_entity=per_entity,
        confusions=confusions,
        calibration=calibration,
        due=due,
        streak=streak(days, today),
        studied_today=today in days,
        last_attempt=max((history.aware(a.at) for a in chosen), default=None),
        packs=[p.id for p in packs],
    )


def streak(days: set, today) -> int:
    """Consecutive days in *days* ending today, or yesterday when today has none yet."""
    day = today if today in days else today - timedelta(days=1)
    n = 0
    while day in days:
        n += 1
        day -= timedelta(days=1)
    return n


def _count(items: list[Attempt], verdict: str) -> int:
    return sum(1 for a in items if a.verdict == verdict)


def _accuracy(items: list[Attempt]) -> float:
    return round(sum(a.credit for a in items) / len(items), 4)


def stats_for(
    store, packs: Sequence = (), pack_id: str | None = None, now: datetime | None = None
) -> Stats:
    """compute_stats() on the attempts in *store*: what the stats command and screen show."""
    return compute_stats(store.attempts(pack_id), packs, pack_id, now)
