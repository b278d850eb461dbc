"""Kept so that `quiz.progress.learner` imports still work: the learner name is a setting now
(quiz.settings resolves it), checked by quiz.learner."""

from quiz.learner import (
    MAX_LENGTH,
    LearnerNameError,
    clean_learner,
    default_learner,
    resolve_learner,
)

__all__ = ["MAX_LENGTH", "LearnerNameError", "clean_learner", "default_learner", "resolve_learner"]
