"""Review and mistakes queues on fixed clocks: what a learner is offered, and in what order."""

from __future__ import annotations

from itertools import pairwise

import pytest
from progress_fakes import T0, attempt, days, make_pack

from quiz.progress.queue import due_counts, interleave, mistakes_queue, review_queue
from quiz.progress.scheduling import rating_for
from quiz.progress.store import open_store

MIN = days(1 / 1440)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path) as s:
        yield s


def answer(store, pack, case_id, verdict="correct", confidence=2, at=T0, choice=None):
    store.record(
        attempt(
            case_id,
            pack.case(case_id).answer,
            verdict,
            confidence=confidence,
            at=at,
            choice=choice,
            pack_id=pack.id,
        )
    )


def test_rating_follows_verdict_and_confidence():
    assert [rating_for("wrong", c).name for c in (1, 2, 3)] == ["Again"] * 3
    assert [rating_for("partial", c).name for c in (1, 2, 3)] == ["Hard"] * 3
    assert [rating_for("correct", c).name for c in (1, 2, 3)] == ["Hard", "Good", "Easy"]


def test_new_cases_come_a_few_a_day_from_different_entities(store):
    pack = make_pack({"A": 4, "B": 4, "C": 4})
    first = review_queue(store, pack, now=T0, new_per_day=3)
    assert len(first) == 3
    assert {pack.case(c).answer for c in first} == {"A", "B", "C"}
    for case_id in first:
        answer(store, pack, case_id, confidence=3)  # known for sure: due again in days
    assert review_queue(store, pack, now=T0 + days(0.25), new_per_day=3) == []
    tomorrow = review_queue(store, pack, now=T0 + days(1), new_per_day=3)
    assert len(tomorrow) == 3 and not set(tomorrow) & set(first)
    assert review_queue(store, pack, now=T0 + days(1), new_per_day=0) == []


def test_a_missed_case_comes_back_sooner_than_a_known_one(store):
    pack = make_pack({"A": 1, "B": 1})
    answer(store, pack, "a1", "wrong")
    answer(store, pack, "b1", "correct", confidence=3)
    assert review_queue(store, pack, now=T0 + days(0.1), new_per_day=0) == ["a1"]
    answer(store, pack, "a1", "correct", at=T0 + days(0.1))
    assert "b1" not in review_queue(store, pack, now=T0 + days(3), new_per_day=0)
    assert "b1" in review_queue(store, pack, now=T0 + days(30), new_per_day=0)


def test_the_queue_changes_with_the_answers(store):
    pack = make_pack({"A": 2, "B": 2})
    for case_id in ("a1", "a2", "b1", "b2"):
        answer(store, pack, case_id, "wrong")
    later = T0 + days(1)
    assert sorted(review_queue(store, pack, now=later, new_per_day=0)) == ["a1", "a2", "b1", "b2"]
    answer(store, pack, "a1", "correct", confidence=3, at=later)
    assert sorted(review_queue(store, pack, now=later + MIN, new_per_day=0)) == ["a2", "b1", "b2"]


def _all_missed(store, pack):
    for case in pack.cases:
        answer(store, pack, case.id, "wrong")


def test_review_never_serves_one_entity_twice_in_a_row_while_others_wait(store):
    pack = make_pack({"A": 6, "B": 3, "C": 2})
    _all_missed(store, pack)
    queue = review_queue(store, pack, now=T0 + days(1), new_per_day=0)
    assert sorted(queue) == sorted(c.id for c in pack.cases)
    entities = [pack.case(c).answer for c in queue]
    assert all(x != y for x, y in pairwise(entities)), entities


def test_a_numerous_entity_is_spread_out_from_the_start():
    # Taking the highest-priority cases first (B, C) would leave A, A, A at the end.
    answers = {"b0": "B", "c0": "C", "a0": "A", "a1": "A", "a2": "A"}
    order = interleave(list(answers), answers, confused={})
    assert [answers[c] for c in order] == ["A", "B", "A", "C", "A"]


def test_repeats_only_when_one_entity_is_all_that_is_left():
    answers = {f"a{i}": "A" for i in range(5)} | {"b0": "B"}
    order = interleave(list(answers), answers, confused={})
    entities = [answers[c] for c in order]
    for i in range(len(entities) - 1):
        if entities[i] == entities[i + 1]:
            assert set(entities[i:]) == {"A"}


def test_confused_entities_are_served_next_to_each_other(store):
    pack = make_pack({"A": 2, "B": 2, "C": 2})
    for case in pack.cases:  # every case missed; A taken for C (and C for A) again and again
        choice = {"A": "C", "C": "A", "B": "X"}[case.answer]
        answer(store, pack, case.id, "wrong", choice=choice)
    queue = review_queue(store, pack, now=T0 + days(1), new_per_day=0)
    entities = [pack.case(c).answer for c in queue]
    neighbours = {frozenset(pair) for pair in pairwise(entities)}
    assert frozenset("AC") in neighbours
    # every A is next to a C: the look-alikes are met side by side
    for i, e in enumerate(entities):
        if e == "A":
            around = entities[max(0, i - 1) : i] + entities[i + 1 : i + 2]
            assert "C" in around, entities


def test_mistakes_are_exactly_the_cases_last_answered_wrong_or_partly(store):
    pack = make_pack({"A": 2, "B": 2, "C": 1})
    answer(store, pack, "a1", "wrong")
    answer(store, pack, "a1", "correct", at=T0 + MIN)  # put right since: not a mistake now
    answer(store, pack, "a2", "correct")
    answer(store, pack, "b1", "correct")
    answer(store, pack, "b1", "wrong", at=T0 + MIN)
    answer(store, pack, "c1", "partial", choice="C-parent")
    store.record(attempt("removed-case", "A", "wrong"))  # no longer in the pack
    assert sorted(mistakes_queue(store, pack)) == ["b1", "c1"]


def test_a_removed_case_keeps_its_attempts_but_is_not_served(store):
    pack = make_pack({"A": 1, "B": 1})
    store.record(attempt("gone", "A", "wrong"))
    assert "gone" not in review_queue(store, pack, now=T0 + days(1))
    assert [a.case_id for a in store.attempts(pack.id)] == ["gone"]


def test_a_new_pack_version_keeps_the_schedule(store):
    pack = make_pack({"A": 1})
    store.record(attempt("a1", "A", "wrong", version="1.0.0"))
    pack.version = "2.0.0"
    assert review_queue(store, pack, now=T0 + days(1), new_per_day=0) == ["a1"]


def test_due_counts_for_the_next_days(store):
    pack = make_pack({"A": 1, "B": 1, "C": 1, "D": 1})
    answer(store, pack, "a1", "wrong")  # due in minutes: today
    answer(store, pack, "b1", "correct", confidence=3)  # Easy: 8 days, beyond the week
    answer(store, pack, "c1")  # Good twice: graduates to a 2-day interval
    answer(store, pack, "c1", at=T0 + days(10 / 1440))
    counts = due_counts(store, pack, now=T0 + days(0.5))
    assert counts == [1, 0, 1, 0, 0, 0, 0]  # d1 was never seen: new, not due
    assert due_counts(store, pack, days=3, now=T0 + days(5)) == [2, 0, 0]  # overdue counts today
