"""The real progress store, watched or made to fail: for proving save-before-show without a
race. Everything but the two writes goes to the real store."""

from __future__ import annotations

import io
from collections.abc import Callable

from quiz.progress.store import ProgressError, ProgressStore


class WatchedStore:
    """Before each write, asks *shown_early()* what of that answer's feedback the learner can
    already see ('' for nothing) and notes it; then writes to the real store."""

    def __init__(self, real: ProgressStore, shown_early: Callable[[], str]) -> None:
        self._real = real
        self._shown_early = shown_early
        self.early: list[tuple[str, str]] = []  # (what was written, what was already shown)
        self.writes: list[str] = []

    def record(self, attempt) -> None:
        self._watch(f"case {attempt.case_id}")
        self._real.record(attempt)

    def record_question(self, qa) -> None:
        if qa.counted:  # a skipped question has no feedback; its notice comes first
            self._watch(f"question {qa.question_id}")
        self._real.record_question(qa)

    def _watch(self, what: str) -> None:
        self.writes.append(what)
        shown = self._shown_early()
        if shown:
            self.early.append((what, shown))

    def __getattr__(self, name: str):
        return getattr(self._real, name)


class FailingStore:
    """A store whose disk is full while case *failing* is answered (its question answers
    included): those writes raise as the real store does; the others are kept."""

    def __init__(self, real: ProgressStore, failing: str) -> None:
        self._real = real
        self._failing = failing

    def _check(self, case_id: str) -> None:
        if case_id == self._failing:
            raise ProgressError(
                f"Your answer could not be saved to {self._real.path}: database or disk is "
                f"full. Check that the disk is not full and the folder is writable."
            )

    def record(self, attempt) -> None:
        self._check(attempt.case_id)
        self._real.record(attempt)

    def record_question(self, qa) -> None:
        self._check(qa.case_id)
        self._real.record_question(qa)

    def __getattr__(self, name: str):
        return getattr(self._real, name)


class ReadSpy(io.StringIO):
    """Standard input that notes how much output there was when each line was read."""

    def __init__(self, text: str, out: io.StringIO) -> None:
        super().__init__(text)
        self._out = out
        self.read_at = 0

    def readline(self, *args) -> str:
        line = super().readline(*args)
        self.read_at = len(self._out.getvalue())
        return line

    def since_last_read(self) -> str:
        return self._out.getvalue()[self.read_at :]
