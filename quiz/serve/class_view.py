"""`dermquiz class`: the instructor's live view of a served class.

Read from the serve data folder: the roster, the session events the server logs, the exam
records and the results store. Nothing here writes; run it beside `dermquiz serve`.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from quiz.serve import exam_record
from quiz.serve.sessions import EVENTS_FILE


@dataclass
class Row:
    learner: str
    name: str
    status: str = "not started"
    answered: int = 0
    credit: float = 0.0
    out_of: int = 0
    last: float = 0.0

    @property
    def score(self) -> str:
        return f"{round(100 * self.credit / self.out_of)} %" if self.out_of else "–"


def class_rows(data_dir: Path) -> list[Row]:
    from quiz.progress.store import open_store

    rows: dict[str, Row] = {}
    try:
        roster = json.loads((data_dir / "roster.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        roster = {}
    for learner, name in roster.items():
        rows[learner] = Row(learner, str(name))

    def row(learner: str) -> Row:
        return rows.setdefault(learner, Row(learner, learner))

    try:
        lines = (data_dir / EVENTS_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for line in lines:
        try:
            event = json.loads(line)
            r = row(str(event["learner"]))
            kind, at = event["event"], float(event["at"])
        except (ValueError, KeyError, TypeError):
            continue  # a half-written last line while the server appends
        r.last = max(r.last, at)
        if kind == "connected":
            r.status = "playing"
        elif kind == "left" and r.status == "playing":
            r.status = "left"
    with open_store(data_dir) as store:
        attempts = store.attempts()
    for attempt in attempts:
        r = row(attempt.learner or "(unknown)")
        r.answered += 1
        r.credit += attempt.credit
        r.out_of += 1
        r.last = max(r.last, attempt.at.timestamp())
        if r.status == "not started":
            r.status = "left"
    try:
        served = json.loads((data_dir / "class.json").read_text(encoding="utf-8"))
        learn_total = int(served["cases"]) if served.get("mode") == "learn" else 0
        pack_id = served.get("pack")
    except (OSError, ValueError, KeyError, TypeError):
        learn_total, pack_id = 0, None
    if learn_total:  # learn mode: finished once every case of the session has an answer
        seen: dict[str, set[str]] = {}
        for attempt in attempts:
            if attempt.pack_id == pack_id and attempt.mode == "learn":
                seen.setdefault(attempt.learner, set()).add(attempt.case_id)
        for learner, cases in seen.items():
            if len(cases) >= learn_total and learner in rows:
                rows[learner].status = "finished"
    for path in sorted((data_dir / "exams").glob("*.json")):
        record = exam_record.load(path)
        if record is None:
            continue
        r = row(record.learner)
        mine = exam_record.answered_in(record, attempts)
        # Exam score: out of every case set, as on paper; the earlier practice does not count.
        r.answered, r.credit, r.out_of = (
            len(mine),
            sum(a.credit for a in mine),
            len(record.case_ids),
        )
        if record.finished_at is not None or len(mine) >= len(record.case_ids):
            r.status = "finished"
        elif record.expired():
            r.status = "time up"
    return sorted(rows.values(), key=lambda r: (r.name.lower(), r.learner))


def render(rows: list[Row], data_dir: Path):
    from rich.table import Table

    table = Table(title=f"DermQuiz class · {data_dir}", caption=time.strftime("updated %H:%M:%S"))
    for column in ("learner", "name", "status", "answered", "score", "last activity"):
        table.add_column(column, justify="right" if column in ("answered", "score") else "left")
    for r in rows:
        last = time.strftime("%H:%M:%S", time.localtime(r.last)) if r.last else "–"
        table.add_row(r.learner, r.name, r.status, str(r.answered), r.score, last)
    started = sum(r.status != "not started" for r in rows)
    finished = sum(r.status == "finished" for r in rows)
    table.caption = (
        f"{len(rows)} learners · {started} started · {finished} finished · "
        + time.strftime("updated %H:%M:%S")
    )
    return table


def run_class(args) -> int:
    from rich.console import Console
    from rich.live import Live

    from quiz.progress.store import ProgressError

    if not getattr(args, "data_dir", None):
        print(
            "dermquiz: give the class's folder: dermquiz class --data-dir DIR (the --data-dir "
            "given to `dermquiz serve`)",
            file=sys.stderr,
        )
        return 2
    data_dir = Path(args.data_dir)
    if not data_dir.is_dir():
        print(
            f"dermquiz: {data_dir} is not a folder — give the --data-dir of `dermquiz serve`",
            file=sys.stderr,
        )
        return 2
    console = Console()
    try:
        if args.once or not console.is_terminal:
            console.print(render(class_rows(data_dir), data_dir))
            return 0
        with Live(render(class_rows(data_dir), data_dir), console=console, screen=False) as live:
            while True:
                time.sleep(max(0.5, args.every))
                live.update(render(class_rows(data_dir), data_dir))
    except ProgressError as exc:
        print(f"dermquiz: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
