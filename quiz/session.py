"""A session of cases, shared by line mode and the app: which cases, in what order, and each
answer graded, recorded and turned into feedback — recorded first, so no answer is lost."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from quiz.case_questions import OpenCase, QuestionResult, case_totals, score_question
from quiz.feedback import Feedback, build_feedback
from quiz.grading import Verdict
from quiz.pack.pack import Pack
from quiz.progress.attempt import Attempt
from quiz.progress.question_attempt import QuestionAttempt
from quiz.questions import verdict_for
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
    questions: list[QuestionResult] = field(default_factory=list)  # format 2, in the order asked
    credit: float | None = None  # the case's credit; None: the diagnosis's (format 1)
    cbm: float | None = None  # the certainty-based mark, when the session is marked so

    @property
    def case_credit(self) -> float:
        return self.feedback.grade.credit if self.credit is None else self.credit

    @property
    def case_verdict(self) -> str:
        return verdict_for(self.case_credit) if self.questions else self.feedback.verdict.value


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
    cbm: float | None = None  # total certainty-based mark (−6 … 3 a case), when marked so

    @property
    def cbm_average(self) -> float | None:
        return None if self.cbm is None or not self.out_of else self.cbm / self.out_of

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


def order_for_learner(pack: Pack, case_ids: list[str], store: ProgressStore | None) -> list[str]:
    """Learn mode with a history: the cases never answered first (easier first, look-alikes
    interleaved), then the answered ones, the one answered longest ago first."""
    if store is None:
        return order_for_learning(pack, case_ids)
    last: dict[str, str] = {}
    for attempt in store.attempts(pack.id):  # oldest first: the last one wins
        last[attempt.case_id] = attempt.at.isoformat()
    unseen = [cid for cid in case_ids if cid not in last]
    seen = sorted((cid for cid in case_ids if cid in last), key=lambda cid: (last[cid], cid))
    return order_for_learning(pack, unseen) + seen


def new_cases(pack: Pack, case_ids: list[str], store: ProgressStore | None) -> list[str]:
    """Those of *case_ids* the learner has never answered, in their order."""
    if store is None:
        return list(case_ids)
    seen = {a.case_id for a in store.attempts(pack.id)}
    return [cid for cid in case_ids if cid not in seen]


def count_new(pack: Pack, case_ids: list[str], store: ProgressStore | None) -> int:
    """How many of *case_ids* the learner has never answered."""
    return len(new_cases(pack, case_ids, store))


def with_tags(pack: Pack, tags: list[str] | None) -> list[str]:
    """The pack's case ids that carry any of *tags* (all of them when no tag is given)."""
    if not tags:
        return [case.id for case in pack.cases]
    wanted = {t.casefold() for t in tags}
    ids = [case.id for case in pack.cases if wanted & {t.casefold() for t in case.tags}]
    if not ids:
        known = sorted({t for case in pack.cases for t in case.tags})
        raise SessionError(
            f"no case of the pack `{pack.id}` has the tag "
            f"{', '.join(f'`{t}`' for t in tags)}; its tags are: "
            f"{', '.join(known) or '(none)'}"
        )
    return ids


def select_cases(
    pack: Pack,
    mode: str,
    requested: list[str] | None = None,
    store: ProgressStore | None = None,
    count: int | None = None,
    rng: random.Random | None = None,
    new_per_day: int = 10,
    tags: list[str] | None = None,
) -> list[str]:
    """The case ids a session in *mode* plays, in order (only cases with one of *tags*)."""
    try:
        mode = Mode(mode)
    except ValueError:
        raise SessionError(f"unknown mode `{mode}`; use one of {', '.join(MODES)}") from None
    if requested:
        unknown = [cid for cid in requested if not pack.has_case(cid)]
        if unknown:
            from quiz.pack.diagnostics import did_you_mean

            hint = did_you_mean(unknown[0], [c.id for c in pack.cases])
            raise SessionError(
                f"the pack `{pack.id}` has no case `{unknown[0]}`" + (f"; {hint}" if hint else "")
            )
        return list(requested)
    if count is not None and count < 1:
        raise SessionError(f"{count} is not a number of cases: give a whole number from 1 up")
    all_ids = with_tags(pack, tags)
    if mode.from_queue:
        if store is None:
            raise SessionError(f"{mode} mode needs the progress store, which could not be opened")
        from quiz.progress.queue import mistakes_queue, review_queue

        ids = (
            review_queue(store, pack, new_per_day=new_per_day)
            if mode is Mode.REVIEW
            else mistakes_queue(store, pack)
        )
        ids = [cid for cid in ids if cid in all_ids]
        return ids[:count]  # count None: all of them
    if mode is Mode.EXAM:
        rng = rng or random.Random()
        ids = rng.sample(all_ids, k=min(count or 10, len(all_ids)))
        return ids
    ids = order_for_learner(pack, all_ids, store)
    return ids[:count]


@dataclass
class Session:
    pack: Pack
    mode: Mode
    case_ids: list[str]
    store: ProgressStore | None = None
    session_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    results: list[Answered] = field(default_factory=list)
    learner: str = ""  # recorded on every attempt: who is answering
    marking: str = "plain"  # "cbm": certainty-based marking (every answer rated 1–3)
    _open: dict[str, OpenCase] = field(default_factory=dict, repr=False)

    @property
    def cbm(self) -> bool:
        return self.marking == "cbm"

    def answer_question(
        self,
        case_id: str,
        question_id: str,
        response: Any,
        *,
        confidence: int | None = None,
        stages_seen: int,
        seconds: float = 0.0,
        counted: bool = True,
    ) -> QuestionResult:
        """Score and record one format-2 question (committed before this returns, so its
        feedback may follow at once). *counted* False records a skip (a picture in line mode)."""
        case = self.pack.case(case_id)
        open_case = self._open.setdefault(case_id, OpenCase())
        result = score_question(case, question_id, response, confidence, stages_seen, counted)
        open_case.results = [r for r in open_case.results if r.question.id != question_id] + [
            result
        ]
        if self.store is None:
            result.saved, result.save_error = False, "no progress store is open"
            return result
        try:
            self.store.record_question(
                QuestionAttempt(
                    attempt_uid=open_case.uid,
                    question_id=question_id,
                    pack_id=self.pack.id,
                    case_id=case_id,
                    kind=result.kind,
                    response=response,
                    credit=result.credit,
                    weight=result.question.weight,
                    confidence=confidence,
                    counted=counted,
                    stages_seen=stages_seen,
                    seconds=round(seconds, 2),
                    learner=self.learner,
                )
            )
        except Exception as exc:  # the learner must hear that this one was not kept
            result.saved, result.save_error = False, str(exc)
        return result

    def __post_init__(self) -> None:
        self.mode = Mode(self.mode)  # a plain "exam" is welcome; it is the Mode from here on

    def answer(
        self, case_id: str, choice: str, confidence: int, stages_seen: int, seconds: float
    ) -> Answered:
        """Grade and record one answer. The attempt is committed before this returns."""
        case = self.pack.case(case_id)
        feedback = build_feedback(self.pack, case, choice, confidence, stages_seen=stages_seen)
        open_case = self._open.pop(case_id, None) or OpenCase()
        credit, cbm = case_totals(feedback.grade.credit, confidence, open_case.results, self.cbm)
        answered = Answered(
            case_id,
            choice,
            confidence,
            stages_seen,
            seconds,
            feedback,
            questions=open_case.results,
            credit=credit if open_case.results else None,
            cbm=cbm,
        )
        if self.store is not None and open_case.results:
            # the diagnosis as a question row too, so statistics per kind see it beside the others
            diagnosis = QuestionAttempt(
                attempt_uid=open_case.uid,
                question_id="diagnosis",
                pack_id=self.pack.id,
                case_id=case_id,
                kind="diagnosis",
                response=choice,
                credit=feedback.grade.credit,
                confidence=confidence if self.cbm else None,
                stages_seen=stages_seen,
                seconds=round(seconds, 2),
                learner=self.learner,
            )
            try:
                self.store.record_question(diagnosis)
            except Exception:
                pass  # the attempt below says whether saving works; it holds the choice too
        if self.store is not None:
            attempt = Attempt(
                pack_id=self.pack.id,
                pack_version=self.pack.version,
                case_id=case_id,
                choice=choice,
                answer=case.answer,
                verdict=answered.case_verdict,
                credit=credit,
                confidence=confidence,
                stages_seen=stages_seen,
                seconds=round(seconds, 2),
                mode=self.mode.value,
                session=self.session_id,
                learner=self.learner,
                uid=open_case.uid,
                cbm=cbm,
            )
            try:
                self.store.record(attempt)
            except Exception as exc:  # the learner must hear that this one was not kept
                answered.saved, answered.save_error = False, str(exc)
        else:
            answered.saved, answered.save_error = False, "no progress store is open"
        self.results.append(answered)
        if self.store is not None and answered.saved and len(self.results) == 1:
            from quiz.progress.played import remember

            remember(self.store, self.pack)  # its names, for the statistics later
        if self.mode == "learn" and self.store is not None and answered.saved:
            self._keep_plan()
        return answered

    def _keep_plan(self) -> None:
        """A learn session left halfway can be continued: its plan is kept until it ends."""
        from quiz.progress.resume import clear_plan, save_plan

        if {a.case_id for a in self.results} >= set(self.case_ids):
            clear_plan(self.store, self.pack.id, self.session_id)
        elif len(self.results) == 1:
            save_plan(self.store, self.pack.id, self.session_id, self.case_ids)

    def summary(self, seconds: float | None = None) -> Summary:
        res = self.results
        return Summary(
            answered=len(res),
            total=len(self.case_ids),
            score=sum(a.case_credit for a in res),
            correct=sum(a.case_verdict == Verdict.CORRECT for a in res),
            partial=sum(a.case_verdict == Verdict.PARTIAL for a in res),
            wrong=sum(a.case_verdict == Verdict.WRONG for a in res),
            seconds=seconds if seconds is not None else sum(a.seconds for a in res),
            missed=[a for a in res if a.case_verdict != Verdict.CORRECT],
            # An exam is marked on every case set, as a paper one is; a learner who stops a
            # learn session early is scored on what they chose to answer.
            out_of=len(self.case_ids) if self.mode is Mode.EXAM else len(res),
            # an unanswered exam case is marked 0 (not the −6 of a sure wrong answer)
            cbm=sum(a.cbm or 0.0 for a in res) if self.cbm else None,
        )
