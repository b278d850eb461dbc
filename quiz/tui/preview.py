"""`dermquiz preview PACK [--case ID] [--watch]`: the app on one pack, for the author writing it.

Nothing is recorded (an author trying their cases is not a learner). With --watch the pack
is loaded again whenever a file in it is saved; the open case stays open, and errors are
shown in the app, never as an exit.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Awaitable, Callable


@dataclass
class PreviewOptions:
    path: Path
    case_id: str | None = None
    watch: bool = False
    debounce_ms: int = 300  # editors save in bursts (temp file, rename, chmod): one reload each


def run_preview(path: Path, case_id: str | None = None, watch: bool = False) -> int:
    from quiz.tui.app import AppOptions, DermQuizApp

    app = DermQuizApp(AppOptions(preview=PreviewOptions(Path(path), case_id, watch)))
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)


async def watch_folder(root: Path, on_change: Callable[[set], Awaitable[None]],
                       stop: asyncio.Event, debounce_ms: int = 300) -> None:
    """Call *on_change* with each batch of changed paths under *root* until *stop* is set.

    The stop event, not cancellation, is what ends the watch promptly: watchfiles waits in a
    thread that only notices the event (or its own timeout).
    """
    from watchfiles import awatch

    async for changes in awatch(root, debounce=debounce_ms, step=50, stop_event=stop,
                                rust_timeout=1000):
        await on_change({path for _, path in changes})
