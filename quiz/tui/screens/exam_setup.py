"""Before an exam: how many cases, and an optional time limit."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Static

from quiz.tui.screens.base import AppModal
from quiz.tui.widgets.in_order_input import InOrderInput


class ExamSetupScreen(AppModal[tuple[int, float | None, str] | None]):
    """Dismisses with (number of cases, minutes or None, marking), or None when cancelled."""

    HELP = (
        "An exam shows no feedback until the end; then every case can be reviewed with "
        "its feedback. Leave the time limit empty for none. Certainty-based marking: rate "
        "each answer 1–3; right earns 1, 2 or 3, wrong 0, −2 or −6."
    )
    AUTO_FOCUS = "#exam-count"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, available: int) -> None:
        super().__init__()
        self.available = available

    def compose(self) -> ComposeResult:
        with Vertical(id="exam-setup", classes="dialog"):
            yield Static("Exam", classes="dialog-title")
            yield Label(f"Number of cases (1–{self.available})")
            yield InOrderInput(
                str(min(10, self.available)), id="exam-count", type="integer", compact=True
            )
            yield Label("Time limit in minutes (empty: none)")
            yield InOrderInput(
                "", id="exam-minutes", type="number", placeholder="none", compact=True
            )
            yield Checkbox(
                "Certainty-based marking (rate each answer 1–3)", id="exam-cbm", compact=True
            )
            yield Static("", id="exam-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start", id="exam-start", variant="primary", compact=True)
                yield Button("Cancel", id="exam-cancel", compact=True)

    def _read(self) -> tuple[int, float | None, str] | str:
        count_text = self.query_one("#exam-count", Input).value.strip()
        minutes_text = self.query_one("#exam-minutes", Input).value.strip()
        try:
            count = int(count_text)
        except ValueError:
            return f"Type a number of cases from 1 to {self.available}."
        if not 1 <= count <= self.available:
            return f"Type a number of cases from 1 to {self.available}."
        marking = "cbm" if self.query_one("#exam-cbm", Checkbox).value else "plain"
        if not minutes_text:
            return count, None, marking
        try:
            minutes = float(minutes_text)
        except ValueError:
            return "Type the time limit in minutes, e.g. 10 or 2.5, or leave it empty."
        if minutes <= 0:
            return "The time limit must be above 0 minutes; leave it empty for none."
        return count, minutes, marking

    @on(Input.Submitted)
    @on(Button.Pressed, "#exam-start")
    def _start(self) -> None:
        result = self._read()
        if isinstance(result, str):
            self.query_one("#exam-error", Static).update(result)
            return
        self.dismiss(result)

    @on(Button.Pressed, "#exam-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
