"""One learner's answer to one format-2 question of a case: the row the store keeps for it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from quiz.progress.attempt import utc_now


@dataclass(frozen=True)
class QuestionAttempt:
    attempt_uid: str  # the uid of the case attempt it belongs to
    question_id: str
    pack_id: str
    case_id: str
    kind: str  # choose | point | rank | concordance
    response: Any  # exactly what the learner gave (see quiz.questions); stored as JSON
    credit: float  # 0..1
    weight: float = 1.0
    confidence: int | None = None  # 1–3 under certainty-based marking
    counted: bool = True  # False: skipped, left out of the case's credit
    stages_seen: int = 0
    seconds: float = 0.0
    at: datetime = field(default_factory=utc_now)
    learner: str = ""

    def response_json(self) -> str:
        return json.dumps(self.response, ensure_ascii=False, separators=(",", ":"))
