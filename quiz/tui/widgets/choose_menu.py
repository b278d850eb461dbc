"""A key-feature question's short menu: space marks a choice, Enter submits, "up to N" shown."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection


class ChooseMenu(SelectionList[str]):
    """The choices with check boxes; never more than `limit` marked (a further mark is refused
    with a word, since choosing more than allowed would score 0)."""

    BINDINGS = [
        Binding("enter", "submit", "Submit", priority=True, id="choose-submit"),
        Binding("space", "select", "Mark / unmark", id="choose-select"),
        Binding("j", "cursor_down", show=False, id="choose-cursor-down"),
        Binding("k", "cursor_up", show=False, id="choose-cursor-up"),
    ]

    class Submitted(Message):
        def __init__(self, menu: ChooseMenu, chosen: list[str]) -> None:
            self.menu, self.chosen = menu, chosen
            super().__init__()

        @property
        def control(self) -> ChooseMenu:
            return self.menu

    def __init__(self, choices: dict[str, str], limit: int, **kwargs) -> None:
        super().__init__(*(Selection(label, cid) for cid, label in choices.items()), **kwargs)
        self.limit = limit
        self.order: list[str] = []  # in the order marked: recorded as the learner gave it
        self.border_title = f"Choose up to {limit}"

    def on_mount(self) -> None:
        # highlighted from the start: the first space marks the first choice
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        value = event.selection.value
        if value in self.selected and value not in self.order:
            if len(self.order) >= self.limit:
                self.deselect(value)
                self.notify(f"Up to {self.limit}: unmark one first (space).", timeout=3)
                return
            self.order.append(value)
        elif value not in self.selected and value in self.order:
            self.order.remove(value)
        self.border_subtitle = f"{len(self.order)} of up to {self.limit} marked"

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self, [v for v in self.order if v in self.selected]))
