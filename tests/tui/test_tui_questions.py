"""Format-2 questions in the app, by keyboard alone at 80x24 (and the mouse for point and rank):
each widget, the answers recorded exactly as given, and the scores the table gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from tui_helpers import make_app, on_screen, settle, until

from quiz.progress.store import open_store, resolve_data_dir
from quiz.tui.widgets.choose_menu import ChooseMenu
from quiz.tui.widgets.concordance_scale import ConcordanceScale
from quiz.tui.widgets.point_picker import PointPicker
from quiz.tui.widgets.rank_list import RankList

FORMAT2 = Path("tests/packs/format2")
PV_IMAGE = FORMAT2 / "images/pv/he.png"


def stored():
    with open_store(resolve_data_dir(None)) as store:
        return store.attempts(), {q.question_id: q for q in store.question_attempts()}


async def test_a_format2_case_played_by_keyboard_alone(tmp_path):
    app = make_app(start_pack=FORMAT2, cases=["mouth-ulcers-and-erosions"])
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, "CaseScreen")
        await pilot.press("n")  # Examination: the ranking follows
        screen = await on_screen(pilot, "QuestionScreen")
        ranks = screen.query_one(RankList)
        assert ranks.has_focus and ranks.order != [
            "pemphigus-vulgaris",
            "bullous-pemphigoid",
            "dermatitis-herpetiformis",
        ]  # not shown in order
        # put the three in the right order with the keys: pick an item, move it up or down
        target = ["pemphigus-vulgaris", "bullous-pemphigoid", "dermatitis-herpetiformis"]
        for place, item in enumerate(target):
            while ranks.order.index(item) != place:
                ranks.cursor = ranks.order.index(item)
                await pilot.press("K")
        await pilot.press("enter")
        await until(pilot, lambda: screen.result is not None, "the ranking recorded")
        assert screen.result.credit == 1.0
        await pilot.press("enter")  # back to the case
        await on_screen(pilot, "CaseScreen")

        await pilot.press("n")  # Biopsy: choose, then point
        screen = await on_screen(pilot, "QuestionScreen")
        menu = screen.query_one(ChooseMenu)
        assert menu.border_title == "Choose up to 2"
        await pilot.press("space", "down", "space", "down", "space")  # a third is refused
        assert menu.order == ["dif", "congo-red"]
        assert "2 of up to 2 marked" in str(menu.border_subtitle)
        await pilot.press("up", "space")  # unmark Congo red
        await pilot.press("down", "space", "enter")  # mark the serology, submit
        await until(pilot, lambda: screen.result is not None, "the choice recorded")
        assert screen.result.response == ["dif", "serology"] and screen.result.credit == 1.0
        await pilot.press("enter")

        screen = await on_screen(pilot, "QuestionScreen")
        picker = screen.query_one(PointPicker)
        await until(pilot, lambda: picker._grid[0] > 0, "the picture laid out")
        rows = picker._grid[1]
        # the split is the band from 30 % to 45 % of the height: walk the crosshair there
        while (picker.cursor[1] + 0.5) / rows > 0.40:
            await pilot.press("k")
        await pilot.press("space", "enter")
        await until(pilot, lambda: screen.result is not None, "the mark recorded")
        assert screen.result.credit == 1.0
        assert screen.query_one("#point-feedback", PointPicker).reveal  # key regions drawn
        await pilot.press("enter")

        await pilot.press("n")  # Immunofluorescence: concordance
        screen = await on_screen(pilot, "QuestionScreen")
        await pilot.press("2", "enter")  # the second step: -1
        await until(pilot, lambda: screen.result is not None, "the step recorded")
        assert screen.result.response == -1 and screen.result.credit == pytest.approx(3 / 9)
        spread = screen.query_one("#panel-spread", ConcordanceScale)
        assert "9" in str(spread.render()) and "← you" in str(spread.render())
        await pilot.press("enter")

        await on_screen(pilot, "CaseScreen")
        await pilot.press("slash", *"pemphigus v", "enter")
        await on_screen(pilot, "ConfidencePrompt")
        await pilot.press("3")
        await on_screen(pilot, "FeedbackScreen")
    attempts, questions = stored()
    [attempt] = attempts
    assert attempt.choice == "pemphigus-vulgaris"
    assert attempt.credit == pytest.approx((1 + 1 + 1 + 1 + 2 * 3 / 9) / 6)
    assert questions["where"].kind == "point" and len(questions["where"].response) == 1


async def test_answering_the_diagnosis_early_asks_the_later_questions_first():
    app = make_app(start_pack=FORMAT2, cases=["mouth-ulcers-and-erosions"])
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        await pilot.press("slash", *"bullous", "enter")
        await on_screen(pilot, "QuestionScreen")  # the ranking, then the others
        assert case.flow.all_stages_shown
        for keys in (["enter"], ["enter"], ["enter"], ["enter"]):
            await pilot.press(*keys)  # submit as shown
            await until(pilot, lambda: app.screen.result is not None, "recorded")
            await pilot.press("enter")
            await settle(pilot)
        await on_screen(pilot, "ConfidencePrompt")
        await pilot.press("2")
        await on_screen(pilot, "FeedbackScreen")
        await settle(pilot)
    attempts, questions = stored()
    assert attempts[0].stages_seen == 1  # what had been seen at the answer
    assert set(questions) == {"differential", "next-step", "where", "new-fact", "diagnosis"}


class Host(App):
    def __init__(self, widget) -> None:
        super().__init__()
        self.widget, self.got = widget, None

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_mount(self) -> None:
        self.widget.focus()

    def on_point_picker_submitted(self, event) -> None:
        self.got = event.marks

    def on_rank_list_submitted(self, event) -> None:
        self.got = event.order


async def test_point_picker_by_mouse_places_and_lifts_marks():
    picker = PointPicker(PV_IMAGE, 2)
    app = Host(picker)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: picker._grid[0] > 0, "the picture laid out")
        cols, rows = picker._grid
        inside = (cols // 2, int(rows * 0.36))  # in the split band
        await pilot.click(PointPicker, offset=inside)
        assert len(picker.marks) == 1
        await pilot.click(PointPicker, offset=(1, rows - 1))  # a second mark, outside
        await pilot.click(PointPicker, offset=(2, rows - 1))  # a third is refused (limit 2)
        assert len(picker.marks) == 2
        await pilot.click(PointPicker, offset=(1, rows - 1))  # a click on a mark lifts it
        assert len(picker.marks) == 1
        await pilot.press("enter")
        await settle(pilot)
    x, y = app.got[0]
    assert 0.1 <= x <= 0.9 and 0.30 <= y <= 0.45


async def test_rank_list_by_mouse_pick_and_drop():
    ranks = RankList([("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")])
    app = Host(ranks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click(RankList, offset=(4, 3))  # pick Gamma (row 3 inside the border)
        await pilot.click(RankList, offset=(4, 1))  # drop it first
        assert ranks.order == ["c", "a", "b"]
        await pilot.press("enter")
        await settle(pilot)
    assert app.got == ["c", "a", "b"]


def test_point_feedback_snapshot(snap_compare):
    async def run_before(pilot) -> None:
        await on_screen(pilot, "CaseScreen")
        await pilot.press("n")
        screen = await on_screen(pilot, "QuestionScreen")
        picker = screen.query_one(PointPicker)
        await until(pilot, lambda: picker._grid[0] > 0, "the picture laid out")
        # one mark on the split (the crosshair starts in the middle), one below it
        await pilot.press("space", "j", "j", "j", "j", "space", "enter")
        await until(pilot, lambda: screen.result is not None, "the marks recorded")
        await settle(pilot)

    app = make_app(start_pack=FORMAT2, cases=["tense-blisters-elderly"])
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_rank_list_by_mouse_drag():
    ranks = RankList([("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")])
    app = Host(ranks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.mouse_down(RankList, offset=(4, 1))  # press on Alpha
        await pilot.mouse_up(RankList, offset=(4, 3))  # release on the last row
        await settle(pilot)
        assert ranks.order == ["b", "c", "a"]


async def test_stats_screen_shows_accuracy_per_kind_after_format2_answers():
    from quiz.tui.screens.stats import StatsScreen
    from quiz.tui.widgets.bar_chart import BarChart

    app = make_app(start_pack=FORMAT2, cases=["tense-blisters-elderly"])
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, "CaseScreen")
        await pilot.press("n")
        screen = await on_screen(pilot, "QuestionScreen")
        await until(pilot, lambda: screen.query_one(PointPicker)._grid[0] > 0, "the picture")
        await pilot.press("space", "enter")  # the crosshair starts on the split
        await until(pilot, lambda: screen.result is not None, "recorded")
        await pilot.press("enter")
        await on_screen(pilot, "CaseScreen")
        pack = app.screen.flow.pack
        stats = StatsScreen(pack)
        await app.push_screen(stats)
        await until(
            pilot,
            lambda: (
                stats.query_one("#stats-kinds", BarChart).display
                and stats.query_one("#stats-kinds", BarChart).bars
            ),
            "the kinds",
        )
        labels = [b.label for b in stats.query_one("#stats-kinds", BarChart).bars]
    assert labels == ["point at the picture"]  # the diagnosis is not answered yet


async def test_exam_setup_offers_certainty_based_marking(example_as_builtin):
    from textual.widgets import Checkbox

    from quiz.tui.screens.exam_setup import ExamSetupScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        got = []
        app.push_screen(ExamSetupScreen(2), got.append)
        setup = await on_screen(pilot, "ExamSetupScreen")
        await pilot.press("tab", "tab")  # past the count and the minutes
        assert setup.query_one("#exam-cbm", Checkbox).has_focus
        await pilot.press("space", "shift+tab", "shift+tab", "enter")
        await settle(pilot)
    assert got == [(2, None, "cbm")]


async def test_exam_with_cbm_keeps_question_feedback_for_the_end():
    app = make_app(
        start_pack=FORMAT2, cases=["mouth-ulcers-and-erosions"], mode="exam", marking="cbm"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, "CaseScreen")
        await pilot.press("slash", *"pemphigus v", "enter")  # early: the questions come first
        for _ in range(4):
            await on_screen(pilot, "QuestionScreen")
            await pilot.press("enter")  # submit as shown
            await on_screen(pilot, "ConfidencePrompt")
            await pilot.press("3")  # each answer rated
            await settle(pilot)
        await on_screen(pilot, "ConfidencePrompt")  # the diagnosis
        await pilot.press("3")
        summary = await on_screen(pilot, "SummaryScreen")
        score = str(summary.query_one("#score").render())
        assert "Certainty-based mark" in score
        await pilot.press("enter")
        review = await on_screen(pilot, "FeedbackScreen")
        await settle(pilot)
        from quiz.tui.screens.feedback import body_markdown

        text = body_markdown(review.answered, review.pack)
    assert "The case's questions" in text and "Certainty-based mark" in text
    attempts, questions = stored()
    assert attempts[0].cbm is not None and questions["next-step"].confidence == 3


async def test_escape_goes_back_to_the_case_and_the_question_returns_before_the_diagnosis():
    app = make_app(start_pack=FORMAT2, cases=["tense-blisters-elderly"])
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        await pilot.press("n")
        await on_screen(pilot, "QuestionScreen")
        await pilot.press("escape")  # look at the case again
        await on_screen(pilot, "CaseScreen")
        assert case.flow.pending_questions()  # still to be answered
        await pilot.press("slash", *"bullous", "enter")
        screen = await on_screen(pilot, "QuestionScreen")  # it comes back first
        await pilot.press("enter")
        await until(pilot, lambda: screen.result is not None, "recorded")
        await pilot.press("enter")
        await on_screen(pilot, "ConfidencePrompt")


async def test_a_picture_that_cannot_be_shown_skips_the_point_question(tmp_path):
    import shutil

    pack = tmp_path / "format2"
    shutil.copytree(FORMAT2, pack)
    app = make_app(start_pack=pack, cases=["tense-blisters-elderly"])
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, "CaseScreen")
        (pack / "images/bp/he.png").write_bytes(b"not a picture any more")
        await pilot.press("n")
        screen = await on_screen(pilot, "QuestionScreen")
        picker = screen.query_one(PointPicker)
        await until(pilot, lambda: bool(picker.error), "the picture refused")
        await pilot.press("enter")
        await until(pilot, lambda: screen.result is not None, "the skip recorded")
        assert screen.result.counted is False
