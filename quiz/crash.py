"""An unexpected error: its traceback kept in a crash report, and a few words for the learner.

Used by the command line (every command) and by the app, so both say the same thing and
neither shows a traceback in the learner's terminal.
"""

from __future__ import annotations

import traceback
from pathlib import Path

EXIT_CODE = 70  # EX_SOFTWARE: an internal error


def write_report(folder: Path) -> Path | str:
    """Append the traceback being handled to crash.log in *folder*: its path, or why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(traceback.format_exc() + "\n")
        return path
    except OSError as exc:
        return f"{folder} is not writable: {exc.strerror or exc}"


def message(error: BaseException, where: Path | str) -> str:
    """One line: what happened, where the details are and what to do with them."""
    return f"dermquiz: something went wrong inside DermQuiz ({type(error).__name__}). " + (
        f"The details are in {where}: please send that file with your report."
        if isinstance(where, Path)
        else f"The details could not be saved ({where}): please report what you did."
    )
