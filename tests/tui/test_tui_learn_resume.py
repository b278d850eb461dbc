"""Learn mode in the app: unseen cases first, how many are new, the unfinished session offered."""

from __future__ import annotations

from blistering import write_blistering_pack
from tui_helpers import make_app, on_screen

from quiz.pack.loader import load_pack
from quiz.progress.store import open_store, resolve_data_dir
from quiz.session import Session, select_cases


def _left_halfway(pack_dir) -> tuple[str, list[str]]:
    """A learn session of three cases with the first one answered, then abandoned."""
    pack = load_pack(pack_dir).pack
    with open_store(resolve_data_dir(None)) as store:
        ids = select_cases(pack, "learn", store=store)
        session = Session(pack, "learn", ids, store)
        session.answer(ids[0], pack.case(ids[0]).answer, 3, 1, 5.0)
    return session.session_id, ids


async def _asked(pilot) -> None:
    """The question is up (the worker that asks waits for the answer: settle() would too)."""
    for _ in range(400):
        if type(pilot.app.screen).__name__ == "ConfirmScreen":
            return
        await pilot.pause(0.02)
    raise AssertionError(f"no question; screen: {pilot.app.screen!r}")


def _notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_an_unfinished_learn_session_is_offered_and_continued(tmp_path):
    pack_dir = write_blistering_pack(tmp_path / "blistering")
    session_id, ids = _left_halfway(pack_dir)
    app = make_app(start_pack=pack_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _asked(pilot)
        await pilot.press("y")
        case = await on_screen(pilot, "CaseScreen")
        assert case.case.id == ids[1]  # not the case answered already
        assert case.flow.session.case_ids == ids[1:]
        assert case.flow.session.session_id == session_id


async def test_a_new_learn_session_starts_with_unseen_cases_and_says_so(tmp_path):
    pack_dir = write_blistering_pack(tmp_path / "blistering")
    _session_id, ids = _left_halfway(pack_dir)
    app = make_app(start_pack=pack_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _asked(pilot)
        await pilot.press("n")
        case = await on_screen(pilot, "CaseScreen")
        assert case.flow.session.case_ids == [*ids[1:], ids[0]]  # the answered one last
        assert case.sub_title.startswith("case 1 of 3 · 2 new")
        # The count is of the new cases still ahead: one fewer once a new one is answered.
        await pilot.press("3", "slash", *"bullous", "enter")
        await on_screen(pilot, "FeedbackScreen")
        await pilot.press("n")
        case = await on_screen(pilot, "CaseScreen")
        assert case.sub_title.startswith("case 2 of 3 · 1 new")
