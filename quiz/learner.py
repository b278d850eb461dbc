"""Who is answering: the learner name every attempt is recorded under.

In order: `--learner NAME`, then DERMQUIZ_LEARNER, then `learner` in the config file, then
the operating system's user name (quiz.settings puts them in that order).
Under `dermquiz serve` the server passes the roster id with `--learner`, so a learner in a
class never chooses it. A name is one line of printable text, at most 64 characters.
"""

from __future__ import annotations

import os
import unicodedata

MAX_LENGTH = 64


class LearnerNameError(ValueError):
    """A learner name that cannot be recorded as given."""


def clean_learner(name: str) -> str:
    """*name* trimmed; raises LearnerNameError when it is empty, too long or has control
    characters (they would garble CSVs and terminals)."""
    text = name.strip()
    if not text:
        raise LearnerNameError(
            "the learner name is empty: give a name or an id, e.g. --learner ada"
        )
    if len(text) > MAX_LENGTH:
        raise LearnerNameError(
            f"the learner name is {len(text)} characters long: keep it to {MAX_LENGTH} at most"
        )
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise LearnerNameError(
            "the learner name has control characters: use letters, digits, "
            "spaces and punctuation only"
        )
    return text


def default_learner() -> str:
    """DERMQUIZ_LEARNER if set, else the user name of the operating system ('' if unknown)."""
    from_env = os.environ.get("DERMQUIZ_LEARNER", "").strip()
    if from_env:
        return from_env
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no user name in a container without passwd entries: record ''
        return ""


def resolve_learner(flag: str | None) -> str:
    """The learner to record: the flag when given (checked), else the default."""
    if flag is not None:
        return clean_learner(flag)
    try:
        return clean_learner(default_learner())
    except LearnerNameError:
        return ""
