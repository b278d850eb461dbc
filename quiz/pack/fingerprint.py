"""The state of a pack's files on disk, as one hash: every file that can change what the
loader says, by name, size and modification time. Nothing is read but the file stats, so a
pack whose fingerprint is unchanged since its result was kept need not be loaded again.

Plain Python (no models): the home screen keys its pack summaries on this before pydantic
is imported.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def snapshot(roots: list[Path], salt: str) -> tuple[str, int]:
    """The fingerprint of the files under *roots* (with *salt*: what else the kept result
    depends on), and the newest of their mtimes (ns)."""
    import hashlib  # here: the summaries' cheaper key (summary.py) needs only walk()

    digest = hashlib.blake2b(digest_size=20)
    digest.update(salt.encode())
    newest = 0
    for root in roots:
        digest.update(str(root.resolve()).encode())
        for entry, mtime in walk(root):
            digest.update(entry.encode())
            newest = max(newest, mtime)
    return digest.hexdigest(), newest


def walk(root: Path) -> Iterator[tuple[str, int]]:
    """('path size mtime', mtime) for every file that can change what the loader says."""
    for name in ("pack.yaml", "entities.yaml"):
        try:
            st = os.stat(root / name)
            yield f"{name} {st.st_size} {st.st_mtime_ns}", st.st_mtime_ns
        except OSError:
            yield f"{name} -", 0
    for folder in ("cases", "images"):
        top = root / folder
        yield f"{folder}/", 0
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                try:
                    st = os.stat(full)
                except OSError:
                    continue
                yield f"{full} {st.st_size} {st.st_mtime_ns}", st.st_mtime_ns
