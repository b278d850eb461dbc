"""What to play next: the review queue (due cases, interleaved) and the mistakes queue.

Review (teaching rules R4 and R5): the cases whose FSRS card is due, most overdue first,
plus a few unseen cases a day; then reordered so that the same answer entity never comes
twice in a row while cases of other entities are waiting, and a case of an entity the
learner has confused with the previous one comes next when there is one, so look-alikes
are met side by side. Cases removed from the pack keep their attempts but are not served.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from quiz.progress import history
from quiz.progress.scheduling import replay

# How many of the highest-priority cases the interleaver looks at for each pick: enough to
# find a look-alike, few enough that a learner back after months still gets overdue cases first.
WINDOW = 40


def review_queue(store, pack, now: datetime | None = None, new_per_day: int = 10) -> list[str]:
    """Case ids to review now: due cases and today's share of unseen ones, interleaved."""
    now = history.resolve_now(now)
    attempts = history.until(store.attempts(pack.id), now)
    cards = replay(attempts)
    answers = history.case_answers(pack)

    due = sorted(
        (cards[(pack.id, case.id)].due, index, case.id)
        for index, case in enumerate(pack.cases)
        if (pack.id, case.id) in cards and cards[(pack.id, case.id)].due <= now
    )
    seen = {a.case_id for a in attempts}
    first_day: dict[str, object] = {}
    for attempt in attempts:  # oldest first, so the first kept is the first attempt
        first_day.setdefault(attempt.case_id, history.day_of(attempt.at, now))
    today = now.date()
    introduced_today = sum(1 for case in pack.cases if first_day.get(case.id) == today)
    unseen = [case for case in pack.cases if case.id not in seen]
    fresh = _introduce(unseen, max(0, new_per_day - introduced_today))

    ordered = [case_id for _, _, case_id in due] + fresh
    return interleave(ordered, answers, history.confusions(attempts, answers))


def mistakes_queue(store, pack) -> list[str]:
    """Cases of *pack* whose last attempt was wrong or partly right, oldest miss first."""
    attempts = store.attempts(pack.id)
    last = {a.case_id: a for a in attempts}  # oldest first: the last one wins
    answers = history.case_answers(pack)
    missed = sorted(
        (history.aware(a.at), case_id)
        for case_id, a in last.items()
        if a.verdict != "correct" and case_id in answers
    )
    return interleave(
        [case_id for _, case_id in missed], answers, history.confusions(attempts, answers)
    )


def due_counts(store, pack, days: int = 7, now: datetime | None = None) -> list[int]:
    """Seen cases due on each of the next *days* days; [0] is today, overdue ones included.

    Unseen cases are not counted: they are new, not due (review adds a few a day).
    """
    now = history.resolve_now(now)
    return count_due(store.attempts(pack.id), pack, days, now)


def count_due(attempts: list, pack, days: int, now: datetime) -> list[int]:
    """due_counts() on attempts already read; *now* must be aware."""
    cards = replay(a for a in history.until(attempts, now) if a.pack_id == pack.id)
    counts = [0] * days
    today = now.date()
    for case in pack.cases:
        card = cards.get((pack.id, case.id))
        if card is None:
            continue
        offset = max(0, (history.day_of(card.due, now) - today).days)
        if offset < days:
            counts[offset] += 1
    return counts


def _introduce(unseen: list, limit: int) -> list[str]:
    """Pick *limit* unseen cases: easiest first, taking turns among the answer entities."""
    if limit <= 0:
        return []
    by_entity: dict[str, list] = {}
    for _index, case in sorted(enumerate(unseen), key=lambda p: (p[1].difficulty or 3, p[0])):
        by_entity.setdefault(case.answer, []).append(case.id)
    picked: list[str] = []
    while len(picked) < limit and any(by_entity.values()):
        for ids in by_entity.values():
            if ids and len(picked) < limit:
                picked.append(ids.pop(0))
    return picked


def interleave(case_ids: list[str], answers: dict[str, str], confused: Counter) -> list[str]:
    """Reorder *case_ids* (given in priority order) as the module docstring describes.

    Greedy: each pick is the highest-priority case whose entity differs from the last one
    and after which the rest can still be arranged without repeats (no entity holding more
    than half the remaining places); among those, the case whose entity the learner most
    often confused with the last one's wins. Repeats happen only when one entity is all
    that is left.
    """
    remaining = list(case_ids)
    kinds = [answers.get(c, "") for c in remaining]  # parallel to remaining: its entities
    counts = Counter(kinds)
    weight: Counter = Counter()
    for (a, b), n in confused.items():
        weight[(a, b)] += n
        weight[(b, a)] += n
    out: list[str] = []
    last: str | None = None
    while remaining:
        n = len(remaining)
        top = counts.most_common(2)
        (e1, c1), c2 = top[0], (top[1][1] if len(top) > 1 else 0)

        def can_follow(entity: str, n: int = n, e1: str = e1, c1: int = c1, c2: int = c2) -> bool:
            rest = n - 1
            new_max = max(c1 - 1, c2) if entity == e1 else c1
            return new_max <= (rest + 1) // 2 and counts[entity] - 1 <= rest // 2

        options = [i for i, e in enumerate(kinds[:WINDOW]) if e != last]
        good = [i for i in options if can_follow(kinds[i])]
        if not good and options:
            good = [i for i, e in enumerate(kinds) if e != last and can_follow(e)]
        if good:
            pick = good[0]
            if weight:
                best = max(weight[(last, kinds[i])] for i in good)
                if best:
                    pick = next(i for i in good if weight[(last, kinds[i])] == best)
        elif options:  # no arrangement avoids repeats: spend the most numerous entity now
            pick = max(options, key=lambda i: (counts[kinds[i]], -i))
        else:
            pick = 0  # only the last entity is left
        out.append(remaining.pop(pick))
        last = kinds.pop(pick)
        counts[last] -= 1
    return out
