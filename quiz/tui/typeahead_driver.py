"""Keys typed while the terminal was being asked reach the app first, in order.

The command line asks the terminal what it can draw before Textual starts
(quiz.imaging.terminal_caps); whatever the learner typed meanwhile was read from stdin then.
This driver hands those keys to the app from its input thread, before it reads stdin itself,
so they come before anything typed later, exactly as if Textual had read them.
"""

from __future__ import annotations

from textual._xterm_parser import XTermParser  # Textual is pinned: its own key parser
from textual.drivers.linux_driver import LinuxDriver


class TypeaheadDriver(LinuxDriver):
    """Textual's Linux driver, replaying `typed` (bytes read before it started) first."""

    typed: bytes = b""

    def run_input_thread(self) -> None:
        data, TypeaheadDriver.typed = TypeaheadDriver.typed, b""
        if data:
            parser = XTermParser(self._debug)
            text = data.decode("utf-8", "replace")
            # feed("") ends this parser's input: a lone Escape at the end becomes a key
            # instead of waiting for what follows.
            for event in [*parser.feed(text), *parser.feed("")]:
                self.process_message(event)
        super().run_input_thread()


def driver_with_typeahead(default: type) -> type:
    """TypeaheadDriver when keys are waiting and Textual would use its Linux driver."""
    from quiz.imaging.terminal_caps import take_typed

    typed = take_typed()
    if not typed or default is not LinuxDriver:
        return default  # nothing typed, or another driver (web, headless, Windows)
    TypeaheadDriver.typed = typed
    return TypeaheadDriver
