"""SOURCES to the responses analysed: CSVs and data dirs merged, each attempt_id once, then
one response per learner and case (first or last, of the chosen modes and pack version)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from quiz.analysis.csvread import ReadResult, Row, read_results_csv
from quiz.progress.attempt import Attempt
from quiz.text import clean


@dataclass
class Gathered:
    """Every attempt read, de-duplicated, with what was noticed on the way."""

    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # located; rows left out
    notices: list[str] = field(default_factory=list)  # worth knowing; nothing left out
    skipped: int = 0
    duplicates: int = 0


@dataclass
class Selection:
    pack_id: str | None
    version: str | None
    responses: list[Attempt]  # one per (learner, case)
    notes: list[str] = field(default_factory=list)  # what was left out and why


def gather(sources: list[Path]) -> Gathered:
    """Read every source; the same attempt_id (one attempt exported twice) counts once."""
    out = Gathered()
    seen: dict[str, Row] = {}
    for source in sources:
        read = _read_source(source)
        out.problems += read.problems
        out.skipped += read.skipped
        for row in read.rows:
            first = seen.get(row.attempt.uid)
            if first is None:
                seen[row.attempt.uid] = row
                out.rows.append(row)
                continue
            out.duplicates += 1
            if first.attempt != row.attempt or first.attempt.learner != row.attempt.learner:
                out.notices.append(
                    f"{row.origin}: attempt {clean(row.attempt.uid)} was read "
                    f"before at {first.origin} with other contents; the first "
                    f"is kept"
                )
    return out


def _read_source(source: Path) -> ReadResult:
    if source.is_dir():
        return read_data_dir(source)
    if not source.exists():
        return ReadResult(
            problems=[
                (
                    f"{clean(str(source))}: no such file or folder — give "
                    f"results CSVs or data folders"
                )
            ]
        )
    return read_results_csv(source)


def read_data_dir(folder: Path) -> ReadResult:
    """The attempts in a data folder's progress store (a learner's, or a class's under serve)."""
    from quiz.progress.store import DB_NAME, ProgressError, open_store

    db = folder / DB_NAME
    if not db.is_file():
        return ReadResult(
            problems=[
                (
                    f"{clean(str(folder))}: no {DB_NAME} here — give a "
                    f"DermQuiz data folder (see `--data-dir`) or results CSVs"
                )
            ]
        )
    try:
        with open_store(folder) as store:
            notices = [f"{clean(str(db))}: {n}" for n in store.notices]
            attempts = store.attempts()
    except ProgressError as exc:
        return ReadResult(problems=[clean(str(exc))])
    where = clean(str(db))
    rows = [Row(a, where) for a in attempts]
    return ReadResult(rows=rows, problems=notices)


def select(
    rows: list[Row], pack: str | None, version: str | None, mode: str, which: str
) -> Selection:
    """The responses to analyse: one pack and version, the modes asked for, one per learner
    and case (`which`: first or last by time). Everything left out is said in notes."""
    notes: list[str] = []
    attempts = [r.attempt for r in rows]
    per_pack = Counter(a.pack_id for a in attempts)
    if pack is None and per_pack:
        pack = max(per_pack, key=lambda p: (per_pack[p], p))
    others = {p: n for p, n in per_pack.items() if p != pack}
    if others:
        listed = ", ".join(f"{clean(p)} ({n})" for p, n in sorted(others.items()))
        notes.append(f"left out attempts of other packs: {listed} — choose one with --pack ID")
    mine = [a for a in attempts if a.pack_id == pack]
    versions = Counter(a.pack_version for a in mine)
    if version is None and versions:
        latest = {v: max(a.at for a in mine if a.pack_version == v) for v in versions}
        version = max(versions, key=lambda v: (versions[v], latest[v]))
    if len(versions) > 1 or (versions and version not in versions):
        left = {v: n for v, n in versions.items() if v != version}
        listed = ", ".join(f"{clean(v) or '(none)'} ({n})" for v, n in sorted(left.items()))
        notes.append(
            f"left out attempts of other versions of {clean(pack or '')}: {listed} — "
            f"choose one with --pack {clean(pack or '')}@VERSION"
        )
    mine = [a for a in mine if a.pack_version == version]
    if mode != "any":
        other_modes = Counter(a.mode for a in mine if a.mode != mode)
        if other_modes:
            listed = ", ".join(f"{clean(m)} ({n})" for m, n in sorted(other_modes.items()))
            notes.append(f"left out attempts in other modes: {listed} — --mode any takes all")
        mine = [a for a in mine if a.mode == mode]
    nameless = [a for a in mine if not a.learner]
    if nameless:
        notes.append(
            f"left out {len(nameless)} attempt{'s' if len(nameless) != 1 else ''} "
            f"with no learner name (recorded before learners were) — they cannot be "
            f"told apart"
        )
        mine = [a for a in mine if a.learner]
    chosen: dict[tuple[str, str], Attempt] = {}
    for a in sorted(mine, key=lambda a: (a.at, a.uid), reverse=(which == "last")):
        chosen.setdefault((a.learner, a.case_id), a)
    repeats = len(mine) - len(chosen)
    if repeats:
        notes.append(
            f"left out {repeats} repeated attempt{'s' if repeats != 1 else ''} at a "
            f"case (each learner's {which} attempt counts)"
        )
    responses = sorted(chosen.values(), key=lambda a: (a.case_id, a.learner))
    return Selection(pack, version, responses, notes)
