"""Which entity the learner answered (columns) when it was another (rows), with counts.

Columns are letters with the names in the rows, so the grid fits 80 columns however long
the entity names are. Only entities involved in a confusion appear.
"""

from __future__ import annotations

import string

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from quiz.text import clean


class ConfusionGrid(Widget):
    DEFAULT_CSS = """
    ConfusionGrid {
        height: auto;
    }

    ConfusionGrid > .confusion-grid--head {
        text-style: bold;
        color: $primary;
    }

    ConfusionGrid > .confusion-grid--hit {
        text-style: bold;
        color: $error;
    }

    ConfusionGrid > .confusion-grid--none {
        color: $text-muted;
    }
    """
    COMPONENT_CLASSES = {"confusion-grid--head", "confusion-grid--hit", "confusion-grid--none"}

    pairs: reactive[tuple[tuple[str, str, str, str, int], ...]] = reactive((), layout=True)
    """(answer id, answer name, chosen id, chosen name, count) for each confusion."""

    def entities(self) -> list[tuple[str, str]]:
        seen: dict[str, str] = {}
        for answer, answer_name, chosen, chosen_name, _ in self.pairs:
            seen.setdefault(answer, answer_name)
            seen.setdefault(chosen, chosen_name)
        return list(seen.items())[: len(string.ascii_uppercase)]

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.entities()) + 1 if self.pairs else 1

    def render(self) -> Text:
        none = self.get_component_rich_style("confusion-grid--none")
        if not self.pairs:
            return Text("No confusions yet: every miss would show here.", style=none)
        head = self.get_component_rich_style("confusion-grid--head")
        hit = self.get_component_rich_style("confusion-grid--hit")
        entities = self.entities()
        letters = {eid: string.ascii_uppercase[i] for i, (eid, _) in enumerate(entities)}
        counts = {(a, c): n for a, _, c, _, n in self.pairs}
        cell = max(3, max(len(str(n)) for n in counts.values()) + 2)
        name_width = max(12, min(32, (self.size.width or 80) - cell * len(entities) - 4))
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append("answer ↓  chose →".ljust(name_width + 2), style=head)
        for eid, _ in entities:
            out.append(letters[eid].rjust(cell), style=head)
        for eid, name in entities:
            out.append("\n")
            label = clean(name)
            if len(label) > name_width - 1:
                label = label[: name_width - 2] + "…"
            out.append(f"{letters[eid]} {label}".ljust(name_width + 2))
            for other, _ in entities:
                n = counts.get((eid, other), 0)
                if other == eid:
                    out.append("╲".rjust(cell), style=none)
                elif n:
                    out.append(str(n).rjust(cell), style=hit)
                else:
                    out.append("·".rjust(cell), style=none)
        return out
