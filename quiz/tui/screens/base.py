"""The base of every DermQuiz screen: `self.app` is the DermQuizApp, typed, so a screen reaches
the store, the options and the navigation methods through declared attributes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import ModalScreen, Screen, ScreenResultType

if TYPE_CHECKING:
    from quiz.tui.app import DermQuizApp


class AppScreen(Screen[ScreenResultType]):
    """A full screen of the app."""

    if TYPE_CHECKING:

        @property
        def app(self) -> DermQuizApp: ...


class AppModal(ModalScreen[ScreenResultType]):
    """A dialog over another screen of the app."""

    if TYPE_CHECKING:

        @property
        def app(self) -> DermQuizApp: ...
