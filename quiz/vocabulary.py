"""The words every part of DermQuiz shares: verdicts, confidence levels and session modes.

One definition each, so line mode, the app, the statistics and the exports say the same thing.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Verdict(StrEnum):
    CORRECT = "correct"
    PARTIAL = "partial"
    WRONG = "wrong"

    @property
    def word(self) -> str:
        return {"correct": "Correct", "partial": "Partly right", "wrong": "Wrong"}[self.value]

    @property
    def symbol(self) -> str:
        # Shown beside the word, never instead of it: colour and symbols alone are not enough.
        return {"correct": "✓", "partial": "◐", "wrong": "✗"}[self.value]


class Confidence(IntEnum):
    """How sure the learner was (teaching rule R6); stored as the number."""

    GUESS = 1
    UNSURE = 2
    SURE = 3

    @property
    def word(self) -> str:
        """guess, unsure, sure: the label on keys, buttons and statistics."""
        return self.name.lower()

    @property
    def phrase(self) -> str:
        """'you guessed', 'you were unsure', 'you were sure': said back after an answer."""
        return {1: "you guessed", 2: "you were unsure", 3: "you were sure"}[self.value]

    @classmethod
    def parse(cls, text: str) -> Confidence | None:
        """A level from what a learner typed: 1-3 or the word; None if it is neither."""
        text = text.strip().lower()
        for level in cls:
            if text in (str(level.value), level.word):
                return level
        return None


class Mode(StrEnum):
    """A kind of session."""

    LEARN = "learn"
    EXAM = "exam"
    REVIEW = "review"
    MISTAKES = "mistakes"

    @property
    def label(self) -> str:
        """Learn, Exam, Review, Mistakes: the mode's name in titles."""
        return self.value.capitalize()

    @property
    def feedback_each_case(self) -> bool:
        # Exam: no feedback until the end (teaching rule R1 holds across the whole exam).
        return self is not Mode.EXAM

    @property
    def from_queue(self) -> bool:
        """Its cases come from the learner's progress (due ones, missed ones)."""
        return self in (Mode.REVIEW, Mode.MISTAKES)
