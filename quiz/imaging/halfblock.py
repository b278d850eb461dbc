"""Half-block rendering: two pixels a cell, the upper as the ▀ glyph's colour, the lower as
the cell's background. Works in every terminal with colours; this is the fallback everywhere.

Two outputs: rich Segments rows (for Rich and for Textual strips) and plain ANSI lines
(for `dermquiz image`, without importing Rich at all).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from PIL import Image

if TYPE_CHECKING:
    from rich.color import Color
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.segment import Segment
    from rich.style import Style

UPPER = "▀"
LOWER = "▄"
_ALPHA_CUTOFF = 128  # below this a pixel counts as transparent: the terminal's own background

RGB = tuple[int, int, int]
Cell = tuple[RGB | None, RGB | None]  # (upper, lower); None is transparent


def cell_rows(image: Image.Image) -> list[list[Cell]]:
    """The picture as rows of (upper, lower) colour pairs; an odd last row gets a clear lower."""
    im = image if image.mode in ("RGB", "RGBA") else image.convert("RGB")
    w, h = im.size
    bands = 4 if im.mode == "RGBA" else 3
    data = im.tobytes()
    stride = w * bands

    def pixel(row: int, col: int) -> RGB | None:
        if row >= h:
            return None
        i = row * stride + col * bands
        if bands == 4 and data[i + 3] < _ALPHA_CUTOFF:
            return None
        return (data[i], data[i + 1], data[i + 2])

    return [[(pixel(r, c), pixel(r + 1, c)) for c in range(w)] for r in range(0, h, 2)]


def _cell_text(upper: RGB | None, lower: RGB | None) -> tuple[str, RGB | None, RGB | None]:
    """Glyph, foreground, background for one cell."""
    if upper is None and lower is None:
        return " ", None, None
    if upper is None:
        return LOWER, lower, None
    return UPPER, upper, lower


# -- ANSI (no Rich) ------------------------------------------------------------------------
def ansi_lines(image: Image.Image) -> list[str]:
    """Lines of 24-bit ANSI text, each ending with a reset, runs of one colour merged."""
    im = image if image.mode in ("RGB", "RGBA") else image.convert("RGB")
    if im.mode == "RGBA" and im.getextrema()[3][0] < _ALPHA_CUTOFF:
        return _ansi_lines_with_alpha(im)
    if im.mode == "RGBA":
        im = im.convert("RGB")
    # The fast path for opaque pictures: compare six raw bytes per cell, format only on change.
    w, h = im.size
    data = im.tobytes()
    stride = 3 * w
    lines = []
    for r in range(0, h - 1, 2):
        top = data[r * stride : (r + 1) * stride]
        bottom = data[(r + 1) * stride : (r + 2) * stride]
        parts: list[str] = []
        last = b""
        for c in range(0, stride, 3):
            key = top[c : c + 3] + bottom[c : c + 3]
            if key != last:
                parts.append(
                    f"\x1b[38;2;{key[0]};{key[1]};{key[2]};48;2;{key[3]};{key[4]};{key[5]}m"
                )
                last = key
            parts.append(UPPER)
        parts.append("\x1b[0m")
        lines.append("".join(parts))
    if h % 2:
        lines.extend(_ansi_lines_with_alpha(im.crop((0, h - 1, w, h))))
    return lines


def _ansi_lines_with_alpha(image: Image.Image) -> list[str]:
    lines = []
    for row in cell_rows(image):
        parts: list[str] = []
        last: tuple[RGB | None, RGB | None] | None = None
        for upper, lower in row:
            glyph, fg, bg = _cell_text(upper, lower)
            if (fg, bg) != last:
                parts.append(_sgr(fg, bg))
                last = (fg, bg)
            parts.append(glyph)
        parts.append("\x1b[0m")
        lines.append("".join(parts))
    return lines


def _sgr(fg: RGB | None, bg: RGB | None) -> str:
    # A reset is needed only when a colour must fall back to the terminal's default.
    codes = [] if fg is not None and bg is not None else ["0"]
    if fg is not None:
        codes.append(f"38;2;{fg[0]};{fg[1]};{fg[2]}")
    if bg is not None:
        codes.append(f"48;2;{bg[0]};{bg[1]};{bg[2]}")
    return f"\x1b[{';'.join(codes)}m"


# -- Rich ------------------------------------------------------------------------------------
@lru_cache(maxsize=65536)
def _style(fg: RGB | None, bg: RGB | None) -> Style:
    from rich.color import Color
    from rich.style import Style

    return Style(
        color=Color.from_rgb(*fg) if fg is not None else None,
        bgcolor=Color.from_rgb(*bg) if bg is not None else None,
    )


def segment_rows(image: Image.Image) -> list[list[Segment]]:
    """Rows of rich Segments (runs of one colour merged), one row per two pixel rows."""
    from rich.segment import Segment

    im = image if image.mode in ("RGB", "RGBA") else image.convert("RGB")
    if im.mode == "RGBA" and im.getextrema()[3][0] < _ALPHA_CUTOFF:
        return _segment_rows_with_alpha(im)
    if im.mode == "RGBA":
        im = im.convert("RGB")
    # Opaque pictures: compare six raw bytes per cell and make a Style only per run.
    w, h = im.size
    data = im.tobytes()
    stride = 3 * w
    rows: list[list[Segment]] = []
    for r in range(0, h - 1, 2):
        top = data[r * stride : (r + 1) * stride]
        bottom = data[(r + 1) * stride : (r + 2) * stride]
        segs: list[Segment] = []
        last = b""
        run = 0
        for c in range(0, stride, 3):
            key = top[c : c + 3] + bottom[c : c + 3]
            if key != last:
                if run:
                    segs.append(Segment(UPPER * run, _pair_style(last)))
                last, run = key, 0
            run += 1
        if run:
            segs.append(Segment(UPPER * run, _pair_style(last)))
        rows.append(segs)
    if h % 2:
        rows.extend(_segment_rows_with_alpha(im.crop((0, h - 1, w, h))))
    return rows


@lru_cache(maxsize=65536)
def _pair_style(key: bytes) -> Style:
    from rich.style import Style

    return Style.from_color(_colour(key[:3]), _colour(key[3:]))


@lru_cache(maxsize=65536)
def _colour(rgb: bytes) -> Color:
    # Photos repeat colours between neighbouring cells far more than colour pairs.
    from rich.color import Color

    return Color.from_rgb(rgb[0], rgb[1], rgb[2])


def _segment_rows_with_alpha(image: Image.Image) -> list[list[Segment]]:
    from rich.segment import Segment

    rows: list[list[Segment]] = []
    for row in cell_rows(image):
        segs: list[Segment] = []
        run: list[str] = []
        key: tuple[RGB | None, RGB | None] | None = None
        for upper, lower in row:
            glyph, fg, bg = _cell_text(upper, lower)
            if (fg, bg) != key and run:
                segs.append(Segment("".join(run), _style(*key)))  # type: ignore[misc]
                run = []
            key = (fg, bg)
            run.append(glyph)
        if run:
            segs.append(Segment("".join(run), _style(*key)))  # type: ignore[misc]
        rows.append(segs)
    return rows


def text_rows(image: Image.Image) -> list[list[tuple[str, str]]]:
    """Rows of (text, style) pairs with style strings such as "#aabbcc on #112233"."""
    return [[(seg.text, str(seg.style)) for seg in row] for row in segment_rows(image)]


class HalfBlock:
    """A Rich renderable of a picture already sized to the cells it should fill."""

    def __init__(self, image: Image.Image) -> None:
        self.image = image

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        for row in segment_rows(self.image):
            yield from row
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions):
        from rich.measure import Measurement

        return Measurement(self.image.width, self.image.width)
