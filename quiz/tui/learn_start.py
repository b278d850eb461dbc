"""Starting learn mode in the app: offer the unfinished session, say how many cases are new."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.pack.pack import Pack
    from quiz.progress.resume import Unfinished
    from quiz.tui.app import DermQuizApp


async def continue_or_new(app: DermQuizApp, pack: Pack, store) -> Unfinished | None:
    """The unfinished learn session of *pack* if the learner wants to go on with it.
    Call from a worker: it waits for the learner's answer."""
    from quiz.progress.resume import unfinished
    from quiz.tui.screens.prompts import ConfirmScreen

    left = await app.store.call(unfinished, store, pack)
    if left is None:
        return None
    question = ConfirmScreen(
        "Continue your unfinished session?",
        f"You answered {left.answered} of {len(left.cases)} cases of {pack.title}; "
        f"{len(left.remaining)} {'is' if len(left.remaining) == 1 else 'are'} left. No starts "
        "a new session (unseen cases first).",
    )
    yes = await app.push_screen(question, wait_for_dismiss=True)
    return left if yes else None


async def new_cases(app: DermQuizApp, pack: Pack, ids: list[str], store) -> frozenset[str]:
    """The session's cases the learner has never answered (the case screen's header counts
    those still ahead: "case 1 of 12 · 3 new")."""
    from quiz.session import new_cases as find

    return frozenset(await app.store.call(find, pack, ids, store))
