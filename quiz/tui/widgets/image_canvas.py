"""The drawing surface of the image viewer: a half-cell picture, a graphics widget, or text."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from PIL import Image as PILImage
from rich.segment import Segment
from textual.app import ComposeResult
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from quiz.imaging.halfblock import segment_rows


class ImageCanvas(Widget):
    """Shows prepared rows of half-cell segments centred in its box, or a centred text.

    With a graphics widget class (textual-image's kitty or Sixel widget), pictures go to that
    child instead. The canvas never decodes anything: the viewer's workers prepare the rows.
    """

    DEFAULT_CSS = """
    ImageCanvas {
        width: 1fr;
        height: 1fr;
        align: center middle;
    }
    ImageCanvas > .graphics {
        width: auto;
        height: auto;
    }
    ImageCanvas .image-canvas--placeholder {
        color: $text-muted;
        text-style: italic;
    }
    """

    COMPONENT_CLASSES = {"image-canvas--placeholder"}

    class Resized(Message):
        """The canvas got a new size: the viewer renders again for it."""

        def __init__(self, size: Size) -> None:
            self.size = size
            super().__init__()

    def __init__(self, graphics_class: type | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._graphics_class = graphics_class
        self._graphics: Widget | None = None
        self._strips: list[Strip] = []
        self._picture: PILImage.Image | None = None  # half-cell rows not made yet
        self._text: str | None = None
        self._transparent = False  # the picture has clear pixels
        self._lines: dict[tuple, Strip] = {}  # painted lines, until content or size change
        self._first_paint: Callable[[], None] | None = None

    def compose(self) -> ComposeResult:
        if self._graphics_class is not None:
            self._graphics = self._graphics_class(classes="graphics")
            yield self._graphics

    def before_first_paint(self, callback: Callable[[], None] | None) -> None:
        """Call `callback` when the canvas is about to be painted at a real size, with nothing
        to show yet: the viewer then knows the box and can draw a cached picture at once,
        in the same frame, instead of after the Resized message a frame later."""
        self._first_paint = callback

    def on_resize(self, event: Resize) -> None:
        self._lines.clear()
        self.post_message(self.Resized(event.size))

    @property
    def rows(self) -> list[Strip]:
        """The half-cell rows shown now (empty when text or a graphics child is shown)."""
        if self._picture is not None:
            # Made here, on the UI thread, when first painted: building Segments is pure
            # Python, which in a worker would fight the UI thread for the GIL and come
            # out several times slower; the decoding before it stays in the worker.
            self._strips = [Strip(row) for row in segment_rows(self._picture)]
            self._picture = None
        return self._strips

    @property
    def text(self) -> str | None:
        return self._text

    def show_rows(self, rows: list[Strip]) -> None:
        self._strips, self._picture, self._text = rows, None, None
        self._changed()

    def show_halfcell(self, image: PILImage.Image) -> None:
        """Show a picture already sized to (columns, 2 x rows) pixels as half-cell blocks."""
        self._strips, self._picture, self._text = [], image, None
        self._transparent = image.mode == "RGBA" and image.getextrema()[3][0] < 255
        self._changed()

    def show_picture(self, image: PILImage.Image, cols: int, rows: int) -> None:
        """Hand a picture to the graphics child, sized to cols x rows cells."""
        self._strips, self._picture, self._text = [], None, None
        if self._graphics is not None:
            self._graphics.display = True
            self._graphics.styles.width = cols
            self._graphics.styles.height = rows
            self._graphics.image = image  # type: ignore[attr-defined]
        self._changed()

    def show_text(self, text: str) -> None:
        self._strips, self._picture, self._text = [], None, text
        if self._graphics is not None:
            self._graphics.display = False
        self._changed()

    def _changed(self) -> None:
        self._lines.clear()
        self.refresh()

    def _text_strips(self, width: int) -> list[Strip]:
        style = self.rich_style + self.get_component_rich_style("image-canvas--placeholder")
        lines: list[str] = []
        for paragraph in (self._text or "").split("\n"):
            lines.extend(textwrap.wrap(paragraph, max(8, width - 4)) or [""])
        return [Strip([Segment(line, style)]) for line in lines]

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        if self._first_paint is not None and width and height:
            callback, self._first_paint = self._first_paint, None
            callback()
        base = self.rich_style
        key = (y, width, height, base)  # a theme change gives another base style
        cached = self._lines.get(key)
        if cached is not None:
            return cached
        strips = self._text_strips(width) if self._text is not None else self.rows
        top = max(0, (height - len(strips)) // 2)
        i = y - top
        if not 0 <= i < len(strips):
            line = Strip.blank(width, base)
        else:
            strip = strips[i]
            left = max(0, (width - strip.cell_length) // 2)
            if left:
                strip = Strip([Segment(" " * left, base), *strip], left + strip.cell_length)
            if self._transparent:
                strip = strip.apply_style(base)  # the background shows through clear pixels
            line = strip.extend_cell_length(width, base).crop(0, width)
        self._lines[key] = line
        return line
