"""A served exam that survives a reload: which cases, when it started, its session id.

One small JSON file per learner in `<data dir>/exams/`, written by the learner's process on
the server (the browser cannot reach it). A reload starts a new process, which finds the
record and carries on: the same cases in the same order, the clock still running from the
first start (the limit is kept here, not in the page), the answers already given read back
from the results store by the record's session id. Plain Python: no Textual.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

ENV_VAR = "DERMQUIZ_EXAM_RECORD"  # set by `dermquiz serve` for each learner's process


@dataclass
class ExamRecord:
    learner: str
    pack_id: str
    case_ids: list[str]
    time_limit: float | None  # seconds
    started_at: float  # wall clock (epoch seconds), set once
    session_id: str
    finished_at: float | None = None

    def elapsed(self, now: float | None = None) -> float:
        end = self.finished_at if self.finished_at is not None else (now or time.time())
        return max(0.0, end - self.started_at)

    def expired(self, now: float | None = None) -> bool:
        return self.time_limit is not None and self.elapsed(now) >= self.time_limit


def record_path(data_dir: Path, learner: str) -> Path:
    # Hashed: a learner id never becomes a path, whatever characters a typed name holds.
    digest = hashlib.sha256(learner.encode("utf-8")).hexdigest()[:24]
    return data_dir / "exams" / f"{digest}.json"


def load(path: Path) -> ExamRecord | None:
    """The record at *path*, or None when there is none or it is unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        record = ExamRecord(**data)
    except (OSError, ValueError, TypeError):
        return None
    if not (isinstance(record.case_ids, list) and all(isinstance(c, str) for c in record.case_ids)):
        return None
    return record


def save(path: Path, record: ExamRecord) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(asdict(record)), encoding="utf-8")
    os.replace(tmp, path)  # atomic: a reload never reads half a record


def start_or_resume(
    path: Path,
    learner: str,
    pack_id: str,
    case_ids: list[str],
    time_limit: float | None,
    now: float | None = None,
) -> ExamRecord:
    """The learner's exam on this pack: the one under way (or finished), else a new one."""
    record = load(path)
    if record is not None and record.learner == learner and record.pack_id == pack_id:
        return record
    record = ExamRecord(
        learner=learner,
        pack_id=pack_id,
        case_ids=list(case_ids),
        time_limit=time_limit,
        started_at=now or time.time(),
        session_id=uuid.uuid4().hex[:12],
    )
    save(path, record)
    return record


def finish(path: Path, record: ExamRecord, now: float | None = None) -> None:
    if record.finished_at is None:
        record.finished_at = min(
            now or time.time(), record.started_at + (record.time_limit or float("inf"))
        )
        save(path, record)


def answered_in(record: ExamRecord, attempts) -> list:
    """The record's attempts in case order, the first per case (what the learner chose)."""
    first: dict[str, object] = {}
    for attempt in attempts:
        if (
            attempt.session == record.session_id
            and attempt.learner == record.learner
            and attempt.case_id in record.case_ids
            and attempt.case_id not in first
        ):
            first[attempt.case_id] = attempt
    return [first[cid] for cid in record.case_ids if cid in first]
