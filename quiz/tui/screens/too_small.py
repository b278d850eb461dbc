"""Below the smallest size the screens are laid out for: say so instead of a broken screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 40, 12


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(Screen):
    """Shown on top while the terminal is too small; gone as soon as it is large enough.
    Nothing is lost meanwhile: the screens below keep their state."""

    HELP = "The terminal is too small for DermQuiz. Make it larger; ctrl+q quits."

    def compose(self) -> ComposeResult:
        yield Static(
            f"Enlarge the terminal to at least {MIN_WIDTH}×{MIN_HEIGHT}.\n(ctrl+q quits)",
            id="too-small",
        )

    def on_resize(self) -> None:
        self.query_one("#too-small", Static).update(
            f"Enlarge the terminal to at least {MIN_WIDTH}×{MIN_HEIGHT} "
            f"(it is {self.app.size.width}×{self.app.size.height}).\n(ctrl+q quits)"
        )
