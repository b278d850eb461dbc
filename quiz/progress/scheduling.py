"""Spaced repetition with FSRS: one card per (pack id, case id), rebuilt from the attempts.

The rating given to FSRS comes from the verdict and the learner's confidence:

    verdict   confidence           Rating   why
    wrong     any                  Again    not known: see it again soon
    partial   any                  Hard     right family, not the entity: known only in part
    correct   1 guess              Hard     right, but a guess is weak evidence of knowing it
    correct   2 unsure             Good     known, with effort
    correct   3 sure               Easy     known and known to be known: space it out furthest

With format-2 questions the verdict is the case's (all right, nothing right, in between) and
the rating comes from the case's credit (the weighted mean of its questions): a credit of 1
rates as "correct" above; from ½ up to below 1, Hard; below ½, Again. For a format-1 case the
credit is 1, ½ or 0, so the two readings agree.

Every attempt counts as a review, whatever the mode (learn, exam, review, mistakes): each is
a retrieval. Cards are not stored; they are replayed from the attempts in time order, so the
attempts table is the single source of truth, a case's history survives edits to its text
and a pack's new versions, and a changed mapping applies to the whole history at once.
Fuzzing is off so a replay always gives the same due dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler

from quiz.progress.attempt import Attempt

CardKey = tuple[str, str]  # (pack id, case id)

# Deterministic: replaying the same history must give the same schedule every time.
SCHEDULER = Scheduler(enable_fuzzing=False)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def rating_for(verdict: str, confidence: int, credit: float | None = None) -> Rating:
    """The FSRS rating for an answer (see the table in this module's docstring)."""
    if credit is not None and verdict == "partial" and credit < 0.5:
        return Rating.Again
    if verdict == "correct":
        if confidence >= 3:
            return Rating.Easy
        if confidence <= 1:
            return Rating.Hard
        return Rating.Good
    if verdict == "partial":
        return Rating.Hard
    return Rating.Again


def replay(attempts: Iterable[Attempt]) -> dict[CardKey, Card]:
    """Every case's card after its attempts, applied oldest first."""
    cards: dict[CardKey, Card] = {}
    for attempt in sorted(attempts, key=lambda a: _utc(a.at)):
        key = (attempt.pack_id, attempt.case_id)
        at = _utc(attempt.at)
        card = cards.get(key)
        if card is None:
            # A fixed card_id: fsrs would otherwise use the clock (and sleep a millisecond).
            card = Card(card_id=len(cards) + 1, due=at)
        card, _log = SCHEDULER.review_card(
            card,
            rating_for(attempt.verdict, attempt.confidence, attempt.credit),
            review_datetime=at,
        )
        cards[key] = card
    return cards


def _utc(at: datetime) -> datetime:
    # fsrs insists on tzinfo == timezone.utc exactly.
    if at.tzinfo is None:
        return at.replace(tzinfo=UTC)
    return at.astimezone(UTC)
