"""The base of every DermQuiz screen: `self.app` is the DermQuizApp, typed, so a screen reaches
the store, the options and the navigation methods through declared attributes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.message import Message
from textual.screen import ModalScreen, Screen, ScreenResultType

if TYPE_CHECKING:
    from quiz.tui.app import DermQuizApp


class AppScreen(Screen[ScreenResultType]):
    """A full screen of the app."""

    if TYPE_CHECKING:

        @property
        def app(self) -> DermQuizApp: ...

    _styled_for: tuple | None = None  # the theme and stylesheet of this screen's last styling

    def post_message(self, message: Message) -> bool:
        # Textual styles every widget of a screen again each time it comes to the front
        # (for a theme changed meanwhile). A widget's own class changes restyle it at once,
        # so with the same theme and stylesheet as last time nothing would change: that
        # pass was a fifth of the way from an answer to its feedback's first frame.
        if isinstance(message, events.ScreenResume) and message.refresh_styles:
            app = self.app
            styled_for = (app.theme, app.ansi_color, id(app.stylesheet))
            if styled_for == self._styled_for:
                message = events.ScreenResume(refresh_styles=False)
            self._styled_for = styled_for
        return super().post_message(message)


class AppModal(ModalScreen[ScreenResultType]):
    """A dialog over another screen of the app."""

    if TYPE_CHECKING:

        @property
        def app(self) -> DermQuizApp: ...
