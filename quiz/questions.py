"""Scoring of the format-2 questions, exactly as the table in PRODUCT.md gives it, and a case's
credit as the weighted mean of its questions (the diagnosis among them, weighing 1).

Responses are plain data, as stored (JSON) and as both UIs produce them:
  choose       a list of choice ids
  point        a list of [x, y] marks, fractions of the image (0..1)
  rank         a list of the items, in the learner's order
  concordance  a step of the scale, -2..2 (None: not answered)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from quiz.pack.models import (
    Case,
    ChooseQuestion,
    ConcordanceQuestion,
    Image,
    PointQuestion,
    RankQuestion,
)

DIAGNOSIS = "diagnosis"  # the kind (and question id) of a case's main question


def choose_credit(question: ChooseQuestion, chosen: Sequence[str]) -> float:
    """Keys chosen ÷ number of keys; 0 if a harmful choice is made or more than `pick` are."""
    picked = list(dict.fromkeys(chosen))  # a choice marked twice is still one choice
    if len(picked) > question.allowed or any(c in question.harmful for c in picked):
        return 0.0
    keys = set(question.keys)
    return len(keys.intersection(picked)) / len(keys)


def point_hits(image: Image, keys: Iterable[str], marks: Sequence[Sequence[float]]) -> set[str]:
    """The key labels with at least one mark inside one of their regions (each counted once)."""
    wanted = set(keys)
    hit: set[str] = set()
    for mark in marks:
        x, y = float(mark[0]), float(mark[1])
        for region in image.regions:
            rx, ry, rw, rh = region.box
            if region.label in wanted and rx <= x <= rx + rw and ry <= y <= ry + rh:
                hit.add(region.label)
    return hit


def point_credit(question: PointQuestion, image: Image, marks: Sequence[Sequence[float]]) -> float:
    """Marks inside a key region (each region counted once) ÷ max(number of keys, marks placed)."""
    keys = list(dict.fromkeys(question.keys))
    denominator = max(len(keys), len(marks))
    return len(point_hits(image, keys, marks)) / denominator if denominator else 0.0


def longest_ordered(right: Sequence[str], order: Sequence[str]) -> int:
    """Length of the longest subsequence of *order* that keeps *right*'s relative order."""
    rank = {item: i for i, item in enumerate(right)}
    positions = [rank[item] for item in dict.fromkeys(order) if item in rank]
    tails: list[int] = []  # patience sorting: O(n log n) longest increasing subsequence
    for p in positions:
        i = bisect_left(tails, p)
        if i == len(tails):
            tails.append(p)
        else:
            tails[i] = p
    return len(tails)


def rank_credit(question: RankQuestion, order: Sequence[str]) -> float:
    return longest_ordered(question.items, order) / len(question.items)


def concordance_credit(question: ConcordanceQuestion, step: int | None) -> float:
    """Experts who chose the learner's step ÷ experts who chose the most chosen step."""
    if step is None:
        return 0.0
    top = max(question.panel.values())
    return question.votes(step) / top if top else 0.0


def question_image(case: Case, question: PointQuestion) -> Image | None:
    return next(
        (image for stage in case.stages for image in stage.images if image.file == question.image),
        None,
    )


def credit(case: Case, question, response: Any) -> float:
    """The credit (0–1) of *response* to *question* of *case*. A response of the wrong shape
    (from a damaged store or a script) scores 0 rather than raising."""
    try:
        if isinstance(question, ChooseQuestion):
            return choose_credit(question, [str(c) for c in response or []])
        if isinstance(question, PointQuestion):
            image = question_image(case, question)
            return point_credit(question, image, list(response or [])) if image else 0.0
        if isinstance(question, RankQuestion):
            return rank_credit(question, [str(i) for i in response or []])
        if isinstance(question, ConcordanceQuestion):
            return concordance_credit(question, None if response is None else int(response))
    except (TypeError, ValueError, IndexError):
        return 0.0
    raise TypeError(f"not a question: {question!r}")


@dataclass(frozen=True)
class Scored:
    """One answered (or skipped) question of a case."""

    question_id: str
    kind: str
    weight: float
    credit: float
    confidence: int | None = None  # 1–3 when the learner rated it (certainty-based marking)
    counted: bool = True  # False: skipped (a picture in line mode), left out of the case credit


def case_credit(scored: Iterable[Scored]) -> float:
    """The weighted mean of the counted questions' credits (0 when none counts)."""
    counted = [s for s in scored if s.counted]
    total = sum(s.weight for s in counted)
    return sum(s.weight * s.credit for s in counted) / total if total else 0.0


def verdict_for(credit_: float) -> str:
    """A case's verdict from its credit: all right, nothing right, or in between."""
    if credit_ >= 1 - 1e-9:
        return "correct"
    if credit_ <= 1e-9:
        return "wrong"
    return "partial"
