"""80x24 is enough, and a resize never loses what the learner has done; `?` lists the keys;
pack text is never read as markup."""

from __future__ import annotations

from textual.widgets import DataTable
from tui_helpers import home_loaded, make_app, on_screen, settle

from quiz.tui.widgets.answer_picker import AnswerInput, AnswerPicker
from quiz.tui.widgets.confidence import ConfidencePicker
from quiz.tui.widgets.image_viewer import ImageViewer


async def test_resizing_keeps_the_case_as_it_was(example_as_builtin):
    app = make_app(start_pack=example_as_builtin)
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        await pilot.press("n", "n", "2", "slash", *"idio")
        await settle(pilot)
        viewer = case.query_one(ImageViewer)
        assert viewer.display and case.has_class("-narrow") and case.has_class("-short")

        def state():
            return (
                case.flow.stages_shown,
                case.query_one(AnswerInput).value,
                case.query_one(AnswerPicker).highlighted,
                case.query_one(ConfidencePicker).value,
                type(app.focused).__name__,
            )

        before = state()
        assert before == (3, "idio", "idiopathic", 2, "AnswerInput")
        await pilot.resize_terminal(160, 50)
        await settle(pilot)
        assert case.has_class("-wide") and case.has_class("-tall")
        assert state() == before
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert state() == before and app.screen is case
        # Everything still fits: the answer column and the footer are on screen.
        assert case.query_one("#case-right").region.right <= 80
        assert case.query_one("#confidence").region.bottom <= 23


async def test_home_keeps_its_selection_through_a_resize(example_as_builtin, two_cases):
    app = make_app(extra_packs=[two_cases])
    async with app.run_test(size=(80, 24)) as pilot:
        home = await home_loaded(pilot)
        await pilot.press("down")
        await pilot.resize_terminal(120, 40)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert home.selected == 1 and home.query_one(DataTable).cursor_row == 1


async def test_home_columns_fit_80_columns_with_every_figure():
    from quiz.tui.catalog import Figures

    app = make_app()  # the real pack: 37 cases, so "37/37" seen
    async with app.run_test(size=(80, 24)) as pilot:
        home = await home_loaded(pilot)
        entry = home.entry
        total = len(entry.pack.cases)
        entry.figures = Figures(
            attempts=99, seen=total, accuracy=0.09, due=total - 1, missed=total - 1
        )
        home._show_figures(entry)
        await settle(pilot)
        table = home.query_one(DataTable)
        row = table.get_row_at(0)
        assert row[2] == f"{total}/{total}"
        for column, cell in zip(table.ordered_columns, row):
            room = column.content_width if column.auto_width else column.width
            assert len(str(cell)) <= room, (column.label, cell)
        widths = sum(c.get_render_width(table) for c in table.ordered_columns)
        assert widths <= table.content_region.width <= 80


async def test_help_lists_the_keys_of_the_screen(example_as_builtin):
    app = make_app(start_pack=example_as_builtin)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, "CaseScreen")
        await pilot.press("question_mark")
        help_screen = await on_screen(pilot, "HelpScreen")
        assert "| n space | Next stage |" in help_screen.keys
        assert "Answer" in help_screen.keys and "End session" in help_screen.keys
        await pilot.press("escape")
        await on_screen(pilot, "CaseScreen")


async def test_pack_text_is_shown_not_interpreted(example_as_builtin, two_cases):
    case_file = two_cases / "cases" / "dialysis-fingertips.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(
        text.replace("hard white papules", "hard [bold red]white[/] papules").replace(
            "title: Metastatic calcinosis in a patient on dialysis",
            "title: '[link=http://x]Metastatic calcinosis'",
        ),
        encoding="utf-8",
    )
    app = make_app(start_pack=two_cases)
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        assert case.case.id == "dialysis-fingertips"
        shown = " ".join(str(block.render()) for block in case.query("MarkdownParagraph"))
        assert "hard [bold red]white[/] papules" in shown
        await pilot.press("2", "slash", *"meta", "enter")
        feedback = await on_screen(pilot, "FeedbackScreen")
        assert "[link=http://x]Metastatic" in str(feedback.query_one("#feedback-note").render())
