"""Format 2 played: line mode asks each kind after its stage, every answer is stored exactly as
given, the case credit is the weighted mean, CBM marks exams, and feedback knows what the
learner had seen when answering."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest
from support import TESTS, run_cli

from quiz.feedback import build_feedback
from quiz.feedback_text import feedback_lines
from quiz.pack.loader import load_pack
from quiz.plain import PlainRunner
from quiz.progress import schema
from quiz.progress.kind_stats import kind_stats
from quiz.progress.store import open_store
from quiz.session import Session

FORMAT2 = TESTS / "packs" / "format2"
CASE = "mouth-ulcers-and-erosions"


@pytest.fixture(scope="module")
def pack():
    result = load_pack(FORMAT2)
    assert result.ok
    return result.pack


def _play(pack, store, text: str, mode="learn", marking="plain", cases=(CASE,)):
    session = Session(pack, mode, list(cases), store, learner="t", marking=marking)
    out = io.StringIO()
    summary = PlainRunner(session, io.StringIO(text), out).run()
    return session, summary, out.getvalue()


def test_line_mode_asks_each_kind_after_its_stage_and_stores_exactly_what_was_given(pack, tmp_path):
    store = open_store(tmp_path)
    # an empty line reveals the next stage, then its questions: rank by names and numbers,
    # choose by number and name, concordance by words
    _, _, out = _play(pack, store, "\npemphigus, 3, 2\n\n3, direct\n\nless likely\npemph\n2\n")
    assert (
        out.index("Flaccid blisters")
        < out.index("Rank the differential")
        < out.index("A biopsy from")
    )
    assert out.index("Which examinations") < out.index("Direct immunofluorescence of skin next")
    assert "skipped and does not count" in out
    rows = {q.question_id: q for q in store.question_attempts()}
    assert rows["differential"].response == [
        "pemphigus-vulgaris",
        "dermatitis-herpetiformis",
        "bullous-pemphigoid",
    ]
    assert rows["differential"].credit == pytest.approx(2 / 3)
    assert rows["next-step"].response == ["serology", "dif"] and rows["next-step"].credit == 1
    assert rows["new-fact"].response == -1 and rows["new-fact"].credit == pytest.approx(3 / 9)
    assert rows["where"].counted is False and rows["where"].response is None
    assert rows["diagnosis"].response == "pemphigus-vulgaris"
    [attempt] = store.attempts()
    # weighted mean: diagnosis 1, rank 2/3, choose 1, concordance 1/3 × 2; the point is not counted
    assert attempt.credit == pytest.approx((1 + 2 / 3 + 1 + 2 / 3) / 5)
    assert attempt.verdict == "partial" and attempt.cbm is None
    assert {r.attempt_uid for r in rows.values()} == {attempt.uid}
    assert "Score: 0.67 of 1 (67%)" in out
    per_kind = {k.kind: k for k in kind_stats(store.attempts(), store.question_attempts())}
    assert per_kind["rank"].accuracy == pytest.approx(2 / 3) and per_kind["point"].skipped == 1
    assert per_kind["diagnosis"].accuracy == 1


def test_a_diagnosis_given_early_still_shows_the_rest_and_asks_its_questions(pack, tmp_path):
    store = open_store(tmp_path)
    _, _, out = _play(pack, store, "pemph\npemphigus, 3, 2\n3, direct\nless likely\n2\n")
    assert (
        out.index("Your answer") < out.index("Rank the differential") < out.index("A biopsy from")
    )
    rows = {q.question_id: q for q in store.question_attempts()}
    assert set(rows) == {"differential", "next-step", "where", "new-fact", "diagnosis"}
    [attempt] = store.attempts()
    assert attempt.stages_seen == 1  # what the learner had seen when they named it
    assert "With what you had seen (the first 1 of 4 stages)" in out


def test_too_many_choices_and_unknown_names_are_asked_again(pack, tmp_path):
    store = open_store(tmp_path)
    _, _, out = _play(pack, store, "\n1 2 3\n\n1 2 4\nnothing-like-it\n1 4\n\n0\npemph\n2\n")
    assert "You may choose up to 2; you gave 3" in out
    assert "'nothing-like-it' matches no choice" in out
    rows = {q.question_id: q for q in store.question_attempts()}
    assert (
        rows["next-step"].response == ["dif", "centre"] and rows["next-step"].credit == 0
    )  # harmful


def test_exam_with_certainty_based_marking(pack, tmp_path):
    store = open_store(tmp_path)
    # each answer is followed by its certainty: rank 3, choose 2, concordance 1, diagnosis 3
    _, summary, out = _play(
        pack,
        store,
        "\n1 3 2\n3\n\ndif serology\n2\n\n-1\n1\nbullous\n3\n",
        mode="exam",
        marking="cbm",
    )
    expected = (-6 + 0 + 2 + 2 * (1 / 3)) / 5
    [attempt] = store.attempts()
    assert attempt.cbm == pytest.approx(expected)
    assert summary.cbm == pytest.approx(expected)
    assert "Certainty-based mark: -0.67 of 3" in out and "plain score 47%" in out
    assert out.index("Exam feedback") < out.index("Question differential (ranking): credit 67%")
    rows = {q.question_id: q for q in store.question_attempts()}
    assert rows["next-step"].confidence == 2 and rows["new-fact"].confidence == 1


def test_results_csv_has_the_cbm_beside_the_plain_credit(tmp_path):
    data = tmp_path / "data"
    play = run_cli(
        "play",
        str(FORMAT2),
        "--plain",
        "--cases",
        CASE,
        "--mode",
        "exam",
        "--marking",
        "cbm",
        "--data-dir",
        str(data),
        input="\n1 2 3\n3\n\n1 3\n3\n\n-2\n3\npemphigus vulgaris\n3\n",
    )
    assert play.returncode == 0, play.stderr
    assert "Certainty-based mark: +3.00 of 3" in play.stdout
    out = run_cli("results", "--csv", "-", "--data-dir", str(data))
    [row] = list(csv.DictReader(io.StringIO(out.stdout)))
    assert float(row["credit"]) == 1.0 and float(row["cbm"]) == 3.0


def test_feedback_separates_what_was_seen_from_what_later_stages_showed(pack):
    case = pack.case(CASE)
    fb = build_feedback(pack, case, "bullous-pemphigoid", 2, stages_seen=2)
    text = "\n".join(feedback_lines(fb))
    seen = text.split("With what you had seen")[1].split("What later stages showed")[0]
    later = text.split("What later stages showed")[1]
    assert "Mouth: this case mouth ulcers; Bullous pemphigoid expects mouth spared" in seen
    assert "split" not in seen
    assert (
        "the biopsy then showed level of the split: suprabasal split, against Bullous pemphigoid"
        in later
    )
    # answered after every stage: the format-1 contrast, unchanged
    full = "\n".join(
        feedback_lines(build_feedback(pack, case, "bullous-pemphigoid", 2, stages_seen=4))
    )
    assert "Against your choice:" in full and "With what you had seen" not in full


def test_schema_3_store_migrates_to_4_keeping_its_attempts(tmp_path):
    conn = sqlite3.connect(tmp_path / "progress.sqlite3", isolation_level=None)
    conn.execute(
        "CREATE TABLE attempts (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE,"  # version 3
        " pack_id TEXT NOT NULL, pack_version TEXT NOT NULL, case_id TEXT NOT NULL,"
        " choice TEXT NOT NULL, answer TEXT NOT NULL DEFAULT '', verdict TEXT NOT NULL,"
        " credit REAL NOT NULL, confidence INTEGER NOT NULL, stages_seen INTEGER NOT NULL,"
        " seconds REAL NOT NULL, mode TEXT NOT NULL, session TEXT NOT NULL, at TEXT NOT NULL,"
        " learner TEXT NOT NULL DEFAULT '')"
    )
    conn.execute(
        "INSERT INTO attempts (uid, pack_id, pack_version, case_id, choice, answer, verdict,"
        " credit, confidence, stages_seen, seconds, mode, session, at, learner) VALUES"
        " ('u1','p','1','c','a','a','correct',1,2,3,4.0,'learn','s',"
        "'2026-01-01T00:00:00.000000+00:00','ada')"
    )
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    with open_store(tmp_path) as store:
        [a] = store.attempts()
        assert a.uid == "u1" and a.learner == "ada" and a.cbm is None
        assert store.question_attempts() == []
    conn = sqlite3.connect(tmp_path / "progress.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION == 4


def test_question_answers_are_salvaged_from_a_damaged_store(tmp_path):
    from quiz.progress.question_attempt import QuestionAttempt

    with open_store(tmp_path) as store:
        for i in range(300):
            store.record_question(
                QuestionAttempt(f"uid{i:03}", "where", "p", "c", "point", [[0.5, 0.25]], 1.0)
            )
    path = tmp_path / "progress.sqlite3"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    with open_store(tmp_path) as store:
        assert "moved to" in store.notices[0]
        kept = store.question_attempts()
    assert 0 < len(kept) < 300
    assert all(q.response == [[0.5, 0.25]] and q.kind == "point" for q in kept)


def test_feedback_right_after_a_question_tells_nothing_of_later_stages_or_the_diagnosis():
    """In learn mode a question's feedback comes before the case's: what later stages show,
    a right order that starts with the diagnosis and an explanation that names it wait for
    the case's feedback, which then tells them."""
    builtin = load_pack(TESTS.parent).pack
    case = builtin.case("dialysis-black-toes")  # ranks its differential after the examination
    rank = next(q for q in case.questions if q.kind == "rank")
    assert rank.items[0] == case.answer
    session = Session(builtin, "learn", [case.id], None, learner="t")
    wrong_order = ", ".join(reversed(rank.items))
    out = io.StringIO()
    PlainRunner(session, io.StringIO(f"\n{wrong_order}\n\n\n{case.answer}\n3\n"), out).run()
    text = out.getvalue()
    asked = text.index("(ranking): credit")
    immediate = text[asked : text.index("Your answer", asked)]
    assert "comes with the case's feedback" in immediate
    assert "Why: with the case's feedback" in immediate
    assert "later stages showed" not in immediate
    assert (
        builtin.taxonomy.label(case.answer) not in immediate.split("Your order:")[1].split("\n")[1]
    )
    after = text[text.index("\nAnswer: ") :]  # the case's feedback
    right = " > ".join(builtin.taxonomy.label(i) for i in rank.items)
    assert f"Right order: {right}" in after and rank.explain.split()[0] in after
