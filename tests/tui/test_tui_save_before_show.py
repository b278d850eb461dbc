"""The app saves each answer before its feedback appears, and says so when a save fails:
proven by stores that look at the screens when asked to write, not by racing a kill."""

from __future__ import annotations

from store_wrappers import FailingStore, WatchedStore
from tui_helpers import make_app, on_screen, settle, text_of

import quiz.progress.store as store_module

CASE = "white-plaque-cheek"
FORMAT2 = "tests/packs/format2"


def _feedback_showing(app) -> str:
    """What of an answer's feedback is on screen ('' for nothing): read on the store's thread,
    at the moment of the write."""
    shown = [type(s).__name__ for s in app.screen_stack if type(s).__name__ == "FeedbackScreen"]
    shown += [
        f"{type(s).__name__} #question-feedback"
        for s in app.screen_stack
        if s.query("#question-feedback")
    ]
    return ", ".join(shown)


def _use(monkeypatch, wrap) -> list:
    """The app's store, once opened, is wrap(real store); the list gets it."""
    real_open = store_module.open_store
    made = []

    def open_store(folder=None):
        made.append(wrap(real_open(folder)))
        return made[-1]

    monkeypatch.setattr(store_module, "open_store", open_store)
    return made


async def test_the_answer_is_saved_while_the_case_is_still_on_screen(
    example_as_builtin, monkeypatch
):
    app = make_app(start_pack=example_as_builtin)
    made = _use(monkeypatch, lambda real: WatchedStore(real, lambda: _feedback_showing(app)))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, "CaseScreen")
        await pilot.press("3", "slash", *"idio", "enter")
        feedback = await on_screen(pilot, "FeedbackScreen")
        assert "Correct ✓" in text_of(feedback.query_one("#verdict"))
        [store] = made
        assert store.writes == [f"case {CASE}"] and store.early == []
        kept = await app.store.call(store.attempts)  # on the store's own thread
        assert [(a.case_id, a.choice) for a in kept] == [(CASE, "idiopathic")]


async def test_a_question_answer_is_saved_before_its_feedback(monkeypatch):
    app = make_app(start_pack=FORMAT2, cases=["mouth-ulcers-and-erosions"])
    made = _use(monkeypatch, lambda real: WatchedStore(real, lambda: _feedback_showing(app)))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, "CaseScreen")
        await pilot.press("n")  # Examination: the ranking follows
        screen = await on_screen(pilot, "QuestionScreen")
        await pilot.press("enter")  # the ranking as it stands
        await settle(pilot)
        assert screen.query("#question-feedback")  # its feedback, now
        [store] = made
        assert store.writes == ["question differential"] and store.early == []
        kept = await app.store.call(store.question_attempts)
        assert [q.question_id for q in kept] == ["differential"]


async def test_a_failed_save_is_told_and_the_feedback_says_so(example_as_builtin, monkeypatch):
    app = make_app(start_pack=example_as_builtin)
    made = _use(monkeypatch, lambda real: FailingStore(real, failing=CASE))
    async with app.run_test(size=(80, 24)) as pilot:
        case = await on_screen(pilot, "CaseScreen")
        await pilot.press("3", "slash", *"idio", "enter")
        feedback = await on_screen(pilot, "FeedbackScreen")
        [store] = made
        told = [n for n in app._notifications if n.title == "Not saved"]
        assert [n.message for n in told] == [
            f"This answer could not be saved: Your answer could not be saved to {store.path}: "
            "database or disk is full. Check that the disk is not full and the folder is writable."
        ]
        assert told[0].severity == "error"
        note = text_of(feedback.query_one("#feedback-note"))
        assert "⚠ not saved: Your answer could not be saved" in note
        assert "Correct ✓" in text_of(feedback.query_one("#verdict"))
        assert [a.case_id for a in case.flow.results] == [CASE]  # in the session all the same
        assert await app.store.call(store.attempts) == []


async def test_a_repaired_database_is_told_with_where_the_damaged_one_is(example_as_builtin):
    from damaged_dbs import fill, overwrite_page, pages
    from tui_helpers import until

    data = store_module.resolve_data_dir(None)
    fill(data, range(1, 301))
    overwrite_page(data / store_module.DB_NAME, pages(data / store_module.DB_NAME) // 2)
    app = make_app(start_pack=example_as_builtin)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(
            pilot, lambda: any(n.title == "Progress" for n in app._notifications), "the notice"
        )
        [told] = [n for n in app._notifications if n.title == "Progress"]
        [aside] = [p for p in data.iterdir() if "-damaged-" in p.name and p.suffix == ".sqlite3"]
        assert f"The progress database at {data / store_module.DB_NAME} was damaged" in told.message
        assert f"it was moved to {aside} and a new one started." in told.message
        assert told.severity == "warning"
        await on_screen(pilot, "CaseScreen")  # and the case is there to play
