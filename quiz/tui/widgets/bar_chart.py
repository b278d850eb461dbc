"""Horizontal bars with a label and a figure, sized to the widget's width.

Each bar says its value in words too: the bar is a reading aid, never the only carrier.
Colours come from the component classes in app.tcss (theme variables).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from quiz.text import clean


@dataclass(frozen=True)
class Bar:
    label: str
    fraction: float | None  # 0..1 of the full width; None: no data (no bar, the text says so)
    text: str  # the figure beside the bar, e.g. "71% (7)"
    tone: str = "bar"  # bar | good | fair | poor: which component class colours it


class BarChart(Widget):
    DEFAULT_CSS = """
    BarChart {
        height: auto;
    }

    BarChart > .bar-chart--bar {
        color: $primary;
    }

    BarChart > .bar-chart--good {
        color: $success;
    }

    BarChart > .bar-chart--fair {
        color: $warning;
    }

    BarChart > .bar-chart--poor {
        color: $error;
    }

    BarChart > .bar-chart--track {
        color: $panel;
    }

    BarChart > .bar-chart--label {
        color: $text;
    }
    """
    COMPONENT_CLASSES = {
        "bar-chart--bar",
        "bar-chart--good",
        "bar-chart--fair",
        "bar-chart--poor",
        "bar-chart--track",
        "bar-chart--label",
    }

    bars: reactive[tuple[Bar, ...]] = reactive((), layout=True)

    def __init__(
        self,
        bars: list[Bar] | None = None,
        *,
        label_width: int = 24,
        empty: str = "No data yet.",
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.label_width = label_width
        self.empty = empty
        self.set_reactive(BarChart.bars, tuple(bars or ()))

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.bars))

    def render(self) -> Text:
        if not self.bars:
            return Text(self.empty, style=self.get_component_rich_style("bar-chart--label"))
        width = self.size.width or 60
        label_width = min(self.label_width, max(8, width // 2))
        text_width = max(len(b.text) for b in self.bars)
        bar_width = max(4, width - label_width - text_width - 3)
        track = self.get_component_rich_style("bar-chart--track")
        label_style = self.get_component_rich_style("bar-chart--label")
        out = Text(no_wrap=True, overflow="ellipsis")
        for index, bar in enumerate(self.bars):
            if index:
                out.append("\n")
            label = clean(bar.label)
            if len(label) > label_width:
                label = label[: label_width - 1] + "…"
            out.append(label.ljust(label_width), style=label_style)
            out.append(" ")
            filled = (
                0 if bar.fraction is None else round(max(0.0, min(1.0, bar.fraction)) * bar_width)
            )
            out.append("█" * filled, style=self.get_component_rich_style(f"bar-chart--{bar.tone}"))
            out.append("░" * (bar_width - filled), style=track)
            out.append(" " + bar.text.rjust(text_width) + " ")
        return out


def tone_of(accuracy: float | None) -> str:
    """good, fair or poor: the colour class for an accuracy (the figure is always printed)."""
    if accuracy is None:
        return "bar"
    return "good" if accuracy >= 0.8 else "fair" if accuracy >= 0.5 else "poor"
