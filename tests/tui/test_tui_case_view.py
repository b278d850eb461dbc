"""The case screen at 80x24: a new stage opens at its heading, the picture fills the full
screen, escape leaves the pictures before it ends the session, the status line is whole."""

from __future__ import annotations

import textwrap

from textual.widgets import Markdown
from tui_helpers import make_app, on_screen, settle, text_of, until

from quiz.tui.widgets.image_canvas import ImageCanvas
from quiz.tui.widgets.image_viewer import ImageViewer
from quiz.tui.widgets.stage_view import StageView


def heading(stages: StageView, name: str):
    """The Markdown block of a stage's heading (the stage name in bold)."""
    markdown = stages.query_one(Markdown)
    return next(b for b in markdown.children if (b.source or "").strip() == f"**{name}**")


async def test_a_new_stage_opens_at_its_heading(two_cases):
    # A biopsy report longer than the pane (7 rows at 80x24), as real cases have.
    case_file = two_cases / "cases" / "white-plaque-cheek.yaml"
    report = " ".join(["The dermis holds basophilic deposits."] * 8)
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("A skin biopsy is taken.", report), encoding="utf-8")
    app = make_app(start_pack=two_cases, cases=["white-plaque-cheek"])
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        stages = case.query_one(StageView)
        await pilot.press("n", "n")  # to the biopsy
        await settle(pilot)
        assert case.flow.stages_shown == 3
        top = stages.content_region.y
        await until(
            pilot,
            lambda: heading(stages, "Biopsy").region.y == top,
            "the Biopsy heading at the top of the pane",
        )
        assert stages.scroll_y < stages.max_scroll_y  # not the end: the report goes on
        # Its keys are in the footer's and help's lists: the text above is a scroll away.
        await pilot.press("up")
        await settle(pilot)
        assert heading(stages, "Biopsy").region.y > top
        await pilot.press("question_mark")
        help_screen = await on_screen(pilot, "HelpScreen")
        assert "| ↑ ↓ | Scroll text *(focused part)* |" in help_screen.keys


async def test_full_screen_fills_the_terminal_at_80x24(example_as_builtin):
    app = make_app(start_pack=example_as_builtin)
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        await pilot.press("n", "i", "z")
        viewer = case.query_one(ImageViewer)
        await until(
            pilot,
            lambda: case.maximized is viewer and viewer.current_view is not None,
            "the picture full screen",
        )
        assert viewer.region.height == 23  # all but the footer
        canvas = viewer.query_one(ImageCanvas)
        rows = canvas.rows
        # Fitted: as tall or as wide as the canvas allows.
        assert len(rows) == canvas.size.height or rows[0].cell_length == canvas.size.width
        assert len(rows) >= 15


async def test_escape_leaves_the_pictures_before_it_ends_the_session(example_as_builtin):
    app = make_app(start_pack=example_as_builtin)
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        viewer = case.query_one(ImageViewer)
        await pilot.press("n", "i", "z")
        await settle(pilot)
        assert case.maximized is viewer and app.focused is viewer
        await pilot.press("escape")  # out of full screen
        await settle(pilot)
        assert case.maximized is None and app.focused is viewer
        await pilot.press("escape")  # out of the pictures
        await settle(pilot)
        assert app.screen is case and isinstance(app.focused, StageView)
        await pilot.press("escape")  # and only now: end the session?
        await on_screen(pilot, "ConfirmScreen")


async def test_region_label_and_credit_are_whole_and_go_with_fit(example_as_builtin):
    app = make_app(start_pack=example_as_builtin)
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        viewer = case.query_one(ImageViewer)
        status = viewer.query_one("#status")
        await pilot.press("n", "n", "i")  # the biopsy's picture has a region and a credit
        await until(pilot, lambda: viewer.current_view is not None, "the picture")
        await pilot.press("r")
        await until(pilot, lambda: viewer.region_label == "calcium deposit", "the region")
        await settle(pilot)
        text = text_of(status)
        assert "region 1/1: calcium deposit" in text and "CC-BY-4.0" in text
        lines = textwrap.wrap(text, status.content_region.width)
        assert status.content_region.height >= len(lines)  # every line on screen
        await pilot.press("0")
        await settle(pilot)
        assert viewer.region_label is None
        assert "region 1/1" not in text_of(status)
