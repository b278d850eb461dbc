"""The drawing surface of the image viewer: a half-cell picture, a graphics widget, or text."""

from __future__ import annotations

import textwrap

from PIL import Image as PILImage
from rich.segment import Segment
from textual.app import ComposeResult
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget


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
        self._text: str | None = None

    def compose(self) -> ComposeResult:
        if self._graphics_class is not None:
            self._graphics = self._graphics_class(classes="graphics")
            yield self._graphics

    def on_resize(self, event: Resize) -> None:
        self.post_message(self.Resized(event.size))

    @property
    def rows(self) -> list[Strip]:
        """The half-cell rows shown now (empty when text or a graphics child is shown)."""
        return self._strips

    @property
    def text(self) -> str | None:
        return self._text

    def show_rows(self, rows: list[Strip]) -> None:
        self._strips, self._text = rows, None
        self.refresh()

    def show_picture(self, image: PILImage.Image, cols: int, rows: int) -> None:
        """Hand a picture to the graphics child, sized to cols x rows cells."""
        self._strips, self._text = [], None
        if self._graphics is not None:
            self._graphics.display = True
            self._graphics.styles.width = cols
            self._graphics.styles.height = rows
            self._graphics.image = image  # type: ignore[attr-defined]
        self.refresh()

    def show_text(self, text: str) -> None:
        self._strips, self._text = [], text
        if self._graphics is not None:
            self._graphics.display = False
        self.refresh()

    def _text_strips(self, width: int) -> list[Strip]:
        style = self.rich_style + self.get_component_rich_style("image-canvas--placeholder")
        lines: list[str] = []
        for paragraph in (self._text or "").split("\n"):
            lines.extend(textwrap.wrap(paragraph, max(8, width - 4)) or [""])
        return [Strip([Segment(line, style)]) for line in lines]

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        base = self.rich_style
        strips = self._text_strips(width) if self._text is not None else self._strips
        top = max(0, (height - len(strips)) // 2)
        i = y - top
        if not 0 <= i < len(strips):
            return Strip.blank(width, base)
        strip = strips[i]
        left = max(0, (width - strip.cell_length) // 2)
        if left:
            strip = Strip([Segment(" " * left, base), *strip], left + strip.cell_length)
        # The widget's background shows through transparent pixels and around the picture.
        return strip.apply_style(base).extend_cell_length(width, base).crop(0, width)
