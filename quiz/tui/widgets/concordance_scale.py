"""The script-concordance scale, −2 … +2 with its words: up/down (or left/right) move, the
keys 1–5 pick a step directly, Enter submits. After the answer it can show the panel's spread."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from quiz.pack.models import SCALE, SCALE_WORDS


def step_label(step: int) -> str:
    return f"{step:+d}" if step else " 0"


class ConcordanceScale(Widget, can_focus=True):
    DEFAULT_CSS = """
    ConcordanceScale { height: auto; border: round $primary; padding: 0 1; }
    ConcordanceScale:focus { border: round $accent; }
    """
    BINDINGS = [
        Binding("up,left,k,h", "step(-1)", "Less", show=False, id="concordance-less"),
        Binding("down,right,j,l", "step(1)", "More", show=False, id="concordance-more"),
        *(
            Binding(
                str(i + 1),
                f"pick({i})",
                f"{step_label(s)}",
                show=False,
                id=f"concordance-pick-{i + 1}",
            )
            for i, s in enumerate(SCALE)
        ),
        Binding("enter", "submit", "Submit", id="concordance-submit"),
    ]

    index: reactive[int] = reactive(2)  # the middle step, 0, until the learner moves

    class Submitted(Message):
        def __init__(self, scale: ConcordanceScale, step: int) -> None:
            self.scale, self.step = scale, step
            super().__init__()

        @property
        def control(self) -> ConcordanceScale:
            return self.scale

    def __init__(
        self, panel: dict[int, int] | None = None, chosen: int | None = None, **kwargs
    ) -> None:
        """With *panel* (after the answer) the scale shows each step's expert votes."""
        super().__init__(**kwargs)
        self.panel = panel
        if chosen is not None:
            self.index = SCALE.index(chosen)
        self.border_title = "The hypothesis becomes…" if panel is None else "The panel's answers"

    @property
    def step(self) -> int:
        return SCALE[self.index]

    def render(self) -> Text:
        out = Text()
        top = max(self.panel.values()) if self.panel else 0
        for i, step in enumerate(SCALE):
            if i:
                out.append("\n")
            here = i == self.index
            line = f"{'▶' if here else ' '} {step_label(step)}  {SCALE_WORDS[step]:<28}"
            out.append(line, style="reverse" if here and self.has_focus else "")
            if self.panel is not None:
                votes = self.panel.get(step, 0)
                bar = "█" * round(12 * votes / top) if top else ""
                out.append(f" {bar:<12} {votes}" + ("  ← you" if here else ""))
        return out

    def action_step(self, delta: int) -> None:
        if self.panel is None:
            self.index = max(0, min(len(SCALE) - 1, self.index + delta))

    def action_pick(self, i: int) -> None:
        if self.panel is None:
            self.index = i

    def action_submit(self) -> None:
        if self.panel is None:
            self.post_message(self.Submitted(self, self.step))

    def watch_index(self) -> None:
        self.refresh()
