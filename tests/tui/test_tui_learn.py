"""Learn mode end to end: home → learn → stages → answer → feedback → next → summary → home."""

from __future__ import annotations

from textual.widgets import DataTable, Markdown
from tui_helpers import home_loaded, make_app, on_screen, settle, text_of, until

from quiz.progress.store import open_store, resolve_data_dir
from quiz.tui.widgets.answer_picker import AnswerInput, AnswerPicker
from quiz.tui.widgets.confidence import ConfidencePicker
from quiz.tui.widgets.stage_view import StageView


def recorded() -> list:
    with open_store(resolve_data_dir(None)) as store:
        return store.attempts()


def stage_text(screen) -> str:
    return screen.query_one(StageView).query_one(Markdown).source


async def test_learn_session_from_home_to_summary(example_as_builtin, two_cases):
    app = make_app(extra_packs=[two_cases])
    async with app.run_test(size=(80, 24)) as pilot:
        home = await home_loaded(pilot)
        table = home.query_one("#packs", DataTable)
        assert table.row_count == 2
        await pilot.press("down")  # the two-case pack
        assert home.entry.path == two_cases
        await pilot.press("l")
        case = await on_screen(pilot, "CaseScreen")

        # Stage by stage: the easier case (difficulty 2) comes first.
        assert case.case.id == "dialysis-fingertips"
        assert "haemodialysis" in stage_text(case)
        assert "Serum phosphate" not in stage_text(case)
        await pilot.press("n")
        await settle(pilot)
        assert "Serum phosphate" in stage_text(case)
        assert case.flow.stages_shown == 2

        # Type-ahead: the highlight follows the text; Enter asks for confidence first.
        await pilot.press("slash", *"meta")
        await settle(pilot)
        picker = case.query_one(AnswerPicker)
        assert picker.highlighted == "metastatic"
        await pilot.press("enter")
        await on_screen(pilot, "ConfidencePrompt")
        assert recorded() == []  # nothing is graded before the confidence is given
        await pilot.press("3")
        feedback = await on_screen(pilot, "FeedbackScreen")

        # The attempt is on disk by the time the feedback shows.
        attempts = recorded()
        assert [
            (a.case_id, a.choice, a.verdict, a.confidence, a.stages_seen, a.mode) for a in attempts
        ] == [("dialysis-fingertips", "metastatic", "correct", 3, 2, "learn")]
        verdict = feedback.query_one("#verdict")
        assert "Correct ✓" in text_of(verdict) and verdict.has_class("-correct")

        await pilot.press("n")
        case = await on_screen(pilot, "CaseScreen")
        assert case.case.id == "white-plaque-cheek"
        # Confidence first this time, then the tree: Tab from the answer field to it.
        await pilot.press("1")
        assert case.query_one(ConfidencePicker).value == 1
        await pilot.press("slash", *"subep", "enter")
        feedback = await on_screen(pilot, "FeedbackScreen")
        assert "Partly right ◐" in text_of(feedback.query_one("#verdict"))
        await pilot.press("n")
        summary = await on_screen(pilot, "SummaryScreen")

        score = text_of(summary.query_one("#score"))
        assert "Score: 1.5 of 2 (75%)" in score
        assert "✓ Correct 1 · ◐ Partly right 1 · ✗ Wrong 0" in score
        answers = summary.query_one("#answers", DataTable)
        assert answers.row_count == 2
        assert answers.cursor_row == 1  # on the miss
        await pilot.press("enter")
        review = await on_screen(pilot, "FeedbackScreen")
        assert review.answered.case_id == "white-plaque-cheek"
        await pilot.press("escape")
        await on_screen(pilot, "SummaryScreen")
        await pilot.press("escape")
        home = await on_screen(pilot, "HomeScreen")
        await until(
            pilot,
            lambda: home.entry.figures is not None and home.entry.figures.attempts == 2,
            "the figures to update",
        )
        assert home.entry.figures.seen == 2
        assert home.entry.figures.missed == 1


async def test_a_confident_error_is_named_and_contrasted(example_as_builtin):
    app = make_app(start_pack=example_as_builtin)
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        await pilot.press("3", "slash", *"meta", "enter")
        feedback = await on_screen(pilot, "FeedbackScreen")
        verdict = feedback.query_one("#verdict")
        assert verdict.has_class("-wrong")
        assert "Wrong ✗ you chose Metastatic calcinosis cutis" in text_of(verdict)
        body = feedback.query_one("#feedback-text").source
        assert "You were sure, and it was wrong" in body
        assert "| Serum calcium and phosphate | normal ✗ | elevated | normal |" in body
        assert case.flow.results[0].feedback.verdict.value == "wrong"


async def test_escape_asks_before_ending_and_keeps_the_answers(example_as_builtin, two_cases):
    app = make_app(start_pack=two_cases)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, "CaseScreen")
        await pilot.press("2", "slash", *"meta", "enter")
        await on_screen(pilot, "FeedbackScreen")
        await pilot.press("n")
        await on_screen(pilot, "CaseScreen")
        await pilot.press("escape")
        await on_screen(pilot, "ConfirmScreen")
        await pilot.press("n")
        await on_screen(pilot, "CaseScreen")
        await pilot.press("escape", "y")
        summary = await on_screen(pilot, "SummaryScreen")
        assert "Cases answered: 1 of 2" in text_of(summary.query_one("#score"))
        assert len(recorded()) == 1


async def test_escape_in_the_answer_field_only_leaves_the_field(example_as_builtin):
    app = make_app(start_pack=example_as_builtin)
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        await pilot.press("slash", "x")
        assert isinstance(app.focused, AnswerInput)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is case
        assert isinstance(app.focused, StageView)
        # Space reveals the next stage from the tree too (the tree has nothing to fold).
        case.query_one("#answer-tree").focus()
        await pilot.press("space")
        await settle(pilot)
        assert case.flow.stages_shown == 2
        # The picture full screen (i focuses it, z enlarges it); escape only shrinks it back.
        await pilot.press("i", "z")
        await settle(pilot)
        assert case.maximized is case.query_one("#viewer")
        await pilot.press("escape")
        await settle(pilot)
        assert case.maximized is None and app.screen is case


async def test_learn_on_the_builtin_pack():
    """The real built-in pack: its first learn case, answered after all its stages."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = await home_loaded(pilot)
        assert home.entry.origin == "built-in" and home.entry.ok, home.entry.errors[:3]
        await pilot.press("l")
        case = await on_screen(pilot, "CaseScreen")
        while not case.flow.all_stages_shown:
            await pilot.press("n")
            await settle(pilot)
        answer = case.case.answer
        name = case.flow.pack.taxonomy.label(answer)
        await pilot.press("2", "slash")
        case.query_one(AnswerInput).value = name  # typing 30 letters proves nothing more
        await settle(pilot)
        await pilot.press("enter")
        feedback = await on_screen(pilot, "FeedbackScreen")
        assert feedback.query_one("#verdict").has_class("-correct")
        assert recorded()[0].case_id == case.case.id


async def test_an_answer_typed_in_one_burst_with_enter_is_the_one_chosen(example_as_builtin):
    """`idio`, Enter and a stray digit arriving together (a paste, tmux send-keys): the
    answer is what the field held at Enter, not the text with the digit after it."""
    from textual import events

    app = make_app(start_pack=example_as_builtin)
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        await pilot.press("3", "slash")
        await settle(pilot)
        for key, char in [
            ("i", "i"),
            ("d", "d"),
            ("i", "i"),
            ("o", "o"),
            ("enter", None),
            ("3", "3"),
        ]:
            app.post_message(events.Key(key, char))
        await on_screen(pilot, "FeedbackScreen")
        assert case.flow.results[0].choice == "idiopathic"


async def test_a_mode_key_right_after_an_arrow_plays_the_row_the_arrow_moved_to(
    example_as_builtin, two_cases
):
    from textual import events

    app = make_app(extra_packs=[two_cases])
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        app.post_message(events.Key("down", None))  # together, as a terminal read gives them
        app.post_message(events.Key("l", "l"))
        case = await on_screen(pilot, "CaseScreen")
        assert case.flow.pack.root == two_cases
