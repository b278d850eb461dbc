"""Pack text for widgets that would otherwise read it as Rich markup.

Pack text is untrusted: the loader already strips control characters, and here square
brackets stay brackets ("[red]" in a case is shown, never applied).
"""

from __future__ import annotations

from rich.text import Text

from quiz.text import clean


def plain(text: str, style: str = "") -> Text:
    """*text* as a Rich Text with no markup parsed."""
    return Text(clean(text), style=style)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(100 * value)}%"
