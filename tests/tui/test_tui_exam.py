"""Exam mode: the setup dialog, no feedback until the end, the time limit, the review."""

from __future__ import annotations

import asyncio

from textual import events
from textual.widgets import DataTable, Input
from tui_helpers import home_loaded, make_app, on_screen, settle, text_of

from quiz.tui.widgets.countdown import Countdown


async def test_exam_with_a_time_limit_gives_feedback_only_at_the_end(example_as_builtin, two_cases):
    app = make_app(extra_packs=[two_cases])
    async with app.run_test(size=(80, 24)) as pilot:
        home = await home_loaded(pilot)
        await pilot.press("down", "e")
        setup = await on_screen(pilot, "ExamSetupScreen")
        assert setup.query_one("#exam-count", Input).value == "2"
        await pilot.press("tab", "5", "enter")  # five minutes
        case = await on_screen(pilot, "CaseScreen")
        assert case.flow.mode == "exam" and case.flow.time_limit == 300
        assert "left" in text_of(case.query_one(Countdown))
        first = case.case.id
        await pilot.press("1", "slash", *"idio", "enter")
        case = await on_screen(pilot, "CaseScreen")  # the next case, no feedback between
        assert case.case.id != first
        assert len(case.flow.results) == 1
        await pilot.press("3", "slash", *"idio", "enter")
        summary = await on_screen(pilot, "SummaryScreen")
        assert "Cases answered: 2 of 2" in text_of(summary.query_one("#score"))
        assert "this is where the feedback is" in text_of(summary.query_one("#summary-hint"))
        answers = summary.query_one("#answers", DataTable)
        assert answers.row_count == 2
        # Every case can be reviewed with its feedback, stepping with n.
        answers.move_cursor(row=0)  # the first answer (the cursor starts on the first miss)
        await pilot.press("enter")
        review = await on_screen(pilot, "FeedbackScreen")
        seen = [review.answered.case_id]
        await pilot.press("n")
        await settle(pilot)
        seen.append(review.answered.case_id)
        assert sorted(seen) == sorted(a.case_id for a in case.flow.results)
        await pilot.press("escape", "escape")
        assert await on_screen(pilot, "HomeScreen") is home


async def test_the_exam_ends_when_time_is_up(example_as_builtin, two_cases):
    app = make_app(start_pack=two_cases, mode="exam", count=2, time_limit=10)
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        await pilot.press("2", "slash", *"meta", "enter")
        case = await on_screen(pilot, "CaseScreen")
        # Ten minutes pass in an instant: the clock is the flow's, the tick the widget's.
        started = case.flow.clock()
        case.flow.clock = lambda: started + 601
        case.query_one(Countdown)._tick()
        summary = await on_screen(pilot, "SummaryScreen")
        score = text_of(summary.query_one("#score"))
        assert "Cases answered: 1 of 2" in score and "time ran out" in score


async def test_the_setup_dialog_refuses_nonsense(example_as_builtin, two_cases):
    app = make_app(extra_packs=[two_cases])
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        await pilot.press("down", "e")
        setup = await on_screen(pilot, "ExamSetupScreen")
        setup.query_one("#exam-count", Input).value = "9"
        await pilot.press("enter")
        await settle(pilot)
        assert "from 1 to 2" in text_of(setup.query_one("#exam-error"))
        await pilot.press("escape")
        await on_screen(pilot, "HomeScreen")


async def test_keys_that_arrive_together_edit_the_count_in_order(example_as_builtin, two_cases):
    """Backspace then a digit in one burst (tmux send-keys, a fast typist): the digit lands
    after the deletion, not before it (Input's bound keys used to overtake in bubbling)."""
    app = make_app(extra_packs=[two_cases])
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        await pilot.press("down", "e")
        setup = await on_screen(pilot, "ExamSetupScreen")
        await settle(pilot)
        field = setup.query_one("#exam-count", Input)
        assert field.value == "2" and app.focused is field  # selected whole on focus
        # Both keys queued at once, as the driver does with one read of the terminal.
        app.post_message(events.Key("backspace", None))
        app.post_message(events.Key("1", "1"))
        await settle(pilot)
        assert field.value == "1"
        app.post_message(events.Key("left", None))
        app.post_message(events.Key("2", "2"))
        app.post_message(events.Key("backspace", None))
        app.post_message(events.Key("end", None))
        app.post_message(events.Key("backspace", None))
        app.post_message(events.Key("2", "2"))
        await settle(pilot)
        assert field.value == "2"
        # Tab is the screen's key, not the field's: it too keeps its place in a burst.
        app.post_message(events.Key("tab", None))
        app.post_message(events.Key("5", "5"))
        await settle(pilot)
        assert field.value == "2"
        assert setup.query_one("#exam-minutes", Input).value == "5"


async def test_time_running_out_as_an_answer_moves_on_ends_the_exam_once(
    example_as_builtin, two_cases
):
    """The clock expires while the answer's move to the next case is under way: two moves
    at once (next case, end of exam). They run one after the other: one summary, nothing
    left half-built (this raced into `NoMatches 'HeaderTitle'` when the machine was busy)."""
    app = make_app(start_pack=two_cases, mode="exam", count=2, time_limit=10)
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        await settle(pilot)
        countdown = case.query_one(Countdown)
        await pilot.press("2", "slash", *"meta")
        await settle(pilot)
        app.post_message(events.Key("enter", None))  # answered; its move is not awaited
        started = case.flow.clock()
        case.flow.clock = lambda: started + 601
        while not case.flow.results:  # graded on the store thread; the move comes next
            await asyncio.sleep(0)
        countdown._tick()  # the first case's clock, before its screen is replaced
        summary = await on_screen(pilot, "SummaryScreen")
        await settle(pilot)
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "SummaryScreen"]
        assert "Cases answered: 1 of 2" in text_of(summary.query_one("#score"))
