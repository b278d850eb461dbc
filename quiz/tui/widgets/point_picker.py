"""Point at the picture: a crosshair on the image, moved by the arrows or hjkl (shift: four
cells at a time) and by the mouse; space or a click places (or lifts) a mark, Enter submits.

The picture is drawn in half-cell blocks at the widget's size, top left, so a cell maps to a
fraction of the image plainly: a mark is stored as the centre of its cell, in fractions (0–1),
whatever terminal or size it was placed in. With `reveal`, the widget shows feedback instead:
the key regions outlined and the learner's marks, and takes no input.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image as PILImage
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click, MouseMove, Resize
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from quiz.imaging.halfblock import segment_rows
from quiz.imaging.overlay import draw_outlines

Box = tuple[float, float, float, float]
CROSS = Style(color="black", bgcolor="bright_white", bold=True)
MARK = Style(color="bright_white", bgcolor="red", bold=True)
HIT = Style(color="black", bgcolor="bright_green", bold=True)
KEY_COLOUR = (0, 200, 90)


class PointPicker(Widget, can_focus=True):
    DEFAULT_CSS = """
    PointPicker { width: 1fr; height: 1fr; min-height: 6; }
    """
    BINDINGS = [
        Binding("left,h", "move(-1, 0)", "Left", show=False, id="point-left"),
        Binding("right,l", "move(1, 0)", "Right", show=False, id="point-right"),
        Binding("up,k", "move(0, -1)", "Up", show=False, id="point-up"),
        Binding("down,j", "move(0, 1)", "Down", show=False, id="point-down"),
        Binding("shift+left,H", "move(-4, 0)", show=False, id="point-left-far"),
        Binding("shift+right,L", "move(4, 0)", show=False, id="point-right-far"),
        Binding("shift+up,K", "move(0, -4)", show=False, id="point-up-far"),
        Binding("shift+down,J", "move(0, 4)", show=False, id="point-down-far"),
        Binding("space", "mark", "Mark / unmark", id="point-mark"),
        Binding("backspace,u", "undo", "Lift last mark", id="point-undo"),
        Binding("enter", "submit", "Submit", id="point-submit"),
    ]

    cursor: reactive[tuple[int, int]] = reactive((0, 0))

    class Submitted(Message):
        def __init__(self, picker: PointPicker, marks: list[list[float]]) -> None:
            self.picker, self.marks = picker, marks
            super().__init__()

        @property
        def control(self) -> PointPicker:
            return self.picker

    class Changed(Message):
        """A mark was placed or lifted."""

        def __init__(self, picker: PointPicker, marks: list[list[float]]) -> None:
            self.picker, self.marks = picker, marks
            super().__init__()

    def __init__(
        self,
        path: Path,
        limit: int,
        *,
        marks: list[list[float]] | None = None,
        reveal: list[Box] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.path = Path(path)
        self.limit = limit
        self.marks: list[list[float]] = [list(m) for m in marks or []]
        self.reveal = reveal  # key regions to outline: feedback mode
        self._source: PILImage.Image | None = None
        self._rows: list[Strip] = []
        self._grid = (0, 0)  # the picture's size in cells
        self.error = ""
        if reveal is not None:
            self.can_focus = False

    # -- the picture ------------------------------------------------------------------------
    def _load(self) -> PILImage.Image | None:
        if self._source is None and not self.error:
            from quiz.imaging import ImageError
            from quiz.imaging.loader import open_image

            try:
                with open_image(self.path) as im:
                    im.draft("RGB", (800, 800))  # JPEG: decode small, this is a terminal
                    copy = im.convert("RGB")
                    copy.thumbnail((800, 800))
                    self._source = copy
            except (ImageError, OSError) as exc:
                self.error = str(exc)
        return self._source

    def on_resize(self, event: Resize) -> None:
        self._layout(event.size.width, event.size.height)

    def _layout(self, width: int, height: int) -> None:
        source = self._load()
        if source is None or width < 2 or height < 2:
            self._rows, self._grid = [], (0, 0)
            return
        scale = min(width / source.width, 2 * height / source.height)
        cols = max(1, int(source.width * scale))
        rows = max(1, int(source.height * scale / 2))
        picture = source.resize((cols, rows * 2))
        if self.reveal is not None:
            picture = draw_outlines(picture, self.reveal, KEY_COLOUR)
        self._rows = [Strip(row) for row in segment_rows(picture)]
        self._grid = (cols, rows)
        cx, cy = self.cursor
        if self.cursor == (0, 0) or cx >= cols or cy >= rows:
            self.cursor = (cols // 2, rows // 2)
        self.refresh()

    # -- marks --------------------------------------------------------------------------------
    def _cell_of(self, mark: list[float]) -> tuple[int, int]:
        cols, rows = self._grid
        return (min(cols - 1, int(mark[0] * cols)), min(rows - 1, int(mark[1] * rows)))

    def _fraction(self, cell: tuple[int, int]) -> list[float]:
        cols, rows = self._grid
        return [round((cell[0] + 0.5) / cols, 4), round((cell[1] + 0.5) / rows, 4)]

    def action_move(self, dx: int, dy: int) -> None:
        cols, rows = self._grid
        if cols and rows:
            self.cursor = (
                max(0, min(cols - 1, self.cursor[0] + dx)),
                max(0, min(rows - 1, self.cursor[1] + dy)),
            )

    def action_mark(self) -> None:
        if self.reveal is not None or not self._grid[0]:
            return
        here = [m for m in self.marks if self._cell_of(m) == self.cursor]
        if here:
            self.marks.remove(here[0])
        elif len(self.marks) >= self.limit:
            self.notify(
                f"Up to {self.limit} mark{'s' if self.limit != 1 else ''}: lift one first "
                "(space on it, or u).",
                timeout=3,
            )
            return
        else:
            self.marks.append(self._fraction(self.cursor))
        self.post_message(self.Changed(self, list(self.marks)))
        self.refresh()

    def action_undo(self) -> None:
        if self.marks and self.reveal is None:
            self.marks.pop()
            self.post_message(self.Changed(self, list(self.marks)))
            self.refresh()

    def action_submit(self) -> None:
        if self.reveal is None:
            self.post_message(self.Submitted(self, [list(m) for m in self.marks]))

    def on_click(self, event: Click) -> None:
        cols, rows = self._grid
        if self.reveal is None and 0 <= event.x < cols and 0 <= event.y < rows:
            self.focus()
            self.cursor = (event.x, event.y)
            self.action_mark()

    def on_mouse_move(self, event: MouseMove) -> None:
        cols, rows = self._grid
        if self.reveal is None and 0 <= event.x < cols and 0 <= event.y < rows:
            self.cursor = (event.x, event.y)

    def watch_cursor(self) -> None:
        self.refresh()

    # -- drawing -------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if self.error:
            text = self.error if y == 0 else ""
            return Strip([Segment(text[:width], base)]).extend_cell_length(width, base)
        if y >= len(self._rows):
            return Strip.blank(width, base)
        strip = self._rows[y]
        overlays: dict[int, tuple[str, Style]] = {}
        for mark in self.marks:
            mx, my = self._cell_of(mark)
            if my == y:
                if self.reveal is None:
                    overlays[mx] = ("✚", MARK)
                else:  # feedback: a mark inside a key region shows as a hit (✓), else ✗
                    hit = any(
                        bx <= mark[0] <= bx + bw and by <= mark[1] <= by + bh
                        for bx, by, bw, bh in self.reveal
                    )
                    overlays[mx] = ("✓", HIT) if hit else ("✗", MARK)
        if self.reveal is None and self.has_focus and self.cursor[1] == y:
            cx = self.cursor[0]
            overlays[cx] = ("✚" if cx in overlays else "┼", CROSS)
        for x, (glyph, style) in sorted(overlays.items()):
            strip = Strip.join(
                [
                    strip.crop(0, x),
                    Strip([Segment(glyph, style)]),
                    strip.crop(x + 1, strip.cell_length),
                ]
            )
        return strip.extend_cell_length(width, base).crop(0, width)
