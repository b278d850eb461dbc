"""Where the learner stands per kind of question: the diagnosis (every case attempt) and the
format-2 kinds (choose, point, rank, concordance), from the stored question answers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from quiz.progress.attempt import Attempt
from quiz.progress.question_attempt import QuestionAttempt

KINDS = ("diagnosis", "choose", "point", "rank", "concordance")
KIND_LABELS = {
    "diagnosis": "diagnosis",
    "choose": "key features (choose)",
    "point": "point at the picture",
    "rank": "rank the differential",
    "concordance": "script concordance",
}


@dataclass(frozen=True)
class KindStats:
    kind: str
    label: str
    answered: int
    accuracy: float | None  # mean credit, 0..1; None when none answered
    skipped: int = 0  # not counted (a picture in line mode)

    def to_json(self) -> dict:
        return asdict(self)


def kind_stats(
    attempts: Iterable[Attempt], questions: Iterable[QuestionAttempt]
) -> list[KindStats]:
    """Mean credit per kind; kinds never met are left out. A case with questions stores its
    diagnosis as a question row; a case without them has the diagnosis's credit as its own."""
    questions = list(questions)
    credits: dict[str, list[float]] = {k: [] for k in KINDS}
    skipped: dict[str, int] = dict.fromkeys(KINDS, 0)
    with_rows = {q.attempt_uid for q in questions if q.kind == "diagnosis"}
    for a in attempts:
        if a.uid not in with_rows:
            credits["diagnosis"].append(a.credit)
    for q in questions:
        if q.kind not in credits:
            continue
        if q.counted:
            credits[q.kind].append(q.credit)
        else:
            skipped[q.kind] += 1
    out = []
    for kind in KINDS:
        values = credits[kind]
        if values or skipped[kind]:
            out.append(
                KindStats(
                    kind,
                    KIND_LABELS[kind],
                    len(values),
                    sum(values) / len(values) if values else None,
                    skipped[kind],
                )
            )
    return out


def read_question_attempts(folder: Path, pack_id: str | None) -> list[QuestionAttempt]:
    from quiz.progress.store import ProgressError, open_store

    try:
        with open_store(folder) as store:
            return store.question_attempts(pack_id)
    except ProgressError:
        return []


def kind_lines(rows: list[KindStats]) -> list[str]:
    if all(r.kind == "diagnosis" for r in rows):
        return []  # a format-1 history: the diagnosis is all there is, said above already
    lines = ["", "Accuracy per kind of question:"]
    width = max(len(r.label) for r in rows)
    for r in rows:
        pct = "—" if r.accuracy is None else f"{round(100 * r.accuracy)}%"
        skipped = f" ({r.skipped} skipped in line mode)" if r.skipped else ""
        lines.append(f"  {r.label:<{width}}  {pct:>4}  of {r.answered}{skipped}")
    return lines
