"""Which graphics protocol to draw with: kitty, sixel, halfcell or none.

Decided from the environment only. Asking the terminal (DA1, a kitty query) means writing an
escape and reading stdin, which can swallow a keystroke when the terminal stays silent and
cannot be done at all once Textual owns stdin; so `auto` trusts only unambiguous hints and
otherwise falls back to half-cell blocks, which work everywhere.
"""

from __future__ import annotations

import os
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
        raise ImageError(
            f"unknown graphics mode {value!r} — use one of: {', '.join(MODES)}."
        )
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
    env = os.environ if env is None else env
    mode = parse_mode(requested)
    if mode == "auto":
        try:
            mode = parse_mode(env.get(ENV_VAR))
        except ImageError:
            mode = "auto"
    if mode != "auto":
        return mode
    if isatty is None:
        isatty = _stdout_is_tty()
    return detect(env, isatty)


def detect(env: Mapping[str, str], isatty: bool) -> str:
    """Auto-detection from environment hints; halfcell unless a terminal is unmistakable."""
    if not isatty:
        return "halfcell"
    term = env.get("TERM", "").lower()
    program = env.get("TERM_PROGRAM", "").lower()
    # Multiplexers pass graphics through badly or not at all, whatever runs outside them.
    if env.get("TMUX") or env.get("STY") or term.startswith(("tmux", "screen")):
        return "halfcell"
    if program in ("tmux", "screen"):
        return "halfcell"
    # A browser under `textual serve`, or a dumb terminal.
    if "WebDriver" in env.get("TEXTUAL_DRIVER", "") or term in ("", "dumb", "linux"):
        return "halfcell"
    if env.get("KITTY_WINDOW_ID") or term in _KITTY_TERMS or program in _KITTY_PROGRAMS:
        return "kitty"
    if (
        term in _SIXEL_TERMS
        or program in _SIXEL_PROGRAMS
        or env.get("WEZTERM_EXECUTABLE")
        or env.get("KONSOLE_VERSION")
    ):
        return "sixel"
    return "halfcell"


def _stdout_is_tty() -> bool:
    stream = sys.__stdout__
    try:
        return bool(stream and stream.isatty())
    except (ValueError, OSError):  # closed or detached stdout
        return False


def cell_pixel_size() -> tuple[int, int]:
    """Pixels per terminal cell from the kernel's window size (TIOCGWINSZ): no escape query,
    so no keystroke can be swallowed. 10x20 (a VT340's cell) when the kernel does not know."""
    # A browser terminal under `dermquiz serve` has no kernel window size: the server passes
    # the cell size xterm.js measured.
    try:
        served = int(os.environ["TEXTUAL_CELL_WIDTH"]), int(os.environ["TEXTUAL_CELL_HEIGHT"])
        if all(2 <= v <= 200 for v in served):
            return served
    except (KeyError, ValueError):
        pass
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
    return 10, 20
