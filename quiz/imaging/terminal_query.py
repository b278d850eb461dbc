"""Ask the terminal what it can draw, once, before the app takes the terminal.

One write carries four questions, answered in order by a terminal that knows them:
the kitty graphics query (an APC a terminal without the protocol ignores), XTWINOPS
`CSI 16 t` (the cell size in pixels), XTVERSION (name and version: kitty draws the Unicode
placeholders textual-image uses only from 0.28) and Primary Device Attributes (DA1). Every terminal
answers DA1, so it goes last and its answer ends the wait; a silent terminal costs the
bounded wait (150 ms). The answers are parsed strictly; every other byte read meanwhile is a
key the learner typed, kept in order for the app (`take_typed`).

Plain Python (termios, select): no Textual, which reads stdin itself once it runs.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field

KITTY_QUERY = (
    b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\"  # commas: kitty reads "i=31;..." as payload
)
CELL_QUERY = b"\x1b[16t"
VERSION_QUERY = b"\x1b[>0q"
DA1_QUERY = b"\x1b[c"
QUERY = KITTY_QUERY + CELL_QUERY + VERSION_QUERY + DA1_QUERY
TIMEOUT = 0.15  # seconds from the write; a local terminal answers in a few milliseconds

_ESC = 0x1B
_DA1 = re.compile(rb"\x1b\[\?([0-9;]{1,64})c")
_CELL = re.compile(rb"\x1b\[6;([0-9]{1,4});([0-9]{1,4})t")
_KITTY = re.compile(rb"\x1b_G([^\x1b]{0,256})\x1b\\")
_VERSION = re.compile(rb"\x1bP>\|([\x20-\x7e]{1,128})\x1b\\")
# What the start of an answer may look like while its end has not arrived yet.
_PARTIAL = re.compile(
    rb"\x1b(?:\[(?:\?[0-9;]{0,64}|6(?:;[0-9]{0,4}(?:;[0-9]{0,4})?)?)?|_(?:G[^\x1b]{0,256}\x1b?)?"
    rb"|P(?:>(?:\|[\x20-\x7e]{0,128}\x1b?)?)?)?\Z"
)


@dataclass
class Answers:
    """What the terminal said; None for a question it left unanswered."""

    da1: tuple[int, ...] | None = None  # DA1 parameters, the conformance level first
    kitty: str | None = None  # the kitty query's message: "OK", or an error such as "EINVAL:..."
    cell: tuple[int, int] | None = None  # (width, height) of a cell in pixels
    version: str | None = None  # XTVERSION: "XTerm(379)", "kitty(0.26.5)", ...
    typed: bytes = b""  # everything else: keys typed while we waited, in order
    elapsed_ms: float | None = None  # from the write to the DA1 answer (or the timeout)

    @property
    def answered(self) -> bool:
        return self.da1 is not None

    @property
    def sixel(self) -> bool:
        """DA1 lists attribute 4 (Sixel graphics) after the conformance level."""
        return self.da1 is not None and 4 in self.da1[1:]

    @property
    def kitty_ok(self) -> bool:
        return self.kitty == "OK"

    @property
    def old_kitty(self) -> bool:
        """kitty before 0.28, which answers the query but draws no Unicode placeholders."""
        m = re.fullmatch(r"kitty\((\d+)\.(\d+)[^)]*\)", self.version or "")
        return bool(m) and (int(m.group(1)), int(m.group(2))) < (0, 28)


@dataclass
class ResponseParser:
    """Splits what stdin gave into the three answers and the typed keys, across split reads."""

    answers: Answers = field(default_factory=Answers)
    _pending: bytes = b""

    @property
    def done(self) -> bool:
        return self.answers.da1 is not None

    def feed(self, data: bytes) -> bool:
        """Take more bytes; True once the DA1 answer has arrived (later bytes are typed keys)."""
        if self.done:
            self.answers.typed += data
            return True
        buf = self._pending + data
        self._pending = b""
        typed = bytearray()
        i = 0
        while i < len(buf):
            if self.done:
                typed += buf[i:]
                break
            if buf[i] != _ESC:
                typed.append(buf[i])
                i += 1
                continue
            end = self._answer_at(buf, i)
            if end:
                i = end
            elif _PARTIAL.match(buf, i):
                self._pending = buf[i:]  # an answer may be arriving: wait for its end
                break
            else:
                typed.append(_ESC)  # Escape, or the start of an arrow key: the learner's
                i += 1
        self.answers.typed += bytes(typed)
        return self.done

    def close(self) -> Answers:
        """The wait is over: an unfinished sequence was typed, not an answer."""
        self.answers.typed += self._pending
        self._pending = b""
        return self.answers

    def _answer_at(self, buf: bytes, i: int) -> int:
        """The end of a complete answer starting at i, or 0."""
        m = _DA1.match(buf, i)
        if m:
            params = [p for p in m.group(1).split(b";") if p]  # kitty ends with "62;c"
            if params:
                self.answers.da1 = tuple(int(p) for p in params)
                return m.end()
        m = _CELL.match(buf, i)
        if m:
            height, width = int(m.group(1)), int(m.group(2))
            if 1 <= width <= 1024 and 1 <= height <= 1024:
                self.answers.cell = (width, height)
            return m.end()  # a zero size (a terminal that does not know) is no answer
        m = _VERSION.match(buf, i)
        if m:
            self.answers.version = m.group(1).decode("ascii")
            return m.end()
        m = _KITTY.match(buf, i)
        if m:
            control, _, message = m.group(1).partition(b";")
            if b"i=31" in control.split(b","):
                self.answers.kitty = message.decode("ascii", "replace")
                return m.end()
        return 0


def query(fd_in: int, fd_out: int, timeout: float = TIMEOUT) -> Answers:
    """Write the questions to fd_out and read the answers from fd_in (both the terminal)."""
    probe = Probe(fd_in, fd_out)
    probe.start()
    return probe.finish(timeout)


class Probe:
    """The query in two halves, so the app's imports run while the terminal answers."""

    def __init__(self, fd_in: int, fd_out: int) -> None:
        self.fd_in, self.fd_out = fd_in, fd_out
        self._saved: list | None = None
        self._sent = 0.0
        self._parser = ResponseParser()

    def start(self) -> None:
        import termios

        self._saved = termios.tcgetattr(self.fd_in)
        mode = termios.tcgetattr(self.fd_in)
        # No echo (the answers are not shown) and no line buffering (they arrive at once);
        # ISIG stays, so Ctrl+C still works. TCSANOW: flushing would drop typed keys.
        mode[3] &= ~(termios.ICANON | termios.ECHO)
        mode[6][termios.VMIN], mode[6][termios.VTIME] = 0, 0
        termios.tcsetattr(self.fd_in, termios.TCSANOW, mode)
        try:
            self._sent = time.perf_counter()
            _write_all(self.fd_out, QUERY)
        except OSError:
            self._restore()
            raise

    def finish(self, timeout: float = TIMEOUT) -> Answers:
        import select

        deadline = self._sent + timeout
        try:
            while True:
                wait = max(0.0, deadline - time.perf_counter())
                ready, _, _ = select.select([self.fd_in], [], [], wait)
                if not ready:
                    break
                data = os.read(self.fd_in, 4096)
                if not data:
                    break  # end of input
                if self._parser.feed(data):
                    break
        finally:
            self._restore()
        answers = self._parser.close()
        answers.elapsed_ms = (time.perf_counter() - self._sent) * 1000
        return answers

    def _restore(self) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(self.fd_in, termios.TCSANOW, self._saved)
            self._saved = None


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data) :]
