"""What a path is when a file was expected: a folder, a named pipe, a socket, a device.

A folder named like a file the app reads raises an error deep in the reading code; a named
pipe blocks the read until something writes to it. Both are caught first, by a stat.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def not_a_file(path: Path) -> str | None:
    """What *path* is when it exists but is not a regular file ("a folder", "a named pipe",
    "a socket", "a device"); None for a regular file (links followed) or nothing there."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # missing, or unreadable: opening it says so in its own words
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"
