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
    the field's own bindings here keeps the order (Textual issue #6605). Bindings of the
    screen and the app still bubble as usual; priority ones ran before the key got here.
    """

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            # The field is the first namespace of the binding chain: the same binding
            # would run when the key reaches the app, only later.
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)
