"""Where a case is written: `FILE:LINE` of its file, its `answer:` and its `options:` line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quiz.text import clean


@dataclass(frozen=True)
class Place:
    case: str  # the `id:` line (the file's start)
    answer: str
    options: str


def locate(pack, case_id: str, base: Path | None = None) -> Place:
    """The places of *case_id* in *pack*; empty strings when the pack or case is unknown."""
    if pack is None or case_id not in pack.case_files:
        return Place("", "", "")
    file = pack.case_files[case_id]
    shown = _shown(file, base or Path.cwd())
    try:
        from quiz.pack.yamlio import parse

        doc = parse(file)
    except Exception:  # the file changed since loading: its start is still a fair place
        return Place(f"{shown}:1", f"{shown}:1", f"{shown}:1")

    def line(key: str, fallback: str) -> str:
        pos = doc.where((key,), key=True)
        present = isinstance(doc.data, dict) and key in doc.data
        return f"{shown}:{pos[0]}" if pos and present else fallback

    start = doc.where(("id",), key=True)
    case_at = f"{shown}:{start[0] if start else 1}"
    return Place(case_at, line("answer", case_at), line("options", line("answer", case_at)))


def _shown(file: Path, base: Path) -> str:
    try:
        return clean(str(file.resolve().relative_to(base.resolve())))
    except ValueError:
        return clean(str(file))
