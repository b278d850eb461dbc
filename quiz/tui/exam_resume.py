"""A served exam picked up again after a reload (see quiz.serve.exam_record).

Only active when `dermquiz serve` set DERMQUIZ_EXAM_RECORD for this process: then an exam
session takes its cases, start time and session id from the learner's record, and the
answers given before the reload come back from the store, so the summary at the end has
every answer and its feedback.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.serve import exam_record

if TYPE_CHECKING:
    from quiz.pack.pack import Pack
    from quiz.progress.store import ProgressStore
    from quiz.tui.flow import SessionFlow


def record_file() -> Path | None:
    value = os.environ.get(exam_record.ENV_VAR)
    return Path(value) if value else None


def resumed_flow(
    pack: Pack, ids: list[str], time_limit: float | None, store: ProgressStore | None, learner: str
) -> tuple[SessionFlow, Path] | None:
    """The exam flow for this learner from their record (new or under way); None when not
    served. Runs on the store's thread: it reads the store."""
    path = record_file()
    if path is None:
        return None
    from quiz.feedback import build_feedback
    from quiz.session import Answered, Session
    from quiz.tui.flow import SessionFlow

    record = exam_record.start_or_resume(path, learner, pack.id, ids, time_limit)
    case_ids = [cid for cid in record.case_ids if pack.has_case(cid)]
    session = Session(pack, "exam", case_ids, store, session_id=record.session_id, learner=learner)
    done = exam_record.answered_in(record, store.attempts(pack.id) if store is not None else [])
    for attempt in done:
        feedback = build_feedback(
            pack, pack.case(attempt.case_id), attempt.choice, attempt.confidence
        )
        session.results.append(
            Answered(
                attempt.case_id,
                attempt.choice,
                attempt.confidence,
                attempt.stages_seen,
                attempt.seconds,
                feedback,
            )
        )
    flow = SessionFlow(session, time_limit=record.time_limit)
    # The clock runs from the exam's first start, not from this process's.
    flow.started_at = flow.clock() - record.elapsed()
    flow.index = len(done)
    if record.finished_at is not None or flow.index >= flow.total:
        flow.index = flow.total
        flow.ended_at = flow.started_at + record.elapsed()
    return flow, path


def mark_finished(flow: SessionFlow) -> None:
    path = getattr(flow, "exam_record_path", None)
    if path is None:
        return
    record = exam_record.load(path)
    if record is not None and record.session_id == flow.session.session_id:
        exam_record.finish(path, record, now=time.time())
