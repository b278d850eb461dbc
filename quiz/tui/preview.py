"""`dermquiz preview PACK [--case ID] [--watch]`: the app on one pack, for the author writing it.

Nothing is recorded (an author trying their cases is not a learner). With --watch the pack
is loaded again whenever a file in it is saved; the open case stays open, and errors are
shown in the app, never as an exit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class PreviewOptions:
    path: Path
    case_id: str | None = None
    watch: bool = False
    poll_ms: int = (
        300  # how often the files are looked at; a reload follows a save within two polls
    )


def run_preview(path: Path, case_id: str | None = None, watch: bool = False) -> int:
    from quiz.settings import current
    from quiz.tui.app import AppOptions, DermQuizApp

    settings = current()
    app = DermQuizApp(
        AppOptions(
            preview=PreviewOptions(Path(path), case_id, watch),
            graphics=settings.graphics,
            settings=settings,
        )
    )
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
