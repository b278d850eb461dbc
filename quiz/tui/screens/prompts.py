"""Small questions: how sure are you (before the reveal), and do you really want to leave."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from quiz.tui.plain import plain
from quiz.tui.screens.base import AppModal
from quiz.vocabulary import Confidence


class ConfidencePrompt(AppModal[int | None]):
    """Asked when the learner answers without having set a confidence: 1, 2 or 3."""

    HELP = (
        "Rate how sure you are before you see the answer: errors made with confidence "
        "and then corrected are the ones remembered best."
    )
    BINDINGS = [
        Binding("1", "pick(1)", "Guess", id="guess"),
        Binding("2", "pick(2)", "Unsure", id="unsure"),
        Binding("3", "pick(3)", "Sure", id="sure"),
        Binding("escape", "pick(0)", "Back", id="back"),
    ]

    def __init__(self, choice_name: str) -> None:
        super().__init__()
        self.choice_name = choice_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confidence-prompt"):
            yield Static(plain(f"Your answer: {self.choice_name}"), classes="dialog-title")
            yield Static("How sure are you?")
            with Horizontal(classes="dialog-buttons"):
                for level in Confidence:
                    yield Button(
                        f"{level.value} {level.word}", id=f"pick-{level.value}", compact=True
                    )

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_pick(int((event.button.id or "pick-0").rsplit("-", 1)[-1]))

    def action_pick(self, level: int) -> None:
        self.dismiss(level or None)


class ConfirmScreen(AppModal[bool]):
    """A yes/no question; y or Enter says yes, n or escape no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="yes"),
        Binding("n,escape", "answer(False)", "No", id="no"),
    ]
    AUTO_FOCUS = "#confirm-yes"

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question, self.detail = question, detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm"):
            yield Static(self.question, classes="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="confirm-yes", variant="primary", compact=True)
                yield Button("No (n)", id="confirm-no", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
