"""The one error the progress package raises to its callers."""


class ProgressError(Exception):
    """A problem with the learner's progress data, worded for the learner.

    ``str(error)`` says what happened, where, and what to do; the UI and plain mode show it
    as it is, never a traceback.
    """
