"""The title line at the top of each screen: the screen's title and subtitle, centred.

Textual's Header is four widgets (an icon, the title, a clock or its space), each styled when
a screen starts; this one line is one widget, drawn the same way (`App.format_title`), which
made the first frame of the home screen a few milliseconds sooner. DermQuiz has no command
palette, so the Header's icon (which opens it) had nothing to offer.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.widget import Widget


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        for node, name in (
            (self.app, "title"),
            (self.app, "sub_title"),
            (self.screen, "title"),
            (self.screen, "sub_title"),
        ):
            self.watch(node, name, self._retitled, init=False)

    def _retitled(self) -> None:
        self.refresh()

    def render(self) -> RenderResult:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)
