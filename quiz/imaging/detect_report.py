"""`dermquiz image --detect`: what the terminal can draw, and why, in plain words."""

from __future__ import annotations

import sys
from typing import TextIO

from quiz.imaging.protocol import cell_size_and_source, explain_protocol
from quiz.imaging.terminal_caps import ask_terminal, last_skip, terminal_key
from quiz.imaging.terminal_query import Answers


def detect_lines(requested: str | None = None) -> list[str]:
    """Ask the terminal (unless there is a reason not to) and describe the outcome."""
    answers = ask_terminal(requested)
    device, _, term = terminal_key().partition("|")
    where = device if device != "?" else "(the output is not a terminal)"
    lines = [f"Terminal: {where}, TERM={term or '(unset)'}"]
    if answers is None:
        lines.append(f"Not asked: {last_skip()}.")
    else:
        lines += _answer_lines(answers)
    (w, h), source = cell_size_and_source()
    lines.append(f"Cell size: {w}x{h} pixels, from {source}.")
    mode, why = explain_protocol(requested)
    lines.append(f"Graphics: {mode} — {why}.")
    if mode == "halfcell" and "tmux" not in why and "screen" not in why:
        lines.append(
            "If your terminal draws Sixel or kitty graphics, try "
            "`dermquiz --graphics sixel` (or kitty), or set DERMQUIZ_GRAPHICS."
        )
    return lines


def _answer_lines(answers: Answers) -> list[str]:
    ms = f"{answers.elapsed_ms:.1f} ms" if answers.elapsed_ms is not None else "?"
    if not answers.answered:
        head = f"Asked the terminal: no answer within {ms} (a terminal that stays silent)."
    else:
        head = f"Asked the terminal: it answered in {ms}."
    da1 = ";".join(map(str, answers.da1)) if answers.da1 else "no answer"
    sixel = (
        " (attribute 4: Sixel)" if answers.sixel else (" (no 4: no Sixel)" if answers.da1 else "")
    )
    kitty = answers.kitty if answers.kitty is not None else "no answer"
    cell = f"{answers.cell[0]}x{answers.cell[1]} pixels" if answers.cell else "no answer"
    return [
        head,
        f"  device attributes (DA1): {da1}{sixel}",
        f"  kitty graphics query: {kitty}",
        f"  cell size (CSI 16 t): {cell}",
        f"  name and version (XTVERSION): {answers.version or 'no answer'}",
    ]


def run_detect(requested: str | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    out.write("\n".join(detect_lines(requested)) + "\n")
    return 0
