"""Located messages about a pack: `FILE:LINE:COL: what is wrong — what to do`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from quiz.text import clean

Severity = Literal["error", "warning", "info"]  # info: a note that never fails a run


@dataclass(frozen=True)
class Diagnostic:
    file: Path
    line: int | None  # 1-based; None when the problem is the file as a whole
    col: int | None  # 1-based
    message: str
    hint: str = ""
    severity: Severity = "error"

    def location(self, base: Path | None = None) -> str:
        shown = self.file
        if base is not None:
            try:
                shown = self.file.relative_to(base)
            except ValueError:
                pass
        where = clean(str(shown))
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        return where

    def format(self, base: Path | None = None) -> str:
        tail = f" — {self.hint}" if self.hint else ""
        label = {"error": "", "warning": "warning: ", "info": "note: "}[self.severity]
        return f"{self.location(base)}: {label}{clean(self.message)}{clean(tail)}"

    def to_json(self, base: Path | None = None) -> dict:
        return {
            "file": clean(str(self.file if base is None else _rel(self.file, base))),
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "message": clean(self.message),
            "hint": clean(self.hint),
        }


def _rel(path: Path, base: Path) -> Path:
    try:
        return path.relative_to(base)
    except ValueError:
        return path


def did_you_mean(word: str, candidates: Iterable[str], *, prefix: str = "did you mean ") -> str:
    """A hint naming the closest candidates, or '' when nothing is close."""
    pool = sorted(set(candidates))
    close = difflib.get_close_matches(word, pool, n=3, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in pool}
        close = [
            lowered[c]
            for c in difflib.get_close_matches(word.lower(), list(lowered), n=3, cutoff=0.6)
        ]
    if not close:
        return ""
    return prefix + " or ".join(f"`{c}`" for c in close) + "?"
