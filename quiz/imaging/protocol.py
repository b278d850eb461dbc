"""Which graphics protocol to draw with: kitty, sixel, halfcell or none.

`--graphics` wins, then DERMQUIZ_GRAPHICS; on `auto`, what the terminal answered when asked
before the app started (quiz.imaging.terminal_caps), else unambiguous environment hints, else
half-cell blocks, which work everywhere.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping

from quiz.imaging.errors import ImageError

MODES = ("auto", "kitty", "sixel", "halfcell", "none")
ENV_VAR = "DERMQUIZ_GRAPHICS"

# Terminals known to draw kitty graphics with Unicode placeholders (what textual-image uses).
_KITTY_TERMS = {"xterm-kitty", "xterm-ghostty"}
_KITTY_PROGRAMS = {"ghostty"}
# Terminals whose Sixel support is on by default. (xterm needs a compile option and a flag,
# VS Code and Windows Terminal a setting or a recent version: not assumed.)
_SIXEL_TERMS = {"foot", "foot-extra", "mlterm", "contour", "yaft-256color"}
_SIXEL_PROGRAMS = {"wezterm", "iterm.app", "mlterm", "contour", "konsole"}


def parse_mode(value: str | None) -> str:
    """A valid mode from user input (case-insensitive); None means auto."""
    if value is None or value.strip() == "":
        return "auto"
    mode = value.strip().lower()
    if mode in ("half", "halfblock", "half-cell", "blocks"):
        mode = "halfcell"
    if mode == "tgp":
        mode = "kitty"
    if mode not in MODES:
        raise ImageError(f"unknown graphics mode {value!r} — use one of: {', '.join(MODES)}.")
    return mode


def choose_protocol(
    requested: str | None = None,
    env: Mapping[str, str] | None = None,
    isatty: bool | None = None,
) -> str:
    """The protocol to draw with: kitty, sixel, halfcell or none (never auto).

    `requested` (the --graphics option) wins, then DERMQUIZ_GRAPHICS, then auto-detection.
    An invalid environment value is ignored (auto); an invalid option raises ImageError.
    """
    return explain_protocol(requested, env, isatty)[0]


def explain_protocol(
    requested: str | None = None,
    env: Mapping[str, str] | None = None,
    isatty: bool | None = None,
    answers=None,
) -> tuple[str, str]:
    """choose_protocol's answer and why, in words. With the real environment (env None) the
    terminal's cached answers count; tests pass `env` (and `answers`) to stay independent."""
    real = env is None
    env = os.environ if env is None else env
    mode = parse_mode(requested)
    if mode != "auto":
        return mode, f"you chose it (--graphics {mode})"
    try:
        mode = parse_mode(env.get(ENV_VAR))
    except ImageError:
        mode = "auto"
    if mode != "auto":
        return mode, f"you chose it ({ENV_VAR}={env.get(ENV_VAR)})"
    if isatty is None:
        isatty = _stdout_is_tty()
    if answers is None and real and isatty:
        from quiz.imaging.terminal_caps import cached_answers

        answers = cached_answers()
    if answers is not None and answers.answered and isatty:
        return _from_answers(answers, env)
    mode, why = detect_with_reason(env, isatty)
    if answers is not None and isatty and why.startswith("no hint"):
        why = "the terminal did not answer the query in time, and " + why
    return mode, why


def _from_answers(answers, env: Mapping[str, str]) -> tuple[str, str]:
    if answers.sixel:
        return "sixel", "the terminal reports Sixel graphics (attribute 4 in its device attributes)"
    if answers.kitty_ok and answers.old_kitty:
        return "halfcell", (
            f"{answers.version} answers the kitty graphics query but draws no "
            "Unicode placeholders (kitty 0.28 and later do): half-cell blocks"
        )
    if answers.kitty_ok:
        # textual-image draws kitty pictures with Unicode placeholders, which only kitty and
        # Ghostty draw; WezTerm and Konsole answer the query too but show their Sixel well.
        if detect(env, True) == "sixel":
            return "sixel", (
                "the terminal answers the kitty graphics query, but it is known "
                "to draw Sixel better (environment)"
            )
        return "kitty", "the terminal answered the kitty graphics query with OK"
    return "halfcell", (
        "the terminal answered, reporting neither Sixel nor kitty graphics: half-cell blocks"
    )


def detect(env: Mapping[str, str], isatty: bool) -> str:
    """Auto-detection from environment hints; halfcell unless a terminal is unmistakable."""
    return detect_with_reason(env, isatty)[0]


def detect_with_reason(env: Mapping[str, str], isatty: bool) -> tuple[str, str]:
    if not isatty:
        return "halfcell", "the output is not a terminal"
    term = env.get("TERM", "").lower()
    program = env.get("TERM_PROGRAM", "").lower()
    # Multiplexers pass graphics through badly or not at all, whatever runs outside them.
    if env.get("TMUX") or term.startswith("tmux") or program == "tmux":
        return "halfcell", "inside tmux, which does not pass pictures on: half-cell blocks"
    if env.get("STY") or term.startswith("screen") or program == "screen":
        return "halfcell", "inside a multiplexer (screen), which does not pass pictures on"
    # A browser under `textual serve`, or a dumb terminal.
    if "WebDriver" in env.get("TEXTUAL_DRIVER", ""):
        return "halfcell", "a browser terminal (textual serve): half-cell blocks"
    if term in ("", "dumb", "linux"):
        return "halfcell", f"TERM={term or '(unset)'} draws no pictures: half-cell blocks"
    if env.get("KITTY_WINDOW_ID") or term == "xterm-kitty":
        return _kitty_from_install(env)
    if term in _KITTY_TERMS or program in _KITTY_PROGRAMS:
        return "kitty", f"the environment names a kitty-graphics terminal (TERM={term})"
    if (
        term in _SIXEL_TERMS
        or program in _SIXEL_PROGRAMS
        or env.get("WEZTERM_EXECUTABLE")
        or env.get("KONSOLE_VERSION")
    ):
        return "sixel", f"the environment names a Sixel terminal (TERM={term}" + (
            f", TERM_PROGRAM={program})" if program else ")"
        )
    return "halfcell", "no hint of a graphics terminal in the environment: half-cell blocks"


# kitty's own record of its version, in the installation it names in KITTY_INSTALLATION_DIR.
_KITTY_VERSION = re.compile(r"^version\b[^=\n]*=\s*Version\((\d+),\s*(\d+)", re.MULTILINE)


def installed_kitty_version(env: Mapping[str, str]) -> tuple[int, int] | None:
    """The version of the kitty that started us, from its installation, or None."""
    folder = env.get("KITTY_INSTALLATION_DIR")
    if not folder:
        return None
    try:
        with open(os.path.join(folder, "kitty", "constants.py"), encoding="utf-8") as handle:
            found = _KITTY_VERSION.search(handle.read(64 * 1024))
    except (OSError, UnicodeDecodeError):
        return None
    return (int(found.group(1)), int(found.group(2))) if found else None


def _kitty_from_install(env: Mapping[str, str]) -> tuple[str, str]:
    """kitty that did not answer in time (a cold start can take longer than the wait): its
    version decides, as in its answer, since kitty before 0.28 draws the Unicode placeholders
    textual-image uses as empty boxes; unknown, blocks rather than boxes."""
    version = installed_kitty_version(env)
    if version is None:
        return "halfcell", (
            "the environment names kitty but not its version (kitty before 0.28 draws "
            "no Unicode placeholders): half-cell blocks; `--graphics kitty` to try its own"
        )
    shown = ".".join(map(str, version))
    if version < (0, 28):
        return "halfcell", (
            f"kitty {shown} (its installation says) draws no Unicode placeholders "
            "(kitty 0.28 and later do): half-cell blocks"
        )
    return "kitty", f"the environment names kitty {shown} (its installation says)"


def _stdout_is_tty() -> bool:
    stream = sys.__stdout__
    try:
        return bool(stream and stream.isatty())
    except (ValueError, OSError):  # closed or detached stdout
        return False


def cell_pixel_size() -> tuple[int, int]:
    """Pixels per terminal cell: from the kernel's window size (TIOCGWINSZ), which follows
    font changes; else the terminal's answer to `CSI 16 t` when it was asked at start; else
    TEXTUAL_CELL_WIDTH/HEIGHT (set by browser terminals); else 10x20, a VT340's cell."""
    return cell_size_and_source()[0]


def cell_size_and_source() -> tuple[tuple[int, int], str]:
    """cell_pixel_size() and where it came from, in words."""
    size = _ioctl_cell_size()
    if size is not None:
        return size, "the kernel's window size (TIOCGWINSZ)"
    from quiz.imaging.terminal_caps import cached_answers

    answers = cached_answers()
    if answers is not None and answers.cell is not None:
        return answers.cell, "the terminal's answer to CSI 16 t"
    w, h = os.environ.get("TEXTUAL_CELL_WIDTH", ""), os.environ.get("TEXTUAL_CELL_HEIGHT", "")
    if w.isdigit() and h.isdigit() and 0 < int(w) <= 1024 and 0 < int(h) <= 1024:
        return (int(w), int(h)), "TEXTUAL_CELL_WIDTH/HEIGHT"
    return (10, 20), "nobody knew: a VT340's 10x20 assumed"


def _ioctl_cell_size() -> tuple[int, int] | None:
    try:
        import fcntl
        import struct
        import termios

        stream = sys.__stdout__
        if stream is None:
            raise OSError("no stdout")
        packed = fcntl.ioctl(stream.fileno(), termios.TIOCGWINSZ, b"\0" * 8)
        rows, cols, width, height = struct.unpack("HHHH", packed)
        if rows and cols and width and height:
            return max(1, width // cols), max(1, height // rows)
    except Exception:  # not a terminal, not POSIX, or a closed stream
        pass
    return None
