"""Who is playing now: one live session per learner, a cap on how many, an event log.

The same link opened a second time takes over: the older tab's connection is closed (its
page says why and offers a reload) and its process is stopped before the new one starts, so
one learner never has two processes writing the same exam. Nothing is lost: every answer is
in the store before its feedback shows, and a served exam resumes from its record.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVENTS_FILE = "sessions.jsonl"


@dataclass
class Live:
    learner: str
    close: Any  # coroutine function: closes the browser side
    process: Any = None  # quiz.serve.process.LearnerProcess once started
    started: float = field(default_factory=time.time)


class SessionBook:
    def __init__(self, limit: int, data_dir: Path) -> None:
        self.limit = limit
        self.data_dir = data_dir
        self._live: dict[str, Live] = {}
        self._lock = asyncio.Lock()

    def __len__(self) -> int:
        return len(self._live)

    def is_full_for(self, learner: str) -> bool:
        """No room for *learner* (someone taking over their own session always has room)."""
        return learner not in self._live and len(self._live) >= self.limit

    def is_live(self, learner: str) -> bool:
        return learner in self._live

    async def claim(self, learner: str, live: Live) -> bool:
        """Make *live* the learner's session, ending an older one; False when full."""
        async with self._lock:
            old = self._live.get(learner)
            if old is None and len(self._live) >= self.limit:
                return False
            self._live[learner] = live
        if old is not None:
            self.log(learner, "taken-over")
            try:
                await old.close()
            except Exception:
                pass
            if old.process is not None:
                await old.process.stop()
        return True

    async def release(self, learner: str, live: Live) -> None:
        async with self._lock:
            if self._live.get(learner) is live:
                del self._live[learner]

    def log(self, learner: str, event: str, **extra: Any) -> None:
        """One line per event for `dermquiz class`; a failed write never stops a session."""
        line = json.dumps({"at": time.time(), "learner": learner, "event": event, **extra})
        try:
            with open(self.data_dir / EVENTS_FILE, "a", encoding="utf-8") as out:
                out.write(line + "\n")
        except OSError:
            pass
