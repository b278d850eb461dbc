"""An Input whose editing keys keep their place among the typed characters."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class InOrderInput(Input):
    """Runs its own key bindings (backspace, arrows, ...) as soon as the key arrives.

    Textual's Input inserts a typed character in its own handler, but a bound key bubbles
    up to the app first and only then runs its action. Keys that arrive together (tmux
    send-keys, a paste of keystrokes, a loaded machine) then apply out of order: backspace
    then 3 on a selected "10" gave "3" then deleted it, leaving the field empty. Running
    the bindings here keeps the order (Textual issue #6605): tab after a digit moves on
    after the digit, not before it. Priority bindings ran before the key got here.
    """

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not None and focused is not self:
            # Sent here in the same burst as a key that moved the focus on (tab): the app
            # forwarded it before that key ran. It belongs to the widget focused now.
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if not event.is_printable:  # noqa: SIM102 - the comment below is about this test
            # Run the whole binding chain now (the field's, the screen's: tab, escape, enter),
            # which is what would run once the key had bubbled up, only later. No widget of
            # the app handles keys on the way up, so nothing is skipped, only reordered.
            # (`_check_bindings` is Textual's own dispatcher; Textual is pinned exactly.)
            if await self.app._check_bindings(event.key):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)
