"""Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer recomposes (a new widget per key, each styled and mounted) whenever its
screen's bindings may have changed: at every screen switch, and whenever a screen calls
`refresh_bindings`. Between a case and its feedback that was about a third of the wait for
the feedback's first frame, though the same keys came back each time. This one compares
what it would show (keys, labels, enabled or not) with what it shows, and keeps its keys
when nothing changed. It looks and clicks the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyFooter(Footer):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple | None = None  # what the keys on display were made from

    def _keys(self) -> tuple:
        app = self.app
        return tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                enabled,
                tooltip,
            )
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await self.recompose()
