"""The case so far: the stages revealed, as Markdown, newest at the bottom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from quiz.imaging.caption import caption_parts
from quiz.text import clean

if TYPE_CHECKING:
    from quiz.pack.models import Stage


def stage_blocks(stages: list[Stage], shown: int) -> list[str]:
    """The Markdown of each stage shown, one string a stage."""
    blocks = []
    for number, stage in enumerate(stages[:shown], 1):
        name = stage.name.strip() or f"Stage {number}"
        parts = [f"**{name}**", stage.text.strip()]
        for image in stage.images:
            # Named in the text too, so the reader knows a picture belongs to this stage;
            # its caption is under the picture itself.
            # (the caption itself is left out, but still tells a drawing from a photo)
            named = caption_parts(image)[:-1] if image.caption else caption_parts(image)
            parts.append(f"*Image: {' · '.join(named)} (i: look at it)*")
        blocks.append(clean("\n\n".join(parts)))
    return blocks


def stages_markdown(stages: list[Stage], shown: int) -> str:
    return "\n\n".join(stage_blocks(stages, shown))


class StageView(VerticalScroll):
    """Scrolls by itself when focused (it is, when a case opens); `show` replaces the text."""

    DEFAULT_CSS = """
    StageView:focus {
        background: $boost;
    }

    StageView > Markdown {
        margin: 0;
        padding: 0;
    }
    """

    # The container's own scroll keys, shown: the pane is a few rows high at 80x24, and
    # the learner must know the text above and below is there.
    _SCROLL = Binding.Group("Scroll text", compact=True)
    BINDINGS = [
        Binding("up", "scroll_up", "Scroll text up", group=_SCROLL, id="scroll-text-up"),
        Binding("down", "scroll_down", "Scroll text down", group=_SCROLL, id="scroll-text-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="page-down"),
    ]

    def compose(self) -> ComposeResult:
        yield Markdown("", id="stage-text", open_links=False)

    async def show(self, stages: list[Stage], shown: int, scroll_to_newest: bool) -> None:
        blocks = stage_blocks(stages, shown)
        source = "\n\n".join(blocks)
        await self.query_one(Markdown).update(source)
        if scroll_to_newest and blocks:
            # The newest stage starts on this line of the source; its heading goes to the
            # top of the pane (scrolling to the end showed only its last lines at 80x24).
            line = source.count("\n", 0, len(source) - len(blocks[-1]))
            # After the new text is laid out, or the blocks have no place yet.
            self.call_after_refresh(self._scroll_to_line, line)

    def _scroll_to_line(self, line: int) -> None:
        for block in self.query_one(Markdown).children:
            start = getattr(block, "source_range", (0, 0))[0]
            if start >= line:
                self.scroll_to_widget(block, animate=False, top=True)
                return
        self.scroll_end(animate=False)
