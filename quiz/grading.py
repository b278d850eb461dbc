"""A learner's choice against a case's answer: correct, partly right or wrong, by the taxonomy."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from quiz.pack.models import Case
from quiz.taxonomy import Taxonomy
from quiz.vocabulary import Verdict

__all__ = ["Grade", "Relation", "Verdict", "grade"]  # Verdict lives in quiz.vocabulary


class Relation(StrEnum):
    EXACT = "exact"  # the answer itself
    ACCEPTED = "accepted"  # listed in the case's `accept`
    ANCESTOR = "ancestor"  # the right family, not specific enough
    DESCENDANT = "descendant"  # more specific than the case shows
    OTHER = "other"


CREDIT = {
    Relation.EXACT: 1.0,
    Relation.ACCEPTED: 1.0,
    Relation.ANCESTOR: 0.5,
    Relation.DESCENDANT: 0.5,
    Relation.OTHER: 0.0,
}


@dataclass(frozen=True)
class Grade:
    choice: str
    answer: str
    verdict: Verdict
    relation: Relation
    credit: float

    @property
    def explanation(self) -> str:
        """Why a partly right answer is only partly right ('' otherwise)."""
        if self.relation is Relation.ANCESTOR:
            return "Right family, but be more specific: the case shows enough to name the subtype."
        if self.relation is Relation.DESCENDANT:
            return (
                "More than the case shows: your choice is a subtype of the answer, and the "
                "findings here do not single it out."
            )
        return ""


def grade(case: Case, choice: str, taxonomy: Taxonomy) -> Grade:
    if choice == case.answer:
        relation = Relation.EXACT
    elif choice in case.accept:
        relation = Relation.ACCEPTED
    elif choice in taxonomy.entities and taxonomy.is_ancestor(choice, case.answer):
        relation = Relation.ANCESTOR
    elif choice in taxonomy.entities and taxonomy.is_ancestor(case.answer, choice):
        relation = Relation.DESCENDANT
    else:
        relation = Relation.OTHER
    verdict = {
        Relation.EXACT: Verdict.CORRECT,
        Relation.ACCEPTED: Verdict.CORRECT,
        Relation.OTHER: Verdict.WRONG,
    }.get(relation, Verdict.PARTIAL)
    return Grade(choice, case.answer, verdict, relation, CREDIT[relation])
