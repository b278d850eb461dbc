"""Reading the attempt history: the learner's days, answers filled in, confusions.

Days are the learner's local calendar days: the time zone of the `now` passed in, or the
machine's local zone when none is. (A daily limit that reset mid-afternoon, as UTC days
would for a learner in California, would surprise them; tests pass a UTC `now` to pin it.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime

from quiz.progress.attempt import Attempt


def resolve_now(now: datetime | None) -> datetime:
    """An aware `now`: the one given (naive counts as UTC) or the local clock."""
    if now is None:
        return datetime.now().astimezone()
    if now.tzinfo is None:
        return now.replace(tzinfo=UTC)
    return now


def day_of(at: datetime, now: datetime) -> date:
    """The calendar day of *at* in the time zone of *now*."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(now.tzinfo).date()


def until(attempts: Iterable[Attempt], now: datetime) -> list[Attempt]:
    """The attempts made up to *now* (a fixed clock in the past ignores later ones)."""
    return [a for a in attempts if aware(a.at) <= now]


def aware(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def answer_of(attempt: Attempt, case_answers: dict[str, str]) -> str:
    """The attempt's answer entity; for old rows that lack it, the case's current answer."""
    if attempt.answer:
        return attempt.answer
    if attempt.verdict == "correct":
        return attempt.choice
    return case_answers.get(attempt.case_id, "")


def case_answers(pack) -> dict[str, str]:
    return {case.id: case.answer for case in pack.cases}


def confusions(attempts: Iterable[Attempt], answers: dict[str, str]) -> Counter:
    """(answer, choice) -> how often the learner chose `choice` when it was `answer`."""
    pairs: Counter = Counter()
    for attempt in attempts:
        answer = answer_of(attempt, answers)
        if attempt.verdict != "correct" and answer and attempt.choice != answer:
            pairs[(answer, attempt.choice)] += 1
    return pairs
