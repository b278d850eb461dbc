"""`dermquiz preview`: the open case follows the files on save; errors show in the app."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Markdown
from tui_helpers import make_app, on_screen, settle, until

from quiz.tui.preview import PreviewOptions
from quiz.tui.widgets.stage_view import StageView


def stage_text(screen) -> str:
    return screen.query_one(StageView).query_one(Markdown).source


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


async def test_watch_reloads_the_open_case_and_shows_errors_in_the_app(two_cases):
    options = PreviewOptions(two_cases, case_id="white-plaque-cheek", watch=True, poll_ms=50)
    app = make_app(preview=options)
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        preview = app.screen_stack[0]
        assert case.case.id == "white-plaque-cheek" and case.flow.preview
        await pilot.press("n")
        await settle(pilot)
        loads = preview.reloads

        # Saved with new text: the same case, the same stage, the new words.
        case_file = two_cases / "cases" / "white-plaque-cheek.yaml"
        edit(case_file, "A 46-year-old man", "A 47-year-old man")
        await until(pilot, lambda: preview.reloads > loads, "the reload after the save")
        assert app.screen is case and case.flow.stages_shown == 2
        assert "A 47-year-old man" in stage_text(case)

        # Saved with an error: the problems show over the case, which stays open below.
        loads = preview.reloads
        edit(case_file, "answer: idiopathic", "answer: idiopathik")
        problems = await on_screen(pilot, "ProblemsScreen")
        assert preview.reloads > loads
        assert any("idiopathik" in d.message for d in problems.diagnostics)

        # Fixed: the problems go away by themselves.
        edit(case_file, "answer: idiopathik", "answer: idiopathic")
        assert await on_screen(pilot, "CaseScreen") is case


async def test_preview_lists_cases_and_records_nothing(two_cases):
    app = make_app(preview=PreviewOptions(two_cases))
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await on_screen(pilot, "PreviewScreen")
        await until(pilot, lambda: preview.pack is not None, "the pack")
        await pilot.press("enter")
        case = await on_screen(pilot, "CaseScreen")
        first, second = (c.id for c in preview.pack.cases)  # in file-name order
        assert case.case.id == first
        await pilot.press("2", "slash", *"idio", "enter")
        await on_screen(pilot, "FeedbackScreen")
        await pilot.press("n")  # on to the next case of the pack
        case = await on_screen(pilot, "CaseScreen")
        assert case.case.id == second
        assert case.flow.session.store is None
        assert not (Path(app.store.data_dir or "x") / "progress.sqlite3").exists()


async def test_a_broken_pack_opens_on_its_problems(two_cases):
    edit(two_cases / "cases" / "dialysis-fingertips.yaml", "difficulty: 2", "difficulty: 9")
    app = make_app(preview=PreviewOptions(two_cases))
    async with app.run_test(size=(80, 24)) as pilot:
        problems = await on_screen(pilot, "ProblemsScreen")
        assert any("dialysis-fingertips.yaml" in str(d.file) for d in problems.diagnostics)
        await pilot.press("escape")
        preview = await on_screen(pilot, "PreviewScreen")
        assert preview.query_one("#preview-status").has_class("-error")
        await pilot.press("r")  # a manual reload keeps the app up, errors and all
        await on_screen(pilot, "ProblemsScreen")


async def test_the_header_gives_the_case_place_in_the_pack(two_cases):
    app = make_app(preview=PreviewOptions(two_cases))
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await on_screen(pilot, "PreviewScreen")
        await until(pilot, lambda: preview.pack is not None, "the pack")
        await pilot.press("down", "enter")  # the second case of the pack
        case = await on_screen(pilot, "CaseScreen")
        assert case.case.id == preview.pack.cases[1].id
        assert case.sub_title.startswith("case 2 of 2 ·")
        await pilot.press("2", "slash", *"idio", "enter")
        feedback = await on_screen(pilot, "FeedbackScreen")
        assert feedback.sub_title == "case 2 of 2 · feedback"
        await pilot.press("n")  # round to the first case of the pack
        case = await on_screen(pilot, "CaseScreen")
        assert case.sub_title.startswith("case 1 of 2 ·")


async def test_escape_in_a_preview_ends_without_asking(two_cases):
    # Nothing is recorded in a preview: "End this session?" would guard nothing.
    app = make_app(preview=PreviewOptions(two_cases))
    async with app.run_test(size=(80, 24)) as pilot:
        preview = await on_screen(pilot, "PreviewScreen")
        await until(pilot, lambda: preview.pack is not None, "the pack")
        await pilot.press("enter")
        await on_screen(pilot, "CaseScreen")
        await pilot.press("escape")
        assert await on_screen(pilot, "PreviewScreen") is preview
