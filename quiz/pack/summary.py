"""What the home screen lists about a pack before the pack itself has loaded.

A pack's title and number of cases (or of errors) are kept beside the pack cache, keyed by
the state of every file of the pack (`fingerprint`). Reading one costs a walk of the file
stats and one small JSON file, where loading the pack means importing pydantic and making
its models; so the home screen lists the packs at once and loads them after its first
frame. A summary is only ever a hint: a missing, stale or damaged one is ignored, and the
row is corrected when the pack has loaded.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from quiz import __version__
from quiz.pack import fingerprint

if TYPE_CHECKING:
    from quiz.pack.loader import LoadResult

_FORMAT = 1  # bump when PackSummary or the key change


class PackSummary(NamedTuple):
    key: str  # the pack's fingerprint when it was summed up
    id: str
    title: str
    cases: int
    errors: int  # a pack with errors cannot be played; its row says how many

    @classmethod
    def of(cls, key: str, result: LoadResult) -> PackSummary:
        pack = result.pack
        errors = len(result.errors) or (0 if pack is not None else 1)
        if pack is None:
            return cls(key, "", "", 0, errors)
        return cls(key, pack.id, pack.title, len(pack.cases), errors)


def key_of(path: Path) -> str:
    """The fingerprint of the pack at *path* (a folder, or a zip file as it is)."""
    path = Path(path)
    parts = [f"summary {_FORMAT}|{__version__}|{sys.version_info[:2]}|{path.resolve()}"]
    if path.suffix.lower() == ".zip" and path.is_file():
        st = path.stat()
        parts.append(f"{st.st_size}|{st.st_mtime_ns}")
    else:
        parts.extend(entry for entry, _ in fingerprint.walk(path))
    return _digest("\n".join(parts))


def _digest(text: str) -> str:
    """64 bits of checksum (two zlib sums, no hashlib to import before the first frame): a
    summary is only a hint, corrected when the pack has loaded, and its entry names its own
    key, so a collision could at worst show last start's count for a moment."""
    data = text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def read(path: Path) -> tuple[str, PackSummary | None]:
    """The pack's key now, and its summary if one was kept for exactly this state."""
    try:
        key = key_of(path)
    except OSError:
        return "", None
    try:
        data = json.loads(_slot(path).read_text(encoding="utf-8"))
        kept = PackSummary(**data)
        if kept.key != key or not all(
            isinstance(getattr(kept, name), kind)
            for name, kind in (("id", str), ("title", str), ("cases", int), ("errors", int))
        ):
            return key, None
        return key, kept
    except Exception:  # missing, damaged, from another version: the pack will tell
        return key, None


def write(path: Path, summary: PackSummary) -> None:
    """Keep *summary* for the next start; a cache that cannot be written is not an error."""
    tmp = None
    try:
        slot = _slot(path)
        tmp = slot.with_suffix(f".{os.getpid()}.tmp")
        slot.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(summary._asdict()), encoding="utf-8")
        os.replace(tmp, slot)
    except Exception:
        if tmp is not None:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass


def _slot(path: Path) -> Path:
    from quiz.settings import current

    name = _digest(str(Path(path).resolve()))
    return current().cache_dir / "summaries" / f"{name}.json"
