"""Noticing that an author saved a file of a pack: a snapshot of its files, compared by polling.

Polling, not inotify: it works the same on network drives, in WSL on Windows folders and in
containers, needs no thread that has to be stopped, and a pack is small enough that a stat
of each file a few times a second costs well under a millisecond per hundred files.
"""

from __future__ import annotations

import os
from pathlib import Path

Snapshot = frozenset  # of (relative path, size, mtime in ns)

MAX_FILES = 50_000  # past this a pack is not something an author edits by hand


def _ignored(name: str) -> bool:
    # editors' swap and backup files come and go on every keystroke; they are not the pack
    return name.startswith(".") or name.endswith(("~", ".swp", ".swx", ".tmp"))


def snapshot(root: Path) -> Snapshot:
    """What the pack's files look like now. A zip pack is one file; a missing pack is empty."""
    root = Path(root)
    try:
        if root.is_file():
            st = root.stat()
            return frozenset({(root.name, st.st_size, st.st_mtime_ns)})
    except OSError:
        return frozenset()
    seen: set[tuple[str, int, int]] = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not _ignored(d) and d != "__pycache__"]
        for name in files:
            if _ignored(name):
                continue
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:  # deleted between the listing and the stat
                continue
            seen.add((os.path.relpath(path, root), st.st_size, st.st_mtime_ns))
            if len(seen) >= MAX_FILES:
                return frozenset(seen)
    return frozenset(seen)


class ChangeWatch:
    """Feed it a snapshot per poll; it says when to reload.

    A change is reported once the files have stayed the same for one poll, so an editor's
    burst of writes (temp file, rename, chmod) gives one reload, not three, and a half-written
    file is not loaded.
    """

    def __init__(self, first: Snapshot) -> None:
        self._loaded = first
        self._pending: Snapshot | None = None

    def poll(self, now: Snapshot) -> bool:
        if now == self._loaded:
            self._pending = None
            return False
        if now != self._pending:
            self._pending = now
            return False
        self._loaded, self._pending = now, None
        return True
