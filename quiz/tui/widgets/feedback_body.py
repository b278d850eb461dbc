"""The feedback's teaching text in one widget: Rich's Markdown, drawn line by line.

Textual's Markdown widget mounts a widget per block (and per table cell): for a feedback of
fifty blocks that took some 400 ms. Here the Markdown is parsed and laid out once per width
by Rich, into strips that are painted as they scroll into view, so the whole feedback is in
the feedback screen's first frame. The colours come from the app's theme through the
component classes below. Pack text is cleaned before it gets here (quiz.feedback_text), and
Rich's Markdown never reads Rich markup, so "[red]" in a case stays text.
"""

from __future__ import annotations

from functools import cache

from rich.console import Console, ConsoleOptions, RenderResult
from rich.theme import Theme
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

# Rich Markdown style name -> the component class whose theme colours it takes.
_STYLES = {
    "markdown.h1": "heading",
    "markdown.h2": "heading",
    "markdown.h3": "heading",
    "markdown.h4": "heading",
    "markdown.h5": "heading",
    "markdown.h6": "heading",
    "markdown.block_quote": "quote",
    "markdown.item.bullet": "bullet",
    "markdown.item.number": "bullet",
    "markdown.list": "bullet",
    "markdown.table.border": "border",
    "markdown.table.header": "table-header",
    "markdown.code": "code",
    "markdown.code_block": "code",
    "markdown.link": "link",
    "markdown.link_url": "link",
    "markdown.hr": "border",
}


def _markdown(source: str):
    return _document_class()(source, hyperlinks=False)


@cache
def _document_class() -> type:
    """Rich's Markdown, with tables boxed and ruled as the rest of the app draws them."""
    from rich import box
    from rich.markdown import Markdown, TableElement  # markdown-it: not needed until now
    from rich.table import Table

    class RuledTable(TableElement):
        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            table = Table(box=box.SQUARE, show_lines=True, border_style="markdown.table.border")
            if self.header is not None and self.header.row is not None:
                for column in self.header.row.cells:
                    heading = column.content.copy()
                    heading.stylize("markdown.table.header")
                    table.add_column(heading)
            if self.body is not None:
                for row in self.body.rows:
                    table.add_row(*(cell.content for cell in row.cells))
            yield table

    class Document(Markdown):
        elements = {**Markdown.elements, "table_open": RuledTable}

    return Document


def warm() -> None:
    """Import and compile the Markdown parser ahead of time (in a thread, while the learner
    reads a case): done at the first feedback instead, it cost ~120 ms on top of it."""
    _ = _markdown("# a\n\n| a | b |\n| - | - |\n| *c* | d |\n\n- e\n\n> f\n").parsed


class FeedbackBody(Widget):
    """Markdown shown read-only: parsed once, laid out once per width, painted per line."""

    DEFAULT_CSS = """
    FeedbackBody {
        height: auto;
    }
    FeedbackBody .feedback-body--heading { color: $primary; text-style: bold; }
    FeedbackBody .feedback-body--quote { color: $warning; }
    FeedbackBody .feedback-body--bullet { color: $accent; }
    FeedbackBody .feedback-body--border { color: $primary; }
    FeedbackBody .feedback-body--table-header { text-style: bold; }
    FeedbackBody .feedback-body--code { color: $accent; }
    FeedbackBody .feedback-body--link { color: $accent; text-style: underline; }
    """

    COMPONENT_CLASSES = {
        "feedback-body--heading",
        "feedback-body--quote",
        "feedback-body--bullet",
        "feedback-body--border",
        "feedback-body--table-header",
        "feedback-body--code",
        "feedback-body--link",
    }

    def __init__(self, source: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.source = source
        self._document = None  # the parsed Markdown, kept while the source is the same
        self._lines: list[Strip] = []
        self._key: int | None = None  # the width the lines were laid out for (None: stale)
        self.painted = False  # a line of this source was painted (for tests and benchmarks)
        self._styles: Theme | None = None  # the theme's colours, until the styles change

    def update(self, source: str) -> None:
        """Show other Markdown (the next answer, or the pack edited in preview)."""
        self.source, self._document, self._key = source, None, None
        self.painted = False
        self.refresh(layout=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._key, self._styles = None, None  # a theme change: lay out again with its colours

    # -- layout -----------------------------------------------------------------------------
    def _theme(self) -> Theme:
        if self._styles is None:
            parts = {
                part: self.get_component_rich_style(f"feedback-body--{part}", partial=True)
                for part in set(_STYLES.values())
            }
            self._styles = Theme(
                {name: parts[part] for name, part in _STYLES.items()}, inherit=True
            )
        return self._styles

    def _laid_out(self, width: int) -> list[Strip]:
        if width == self._key:  # (rich_style is not cheap: a style change resets the key)
            return self._lines
        base = self.rich_style
        if self._document is None:
            self._document = _markdown(self.source)
        console = self.app.console
        options = console.options.update(
            width=max(1, width), height=None, highlight=False, markup=False
        )
        with console.use_theme(self._theme()):  # Rich looks the styles up by name as it renders
            lines = console.render_lines(self._document, options, style=base, pad=True)
        while lines and not any(seg.text.strip() for seg in lines[-1]):
            lines.pop()  # Rich ends blocks with a blank line
        self._lines = [Strip(line, width) for line in lines]
        self._key = width
        return self._lines

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._laid_out(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._laid_out(width)
        self.painted = True
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(width, self.rich_style)
