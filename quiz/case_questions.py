"""A case's format-2 questions during a session: which to ask after which stage, each answer
scored and recorded at once (before its feedback), and the case's credit and CBM mark."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from quiz.cbm import cbm_mark, weighted_cbm
from quiz.pack.models import Case
from quiz.pack.stages import question_stage
from quiz.questions import DIAGNOSIS, Scored, case_credit, credit


def questions_after(case: Case, stage: int) -> list:
    """The questions asked once stage *stage* (0-based) has been shown, in the order written."""
    return [q for q in case.questions if question_stage(case, q) == stage]


@dataclass
class QuestionResult:
    question: Any  # a question model of quiz.pack.models
    response: Any
    credit: float
    confidence: int | None
    counted: bool
    stages_seen: int
    saved: bool = True
    save_error: str = ""

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def cbm(self) -> float | None:
        return (
            None
            if self.confidence is None or not self.counted
            else cbm_mark(self.credit, self.confidence)
        )

    def scored(self) -> Scored:
        return Scored(
            self.question.id,
            self.kind,
            self.question.weight,
            self.credit,
            self.confidence,
            self.counted,
        )


@dataclass
class OpenCase:
    """A case being played: the uid its attempt will have, and the questions answered so far."""

    uid: str = field(default_factory=lambda: uuid.uuid4().hex)
    results: list[QuestionResult] = field(default_factory=list)


def score_question(
    case: Case,
    question_id: str,
    response: Any,
    confidence: int | None,
    stages_seen: int,
    counted: bool = True,
) -> QuestionResult:
    question = next((q for q in case.questions if q.id == question_id), None)
    if question is None:
        raise KeyError(f"the case `{case.id}` has no question `{question_id}`")
    value = credit(case, question, response) if counted else 0.0
    return QuestionResult(question, response, value, confidence, counted, stages_seen)


def case_totals(
    diagnosis_credit: float, confidence: int, results: list[QuestionResult], cbm: bool
) -> tuple[float, float | None]:
    """The case's credit (weighted mean, the diagnosis weighing 1) and, under CBM, its mark."""
    parts = [Scored(DIAGNOSIS, DIAGNOSIS, 1.0, diagnosis_credit, confidence)] + [
        r.scored() for r in results
    ]
    total = case_credit(parts)
    if not cbm:
        return total, None
    rated = [
        (p.weight, p.credit, p.confidence if p.confidence in (1, 2, 3) else confidence)
        for p in parts
        if p.counted
    ]
    return total, weighted_cbm(rated)
