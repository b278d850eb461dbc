"""Reading `dermquiz results --csv` files: every row an Attempt, every bad row located.

CSVs come from learners' machines and pass through spreadsheets, so nothing in them is
trusted: a bad cell is reported as FILE:LINE with the column and what to do, and the row is
left out; a file that is not a results CSV at all is reported once.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from quiz.progress.attempt import Attempt
from quiz.text import clean

# The columns analyze needs; the others of CSV_COLUMNS are optional (names are ignored).
REQUIRED = (
    "time_utc",
    "pack_id",
    "case_id",
    "answer",
    "choice",
    "credit",
    "mode",
    "attempt_id",
    "learner",
)
MAX_FIELD = 10_000  # a cell longer than this is not something DermQuiz wrote
MAX_ERRORS_PER_FILE = 50


@dataclass(frozen=True)
class Row:
    """One attempt and where it was read: `FILE:LINE`, or the store's path."""

    attempt: Attempt
    origin: str


@dataclass
class ReadResult:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # `FILE:LINE: what — what to do`
    skipped: int = 0  # rows left out because they could not be read


class CellError(ValueError):
    pass


def read_results_csv(path: Path) -> ReadResult:
    """The attempts in one results CSV. Never raises for bad content."""
    out = ReadResult()
    where = clean(str(path))
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - `with` below
    except OSError as exc:
        out.problems.append(f"{where}: cannot be read ({exc.strerror or exc}) — check the path")
        return out
    with handle:
        reader = csv.reader(_limited(handle))
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError, _TooLong) as exc:
            out.problems.append(
                f"{where}:1: not a results CSV ({_why(exc)}) — export it with "
                f"`dermquiz results --csv FILE`"
            )
            return out
        if header is None:
            out.problems.append(
                f"{where}: the file is empty — export it with `dermquiz results --csv FILE`"
            )
            return out
        columns = [h.strip() for h in header]
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            hint = (
                "export it again with a DermQuiz that records learners"
                if missing == ["learner"]
                else "is this a `dermquiz results --csv` file?"
            )
            out.problems.append(
                f"{where}:1: the header lacks the column"
                f"{'s' if len(missing) > 1 else ''} {', '.join(missing)} — {hint}"
            )
            return out
        index = {name: columns.index(name) for name in columns}
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError, _TooLong) as exc:
                out.problems.append(
                    f"{where}:{reader.line_num}: the rest of the file cannot be "
                    f"read ({_why(exc)}) — re-export it"
                )
                out.skipped += 1
                break
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            try:
                attempt = _attempt(cells, index)
            except CellError as exc:
                out.skipped += 1
                if len(out.problems) < MAX_ERRORS_PER_FILE:
                    out.problems.append(f"{where}:{line}: {exc}")
                continue
            out.rows.append(Row(attempt, f"{where}:{line}"))
    if len(out.problems) >= MAX_ERRORS_PER_FILE:
        out.problems.append(f"{where}: … further bad rows not listed ({out.skipped} left out)")
    return out


class _TooLong(Exception):
    pass


def _limited(handle):
    # A line far longer than any DermQuiz writes (a binary file, say) is refused, not buffered.
    for line in handle:
        if len(line) > 20 * MAX_FIELD:
            raise _TooLong("a line is far too long")
        yield line


def _why(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "it is not UTF-8 text"
    return str(exc)


def _attempt(cells: list[str], index: dict[str, int]) -> Attempt:
    if len(cells) < len(index):
        raise CellError(
            f"{len(cells)} cells where the header has {len(index)} — the row is cut "
            f"short; re-export the file"
        )

    def get(name: str, default: str = "") -> str:
        at = index.get(name)
        if at is None or at >= len(cells):
            return default
        value = cells[at]
        if len(value) > MAX_FIELD:
            raise CellError(f"column `{name}`: the value is {len(value)} characters long")
        return _unquote(value.strip())

    def required(name: str) -> str:
        value = get(name)
        if not value:
            raise CellError(f"column `{name}` is empty — every attempt needs it")
        return value

    credit = _number(get("credit"), "credit", 0.0, 1.0)
    confidence = get("confidence", "2") or "2"
    stages = get("stages_seen", "0") or "0"
    seconds = get("seconds", "0") or "0"
    return Attempt(
        pack_id=required("pack_id"),
        pack_version=get("pack_version"),
        case_id=required("case_id"),
        choice=required("choice"),
        answer=required("answer"),
        verdict=get("verdict") or _verdict(credit),
        credit=credit,
        confidence=int(_number(confidence, "confidence", 1, 3, whole=True)),
        stages_seen=int(_number(stages, "stages_seen", 0, 1000, whole=True)),
        seconds=_number(seconds, "seconds", 0.0, 1e7),
        mode=required("mode"),
        session=get("session"),
        at=_time(required("time_utc")),
        uid=required("attempt_id"),
        learner=get("learner"),
    )


def _unquote(value: str) -> str:
    # `results --csv` writes '=x as protection against spreadsheet formulas; undo it.
    if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
        return value[1:]
    return value


def _number(text: str, name: str, low: float, high: float, whole: bool = False) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CellError(f"column `{name}`: {clean(text)[:40]!r} is not a number") from None
    if math.isnan(value) or not low <= value <= high or (whole and value != int(value)):
        kind = "a whole number" if whole else "a number"
        raise CellError(
            f"column `{name}`: {clean(text)[:40]!r} is not {kind} from {low:g} to {high:g}"
        )
    return value


def _verdict(credit: float) -> str:
    return "correct" if credit >= 1 else "wrong" if credit <= 0 else "partial"


def _time(text: str) -> datetime:
    try:
        at = datetime.fromisoformat(text)  # 3.11 reads the Z of UTC
    except ValueError:
        raise CellError(
            f"column `time_utc`: {clean(text)[:40]!r} is not a time like 2026-03-01T09:30:00Z"
        ) from None
    return at.astimezone(UTC) if at.tzinfo else at.replace(tzinfo=UTC)
