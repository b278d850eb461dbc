"""The statistics screen and the modes that use the history: review and mistakes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tui_helpers import home_loaded, make_app, on_screen, settle, text_of, until

from quiz.progress.attempt import Attempt
from quiz.progress.store import open_store, resolve_data_dir
from quiz.tui.widgets.bar_chart import BarChart
from quiz.tui.widgets.confusion_grid import ConfusionGrid


def history() -> None:
    now = datetime.now(UTC)
    rows = [  # (case, choice, answer, verdict, credit, confidence, days ago)
        ("white-plaque-cheek", "metastatic", "idiopathic", "wrong", 0.0, 3, 1),
        ("white-plaque-cheek", "idiopathic", "idiopathic", "correct", 1.0, 2, 0),
        ("dialysis-fingertips", "idiopathic", "metastatic", "wrong", 0.0, 1, 0),
    ]
    with open_store(resolve_data_dir(None)) as store:
        for case, choice, answer, verdict, credit, confidence, ago in rows:
            store.record(
                Attempt(
                    "calcinosis-cutis",
                    "1.0.0",
                    case,
                    choice,
                    answer,
                    verdict,
                    credit,
                    confidence,
                    4,
                    30.0,
                    "learn",
                    "s1",
                    at=now - timedelta(days=ago, minutes=5),
                )
            )


async def test_statistics_show_accuracy_confusions_calibration_and_due_days(
    example_as_builtin, two_cases
):
    history()
    app = make_app(extra_packs=[two_cases])
    async with app.run_test(size=(80, 24)) as pilot:
        home = await home_loaded(pilot)
        await pilot.press("down")
        await until(pilot, lambda: home.entry.figures is not None, "the figures")
        assert (home.entry.figures.seen, home.entry.figures.missed) == (2, 1)
        await pilot.press("s")
        stats = await on_screen(pilot, "StatsScreen")
        await until(pilot, lambda: stats.stats is not None, "the statistics")
        assert "3 answers · score 33%" in text_of(stats.query_one("#stats-headline"))
        entities = stats.query_one("#stats-entities", BarChart).bars
        assert [(b.label, b.text) for b in entities] == [
            ("Idiopathic calcinosis cutis", "50% of 2"),
            ("Metastatic calcinosis cutis", "0% of 1"),
        ]
        grid = stats.query_one(ConfusionGrid)
        assert {(p[0], p[2], p[4]) for p in grid.pairs} == {
            ("idiopathic", "metastatic", 1),
            ("metastatic", "idiopathic", 1),
        }
        assert "A Idiopathic calcinosis cutis" in str(grid.render())
        calibration = stats.query_one("#stats-calibration", BarChart).bars
        assert [b.text for b in calibration] == ["0% of 1", "100% of 1", "0% of 1"]
        assert "Rate a few more answers as sure" in text_of(
            stats.query_one("#stats-calibration-note")
        )
        due = stats.query_one("#stats-due", BarChart).bars
        assert len(due) == 7 and due[0].label == "today"
        # Mistakes from here: exactly the case whose last answer was wrong.
        await pilot.press("m")
        case = await on_screen(pilot, "CaseScreen")
        assert case.flow.mode == "mistakes" and case.flow.session.case_ids == [
            "dialysis-fingertips"
        ]
        await pilot.press("escape", "y")
        await on_screen(pilot, "StatsScreen")  # nothing answered: straight back


async def test_review_and_mistakes_from_home(example_as_builtin, two_cases):
    app = make_app(extra_packs=[two_cases])
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        await pilot.press("down", "m")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "HomeScreen"  # no mistakes yet: a notice
        assert any("no missed cases" in n.message for n in app._notifications)
        await pilot.press("r")  # review introduces new cases a few a day
        case = await on_screen(pilot, "CaseScreen")
        assert case.flow.mode == "review"
        assert sorted(case.flow.session.case_ids) == ["dialysis-fingertips", "white-plaque-cheek"]
