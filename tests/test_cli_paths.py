"""The command line's other paths (issue 21): review and mistakes with nothing to play,
`stats`, `results`, and a crash inside a command. Each test checks what the user reads, the
exit code, and what is (or is not) in the progress store afterwards.

Commands run in this process through `main(argv)` (as the `dermquiz` script does), so a
function can be made to fail; standard input is a StringIO, so there is no terminal.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from support import EXAMPLE

from quiz.cli import main
from quiz.progress.attempt import Attempt
from quiz.progress.store import open_store

SECOND_CASE = """\
id: dialysis-fingertips
title: Metastatic calcinosis in a patient on dialysis
difficulty: 2
stages:
  - name: Presentation
    text: A 60-year-old woman on haemodialysis has hard white papules on her fingertips.
findings:
  calcium_phosphate: elevated
  tissue_damage: absent
  site: fingers
answer: metastatic
discussion: Kidney failure raises phosphate.
references:
  - Test reference.
"""
NOTHING_DUE = "No case is due for review now. Come back later, or learn new cases.\n"
NO_MISTAKES = "There are no missed cases to go over.\n"
CHEEK, FINGERS = "white-plaque-cheek", "dialysis-fingertips"
RIGHT = {CHEEK: "idiopathic", FINGERS: "metastatic"}  # the right answer of each case


def make_pack(folder: Path, pack_id: str) -> Path:
    """The example pack under another id, with a second case (answer: metastatic)."""
    shutil.copytree(EXAMPLE, folder)
    meta = folder / "pack.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("id: calcinosis-cutis", f"id: {pack_id}", 1),
        encoding="utf-8",
    )
    (folder / "cases" / f"{FINGERS}.yaml").write_text(SECOND_CASE, encoding="utf-8")
    return folder


@pytest.fixture
def pack(tmp_path) -> Path:
    return make_pack(tmp_path / "skin", "skin-test")


@pytest.fixture
def run(capsys, monkeypatch):
    """run(*argv, stdin="") -> (exit code, stdout, stderr) of `dermquiz ARGV`."""

    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(list(argv))
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return run


def data_dir() -> Path:
    return Path(os.environ["DERMQUIZ_DATA_DIR"])


def attempts(pack_id: str | None = None) -> list[Attempt]:
    with open_store(data_dir()) as store:
        return store.attempts(pack_id)


def answer(run, pack: Path, *given: tuple[str, str, int], learner: str = "") -> None:
    """Play the cases in *given* (case id, choice, confidence) in line mode."""
    cases = ",".join(case for case, _, _ in given)
    stdin = "".join(f"{choice}\n{confidence}\n" for _, choice, confidence in given)
    who = ("--learner", learner) if learner else ()
    code, out, _ = run(*who, "play", str(pack), "--plain", "--cases", cases, stdin=stdin)
    assert code == 0 and f"Cases answered: {len(given)} of {len(given)}" in out


# -- review and mistakes with nothing to play ----------------------------------------------


def test_review_with_nothing_due_says_so_in_line_mode_and_records_nothing(run, pack):
    answer(run, pack, (CHEEK, "idiopathic", 3), (FINGERS, "metastatic", 3))  # sure and right
    for plain in ((), ("--plain",)):
        code, out, err = run("play", str(pack), "--mode", "review", *plain)
        assert (code, out) == (0, NOTHING_DUE)
        # without --plain and without a terminal, line mode is chosen and said so
        assert ("no terminal here" in err) == (not plain)
    assert len(attempts()) == 2


def test_review_plays_a_case_missed_yesterday_and_only_that_one(run, pack):
    answer(run, pack, (CHEEK, "idiopathic", 3))
    yesterday = datetime.now(UTC) - timedelta(days=1)
    with open_store(data_dir()) as store:
        store.record(
            Attempt("skin-test", "1.0.0", FINGERS, "idiopathic", "metastatic", "wrong", 0.0, 3,
                    1, 20.0, "learn", "s0", at=yesterday)
        )  # fmt: skip
    code, out, _ = run("play", str(pack), "--mode", "review", stdin="metastatic\n2\n")
    assert code == 0 and "(review mode, 1 case)" in out and NOTHING_DUE not in out
    assert "Metastatic calcinosis in a patient on dialysis" in out  # its title, once answered
    assert [a.mode for a in attempts()] == ["learn", "learn", "review"]


def test_mistakes_with_nothing_missed_says_so_until_an_answer_is_wrong(run, pack):
    code, out, err = run("play", str(pack), "--plain", "--mode", "mistakes")
    assert (code, out, err) == (0, NO_MISTAKES, "")
    assert attempts() == []
    answer(run, pack, (CHEEK, "idiopathic", 2), (FINGERS, "idiopathic", 2))
    code, out, _ = run("play", str(pack), "--plain", "--mode", "mistakes", stdin="metastatic\n2\n")
    assert code == 0 and "(mistakes mode, 1 case)" in out and "Cases answered: 1 of 1" in out
    assert run("play", str(pack), "--plain", "--mode", "mistakes")[:2] == (0, NO_MISTAKES)
    assert [(a.case_id, a.verdict) for a in attempts()][-1] == (FINGERS, "correct")


@pytest.mark.parametrize(
    ("mode", "notice"),
    [("review", NOTHING_DUE.strip()), ("mistakes", NO_MISTAKES.strip())],
)
def test_the_app_started_on_an_empty_queue_tells_so_on_the_home_screen(
    run, monkeypatch, mode, notice
):
    """`dermquiz play --mode review` in a terminal: the app opens, says there is nothing to
    play, and waits on the home screen; the learner quits, and nothing is recorded."""
    import quiz.tui.app as tui_app

    monkeypatch.setattr("quiz.pack.registry.builtin_pack_dir", lambda: EXAMPLE)  # fast to load
    monkeypatch.setenv("DERMQUIZ_GRAPHICS", "halfcell")
    monkeypatch.setattr("quiz.cli._has_terminal", lambda: True)
    with open_store(data_dir()) as store:  # the one case answered now, sure and right
        store.record(
            Attempt("calcinosis-cutis", "1.0.0", CHEEK, "idiopathic", "idiopathic", "correct",
                    1.0, 3, 4, 30.0, "learn", "s0")
        )  # fmt: skip
    seen: dict = {}

    async def drive(app) -> int | None:
        async with app.run_test(size=(80, 24)) as pilot:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + 20  # a failsafe only: the loop ends as soon as it shows
            while not any(n.message == notice for n in app._notifications):
                assert loop.time() < deadline, f"no notice; screen {app.screen!r}"
                await pilot.pause()
            await pilot.pause()
            seen["notes"] = [(n.title, n.message) for n in app._notifications]
            seen["screen"] = type(app.screen).__name__
            await pilot.press("ctrl+q")
        return app.return_code

    monkeypatch.setattr(tui_app.DermQuizApp, "run", lambda app: asyncio.run(drive(app)))
    assert run("play", "--mode", mode) == (0, "", "")
    assert seen["notes"] == [(mode.capitalize(), notice)]
    assert seen["screen"] == "HomeScreen"
    assert len(attempts()) == 1


# -- stats ---------------------------------------------------------------------------------


def test_stats_before_any_answer(run):
    code, out, err = run("stats")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "DermQuiz progress — all packs",
        f"Kept in {data_dir() / 'progress.sqlite3'}",
        "",
        "No answers yet. Start a session with `dermquiz` or `dermquiz play --plain`.",
    ]
    code, out, _ = run("stats", "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["attempts"], data["accuracy"], data["per_entity"], data["confusions"]) == (
        0,
        None,
        [],
        [],
    )
    assert data["due"] == [0] * 7 and data["streak"] == 0 and data["last_attempt"] is None


def _squeeze(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", line.strip()) for line in text.splitlines()]


def test_stats_after_a_right_and_a_wrong_answer(run, pack):
    answer(run, pack, (CHEEK, "idiopathic", 3), (FINGERS, "idiopathic", 1))
    code, out, err = run("stats")
    lines = _squeeze(out)
    assert (code, err) == (0, "")
    assert "Attempts: 2 on 2 cases — 1 correct, 0 partly right, 1 wrong" in lines
    assert "Accuracy: 50% (partly right counts half)" in lines
    assert "Streak: 1 day in a row, including today (local calendar days)" in lines
    entities = lines[lines.index("Accuracy per entity (the right answer):") + 1 :][:2]
    assert sorted(entities) == [
        "Idiopathic calcinosis cutis 100% of 1 attempt",
        "Metastatic calcinosis cutis 0% of 1 attempt",
    ]
    assert "1× answered Idiopathic calcinosis cutis when it was Metastatic calcinosis cutis" in (
        lines
    )
    calibration = lines[lines.index("Confidence and accuracy:") + 1 :][:3]
    assert calibration == [
        "guess 0% of 1 attempt",
        "unsure – of 0 attempts",
        "sure 100% of 1 attempt",
    ]
    due = lines[lines.index("Cases due (seen cases; review also brings a few new ones a day):") + 1]
    assert due.startswith("today ") and len(due.split(", ")) == 7

    data = json.loads(run("stats", "--json")[1])
    assert (data["attempts"], data["correct"], data["wrong"], data["accuracy"]) == (2, 1, 1, 0.5)
    assert "skin-test" in data["packs"] and data["studied_today"] is True
    assert [(c["chosen"], c["answer"], c["count"]) for c in data["confusions"]] == [
        ("idiopathic", "metastatic", 1)
    ]
    assert [(r["label"], r["attempts"]) for r in data["calibration"]] == [
        ("guess", 1),
        ("unsure", 0),
        ("sure", 1),
    ]
    # the wrong answer comes back within a minute (today, or tomorrow just before midnight);
    # the sure right one not this week
    assert sum(data["due"][:2]) == 1 and sum(data["due"]) == 1


def test_stats_of_one_pack_count_only_its_answers(run, pack, tmp_path):
    other = make_pack(tmp_path / "other", "other-pack")
    answer(run, pack, (CHEEK, "idiopathic", 2), (FINGERS, "metastatic", 2))
    answer(run, other, (CHEEK, "metastatic", 2))
    assert "Attempts: 3 on 3 cases — 2 correct, 0 partly right, 1 wrong" in run("stats")[1]
    code, out, _ = run("stats", "--pack", "skin-test")
    assert code == 0 and out.startswith("DermQuiz progress — Calcinosis cutis (skin-test)\n")
    assert "Attempts: 2 on 2 cases — 2 correct, 0 partly right, 0 wrong" in out
    by_folder = run("stats", "--pack", str(other))[1]  # a folder names its pack too
    assert "(other-pack)" in by_folder and "Attempts: 1 on 1 case — 0 correct" in by_folder
    data = json.loads(run("stats", "--pack", "other-pack", "--json")[1])
    assert (data["pack_id"], data["attempts"], data["wrong"]) == ("other-pack", 1, 1)


def test_stats_of_a_named_learner_count_only_their_answers(run, pack, monkeypatch):
    """A class's shared folder holds everyone's answers: `--learner` (or DERMQUIZ_LEARNER)
    shows one learner's; with no learner named, every answer counts."""
    monkeypatch.delenv("DERMQUIZ_LEARNER", raising=False)
    answer(run, pack, (CHEEK, "idiopathic", 3), learner="ana")
    answer(run, pack, (CHEEK, "metastatic", 1), (FINGERS, "metastatic", 2), learner="ben")
    assert "Attempts: 3 on 2 cases — 2 correct" in run("stats")[1]
    assert (
        "Attempts: 1 on 1 case — 1 correct, 0 partly right, 0 wrong"
        in (run("--learner", "ana", "stats")[1])
    )
    data = json.loads(run("--learner", "ben", "stats", "--json")[1])
    assert (data["attempts"], data["correct"], data["wrong"]) == (2, 1, 1)
    monkeypatch.setenv("DERMQUIZ_LEARNER", "ana")
    assert json.loads(run("stats", "--json")[1])["attempts"] == 1
    assert json.loads(run("--learner", "nobody", "stats", "--json")[1])["attempts"] == 0


def test_stats_of_an_unknown_pack_names_the_known_ones(run, pack):
    answer(run, pack, (CHEEK, "idiopathic", 2))
    code, out, err = run("stats", "--pack", "skin-tset")
    assert (code, out) == (1, "")
    assert "no pack `skin-tset` is installed and no answers are stored for it" in err
    assert "skin-test" in err.split("packs with progress or installed:")[1]


# -- results -------------------------------------------------------------------------------

HEADER = (
    "time_utc,pack_id,pack_version,case_id,answer,answer_name,choice,choice_name,verdict,"
    "credit,confidence,stages_seen,seconds,mode,session,attempt_id,learner,cbm"
)


def test_results_with_no_answers_is_the_header_alone(run, tmp_path):
    assert run("results", "--csv", "-") == (0, HEADER + "\r\n", "")
    target = tmp_path / "class.csv"
    code, out, err = run("results", "--csv", str(target))
    assert (code, out) == (0, "")
    assert err == f"Wrote 0 attempts to {target}.\n"
    assert target.read_text(encoding="utf-8").splitlines() == [HEADER]


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_results_of_a_class_store_has_a_row_per_answer_and_learner(run, pack, tmp_path):
    answer(run, pack, (CHEEK, "idiopathic", 3), learner="ann")
    answer(run, pack, (CHEEK, "metastatic", 1), (FINGERS, "metastatic", 2), learner="bob")
    target = tmp_path / "class.csv"
    code, _, err = run("results", "--csv", str(target))
    assert code == 0 and err == f"Wrote 3 attempts to {target}.\n"
    rows = _rows(target)
    assert [(r["learner"], r["case_id"], r["choice_name"], r["verdict"]) for r in rows] == [
        ("ann", CHEEK, "Idiopathic calcinosis cutis", "correct"),
        ("bob", CHEEK, "Metastatic calcinosis cutis", "wrong"),
        ("bob", FINGERS, "Metastatic calcinosis cutis", "correct"),
    ]
    assert {r["answer_name"] for r in rows if r["case_id"] == CHEEK} == {
        "Idiopathic calcinosis cutis"
    }
    assert [r["confidence"] for r in rows] == ["3", "1", "2"]
    assert {r["pack_id"] for r in rows} == {"skin-test"} and {r["mode"] for r in rows} == {"learn"}
    assert rows[1]["session"] == rows[2]["session"] != rows[0]["session"]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r["time_utc"]) for r in rows)


def test_results_of_one_pack(run, pack, tmp_path):
    other = make_pack(tmp_path / "other", "other-pack")
    answer(run, pack, (CHEEK, "idiopathic", 2))
    answer(run, other, (FINGERS, "idiopathic", 2))
    code, out, _ = run("results", "--csv", "-", "--pack", "other-pack")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [(r["pack_id"], r["case_id"]) for r in rows] == [("other-pack", FINGERS)]
    target = tmp_path / "other.csv"
    assert run("results", "--csv", str(target), "--pack", "other-pack")[2] == (
        f"Wrote 1 attempt of pack other-pack to {target}.\n"
    )
    assert run("results", "--csv", "-", "--pack", "nope")[0] == 1


def test_results_that_cannot_be_written_say_so_and_leave_nothing_behind(run, pack, tmp_path):
    answer(run, pack, (CHEEK, "idiopathic", 2))
    code, out, err = run("results", "--csv", str(tmp_path / "missing" / "r.csv"))
    assert (code, out) == (1, "")
    assert f"could not write {tmp_path / 'missing' / 'r.csv'}: No such file or directory" in err
    folder = tmp_path / "a-folder"
    folder.mkdir()
    code, _, err = run("results", "--csv", str(folder))
    assert code == 1 and "could not write" in err and "choose another file name" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder", "skin"]  # no temp file


# -- the crash handler ---------------------------------------------------------------------


def _crash_on_second_case(monkeypatch) -> None:
    from quiz.plain import PlainRunner

    play_case = PlainRunner.play_case

    def failing(self, case, number, total):
        if number == 2:
            raise RuntimeError("a bug met on the second case")
        return play_case(self, case, number, total)

    monkeypatch.setattr(PlainRunner, "play_case", failing)


def _crash_message(err: str) -> str:
    lines = [line for line in err.splitlines() if "went wrong" in line]
    assert len(lines) == 1, err
    return lines[0]


def test_a_crash_keeps_the_answers_given_and_tells_where_the_report_is(run, pack, monkeypatch):
    with monkeypatch.context() as patch:  # (not monkeypatch.undo: the data folder is one too)
        _crash_on_second_case(patch)
        code, out, err = run("play", str(pack), "--plain", stdin="metastatic\n2\nidiopathic\n2\n")
    log = Path(os.environ["DERMQUIZ_CACHE_DIR"]) / "crash.log"
    assert code == 70
    assert "Case 1 of 2" in out and "Case 2 of 2" not in out
    assert _crash_message(err) == (
        "dermquiz: something went wrong inside DermQuiz (RuntimeError). "
        f"The details are in {log}: please send that file with your report."
    )
    report = log.read_text(encoding="utf-8")
    assert "Traceback" in report and "RuntimeError: a bug met on the second case" in report
    assert [(a.case_id, a.verdict) for a in attempts()] == [(FINGERS, "correct")]
    # the bug is fixed: the learner comes back to the session
    code, out, _ = run("play", str(pack), "--plain", stdin="y\nidiopathic\n2\n")
    assert code == 0
    assert "with 1 of 2 cases answered. Continue it? [Y/n]" in out
    assert "Continuing: 1 case(s) left." in out and "Cases answered: 1 of 1" in out
    assert [a.case_id for a in attempts()] == [FINGERS, CHEEK]


def test_a_crash_after_an_answer_keeps_that_answer(run, pack, monkeypatch):
    def failing(feedback):
        raise ValueError("feedback could not be written")

    monkeypatch.setattr("quiz.plain.feedback_lines", failing)
    code, _, err = run("play", str(pack), "--plain", "--cases", CHEEK, stdin="idiopathic\n3\n")
    assert code == 70 and "(ValueError)" in _crash_message(err)
    assert [(a.case_id, a.verdict, a.confidence) for a in attempts()] == [(CHEEK, "correct", 3)]


def test_a_crash_in_stats_is_a_message_and_exit_code_70(run, monkeypatch):
    def failing(*args, **kwargs):
        raise KeyError("pack")

    monkeypatch.setattr("quiz.progress.commands.compute_stats", failing)
    code, out, err = run("stats")
    assert (code, out) == (70, "")
    assert "(KeyError)" in _crash_message(err) and "crash.log" in err


def test_the_crash_report_goes_to_the_cache_folder_of_the_config_named(run, monkeypatch, tmp_path):
    monkeypatch.delenv("DERMQUIZ_CACHE_DIR")  # else it wins over the config file
    config = tmp_path / "course.toml"
    config.write_text(f'cache_dir = "{tmp_path / "course-cache"}"\n', encoding="utf-8")
    monkeypatch.setattr("quiz.progress.commands.compute_stats", lambda *a: 1 / 0)
    code, _, err = run("--config", str(config), "stats")
    assert code == 70
    assert f"The details are in {tmp_path / 'course-cache' / 'crash.log'}" in _crash_message(err)
    assert "ZeroDivisionError" in (tmp_path / "course-cache" / "crash.log").read_text("utf-8")


def test_a_crash_report_that_cannot_be_written_is_still_a_short_message(run, monkeypatch, tmp_path):
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("DERMQUIZ_CACHE_DIR", str(blocker))
    monkeypatch.setattr("quiz.progress.commands.compute_stats", lambda *a: 1 / 0)
    code, out, err = run("stats")
    assert (code, out) == (70, "")
    assert _crash_message(err) == (
        "dermquiz: something went wrong inside DermQuiz (ZeroDivisionError). The details could "
        f"not be saved ({blocker} is not writable: File exists): please report what you did."
    )


@pytest.mark.filterwarnings("ignore:coroutine .* was never awaited:RuntimeWarning")  # Textual's
def test_a_crash_inside_the_app_is_the_same_short_message(run, monkeypatch):
    """The app (Textual) would print its traceback with locals in the terminal."""
    import quiz.tui.app as tui_app

    monkeypatch.setattr("quiz.pack.registry.builtin_pack_dir", lambda: EXAMPLE)
    monkeypatch.setenv("DERMQUIZ_GRAPHICS", "halfcell")
    monkeypatch.setattr("quiz.cli._has_terminal", lambda: True)
    textual_run = tui_app.DermQuizApp.run

    def crashing_run(app):
        def failing():
            raise LookupError("a bug in a screen")

        app.call_later(failing)
        return textual_run(app, headless=True)  # the real run, without a terminal

    monkeypatch.setattr(tui_app.DermQuizApp, "run", crashing_run)
    code, _, err = run("play")
    log = Path(os.environ["DERMQUIZ_CACHE_DIR"]) / "crash.log"
    assert code == 70
    assert " ".join(err.split()) == (  # (the app wraps it to the terminal's width)
        "dermquiz: something went wrong inside DermQuiz (LookupError). "
        f"The details are in {log}: please send that file with your report."
    )
    assert "LookupError: a bug in a screen" in log.read_text(encoding="utf-8")
