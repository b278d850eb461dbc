"""Which cases a session plays and in what order, and what each answer leaves behind: the
attempt and question rows, the saved flag the learner is shown, the plan of an unfinished
learn session, the pack remembered for the statistics, and the summary at the end."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from support import TESTS
from teaching_pack import write_teaching_pack

from quiz.pack.loader import load_pack
from quiz.pack.registry import builtin_pack_dir
from quiz.progress.attempt import Attempt
from quiz.progress.played import played_folders
from quiz.progress.resume import unfinished
from quiz.progress.store import open_store
from quiz.session import (
    Session,
    SessionError,
    count_new,
    new_cases,
    order_for_learner,
    select_cases,
)

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
ALL = ["a-purpura", "b-purpura", "c-purpura", "d-eczema", "e-wheals", "purpura-legs"]


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    result = load_pack(write_teaching_pack(tmp_path_factory.mktemp("teaching") / "teaching"))
    assert result.ok, result.diagnostics
    return result.pack


@pytest.fixture(scope="module")
def pack2():
    result = load_pack(TESTS / "packs" / "format2")
    assert result.ok
    return result.pack


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "data") as opened:
        yield opened


class FailingStore:
    """A real store whose next *failures* writes fail, as a full disk would."""

    def __init__(self, store, failures: int = 1):
        self._store, self.failures = store, failures

    def _fail(self) -> None:
        if self.failures:
            self.failures -= 1
            raise sqlite3.OperationalError("database or disk is full")

    def record(self, attempt):
        self._fail()
        self._store.record(attempt)

    def record_question(self, qa):
        self._fail()
        self._store.record_question(qa)

    def __getattr__(self, name):
        return getattr(self._store, name)


def _answered_at(store, pack_id, case_id, at, answer="lcv"):
    store.record(
        Attempt(
            pack_id=pack_id,
            pack_version="1.0.0",
            case_id=case_id,
            choice=answer,
            answer=answer,
            verdict="correct",
            credit=1.0,
            confidence=2,
            stages_seen=1,
            seconds=5.0,
            mode="learn",
            session="old",
            at=at,
        )
    )


# -- which cases, in which order ------------------------------------------------------------
def test_learn_order_is_easier_first_with_look_alikes_interleaved(pack):
    # by difficulty a, b (1), c, e (2), d (3), purpura-legs (5); a, b, c and purpura-legs are
    # all leukocytoclastic vasculitis, so another answer goes between them while one is left
    assert select_cases(pack, "learn") == [
        "a-purpura",
        "e-wheals",
        "b-purpura",
        "d-eczema",
        "c-purpura",
        "purpura-legs",
    ]
    assert select_cases(pack, "learn", count=3) == ["a-purpura", "e-wheals", "b-purpura"]


def test_learn_order_with_a_history_new_cases_first_then_the_longest_unseen(pack, store):
    _answered_at(store, "teaching", "d-eczema", T0, answer="allergic-contact")
    _answered_at(store, "teaching", "b-purpura", T0 + timedelta(hours=2))
    _answered_at(store, "teaching", "c-purpura", T0 + timedelta(hours=1))
    _answered_at(store, "teaching", "e-wheals", T0 + timedelta(hours=1), "urticarial-vasculitis")
    _answered_at(store, "teaching", "d-eczema", T0 + timedelta(hours=3), "allergic-contact")
    _answered_at(store, "another-pack", "a-purpura", T0)  # not this pack's history
    # new: a and purpura-legs; then by the last answer (d's is the latest), a tie by id
    assert order_for_learner(pack, ALL, store) == [
        "a-purpura",
        "purpura-legs",
        "c-purpura",
        "e-wheals",
        "b-purpura",
        "d-eczema",
    ]
    assert select_cases(pack, "learn", store=store, count=2) == ["a-purpura", "purpura-legs"]
    assert count_new(pack, ALL, store) == 2
    assert new_cases(pack, ["purpura-legs", "e-wheals", "a-purpura"], store) == [
        "purpura-legs",
        "a-purpura",
    ]
    assert new_cases(pack, ["e-wheals"], None) == ["e-wheals"]
    assert count_new(pack, ALL, None) == 6


def test_an_exam_draws_its_cases_at_random_without_repeats(pack):
    assert select_cases(pack, "exam", count=4, rng=random.Random(7)) == random.Random(7).sample(
        ALL, k=4
    )
    # ten by default, or every case of a smaller pack, each once
    drawn = select_cases(pack, "exam")
    assert sorted(drawn) == sorted(ALL)
    assert select_cases(pack, "exam", count=50, rng=random.Random(1)) == random.Random(1).sample(
        ALL, k=6
    )


def test_the_built_in_pack_gives_ten_cases_to_an_exam_and_ten_new_a_day(store):
    builtin = load_pack(builtin_pack_dir()).pack
    assert len(builtin.cases) > 10
    drawn = select_cases(builtin, "exam", rng=random.Random(3))
    assert len(drawn) == len(set(drawn)) == 10
    assert drawn == random.Random(3).sample([c.id for c in builtin.cases], k=10)
    assert len(set(select_cases(builtin, "review", store=store))) == 10


def test_tags_choose_the_cases_whatever_their_case(pack):
    assert select_cases(pack, "learn", tags=["LEGS"]) == ["a-purpura", "c-purpura"]
    assert select_cases(pack, "exam", tags=["hands"], rng=random.Random(2)) == ["d-eczema"]
    assert select_cases(pack, "learn", tags=[]) == select_cases(pack, "learn")


def test_an_unknown_tag_is_refused_with_the_packs_tags(pack, tmp_path):
    with pytest.raises(SessionError) as caught:
        select_cases(pack, "learn", tags=["skin", "nails"])
    assert str(caught.value) == (
        "no case of the pack `teaching` has the tag `skin`, `nails`; its tags are: "
        "Legs, drugs, hands, legs"
    )
    folder = write_teaching_pack(tmp_path / "untagged")
    for path in (folder / "cases").iterdir():
        text = path.read_text(encoding="utf-8")
        path.write_text(
            "".join(line for line in text.splitlines(True) if not line.startswith("tags:")),
            encoding="utf-8",
        )
    untagged = load_pack(folder).pack
    with pytest.raises(SessionError, match=r"its tags are: \(none\)$"):
        select_cases(untagged, "learn", tags=["legs"])


def test_cases_asked_for_by_id_are_played_as_given(pack):
    assert select_cases(pack, "exam", ["e-wheals", "a-purpura"]) == ["e-wheals", "a-purpura"]
    with pytest.raises(SessionError) as caught:
        select_cases(pack, "learn", ["a-purpura", "e-wheal"])
    assert str(caught.value).startswith("the pack `teaching` has no case `e-wheal`; ")
    assert "e-wheals" in str(caught.value)
    with pytest.raises(SessionError) as caught:
        select_cases(pack, "learn", ["zzzzzzzz"])
    assert str(caught.value) == "the pack `teaching` has no case `zzzzzzzz`"


@pytest.mark.parametrize(
    "mode, kwargs, message",
    [
        ("quiz", {}, "unknown mode `quiz`; use one of learn, exam, review, mistakes"),
        ("exam", {"count": 0}, "0 is not a number of cases: give a whole number from 1 up"),
        ("review", {}, "review mode needs the progress store, which could not be opened"),
        ("mistakes", {}, "mistakes mode needs the progress store, which could not be opened"),
    ],
)
def test_a_session_that_cannot_start_says_why(pack, mode, kwargs, message):
    with pytest.raises(SessionError) as caught:
        select_cases(pack, mode, **kwargs)
    assert str(caught.value) == message


def test_review_brings_a_few_new_cases_a_day_and_mistakes_the_missed_ones(pack, store):
    assert len(select_cases(pack, "review", store=store, new_per_day=2)) == 2
    assert len(select_cases(pack, "review", store=store)) == 6
    assert select_cases(pack, "review", store=store, tags=["legs"]) == ["a-purpura", "c-purpura"]
    assert len(select_cases(pack, "review", store=store, count=3)) == 3
    assert select_cases(pack, "mistakes", store=store) == []
    session = Session(pack, "learn", ALL, store)
    for case_id in ["a-purpura", "c-purpura", "d-eczema"]:
        session.answer(case_id, "eczema", 2, stages_seen=1, seconds=3.0)
    assert select_cases(pack, "mistakes", store=store, tags=["legs"]) == ["a-purpura", "c-purpura"]
    assert select_cases(pack, "mistakes", store=store, count=1) == ["a-purpura"]


# -- what an answer leaves behind -----------------------------------------------------------
def test_an_answer_is_recorded_as_given(pack, store):
    session = Session(pack, "exam", ["purpura-legs"], store, learner="ada")
    answered = session.answer("purpura-legs", "eczema", 3, stages_seen=2, seconds=12.3456)
    assert (answered.choice, answered.confidence, answered.stages_seen, answered.seconds) == (
        "eczema",
        3,
        2,
        12.3456,
    )
    assert answered.saved and answered.save_error == ""
    assert answered.feedback.confidence_note.startswith("You were sure, and it was wrong.")
    assert answered.feedback.answered_early
    [attempt] = store.attempts()
    assert (attempt.choice, attempt.answer, attempt.verdict, attempt.credit) == (
        "eczema",
        "lcv",
        "wrong",
        0.0,
    )
    assert (attempt.confidence, attempt.stages_seen, attempt.seconds) == (3, 2, 12.35)
    assert (attempt.mode, attempt.session, attempt.learner) == ("exam", session.session_id, "ada")
    assert (attempt.pack_id, attempt.pack_version, attempt.cbm) == ("teaching", "1.0.0", None)
    assert store.question_attempts() == []  # a format-1 case has no question rows


def test_an_answer_that_could_not_be_saved_says_so(pack, store):
    session = Session(pack, "learn", ["a-purpura", "b-purpura"], FailingStore(store))
    first = session.answer("a-purpura", "lcv", 2, stages_seen=1, seconds=1.0)
    assert (first.saved, first.save_error) == (False, "database or disk is full")
    second = session.answer("b-purpura", "lcv", 2, stages_seen=1, seconds=1.0)
    assert (second.saved, second.save_error) == (True, "")
    assert [a.case_id for a in store.attempts()] == ["b-purpura"]
    alone = Session(pack, "learn", ["a-purpura"]).answer("a-purpura", "lcv", 2, 1, 1.0)
    assert (alone.saved, alone.save_error) == (False, "no progress store is open")


def test_the_pack_is_remembered_for_the_statistics_once_an_answer_is_kept(pack, store):
    data = store.path.parent
    session = Session(pack, "learn", ["a-purpura", "b-purpura"], FailingStore(store))
    session.answer("a-purpura", "lcv", 2, stages_seen=1, seconds=1.0)
    assert played_folders(data) == {}  # that answer was not kept
    Session(pack, "exam", ["a-purpura"], store).answer("a-purpura", "lcv", 2, 1, 1.0)
    assert played_folders(data) == {"teaching": pack.root.resolve()}


def test_a_learn_session_left_halfway_can_be_continued_and_is_forgotten_once_done(pack, store):
    session = Session(pack, "learn", ["a-purpura", "b-purpura", "c-purpura"], store)
    session.answer("a-purpura", "lcv", 2, stages_seen=1, seconds=1.0)
    left = unfinished(store, pack)
    assert left is not None
    assert (left.session, left.cases) == (
        session.session_id,
        ("a-purpura", "b-purpura", "c-purpura"),
    )
    assert left.remaining == ("b-purpura", "c-purpura")
    session.answer("b-purpura", "lcv", 2, stages_seen=1, seconds=1.0)
    assert unfinished(store, pack).remaining == ("c-purpura",)
    session.answer("c-purpura", "lcv", 2, stages_seen=1, seconds=1.0)
    assert unfinished(store, pack) is None
    assert list((store.path.parent / "unfinished").iterdir()) == []


def test_finishing_an_older_learn_session_keeps_the_newer_ones_plan(pack, store):
    older = Session(pack, "learn", ["a-purpura", "b-purpura"], store)
    older.answer("a-purpura", "lcv", 2, stages_seen=1, seconds=1.0)
    newer = Session(pack, "learn", ["c-purpura", "d-eczema"], store)
    newer.answer("c-purpura", "lcv", 2, stages_seen=1, seconds=1.0)
    older.answer("b-purpura", "lcv", 2, stages_seen=1, seconds=1.0)
    assert unfinished(store, pack).remaining == ("d-eczema",)


def test_an_exam_or_an_unsaved_answer_leaves_no_plan(pack, store):
    Session(pack, "exam", ["a-purpura", "b-purpura"], store).answer("a-purpura", "lcv", 2, 1, 1.0)
    assert unfinished(store, pack) is None
    assert not (store.path.parent / "unfinished").exists()
    failing = Session(pack, "learn", ["a-purpura", "b-purpura"], FailingStore(store))
    failing.answer("a-purpura", "lcv", 2, stages_seen=1, seconds=1.0)
    assert not (store.path.parent / "unfinished").exists()


# -- format 2: the questions of a case ------------------------------------------------------
CASE2 = "mouth-ulcers-and-erosions"


def test_each_question_is_recorded_as_given_then_the_diagnosis_beside_them(pack2, store):
    session = Session(pack2, "learn", [CASE2], store, learner="grace")
    rank = session.answer_question(
        CASE2,
        "differential",
        ["pemphigus-vulgaris", "bullous-pemphigoid", "dermatitis-herpetiformis"],
        stages_seen=2,
        seconds=4.5678,
    )
    assert (rank.credit, rank.stages_seen, rank.saved, rank.save_error) == (1.0, 2, True, "")
    session.answer_question(CASE2, "new-fact", -2, stages_seen=4, confidence=3)
    session.answer_question(CASE2, "where", None, stages_seen=3, counted=False)
    answered = session.answer(CASE2, "pemphigus-vulgaris", 3, stages_seen=4, seconds=30.126)
    rows = {q.question_id: q for q in store.question_attempts()}
    assert list(rows) == ["differential", "new-fact", "where", "diagnosis"]
    differential = rows["differential"]
    assert (differential.kind, differential.weight, differential.stages_seen) == ("rank", 1.0, 2)
    assert (differential.seconds, differential.learner, differential.confidence) == (
        4.57,
        "grace",
        None,
    )
    concordance = rows["new-fact"]
    assert (concordance.weight, concordance.confidence, concordance.seconds) == (2.0, 3, 0.0)
    assert (concordance.response, concordance.credit) == (-2, 1.0)
    assert rows["where"].counted is False
    diagnosis = rows["diagnosis"]
    assert (diagnosis.kind, diagnosis.response, diagnosis.credit) == (
        "diagnosis",
        "pemphigus-vulgaris",
        1.0,
    )
    # a plain session asks no certainty of the diagnosis row; the attempt keeps it
    assert (diagnosis.confidence, diagnosis.stages_seen, diagnosis.seconds) == (None, 4, 30.13)
    assert diagnosis.learner == "grace"
    [attempt] = store.attempts()
    assert {q.attempt_uid for q in rows.values()} == {attempt.uid}
    assert answered.credit == attempt.credit == pytest.approx(1.0)
    assert [r.question.id for r in answered.questions] == ["differential", "new-fact", "where"]


def test_under_cbm_the_diagnosis_row_keeps_the_certainty(pack2, store):
    session = Session(pack2, "exam", [CASE2], store, marking="cbm")
    session.answer_question(CASE2, "new-fact", -2, stages_seen=4, confidence=3)
    session.answer(CASE2, "pemphigus-vulgaris", 2, stages_seen=4, seconds=1.0)
    rows = {q.question_id: q for q in store.question_attempts()}
    assert rows["diagnosis"].confidence == 2


def test_a_question_answer_that_could_not_be_saved_says_so(pack2, store):
    session = Session(pack2, "learn", [CASE2], FailingStore(store))
    result = session.answer_question(CASE2, "new-fact", -2, stages_seen=4)
    assert (result.saved, result.save_error) == (False, "database or disk is full")
    alone = Session(pack2, "learn", [CASE2]).answer_question(CASE2, "new-fact", -2, stages_seen=4)
    assert (alone.saved, alone.save_error) == (False, "no progress store is open")
    assert alone.credit == 1.0


# -- the summary ----------------------------------------------------------------------------
def _play(session, answers):
    for case_id, choice in answers:
        session.answer(case_id, choice, 2, stages_seen=1, seconds=10.0)
    return session.summary


def test_the_summary_counts_each_verdict_and_lists_what_was_missed(pack):
    session = Session(pack, "learn", ALL)
    summary = _play(
        session,
        [("a-purpura", "lcv"), ("b-purpura", "vasculitis"), ("c-purpura", "eczema")],
    )()
    assert (summary.correct, summary.partial, summary.wrong) == (1, 1, 1)
    assert [a.case_id for a in summary.missed] == ["b-purpura", "c-purpura"]
    assert (summary.answered, summary.total, summary.score) == (3, 6, 1.5)
    # learn mode scores what was answered; the time is the answers' unless the clock is given
    assert (summary.out_of, summary.percent, summary.seconds) == (3, 50, 30.0)
    assert session.summary(seconds=95.0).seconds == 95.0
    assert summary.cbm is None


def test_an_exam_is_marked_on_every_case_set(pack):
    session = Session(pack, "exam", ALL)
    summary = _play(session, [("a-purpura", "lcv"), ("b-purpura", "lcv")])()
    assert (summary.out_of, summary.unanswered, summary.percent) == (6, 4, 33)


def test_under_cbm_the_summary_adds_up_the_marks(pack):
    session = Session(pack, "exam", ["a-purpura", "b-purpura"], marking="cbm")
    session.answer("a-purpura", "lcv", 3, stages_seen=1, seconds=1.0)  # sure and right: +3
    session.answer("b-purpura", "eczema", 1, stages_seen=1, seconds=1.0)  # a wrong guess: 0
    assert session.summary().cbm == pytest.approx(3.0)
