"""Breakpoint classes from the start: a screen laid out once, at its final shape.

Textual sets a screen's breakpoint classes (-narrow / -wide, -short / -tall) when the screen
gets its first Resize event, which comes after its first frame: the screen was drawn once in
the shape without them, then restyled and laid out again a frame later (the case's picture
box changed size, so its picture was drawn twice). A screen that calls `presize(self)` in
its constructor starts with the classes for the app's size; the Resize then changes nothing.
"""

from __future__ import annotations

from textual.screen import Screen


def presize(screen: Screen) -> None:
    app = screen.app
    width, height = app.size
    horizontal = (
        screen.HORIZONTAL_BREAKPOINTS
        if screen.HORIZONTAL_BREAKPOINTS is not None
        else app.HORIZONTAL_BREAKPOINTS
    ) or []
    vertical = (
        screen.VERTICAL_BREAKPOINTS
        if screen.VERTICAL_BREAKPOINTS is not None
        else app.VERTICAL_BREAKPOINTS
    ) or []
    names = screen._get_breakpoint_classes(width, horizontal)
    names |= screen._get_breakpoint_classes(height, vertical)
    if names:
        screen.add_class(*names)
