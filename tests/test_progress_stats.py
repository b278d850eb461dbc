"""Statistics on a known history, and the `stats` and `results` commands on a real pack."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from progress_fakes import T0, attempt, days, make_pack

from quiz.progress.commands import CSV_COLUMNS, run_results, run_stats
from quiz.progress.stats import compute_stats
from quiz.progress.store import open_store

EXAMPLE = Path(__file__).parent / "packs" / "example"


def history():
    """Three days of answers on entities A, B, C (see the expected figures below)."""
    return [
        attempt("a1", "A", "correct", confidence=3, at=T0),
        attempt("a2", "A", "wrong", choice="C", confidence=3, at=T0),
        attempt("b1", "B", "partial", choice="C", confidence=1, at=T0),
        attempt("a1", "A", "correct", confidence=2, at=T0 + days(1)),
        attempt("c1", "C", "wrong", choice="A", confidence=1, at=T0 + days(1)),
        attempt("a2", "A", "wrong", choice="C", confidence=2, at=T0 + days(1)),
        attempt("b1", "B", "correct", confidence=3, at=T0 + days(2)),
    ]


def test_statistics_of_a_known_history():
    pack = make_pack({"A": 2, "B": 1, "C": 1})
    stats = compute_stats(history(), [pack], now=T0 + days(2))
    assert (stats.attempts, stats.correct, stats.partial, stats.wrong) == (7, 3, 1, 3)
    assert stats.accuracy == 0.5  # (3 + ½) / 7
    assert stats.cases_seen == 4
    assert [(e.name, e.attempts, e.accuracy) for e in stats.per_entity] == [
        ("Entity A", 4, 0.5),
        ("Entity B", 2, 0.75),
        ("Entity C", 1, 0.0),
    ]
    assert [(c.answer_name, c.chosen_name, c.count) for c in stats.confusions] == [
        ("Entity A", "Entity C", 2),
        ("Entity B", "Entity C", 1),
        ("Entity C", "Entity A", 1),
    ]
    assert [(c.label, c.attempts, c.accuracy) for c in stats.calibration] == [
        ("guess", 2, 0.25),
        ("unsure", 2, 0.5),
        ("sure", 3, 0.6667),
    ]
    assert (stats.streak, stats.studied_today) == (3, True)
    assert len(stats.due) == 7 and sum(stats.due) <= 4
    json.dumps(stats.to_json())  # JSON-ready as it is


def test_the_streak_counts_calendar_days_and_waits_for_today():
    pack = make_pack({"A": 2, "B": 1, "C": 1})
    assert compute_stats(history(), [pack], now=T0 + days(3)).streak == 3  # today not over
    assert compute_stats(history(), [pack], now=T0 + days(4)).streak == 0  # a day missed
    gap = history()[:3] + history()[6:]  # days 0 and 2, nothing on day 1
    assert compute_stats(gap, [pack], now=T0 + days(2)).streak == 1


def test_statistics_of_one_pack_leave_the_others_out():
    pack = make_pack({"A": 2, "B": 1, "C": 1})
    other = attempt("z1", "Z", "wrong", pack_id="other")
    stats = compute_stats(history() + [other], [pack], pack_id="fake", now=T0 + days(2))
    assert stats.attempts == 7 and "Z" not in {e.entity for e in stats.per_entity}
    assert compute_stats(history() + [other], [pack], now=T0 + days(2)).attempts == 8


def test_old_attempts_without_their_answer_take_it_from_the_pack():
    pack = make_pack({"A": 1, "B": 1})
    old = attempt("a1", "A", "wrong", choice="B")
    old = type(old)(**{**old.__dict__, "answer": ""})
    stats = compute_stats([old], [pack], now=T0)
    assert [(c.answer, c.chosen) for c in stats.confusions] == [("A", "B")]


@pytest.fixture
def data_dir(tmp_path):
    """A data folder with the PRODUCT.md example installed as pack `example-pack`."""
    folder = tmp_path / "data"
    pack = folder / "packs" / "example"
    shutil.copytree(EXAMPLE, pack)
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("id: calcinosis-cutis", "id: example-pack"))
    with open_store(folder) as store:
        store.record(
            attempt(
                "white-plaque-cheek",
                "idiopathic",
                "wrong",
                choice="metastatic",
                confidence=3,
                pack_id="example-pack",
                at=T0,
            )
        )
        store.record(
            attempt(
                "white-plaque-cheek",
                "idiopathic",
                "correct",
                confidence=2,
                pack_id="example-pack",
                at=T0 + days(1),
            )
        )
    return folder


def test_stats_command_prints_a_readable_report(data_dir, capsys):
    assert run_stats("example-pack", False, str(data_dir)) == 0
    out = capsys.readouterr().out
    assert "Attempts: 2 on 1 case" in out
    assert "Idiopathic calcinosis cutis" in out
    assert "1× answered Metastatic calcinosis cutis when it was Idiopathic calcinosis cutis" in out
    assert "sure" in out and "today" in out


def test_stats_command_prints_json(data_dir, capsys):
    assert run_stats("example-pack", True, str(data_dir)) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["attempts"] == 2 and data["pack_id"] == "example-pack"
    assert data["confusions"][0]["chosen"] == "metastatic"
    assert len(data["due"]) == 7 and data["packs"] == ["example-pack"]


def test_stats_for_an_unknown_pack_says_so(data_dir, capsys):
    assert run_stats("no-such-pack", False, str(data_dir)) == 1
    err = capsys.readouterr().err
    assert "no-such-pack" in err and "example-pack" in err


def test_results_command_writes_one_row_per_attempt(data_dir, tmp_path, capsys):
    with open_store(data_dir) as store:
        store.record(
            attempt(
                "white-plaque-cheek",
                "idiopathic",
                "wrong",
                choice="=cmd|calc",
                pack_id="example-pack",
                at=T0 + days(2),
            )
        )
    target = tmp_path / "results.csv"
    assert run_results(str(target), None, str(data_dir)) == 0
    assert "Wrote 3 attempts" in capsys.readouterr().err
    with open(target, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    first = dict(zip(rows[0], rows[1]))
    assert first["time_utc"] == "2025-03-03T09:00:00Z"
    assert (first["answer_name"], first["choice_name"]) == (
        "Idiopathic calcinosis cutis",
        "Metastatic calcinosis cutis",
    )
    assert (first["verdict"], first["confidence"]) == ("wrong", "3")
    assert dict(zip(rows[0], rows[3]))["choice"] == "'=cmd|calc"  # never run by a spreadsheet
    assert len(rows) == 4
