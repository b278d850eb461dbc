"""Keys typed while the terminal was being asked reach the app first, in order; answers that
come too late are not taken for keys.

The command line asks the terminal what it can draw before Textual starts
(quiz.imaging.terminal_caps); whatever the learner typed meanwhile was read from stdin then.
This driver hands those keys to the app from its input thread, before it reads stdin itself,
so they come before anything typed later, exactly as if Textual had read them. When the
terminal did not answer within the bound, it may still (a slow link): for a short while the
driver reads stdin through the same strict parser, so a late answer is dropped instead of
arriving as a burst of keys ("[?62;c"), and everything else goes on to the app at once.
"""

from __future__ import annotations

import os
import select
import time
from codecs import getincrementaldecoder

from textual._xterm_parser import XTermParser  # Textual is pinned: its own key parser
from textual.drivers.linux_driver import LinuxDriver

from quiz.imaging.terminal_query import ResponseParser


class TypeaheadDriver(LinuxDriver):
    """Textual's Linux driver, replaying `typed` (bytes read before it started) first and
    watching for late answers until `late_until` (monotonic time)."""

    typed: bytes = b""
    late_until: float | None = None

    def run_input_thread(self) -> None:
        data, TypeaheadDriver.typed = TypeaheadDriver.typed, b""
        until, TypeaheadDriver.late_until = TypeaheadDriver.late_until, None
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")("replace").decode

        def emit(chunk: bytes) -> None:
            for event in parser.feed(decode(chunk)) if chunk else ():
                self.process_message(event)

        emit(data)
        if until is not None:
            self._drop_late_answers(until, emit, parser)
        # feed("") ends this parser's input: a lone Escape at the end becomes a key instead
        # of waiting for what follows (Textual's own parser takes over from here).
        for event in parser.feed(decode(b"", final=True) or ""):
            self.process_message(event)
        super().run_input_thread()

    def _drop_late_answers(self, until: float, emit, parser: XTermParser) -> None:
        answers = ResponseParser()
        passed = 0
        while not self.exit_event.is_set():
            left = until - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([self.fileno], [], [], min(left, 0.05))
            done = False
            if ready:
                chunk = os.read(self.fileno, 4096)
                if not chunk:
                    break
                done = answers.feed(chunk)
                emit(answers.answers.typed[passed:])
                passed = len(answers.answers.typed)
            for event in parser.tick():  # a lone Escape typed meanwhile
                self.process_message(event)
            if done:
                break
        emit(answers.close().typed[passed:])


def driver_with_typeahead(default: type) -> type:
    """TypeaheadDriver when keys are waiting (or answers may come late) and Textual would use
    its Linux driver."""
    from quiz.imaging.terminal_caps import take_late_watch, take_typed

    typed, until = take_typed(), take_late_watch()
    if (not typed and until is None) or default is not LinuxDriver:
        return default  # nothing to do, or another driver (web, headless, Windows)
    TypeaheadDriver.typed, TypeaheadDriver.late_until = typed, until
    return TypeaheadDriver
