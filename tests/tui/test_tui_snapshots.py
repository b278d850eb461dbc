"""What the screens look like at 80x24 and 40x12: SVG snapshots (update with --snapshot-update).

The example pack plays the built-in one (relative paths, tiny 64x48 images), graphics are
half-cell blocks, and cursors do not blink, so each picture is the same on every run.
"""

from __future__ import annotations

from textual.widgets import Input
from tui_helpers import home_loaded, make_app, on_screen, settle, until

SIZE = (80, 24)


async def _still(pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await settle(pilot)


def test_home(snap_compare, example_as_builtin):
    async def run_before(pilot) -> None:
        home = await home_loaded(pilot)
        await until(pilot, lambda: home.entry.figures is not None, "the figures")
        await _still(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_case_with_its_picture(snap_compare, example_as_builtin):
    async def run_before(pilot) -> None:
        case = await on_screen(pilot, "CaseScreen")
        await pilot.press("n", "2")
        viewer = case.query_one("#viewer")

        def fitted() -> bool:
            # Drawn for the canvas as it is now, not for a size it had a moment ago.
            view, canvas = viewer.current_view, viewer.query_one("#canvas").size
            if view is None:
                return False
            w, h = view.image.size
            return (
                w <= canvas.width
                and h <= canvas.height * 2
                and (w == canvas.width or h in (canvas.height * 2, canvas.height * 2 - 1))
            )

        await until(pilot, fitted, "the picture fitted to its box")
        await _still(pilot)

    app = make_app(start_pack=example_as_builtin)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_feedback_on_a_wrong_answer(snap_compare, example_as_builtin):
    async def run_before(pilot) -> None:
        await on_screen(pilot, "CaseScreen")
        await pilot.press("3", "slash", *"meta", "enter")
        await on_screen(pilot, "FeedbackScreen")
        await _still(pilot)

    app = make_app(start_pack=example_as_builtin)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_atlas_side_by_side(snap_compare, example_as_builtin):
    async def run_before(pilot) -> None:
        await home_loaded(pilot)
        await pilot.press("a")
        await on_screen(pilot, "AtlasScreen")
        await pilot.press("down", "c", "down", "enter")
        await _still(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


SMALL = (40, 12)


def test_case_at_40x12_is_stacked(snap_compare, example_as_builtin):
    """The case's text has the whole width; the answer takes its turn (/), full width too."""

    async def run_before(pilot) -> None:
        await on_screen(pilot, "CaseScreen")
        await pilot.press("slash", *"idio")
        await until(
            pilot, lambda: pilot.app.screen.query_one("#answer-input")._suggestion, "the completion"
        )
        await _still(pilot)

    app = make_app(start_pack=example_as_builtin)
    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


def test_feedback_at_40x12(snap_compare, example_as_builtin):
    async def run_before(pilot) -> None:
        await on_screen(pilot, "CaseScreen")
        await pilot.press("3", "slash", *"meta", "enter")
        await on_screen(pilot, "FeedbackScreen")
        await _still(pilot)

    app = make_app(start_pack=example_as_builtin)
    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)
