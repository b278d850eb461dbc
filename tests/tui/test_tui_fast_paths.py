"""What makes the app quick must not make it wrong: the home screen's rows from the summaries
kept at the last start, the footer that keeps its keys, the screen that keeps its styles."""

from __future__ import annotations

import threading

from textual.widgets import DataTable
from textual.widgets._footer import FooterKey
from tui_helpers import home_loaded, make_app, on_screen, settle, text_of

import quiz.tui.catalog as catalog_module
from quiz.tui.screens.feedback import FeedbackScreen


def _cases_cell(home) -> str:
    return str(home.query_one("#packs", DataTable).get_cell("0", "cases"))


def _held_loading(monkeypatch) -> threading.Event:
    """Packs load only once the returned event is set (the rows must not wait for that)."""
    release = threading.Event()
    load = catalog_module.load_entry

    def held(entry):
        release.wait(timeout=30)
        return load(entry)

    monkeypatch.setattr(catalog_module, "load_entry", held)
    return release


async def test_the_first_frame_lists_the_pack_from_its_summary(example_as_builtin, monkeypatch):
    async with make_app().run_test(size=(80, 24)) as pilot:  # the first start keeps it
        await home_loaded(pilot)
    release = _held_loading(monkeypatch)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        entry = home.entries[0]
        assert not entry.loaded  # the pack itself is still loading...
        assert _cases_cell(home) == "1"  # ...and its row already says how many cases
        assert "Calcinosis" in str(home.query_one("#packs", DataTable).get_cell("0", "pack"))
        assert "loading…" in text_of(home.query_one("#pack-detail"))
        await pilot.press("l")  # taken, and played once the pack is there
        release.set()
        case = await on_screen(pilot, "CaseScreen")
        assert case.case.id == "white-plaque-cheek"


async def test_a_pack_changed_since_its_summary_waits_for_the_load(
    example_as_builtin, two_cases, monkeypatch
):
    extra = two_cases.parent / "changing"
    two_cases.rename(extra)
    async with make_app(extra_packs=[extra]).run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
    (extra / "cases" / "dialysis-fingertips.yaml").unlink()  # now one case, not two
    release = _held_loading(monkeypatch)
    app = make_app(extra_packs=[extra])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#packs", DataTable)
        assert str(table.get_cell("1", "cases")) == "…"  # not the stale "2"
        release.set()
        await home_loaded(pilot)
        assert str(table.get_cell("1", "cases")) == "1"


def _footer_keys(screen) -> dict[str, tuple[str, bool]]:
    return {k.key: (k.description, k.has_class("-disabled")) for k in screen.query(FooterKey)}


async def test_the_footer_follows_each_answer(example_as_builtin, two_cases):
    app = make_app(start_pack=two_cases)
    async with app.run_test(size=(100, 30)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        assert case.case.id == "dialysis-fingertips"
        case.submit("idiopathic", 2)  # wrong: compare is offered
        feedback = await on_screen(pilot, "FeedbackScreen")
        await settle(pilot)
        keys = _footer_keys(feedback)
        assert keys["n"] == ("Next case", False)
        assert keys["c"] == ("Compare", False)
        await pilot.press("n")
        case = await on_screen(pilot, "CaseScreen")
        case.submit(case.case.answer, 2)  # right, and the last case
        await until_footer(pilot, feedback, "n", ("Summary", False))
        assert "c" not in _footer_keys(feedback)  # a right answer: nothing to compare


async def until_footer(pilot, screen, key, expected) -> None:
    from tui_helpers import until

    await until(pilot, lambda: _footer_keys(screen).get(key) == expected, f"{key} = {expected}")


async def test_a_theme_changed_meanwhile_reaches_the_feedback_screen(example_as_builtin, two_cases):
    app = make_app(start_pack=two_cases)
    async with app.run_test(size=(100, 30)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        case.submit("idiopathic", 2)
        feedback = await on_screen(pilot, "FeedbackScreen")
        before = feedback.query_one("#feedback-note").rich_style
        await pilot.press("n")
        case = await on_screen(pilot, "CaseScreen")
        other = "textual-light" if app.theme != "textual-light" else "nord"
        app.theme = other  # while the feedback screen waits, installed, out of view
        await settle(pilot)
        case.submit("idiopathic", 2)
        again = await on_screen(pilot, "FeedbackScreen")
        assert again is feedback  # the same screen, brought back
        await settle(pilot)
        after = feedback.query_one("#feedback-note").rich_style
        assert after != before
        assert after == feedback.query_one("#feedback-note").rich_style  # settled
        expected = app.current_theme.background
        assert feedback.styles.background.hex.lower() == expected.lower()
        assert isinstance(feedback, FeedbackScreen)


async def test_the_app_collects_garbage_again_after_its_first_frame(example_as_builtin):
    """`dermquiz` holds the cyclic collector off while the app starts (cli._run_app); the app
    must turn it back on, or a long session would never free its cyclic garbage."""
    import gc

    gc.disable()
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await home_loaded(pilot)
            assert gc.isenabled()
    finally:
        gc.enable()
