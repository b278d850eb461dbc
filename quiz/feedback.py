"""Feedback assembled from the entity descriptions and the case's findings, never per case in code.

The verdict, the right entity with its summary and the sections that matter, the contrast
(which findings of this case the chosen entity does not fit, and which point to the answer),
the case's own feedback and discussion, the references, and the confident-error note.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.grading import Grade, Relation, grade
from quiz.pack.models import Case
from quiz.pack.pack import Pack
from quiz.vocabulary import Confidence, Verdict

# Which description sections to show, in this order: a right answer needs the reminder of
# what proves it; a wrong one needs the picture of the entity it missed.
SECTIONS_IF_RIGHT = ("histopathology", "laboratory")
SECTIONS_IF_NOT = ("definition", "clinical", "histopathology", "laboratory")


def show_value(value: str) -> str:
    """Finding values are written as ids (`vessel-walls`); learners read words."""
    return value.replace("-", " ").replace("_", " ")


def show_values(values: tuple[str, ...] | None) -> str:
    return " or ".join(show_value(v) for v in values) if values else "—"


@dataclass(frozen=True)
class FindingRow:
    key: str
    label: str
    case_value: str
    chosen_expects: tuple[str, ...] | None  # None: the chosen entity says nothing about it
    answer_expects: tuple[str, ...] | None
    # the value labels of a format-2 finding ({id: label}); empty: ids are shown as words
    value_labels: tuple[tuple[str, str], ...] = ()
    stage: int | None = None  # the stage (0-based) that makes this finding known; None: not known
    stage_name: str = ""

    def show(self, value: str) -> str:
        return dict(self.value_labels).get(value) or show_value(value)

    def show_all(self, values: tuple[str, ...] | None) -> str:
        return " or ".join(self.show(v) for v in values) if values else "—"

    @property
    def against_choice(self) -> bool:
        return self.chosen_expects is not None and self.case_value not in self.chosen_expects

    @property
    def fits_answer(self) -> bool:
        return self.answer_expects is not None and self.case_value in self.answer_expects


@dataclass(frozen=True)
class Feedback:
    case_id: str
    title: str
    grade: Grade
    confidence: int
    choice_name: str
    answer_name: str
    answer_summary: str
    rows: tuple[FindingRow, ...]
    sections: tuple[tuple[str, str], ...]
    case_feedback: str
    discussion: str
    references: tuple[str, ...]
    confidence_note: str
    stages_seen: int = 0  # how many stages the learner had seen when answering (0: all)
    stage_count: int = 0

    @property
    def verdict(self) -> Verdict:
        return self.grade.verdict

    @property
    def answered_early(self) -> bool:
        return 0 < self.stages_seen < self.stage_count

    def seen(self, rows: tuple[FindingRow, ...]) -> tuple[FindingRow, ...]:
        """Of *rows*, those the learner had seen when answering."""
        if not self.answered_early:
            return rows
        return tuple(r for r in rows if r.stage is not None and r.stage < self.stages_seen)

    def later(self, rows: tuple[FindingRow, ...]) -> tuple[FindingRow, ...]:
        """Of *rows*, those only the stages after the answer showed."""
        if not self.answered_early:
            return ()
        return tuple(r for r in rows if r.stage is not None and r.stage >= self.stages_seen)

    def unplaced(self, rows: tuple[FindingRow, ...]) -> tuple[FindingRow, ...]:
        """Of *rows*, those no stage is known to show (only split out when answered early)."""
        return () if not self.answered_early else tuple(r for r in rows if r.stage is None)

    @property
    def against(self) -> tuple[FindingRow, ...]:
        """Findings of this case that the chosen entity does not fit."""
        if self.grade.verdict is Verdict.CORRECT:
            return ()
        return tuple(r for r in self.rows if r.against_choice)

    @property
    def pointing(self) -> tuple[FindingRow, ...]:
        """Findings that point to the right entity (those that tell it from the choice first)."""
        if self.grade.verdict is Verdict.CORRECT:
            return tuple(r for r in self.rows if r.fits_answer)
        telling = tuple(r for r in self.rows if r.fits_answer and r.against_choice)
        return telling or tuple(r for r in self.rows if r.fits_answer)

    def against_sentence(self, row: FindingRow) -> str:
        return (
            f"{row.label}: this case {row.show(row.case_value)}; {self.choice_name} expects "
            f"{row.show_all(row.chosen_expects)}."
        )

    def pointing_sentence(self, row: FindingRow) -> str:
        return f"{row.label}: {row.show(row.case_value)}, as {self.answer_name} expects."

    def later_sentence(self, row: FindingRow) -> str:
        """What a stage after the answer showed ("the Biopsy then showed ...")."""
        where = (
            f"the {row.stage_name.lower()}" if row.stage_name else f"stage {(row.stage or 0) + 1}"
        )
        against = (
            f", against {self.choice_name}"
            if row.against_choice and self.verdict is not Verdict.CORRECT
            else ""
        )
        return f"{where} then showed {row.label.lower()}: {row.show(row.case_value)}{against}."


def build_feedback(
    pack: Pack, case: Case, choice: str, confidence: int = 2, stages_seen: int = 0
) -> Feedback:
    """*stages_seen*: how many stages the learner had seen when answering (0: all of them)."""
    from quiz.pack.stages import finding_stages

    tax = pack.taxonomy
    result = grade(case, choice, tax)
    answer = pack.entities[case.answer]  # the loader refuses a case whose answer is not one
    chosen_features = tax.features(choice) if choice in tax.entities else {}
    answer_features = tax.features(case.answer)
    order = list(pack.findings)
    keys = sorted(case.findings, key=lambda k: order.index(k) if k in order else len(order))
    at = finding_stages(case, pack.findings)
    rows = tuple(
        FindingRow(
            key=k,
            label=pack.finding_label(k),
            case_value=case.findings[k],
            chosen_expects=tuple(chosen_features[k]) if k in chosen_features else None,
            answer_expects=tuple(answer_features[k]) if k in answer_features else None,
            value_labels=_labels(pack, k),
            stage=at.get(k),
            stage_name=case.stages[at[k]].name if k in at else "",
        )
        for k in keys
    )
    wanted = SECTIONS_IF_RIGHT if result.verdict is Verdict.CORRECT else SECTIONS_IF_NOT
    sections = tuple(
        (name.capitalize(), answer.description[name])
        for name in wanted
        if answer.description.get(name, "").strip()
    )
    case_feedback = (
        case.feedback.get(choice, "")
        if result.relation not in (Relation.EXACT, Relation.ACCEPTED)
        else ""
    )
    return Feedback(
        case_id=case.id,
        title=case.title or case.id,
        grade=result,
        confidence=confidence,
        choice_name=tax.label(choice),
        answer_name=tax.label(case.answer),
        answer_summary=answer.summary,
        rows=rows,
        sections=sections,
        case_feedback=case_feedback,
        discussion=case.discussion,
        references=tuple(case.references)
        + tuple(r for r in answer.references if r not in case.references),
        confidence_note=_confidence_note(result.verdict, confidence),
        stages_seen=stages_seen,
        stage_count=len(case.stages),
    )


def _labels(pack: Pack, key: str) -> tuple[tuple[str, str], ...]:
    finding = pack.findings.get(key)
    return tuple(finding.values.items()) if finding and isinstance(finding.values, dict) else ()


def _confidence_note(verdict: Verdict, confidence: int) -> str:
    if verdict is Verdict.WRONG and confidence >= Confidence.SURE:
        return (
            "You were sure, and it was wrong. Errors made with confidence and then corrected "
            "are the ones remembered best: read the contrast once more, then say to yourself "
            "which finding should have changed your mind."
        )
    if verdict is Verdict.CORRECT and confidence <= Confidence.GUESS:
        return (
            "Right, but you guessed. Go through the findings that point to the answer so that "
            "next time you know rather than guess."
        )
    return ""
