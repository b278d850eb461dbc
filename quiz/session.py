"""A session of cases, shared by line mode and the app: which cases, in what order, and each
answer graded, recorded and turned into feedback — recorded first, so no answer is lost."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quiz.feedback import Feedback, build_feedback
from quiz.grading import Verdict
from quiz.pack.pack import Pack
from quiz.progress.attempt import Attempt
from quiz.vocabulary import Mode

if TYPE_CHECKING:
    from quiz.progress.store import ProgressStore

MODES = tuple(m.value for m in Mode)  # kept for old imports: quiz.vocabulary.Mode


class SessionError(Exception):
    """A session cannot start (an unknown case id, no progress store for review...)."""


@dataclass
class Answered:
    case_id: str
    choice: str
    confidence: int
    stages_seen: int
    seconds: float
    feedback: Feedback
    saved: bool = True
    save_error: str = ""


@dataclass
class Summary:
    answered: int
    total: int
    score: float
    correct: int
    partial: int
    wrong: int
    seconds: float
    missed: list[Answered]
    out_of: int = 0  # what the score is out of: every case of an exam, the answered ones otherwise

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.out_of) if self.out_of else 0


def order_for_learning(pack: Pack, case_ids: list[str]) -> list[str]:
    """Easier cases first, but never the same answer twice in a row when another can go
    between (look-alikes interleaved rather than blocked)."""
    pending = sorted(case_ids, key=lambda cid: (pack.case(cid).difficulty, cid))
    out: list[str] = []
    while pending:
        last = pack.case(out[-1]).answer if out else None
        pick = next((cid for cid in pending if pack.case(cid).answer != last), pending[0])
        pending.remove(pick)
        out.append(pick)
    return out


def select_cases(pack: Pack, mode: str, requested: list[str] | None = None,
                 store: ProgressStore | None = None, count: int | None = None,
                 rng: random.Random | None = None, new_per_day: int = 10) -> list[str]:
    """The case ids a session in *mode* plays, in order."""
    try:
        mode = Mode(mode)
    except ValueError:
        raise SessionError(f"unknown mode `{mode}`; use one of {', '.join(MODES)}") from None
    if requested:
        unknown = [cid for cid in requested if not pack.has_case(cid)]
        if unknown:
            from quiz.pack.diagnostics import did_you_mean

            hint = did_you_mean(unknown[0], [c.id for c in pack.cases])
            raise SessionError(f"the pack `{pack.id}` has no case `{unknown[0]}`"
                               + (f"; {hint}" if hint else ""))
        return list(requested)
    if count is not None and count < 1:
        raise SessionError(f"{count} is not a number of cases: give a whole number from 1 up")
    all_ids = [case.id for case in pack.cases]
    if mode.from_queue:
        if store is None:
            raise SessionError(f"{mode} mode needs the progress store, which could not be opened")
        from quiz.progress.queue import mistakes_queue, review_queue

        ids = (review_queue(store, pack, new_per_day=new_per_day) if mode is Mode.REVIEW
               else mistakes_queue(store, pack))
        return ids[:count] if count else ids
    if mode is Mode.EXAM:
        rng = rng or random.Random()
        ids = rng.sample(all_ids, k=min(count or 10, len(all_ids)))
        return ids
    ids = order_for_learning(pack, all_ids)
    return ids[:count] if count else ids


@dataclass
class Session:
    pack: Pack
    mode: Mode
    case_ids: list[str]
    store: ProgressStore | None = None
    session_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    results: list[Answered] = field(default_factory=list)
    learner: str = ""  # recorded on every attempt: who is answering

    def __post_init__(self) -> None:
        self.mode = Mode(self.mode)  # a plain "exam" is welcome; it is the Mode from here on

    def answer(self, case_id: str, choice: str, confidence: int, stages_seen: int,
               seconds: float) -> Answered:
        """Grade and record one answer. The attempt is committed before this returns."""
        case = self.pack.case(case_id)
        feedback = build_feedback(self.pack, case, choice, confidence)
        answered = Answered(case_id, choice, confidence, stages_seen, seconds, feedback)
        if self.store is not None:
            attempt = Attempt(
                pack_id=self.pack.id, pack_version=self.pack.version, case_id=case_id,
                choice=choice, answer=case.answer, verdict=feedback.verdict.value,
                credit=feedback.grade.credit, confidence=confidence, stages_seen=stages_seen,
                seconds=round(seconds, 2), mode=self.mode.value, session=self.session_id,
                learner=self.learner)
            try:
                self.store.record(attempt)
            except Exception as exc:  # the learner must hear that this one was not kept
                answered.saved, answered.save_error = False, str(exc)
        else:
            answered.saved, answered.save_error = False, "no progress store is open"
        self.results.append(answered)
        return answered

    def summary(self, seconds: float | None = None) -> Summary:
        res = self.results
        return Summary(
            answered=len(res), total=len(self.case_ids),
            score=sum(a.feedback.grade.credit for a in res),
            correct=sum(a.feedback.verdict is Verdict.CORRECT for a in res),
            partial=sum(a.feedback.verdict is Verdict.PARTIAL for a in res),
            wrong=sum(a.feedback.verdict is Verdict.WRONG for a in res),
            seconds=seconds if seconds is not None else sum(a.seconds for a in res),
            missed=[a for a in res if a.feedback.verdict is not Verdict.CORRECT],
            # An exam is marked on every case set, as a paper one is; a learner who stops a
            # learn session early is scored on what they chose to answer.
            out_of=len(self.case_ids) if self.mode is Mode.EXAM else len(res),
        )
