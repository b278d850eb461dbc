"""The exam clock: time left, ticking once a second, and a message when it runs out."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from quiz.tui.flow import clock_text


class Countdown(Static):
    DEFAULT_CSS = """
    Countdown {
        text-style: bold;
        color: $primary;
    }

    Countdown.-ending {
        color: $error;  /* the last minute: a learner should not be surprised */
    }
    """
    remaining: reactive[float] = reactive(0.0)

    class Expired(Message):
        """Time is up (posted once)."""

    class LastMinute(Message):
        """One minute or less is left (posted once per clock)."""

    def __init__(self, remaining: Callable[[], float | None], **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self._source = remaining
        self._expired = False
        self._warned = False

    def on_mount(self) -> None:
        self._tick()
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        left = self._source()
        if left is None:
            self.display = False
            return
        self.remaining = left
        if 0 < left <= 60 and not self._warned:
            self._warned = True
            self.post_message(self.LastMinute())
        if left <= 0 and not self._expired:
            self._expired = True
            self.post_message(self.Expired())

    def watch_remaining(self, left: float) -> None:
        self.update(f"⏱ {clock_text(left)} left")
        # The last minute gets the warning style: a learner should not be surprised.
        self.set_class(left <= 60, "-ending")
