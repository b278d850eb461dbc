"""`dermquiz image FILE`: print a picture the way the app would show it."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TextIO

from quiz.imaging.errors import ImageError
from quiz.imaging.protocol import cell_pixel_size, choose_protocol

_DEFAULT_SIZE = (80, 40)
_KITTY_CHUNK = 4096


def run_image_command(
    file: str,
    cols: int | None,
    rows: int | None,
    graphics: str | None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Print FILE fitted into cols x rows cells; 0 on success, 1 (with a message) otherwise."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        if (cols is not None and cols < 1) or (rows is not None and rows < 1):
            raise ImageError("--cols and --rows must be at least 1.")
        tty = _isatty(out)
        if tty and out is sys.stdout:
            from quiz.imaging.terminal_caps import ask_terminal

            ask_terminal(graphics)  # cached for choose_protocol and cell_pixel_size
        mode = choose_protocol(graphics, isatty=tty)
        size_cols, size_rows = _terminal_cells(tty)
        cols = cols or size_cols
        rows = rows or size_rows
        path = Path(file)
        if mode == "none":
            from quiz.imaging.loader import check_image

            w, h = check_image(path)
            out.write(f"[image {path.name}: {w}x{h} pixels; graphics are off]\n")
            return 0
        from quiz.imaging.store import default_store

        store = default_store()
        store.deferred_saves = True  # the picture first, then its preview kept on disk
        try:
            if mode == "halfcell":
                from quiz.imaging.cellfit import halfcell_box, to_halfcells
                from quiz.imaging.halfblock import ansi_lines

                cell = cell_pixel_size() if tty else (10, 20)  # a pipe: no font to match
                view = store.view(path, halfcell_box(cols, rows, *cell))
                out.write("\n".join(ansi_lines(to_halfcells(view.image, cols, rows, *cell))) + "\n")
            else:
                cell_w, cell_h = cell_pixel_size()
                view = store.view(path, (cols * cell_w, rows * cell_h))
                used_cols = max(1, -(-view.image.width // cell_w))
                used_rows = max(1, -(-view.image.height // cell_h))
                if mode == "kitty":
                    out.write(_kitty(view.image, used_cols, used_rows))
                else:
                    out.write(_sixel(view.image))
                out.write("\n")
            out.flush()  # the picture on screen before the preview is written
        finally:
            store.flush()
            store.deferred_saves = False
        return 0
    except ImageError as exc:
        text = str(exc)
        if file not in text:
            text = f"{file}: {text}"
        err.write(f"dermquiz image: {text}\n")
        return 1
    except BrokenPipeError:
        # `dermquiz image x.jpg | head` closes the pipe early: not an error. Point stdout at
        # devnull so Python's exit-time flush does not complain either.
        if out is sys.stdout:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 0


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _terminal_cells(tty: bool) -> tuple[int, int]:
    """Terminal size in cells (one row kept for the prompt), or 80x40 for a pipe."""
    if not tty:
        cols = int(os.environ.get("COLUMNS", "0") or 0)
        return (cols or _DEFAULT_SIZE[0], _DEFAULT_SIZE[1])
    size = shutil.get_terminal_size(_DEFAULT_SIZE)
    return size.columns, max(1, size.lines - 1)


def _kitty(image, cols: int, rows: int) -> str:
    """Kitty graphics protocol: transmit and display at the cursor, over cols x rows cells."""
    import base64  # here: kitty only

    fmt = 32 if image.mode == "RGBA" else 24
    data = base64.standard_b64encode(image.tobytes()).decode("ascii")
    chunks = [data[i : i + _KITTY_CHUNK] for i in range(0, len(data), _KITTY_CHUNK)] or [""]
    parts = []
    for n, chunk in enumerate(chunks):
        more = 1 if n < len(chunks) - 1 else 0
        if n == 0:
            head = f"a=T,f={fmt},s={image.width},v={image.height},c={cols},r={rows},q=2,m={more}"
        else:
            head = f"m={more}"
        parts.append(f"\x1b_G{head};{chunk}\x1b\\")
    return "".join(parts)


def _sixel(image) -> str:
    # textual_image._sixel is a pure encoder (PIL only): importing it queries no terminal.
    from textual_image._sixel import image_to_sixels

    return image_to_sixels(image)


__all__ = ["run_image_command"]
