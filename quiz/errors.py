"""The one error type the command line prints as a single line for the user (no traceback)."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit code 2 unless given."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code
