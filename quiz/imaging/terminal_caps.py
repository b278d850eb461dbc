"""When to ask the terminal, the answers kept for the session, and the keys typed meanwhile.

The command line asks before the app starts (`probe_terminal`), while the app's modules
import, so a terminal that answers at once costs next to nothing. The answers are cached per
terminal (its device and TERM) for the process; choose_protocol and cell_pixel_size read them.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from quiz.imaging.terminal_query import TIMEOUT, Answers, Probe

try:
    import termios

    _TERMINAL_ERRORS: tuple[type[BaseException], ...] = (OSError, ValueError, termios.error)
except ImportError:  # not POSIX: the terminal is never asked there
    _TERMINAL_ERRORS = (OSError, ValueError)

_cache: dict[str, Answers] = {}
_typed = bytearray()
_last_skip: str | None = None
# A terminal that did not answer in time may still answer (a slow ssh link): until this
# monotonic time the app's input is watched for our answers, which would be garbage keys.
LATE_WINDOW = 1.5  # seconds after the question was written
_late_until: float | None = None


def skip_reason(
    requested: str | None = None,
    env: Mapping[str, str] | None = None,
    fds: tuple[int, int] | None = None,
) -> str | None:
    """Why the terminal must not be asked now, or None when it may be."""
    from quiz.imaging.errors import ImageError
    from quiz.imaging.protocol import ENV_VAR, parse_mode

    env = os.environ if env is None else env
    try:
        if parse_mode(requested) != "auto":
            return f"you chose --graphics {parse_mode(requested)}"
    except ImageError:
        pass
    try:
        if parse_mode(env.get(ENV_VAR)) != "auto":
            return f"you chose {ENV_VAR}={env.get(ENV_VAR)}"
    except ImageError:
        pass
    if os.name != "posix":
        return "not a POSIX terminal: only environment hints are used"
    fd_in, fd_out = fds if fds is not None else _std_fds()
    if fd_in < 0 or not os.isatty(fd_in):
        return "stdin is not a terminal"
    if fd_out < 0 or not os.isatty(fd_out):
        return "stdout is not a terminal"
    term = env.get("TERM", "").lower()
    if env.get("TMUX") or term.startswith("tmux"):
        # Its passthrough needs `allow-passthrough on` and the answers would be tmux's own;
        # pictures through tmux are not drawn reliably, so it gets half-cell blocks.
        return "inside tmux: it answers for itself and does not pass pictures on"
    if env.get("STY") or term.startswith("screen"):
        return "inside GNU screen: it answers for itself and does not pass pictures on"
    if term in ("", "dumb", "linux"):
        # The Linux console would print the kitty query's text; neither draws pictures.
        return f"TERM={term or '(unset)'}: this terminal draws no pictures"
    if "WebDriver" in env.get("TEXTUAL_DRIVER", ""):
        return "a browser terminal under textual serve"
    return None


def terminal_key(fd_out: int | None = None, env: Mapping[str, str] | None = None) -> str:
    """Which terminal: its device (one per window or tab) and TERM."""
    env = os.environ if env is None else env
    fd = _std_fds()[1] if fd_out is None else fd_out
    try:
        name = os.ttyname(fd)
    except OSError:
        name = "?"
    return f"{name}|{env.get('TERM', '')}"


def cached_answers(key: str | None = None) -> Answers | None:
    """The answers of this terminal if it was asked in this process."""
    if not _cache:
        return None
    return _cache.get(key or terminal_key())


def take_typed() -> bytes:
    """The keys typed while the terminal was asked, once: the app feeds them to itself."""
    data = bytes(_typed)
    _typed.clear()
    return data


def last_skip() -> str | None:
    return _last_skip


def take_late_watch() -> float | None:
    """Once: the monotonic time until which late answers may still arrive, or None."""
    global _late_until
    until, _late_until = _late_until, None
    return until if until is not None and until > time.monotonic() else None


@contextmanager
def probe_terminal(requested: str | None = None, timeout: float = TIMEOUT) -> Iterator[None]:
    """Ask the terminal, unless there is a reason not to or it was asked already; the body
    (the app's imports) runs while the answers travel. Never raises for a terminal's sake."""
    global _last_skip, _late_until
    _last_skip = skip_reason(requested)
    key = terminal_key() if _last_skip is None else ""
    probe = None
    if _last_skip is None and key not in _cache:
        fd_in, fd_out = _std_fds()
        try:
            probe = Probe(fd_in, fd_out)
            probe.start()
        except _TERMINAL_ERRORS as exc:  # the terminal refuses its modes, or went away
            _last_skip, probe = f"the terminal could not be asked ({exc})", None
    try:
        yield
    finally:
        if probe is not None:
            try:
                answers = probe.finish(timeout)
            except _TERMINAL_ERRORS as exc:
                _last_skip = f"the terminal could not be asked ({exc})"
            else:
                _typed.extend(answers.typed)
                answers.typed = b""
                _cache[key] = answers
                if not answers.answered:
                    left = LATE_WINDOW - (answers.elapsed_ms or 0) / 1000
                    _late_until = time.monotonic() + left


def ask_terminal(requested: str | None = None, timeout: float = TIMEOUT) -> Answers | None:
    """Ask now (or use the session's answer); None when the terminal is not to be asked."""
    with probe_terminal(requested, timeout):
        pass
    return cached_answers() if _last_skip is None else None


def _std_fds() -> tuple[int, int]:
    def fileno(stream) -> int:
        try:
            return stream.fileno() if stream is not None else -1
        except (ValueError, OSError, AttributeError):
            return -1

    return fileno(sys.__stdin__), fileno(sys.__stdout__)
