"""How sure the learner is, asked before the reveal (teaching rule R6): guess, unsure, sure."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Label

from quiz.vocabulary import Confidence


class ConfidencePicker(Horizontal):
    """Three buttons, one lit; keys 1 2 3 belong to the screen, which sets `value`."""

    DEFAULT_CSS = """
    ConfidencePicker {
        height: auto;
    }

    ConfidencePicker > #confidence-label {
        margin-right: 1;
    }

    ConfidencePicker > Button {
        width: auto;
        min-width: 0;
        margin-right: 1;
    }

    ConfidencePicker > Button.-chosen {
        background: $primary;
        color: $text;
        text-style: bold reverse;
    }
    """

    value: reactive[int | None] = reactive(None, init=False)

    class Changed(Message):
        def __init__(self, picker: ConfidencePicker, value: int | None) -> None:
            self.picker, self.value = picker, value
            super().__init__()

        @property
        def control(self) -> ConfidencePicker:
            return self.picker

    def compose(self) -> ComposeResult:
        yield Label("Sure?", id="confidence-label")
        for level in Confidence:
            # Not focusable: the keys 1 2 3 reach them from anywhere but the answer field,
            # and tabbing through three buttons would only slow the way to the answer.
            button = Button(
                f"{level.value} {level.word}", id=f"confidence-{level.value}", compact=True
            )
            button.can_focus = False
            yield button

    def watch_value(self, value: int | None) -> None:
        for level in Confidence:
            self.query_one(f"#confidence-{level.value}", Button).set_class(
                level == value, "-chosen"
            )
        self.post_message(self.Changed(self, value))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.value = int((event.button.id or "0").rsplit("-", 1)[-1])
