"""Keys typed while `dermquiz play PACK` starts wait for the session's first case.

Until the case is on screen the home screen is the one shown, and it has no use for what
the learner types ahead for the case ("n" for the next stage, an answer): those keys would be
dropped. They are held and handed to the app once the case is shown (or start-up gave up:
a pack with errors, or after a few seconds), in the order they were typed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events

# Never held: quitting must work at once.
_PASS = {"ctrl+q", "ctrl+c"}
MAX_HOLD = 10.0  # seconds: a start that takes longer releases the keys anyway


class StartupKeys:
    def __init__(self, started: Callable[[], bool]) -> None:
        self._started = started
        self._held: list[events.Key] | None = []
        self._since = time.monotonic()

    @property
    def holding(self) -> bool:
        return self._held is not None

    def hold(self, event: events.Event) -> bool:
        """True when `event` was kept for later (the caller does nothing more with it)."""
        if self._held is None or not isinstance(event, events.Key) or event.is_forwarded:
            return False
        if event.key in _PASS:
            return False
        if self._started() or time.monotonic() - self._since > MAX_HOLD:
            return False  # the caller releases first (poll), so order is kept
        self._held.append(event)
        return True

    def poll(self) -> list[events.Key] | None:
        """The held keys, once, when the session has started (or too long passed)."""
        if self._held is None:
            return None
        if self._started() or time.monotonic() - self._since > MAX_HOLD:
            held, self._held = self._held, None
            return held
        return None
