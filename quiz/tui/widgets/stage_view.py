"""The case so far: the stages revealed, as Markdown, newest at the bottom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from quiz.imaging.caption import caption_parts
from quiz.text import clean

if TYPE_CHECKING:
    from quiz.pack.models import Stage


def stages_markdown(stages: list[Stage], shown: int) -> str:
    parts = []
    for number, stage in enumerate(stages[:shown], 1):
        name = stage.name.strip() or f"Stage {number}"
        parts.append(f"**{name}**\n\n{stage.text.strip()}")
        for image in stage.images:
            # Named in the text too, so the reader knows a picture belongs to this stage;
            # its caption is under the picture itself.
            kind = " · ".join(caption_parts(image.model_copy(update={"caption": ""})))
            parts.append(f"*Image: {kind} (shown below)*")
    return clean("\n\n".join(parts))


class StageView(VerticalScroll):
    """Scrolls by itself when focused (it is, when a case opens); `show` replaces the text."""

    def compose(self) -> ComposeResult:
        yield Markdown("", id="stage-text", open_links=False)

    async def show(self, stages: list[Stage], shown: int, scroll_to_end: bool) -> None:
        await self.query_one(Markdown).update(stages_markdown(stages, shown))
        if scroll_to_end:
            # After the new text is laid out, or the old height would be the end.
            self.call_after_refresh(self.scroll_end, animate=False)
