"""What an instructor should look at, case by case: each flag a code, a reason and a place.

Thresholds follow the usual item-analysis rules of thumb (Moodle's quiz statistics, Ebel):
see docs/analyze.md. No flag is raised on fewer than MIN_LEARNERS responses.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.analysis.items import MIN_LEARNERS, ItemStats

LOW_R = 0.15
EASY = 0.9
HARD = 0.2
WEAK_SHARE = 0.05
CONFIDENT_SHARE = 0.5  # more than half of an option's choosers at confidence 3
CONFIDENT_MIN_SHARE = 0.1  # a few sure learners are anecdotes, not a class misconception
CONFIDENT_MIN = 3

# In order of how much they matter: the most serious first wherever flags are listed.
CODES = (
    "miskey",
    "negative-discrimination",
    "low-discrimination",
    "confident-error",
    "too-hard",
    "too-easy",
    "weak-distractor",
)
SEVERITY = {code: rank for rank, code in enumerate(CODES)}


@dataclass(frozen=True)
class Flag:
    code: str
    reason: str
    where: str  # FILE:LINE, '' when the pack was not found
    entity: str = ""  # the option a distractor or miskey flag is about (not in the JSON)


def flag_item(item: ItemStats, where_answer: str = "", where_options: str = "") -> list:
    """The flags of one case; *where_…* locate the `answer:` and `options:` lines."""
    if item.n < MIN_LEARNERS:
        return []
    at_answer = where_answer or item.where
    at_options = where_options or item.where
    out: list[Flag] = []
    key = next((o for o in item.options if o.relation == "key"), None)
    key_top = key.top if key else 0
    key_r = key.r if key and key.r is not None else -1.0
    for o in item.options:
        # A wrong option the strong learners prefer to the key, and which tracks the rest score
        # better than the key does: the key is probably wrong, or the case points elsewhere.
        # (Top-group counts alone mislead on hard cases, where few of the top pick the key.)
        if (
            o.relation == "wrong"
            and o.top > key_top
            and o.r is not None
            and o.r > 0
            and o.r > key_r
        ):
            out.append(
                Flag(
                    "miskey",
                    f"{_label(o)} was chosen by {o.top} of the top "
                    f"{item.top_size} learners, the key {_label_id(item.answer)} by "
                    f"{key_top}; its choice tracks the rest score better than the key's "
                    f"(r = {o.r:+.2f} against {key_r:+.2f}) — check the answer",
                    at_answer,
                    o.entity,
                )
            )
    r = item.discrimination
    if r is not None and r < 0:
        out.append(
            Flag(
                "negative-discrimination",
                f"learners who do well on the other cases "
                f"do worse on this one (item–rest r = {r:+.2f})",
                item.where,
            )
        )
    elif r is not None and r < LOW_R:
        out.append(
            Flag(
                "low-discrimination",
                f"the case hardly separates strong from weak "
                f"learners (item–rest r = {r:.2f}, below {LOW_R})",
                item.where,
            )
        )
    if item.facility is not None and item.facility > EASY:
        out.append(
            Flag(
                "too-easy",
                f"facility {item.facility:.2f}: nearly everyone gets it right (above {EASY})",
                item.where,
            )
        )
    if item.facility is not None and item.facility < HARD:
        out.append(
            Flag(
                "too-hard",
                f"facility {item.facility:.2f}: few get it right (below {HARD})",
                item.where,
            )
        )
    for o in item.options:
        if o.offered and not o.right and o.share < WEAK_SHARE:
            out.append(
                Flag(
                    "weak-distractor",
                    f"{_label(o)} was chosen by {o.count} of "
                    f"{item.n} ({o.share:.0%}, below {WEAK_SHARE:.0%}): it distracts "
                    f"no one",
                    at_options,
                    o.entity,
                )
            )
    suspected_keys = {f.entity for f in out if f.code == "miskey"}
    for o in item.options:
        if o.entity in suspected_keys:
            continue  # sure learners choosing the likely true key are no misconception
        if (
            o.relation == "wrong"
            and o.count >= CONFIDENT_MIN
            and o.share >= CONFIDENT_MIN_SHARE
            and o.confident / o.count > CONFIDENT_SHARE
        ):
            out.append(
                Flag(
                    "confident-error",
                    f"{_label(o)} was chosen by {o.count} of {item.n}, "
                    f"{o.confident} of them sure (confidence 3): a misconception to teach",
                    at_answer,
                    o.entity,
                )
            )
    return out


def _label(option) -> str:
    return f"`{option.entity}`"


def _label_id(entity: str) -> str:
    return f"`{entity}`"
