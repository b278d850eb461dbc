"""Where a session stands: which case is open, how many of its stages are shown, the clock.

Plain Python on top of quiz.session, so the screens stay thin and the rules are testable
without a terminal. The screens own the display; this owns the state that must survive
screens being replaced (a new case screen per case) and the terminal being resized.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quiz.vocabulary import Mode

if TYPE_CHECKING:
    from quiz.pack.models import Case
    from quiz.pack.pack import Pack
    from quiz.session import Answered, Session, Summary


@dataclass
class SessionFlow:
    session: Session
    time_limit: float | None = None  # seconds; exam mode only
    preview: bool = False  # an author trying their cases: nothing is recorded, and that is fine
    clock: Callable[[], float] = time.monotonic
    base_depth: int = 1  # screens below the session's own: where it returns to
    index: int = 0
    shown: dict[str, int] = field(default_factory=dict)  # case id -> stages revealed
    opened_at: dict[str, float] = field(default_factory=dict)
    started_at: float = 0.0
    new_ids: frozenset[str] | None = None  # learn mode: its cases never answered before
    warned_last_minute: bool = False  # the exam's "one minute left" was said (once a session)
    ended_at: float | None = None
    asked: dict[str, set[str]] = field(default_factory=dict)  # case id -> questions answered
    answer_stages: dict[str, int] = field(default_factory=dict)  # stages seen at the diagnosis
    closed: bool = False  # the app has left the session's screens (summary or home)

    def __post_init__(self) -> None:
        self.started_at = self.clock()

    # -- the session ----------------------------------------------------------------------
    @property
    def pack(self) -> Pack:
        return self.session.pack

    @property
    def mode(self) -> str:
        return self.session.mode

    @property
    def total(self) -> int:
        return len(self.session.case_ids)

    @property
    def done(self) -> bool:
        return self.ended_at is not None or self.index >= self.total

    @property
    def heading(self) -> str:
        """The screen title during this session."""
        return "DermQuiz · preview" if self.preview else f"DermQuiz · {Mode(self.mode).label}"

    @property
    def feedback_each_case(self) -> bool:
        return Mode(self.mode).feedback_each_case

    @property
    def case_id(self) -> str:
        return self.session.case_ids[self.index]

    @property
    def case(self) -> Case:
        return self.pack.case(self.case_id)

    @property
    def position(self) -> str:
        """ "case 3 of 4": a preview's session starts at the chosen case and goes round the
        pack, so there the place in the pack is what the author wants, not the turn."""
        if self.preview:
            ids = [case.id for case in self.pack.cases]
            if self.case_id in ids:
                return f"case {ids.index(self.case_id) + 1} of {len(ids)}"
        new = f" · {self.new_ahead} new" if self.new_ids is not None else ""
        return f"case {self.index + 1} of {self.total}{new}"

    @property
    def new_ahead(self) -> int:
        """The never-answered cases from this one on: fewer as the session goes."""
        ahead = self.session.case_ids[self.index :]
        return sum(cid in (self.new_ids or ()) for cid in ahead)

    def has_current_case(self) -> bool:
        return not self.done and self.pack.has_case(self.case_id)

    # -- stages ---------------------------------------------------------------------------
    def open_case(self) -> None:
        """Note the time the current case was first opened (re-opening keeps the first)."""
        self.opened_at.setdefault(self.case_id, self.clock())
        self.shown.setdefault(self.case_id, 1)

    @property
    def stages_shown(self) -> int:
        stages = len(self.case.stages)
        return max(1, min(self.shown.get(self.case_id, 1), stages))

    @property
    def all_stages_shown(self) -> bool:
        return self.stages_shown >= len(self.case.stages)

    def reveal_next(self) -> bool:
        """Show one more stage; False when all are shown already."""
        if self.all_stages_shown:
            return False
        self.shown[self.case_id] = self.stages_shown + 1
        return True

    # -- format 2: the case's questions -------------------------------------------------
    def pending_questions(self) -> list:
        """Questions due after the stages shown and not answered yet, in the order written."""
        from quiz.pack.stages import question_stage

        done = self.asked.get(self.case_id, set())
        return [
            q
            for q in self.case.questions
            if question_stage(self.case, q) < self.stages_shown and q.id not in done
        ]

    def unasked_questions(self) -> list:
        done = self.asked.get(self.case_id, set())
        return [q for q in self.case.questions if q.id not in done]

    def answer_question(
        self, question_id: str, response, confidence: int | None, counted: bool = True
    ):
        """Score and record one question (on the store thread, like `answer`); *counted*
        False records a skip (a picture that cannot be shown)."""
        case_id = self.case_id
        seconds = self.clock() - self.opened_at.get(case_id, self.started_at)
        result = self.session.answer_question(
            case_id,
            question_id,
            response,
            confidence=confidence,
            stages_seen=self.stages_shown,
            seconds=seconds,
            counted=counted,
        )
        self.asked.setdefault(case_id, set()).add(question_id)
        return result

    # -- answers --------------------------------------------------------------------------
    def answer(self, choice: str, confidence: int) -> Answered:
        """Grade and record the current case's answer (the store commits before this returns).

        Slow only by an fsync: the app calls it from its store thread, never the UI thread.
        """
        case_id = self.case_id
        seconds = self.clock() - self.opened_at.get(case_id, self.started_at)
        seen = self.answer_stages.pop(
            case_id, self.stages_shown
        )  # before later questions showed more
        return self.session.answer(case_id, choice, confidence, seen, seconds)

    def advance(self) -> bool:
        """Move to the next case; False when the session is over."""
        self.index += 1
        if self.index >= self.total:
            self.finish()
            return False
        return True

    def finish(self) -> None:
        if self.ended_at is None:
            self.ended_at = self.clock()

    @property
    def elapsed(self) -> float:
        return (self.ended_at if self.ended_at is not None else self.clock()) - self.started_at

    # -- the exam clock -------------------------------------------------------------------
    @property
    def remaining(self) -> float | None:
        if self.time_limit is None:
            return None
        return max(0.0, self.time_limit - self.elapsed)

    @property
    def expired(self) -> bool:
        remaining = self.remaining
        return remaining is not None and remaining <= 0

    def summary(self) -> Summary:
        return self.session.summary(seconds=self.elapsed)

    @property
    def unanswered(self) -> list[str]:
        """The session's cases with no answer (an exam whose time ran out), in order."""
        done = {a.case_id for a in self.results}
        return [cid for cid in self.session.case_ids if cid not in done]

    @property
    def results(self) -> list[Answered]:
        return self.session.results


def clock_text(seconds: float) -> str:
    """12:05 or 1:02:03: a countdown a learner reads at a glance."""
    seconds = max(0, int(seconds + 0.999))  # round up: "0:00" only once time is truly up
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
