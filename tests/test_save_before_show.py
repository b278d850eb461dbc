"""Line mode saves each answer before it shows anything about it, and says so when a save
fails: proven by stores that look at the output when asked to write, not by racing a kill."""

from __future__ import annotations

import io
import re

import pytest
from store_wrappers import FailingStore, ReadSpy, WatchedStore
from support import EXAMPLE, TESTS

from quiz.pack.loader import load_pack
from quiz.plain import PlainRunner
from quiz.progress.store import open_store
from quiz.session import Session

CASE = "white-plaque-cheek"
FORMAT2_CASE = "mouth-ulcers-and-erosions"
VERDICT = re.compile(r"^(Correct|Partly right|Wrong)\b", re.MULTILINE)
# three answers to the example case: right, wrong (sure), part right
THREE = "idiopathic\n3\nmetastatic\nsure\nsubep\n\n"
# the format-2 case: its ranking, choice and concordance, then the diagnosis
FORMAT2_INPUT = "\npemphigus, 3, 2\n\n3, direct\n\nless likely\npemph\n2\n"


@pytest.fixture(scope="module")
def example():
    return load_pack(EXAMPLE).pack


@pytest.fixture(scope="module")
def format2():
    return load_pack(TESTS / "packs" / "format2").pack


def _play(pack, store, text, cases, mode="learn"):
    out = io.StringIO()
    stdin = ReadSpy(text, out)
    session = Session(pack, mode, cases, store, learner="t")
    summary = PlainRunner(session, stdin, out).run()
    return stdin, summary, out.getvalue()


@pytest.mark.parametrize("mode", ["learn", "exam"])
def test_each_answer_is_saved_before_anything_about_it_is_printed(example, tmp_path, mode):
    real = open_store(tmp_path)
    out = io.StringIO()
    stdin = ReadSpy(THREE, out)
    watched = WatchedStore(real, stdin.since_last_read)
    session = Session(example, mode, [CASE] * 3, watched, learner="t")
    PlainRunner(session, stdin, out).run()

    assert watched.writes == [f"case {CASE}"] * 3
    assert watched.early == []  # nothing printed between reading the answer and saving it
    assert VERDICT.findall(out.getvalue()) == ["Correct", "Wrong", "Partly right"]
    assert [a.verdict for a in real.attempts()] == ["correct", "wrong", "partial"]
    real.close()


def test_each_question_answer_is_saved_before_its_feedback(format2, tmp_path):
    real = open_store(tmp_path)
    out = io.StringIO()
    stdin = ReadSpy(FORMAT2_INPUT, out)
    watched = WatchedStore(real, stdin.since_last_read)
    session = Session(format2, "learn", [FORMAT2_CASE], watched, learner="t")
    PlainRunner(session, stdin, out).run()

    asked = ["differential", "next-step", "new-fact"]
    assert watched.writes == [f"question {q}" for q in asked] + [
        "question diagnosis",
        f"case {FORMAT2_CASE}",
    ]
    assert watched.early == []
    assert {q.question_id for q in real.question_attempts()} >= {*asked, "diagnosis"}
    real.close()


def test_a_failed_save_is_told_before_the_feedback_and_the_session_goes_on(example, tmp_path):
    real = open_store(tmp_path)
    store = FailingStore(real, failing=CASE)
    _, summary, out = _play(example, store, "idiopathic\n3\n", [CASE])
    warning = (
        f"Warning: this answer could not be saved (Your answer could not be saved to "
        f"{real.path}: database or disk is full."
    )
    assert warning in out
    assert out.index("Confidence") < out.index(warning) < out.index("Correct ✓")
    assert summary.answered == 1 and summary.correct == 1  # counted in the session all the same
    assert real.attempts() == []
    real.close()


def test_only_the_answers_that_failed_are_missing(example, format2, tmp_path):
    """A format-2 case whose writes fail: each question says so; the other case is kept."""
    real = open_store(tmp_path)
    store = FailingStore(real, failing=FORMAT2_CASE)
    _, summary, out = _play(format2, store, FORMAT2_INPUT, [FORMAT2_CASE])
    # the three questions, the picture skipped (kept as a skip) and the case itself
    assert out.count("Warning: this answer could not be saved") == 5
    assert "database or disk is full" in out
    assert real.attempts() == [] and real.question_attempts() == []
    assert summary.answered == 1
    _, _, out = _play(example, store, "idiopathic\n3\n", [CASE])
    assert "could not be saved" not in out
    assert [a.case_id for a in real.attempts()] == [CASE]
    real.close()
