"""Put items in order, most likely first: up/down move the highlight, shift+up/down (or K/J,
or - and +) move the highlighted item, Enter submits. With the mouse, drag an item to its
place, or click it and then click where it goes."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Click, MouseDown, MouseUp
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class RankList(Widget, can_focus=True):
    DEFAULT_CSS = """
    RankList { height: auto; border: round $primary; padding: 0 1; }
    RankList:focus { border: round $accent; }
    """
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="rank-up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="rank-down"),
        Binding("shift+up,K,minus", "move(-1)", "Move up", id="rank-move-up"),
        Binding("shift+down,J,plus", "move(1)", "Move down", id="rank-move-down"),
        Binding("enter", "submit", "Submit", id="rank-submit"),
    ]

    cursor: reactive[int] = reactive(0)

    class Submitted(Message):
        def __init__(self, ranks: RankList, order: list[str]) -> None:
            self.ranks, self.order = ranks, order
            super().__init__()

        @property
        def control(self) -> RankList:
            return self.ranks

    def __init__(self, items: list[tuple[str, str]], **kwargs) -> None:
        """*items*: (value, label) pairs in the order first shown."""
        super().__init__(**kwargs)
        self.items = list(items)
        self.border_title = "Most likely first"

    @property
    def order(self) -> list[str]:
        return [value for value, _ in self.items]

    def render(self) -> Text:
        out = Text()
        for i, (_, label) in enumerate(self.items):
            mark = "▶" if i == self.cursor else " "
            line = Text(
                f"{mark} {i + 1}. {label}",
                style="reverse" if i == self.cursor and self.has_focus else "",
            )
            if i:
                out.append("\n")
            out.append_text(line)
        return out

    def action_cursor(self, step: int) -> None:
        self.cursor = max(0, min(len(self.items) - 1, self.cursor + step))

    def action_move(self, step: int) -> None:
        i, j = self.cursor, self.cursor + step
        if 0 <= j < len(self.items):
            self.items[i], self.items[j] = self.items[j], self.items[i]
            self.cursor = j
            self.refresh()

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self, self.order))

    def _row(self, y: int) -> int | None:
        row = y - 1  # inside the border
        return row if 0 <= row < len(self.items) else None

    def _move_to(self, source: int, target: int) -> None:
        item = self.items.pop(source)
        self.items.insert(target, item)
        self.cursor = target
        self.refresh()

    def on_mouse_down(self, event: MouseDown) -> None:
        self._pressed = self._row(event.y)

    def on_mouse_up(self, event: MouseUp) -> None:
        # a drag: pressed on one row, released on another
        start, end = getattr(self, "_pressed", None), self._row(event.y)
        self._pressed = None
        if start is not None and end is not None and start != end:
            self._move_to(start, end)
            self._dragged = True

    def on_click(self, event: Click) -> None:
        # Without dragging: a click picks an item, a click on another row puts it there.
        if getattr(self, "_dragged", False):
            self._dragged = False
            return
        row = self._row(event.y)
        if row is None:
            return
        if row != self.cursor and getattr(self, "_picked", False):
            self._move_to(self.cursor, row)
            self._picked = False
            return
        self._picked = True
        self.cursor = row
        self.refresh()

    def watch_cursor(self) -> None:
        self.refresh()
