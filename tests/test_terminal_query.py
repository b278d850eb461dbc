"""Asking the terminal: real answers parsed strictly, typed keys kept, a silent terminal bounded.

Answers marked "captured" were read from the real terminal under Xvfb on this machine; the
others are the replies those terminals' sources and issue trackers document.
"""

from __future__ import annotations

import os
import pty
import termios
import threading
import time

import pytest

from quiz.imaging.protocol import explain_protocol
from quiz.imaging.terminal_query import QUERY, Answers, Probe, ResponseParser, query

XTERM_VT340 = b"\x1bP>|XTerm(379)\x1b\\\x1b[?63;1;2;4;6;9;15;16;22;28c"  # captured: -ti vt340
XTERM = b"\x1b[?64;1;2;6;9;15;16;17;18;21;22;28c"  # captured: plain xterm (vt420, no sixel)
XTERM_WINDOW_OPS = b"\x1b[6;13;6t" + XTERM_VT340  # captured: allowWindowOps on
KITTY = b"\x1b_Gi=31;OK\x1b\\\x1b[6;20;9t\x1bP>|kitty(0.26.5)\x1b\\\x1b[?62;c"  # captured
KITTY_NEW = b"\x1b_Gi=31;OK\x1b\\\x1b[6;20;10t\x1bP>|kitty(0.35.2)\x1b\\\x1b[?62;c"
FOOT = b"\x1b[6;17;8t\x1b[?62;4;22c"
WEZTERM = (
    b"\x1b_Gi=31;OK\x1b\\\x1b[6;19;10t\x1bP>|WezTerm 20240203-110809-5046fc22\x1b\\"
    b"\x1b[?65;4;6;18;22c"
)
VTE = b"\x1b[?65;1;9c"  # GNOME Terminal, xfce4-terminal
WINDOWS_TERMINAL = b"\x1b[?61;4;6;7;14;21;22;23;24;28;32;42c"  # 1.22
WINDOWS_TERMINAL_OLD = b"\x1b[?1;0c"
LINUX_CONSOLE = b"\x1b[?6c"
RXVT_SIXEL = b"\x1b[?1;2;4c"  # rxvt with the Sixel patch: a VT100-class answer plus 4


def parse(*chunks: bytes) -> Answers:
    parser = ResponseParser()
    for chunk in chunks:
        parser.feed(chunk)
    return parser.close()


@pytest.mark.parametrize(
    "reply, sixel, kitty, cell",
    [
        (XTERM_VT340, True, None, None),
        (XTERM, False, None, None),
        (XTERM_WINDOW_OPS, True, None, (6, 13)),
        (KITTY, False, "OK", (9, 20)),
        (FOOT, True, None, (8, 17)),
        (WEZTERM, True, "OK", (10, 19)),
        (VTE, False, None, None),
        (WINDOWS_TERMINAL, True, None, None),
        (WINDOWS_TERMINAL_OLD, False, None, None),
        (LINUX_CONSOLE, False, None, None),
        (RXVT_SIXEL, True, None, None),
    ],
)
def test_real_answers(reply, sixel, kitty, cell):
    answers = parse(reply)
    assert answers.answered
    assert answers.sixel is sixel
    assert answers.kitty == kitty
    assert answers.cell == cell
    assert answers.typed == b""


def test_the_kitty_query_is_one_kitty_reads():
    # Control keys are comma-separated; "i=31;s=1,..." would make kitty read the rest as
    # payload and answer nothing (seen in kitty 0.26.5).
    control, payload = QUERY[3 : QUERY.index(b"\x1b\\")].split(b";")
    assert dict(kv.split(b"=") for kv in control.split(b",")) == {
        b"i": b"31",
        b"s": b"1",
        b"v": b"1",
        b"a": b"q",
        b"t": b"d",
        b"f": b"24",
    }
    assert payload == b"AAAA" and QUERY.endswith(b"\x1b[16t\x1b[>0q\x1b[c")


def test_a_4_inside_14_is_not_sixel():
    assert not parse(b"\x1b[?62;14;22c").sixel
    assert not parse(b"\x1b[?4;22c").sixel  # 4 as the conformance level is not an attribute


def test_every_split_of_a_reply_gives_the_same_answers():
    reply = b"q" + KITTY + b"w"
    for cut in range(1, len(reply)):
        answers = parse(reply[:cut], reply[cut:])
        assert (answers.kitty, answers.cell, answers.da1) == ("OK", (9, 20), (62,)), cut
        assert answers.version == "kitty(0.26.5)" and answers.old_kitty, cut
        assert answers.typed == b"qw", cut
    byte_by_byte = parse(*[bytes([b]) for b in reply])
    assert byte_by_byte.kitty_ok and byte_by_byte.typed == b"qw"


def test_keys_typed_between_the_answers_are_kept_in_order():
    # A letter, an arrow (ESC [ A), Escape alone, Enter, UTF-8 and Alt+x around the answers.
    answers = parse(
        b"a\x1b[A",
        b"\x1b_Gi=31;OK\x1b\\\x1b",
        b"\r\xc3\xa9\x1bx\x1b[6;20;10t",
        XTERM_VT340[:5],
        XTERM_VT340[5:] + b"late",
    )
    assert answers.sixel and answers.kitty_ok and answers.cell == (10, 20)
    assert answers.typed == b"a\x1b[A\x1b\r\xc3\xa9\x1bxlate"


def test_reading_stops_at_the_da1_answer():
    parser = ResponseParser()
    assert not parser.feed(b"\x1b_Gi=31;OK\x1b\\")
    assert parser.feed(VTE + b"\x1b[?62;4c")  # a second DA1 is not ours: typed
    answers = parser.close()
    assert not answers.sixel and answers.typed == b"\x1b[?62;4c"


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x1b[?c",  # no parameters
        b"\x1b[?62;4x",  # wrong final byte
        b"\x1b[6;0;0t",  # a terminal that does not know its cell size
        b"\x1b[6;99999;10t",  # absurd
        b"\x1b_Gi=7;OK\x1b\\",  # another program's kitty reply
        b"\x1b_Gi=310;OK\x1b\\",
        b"\x00\xff\xfe\x1b\x1b\x1b[",
        b"\x1bP>|\x07bell\x1b\\",  # a version with a control character
    ],
)
def test_garbage_is_not_an_answer(garbage):
    answers = parse(garbage)
    assert not answers.answered and not answers.sixel and answers.kitty is None
    assert answers.cell is None


def test_an_unfinished_answer_at_the_timeout_is_typed_not_lost():
    answers = parse(b"x\x1b[?63;1;2")
    assert not answers.answered and answers.typed == b"x\x1b[?63;1;2"


def test_a_kitty_error_is_not_ok():
    answers = parse(b"\x1b_Gi=31;EINVAL:Zero width/height not allowed\x1b\\" + VTE)
    assert answers.kitty == "EINVAL:Zero width/height not allowed" and not answers.kitty_ok


@pytest.mark.parametrize(
    "reply, env, expect",
    [
        (XTERM_VT340, {"TERM": "xterm"}, "sixel"),
        (XTERM, {"TERM": "xterm"}, "halfcell"),
        (KITTY_NEW, {"TERM": "xterm-kitty"}, "kitty"),
        # Debian 12's kitty answers OK but shows placeholders as boxes (seen under Xvfb).
        (KITTY, {"TERM": "xterm-kitty"}, "halfcell"),
        (WEZTERM, {"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, "sixel"),
        (WINDOWS_TERMINAL, {"TERM": "xterm-256color", "WT_SESSION": "x"}, "sixel"),
        (VTE, {"TERM": "xterm-256color", "VTE_VERSION": "7600"}, "halfcell"),
        (RXVT_SIXEL, {"TERM": "rxvt-unicode-256color"}, "sixel"),
        # An answered query outranks a misleading environment.
        (XTERM, {"TERM": "xterm-kitty"}, "halfcell"),
        # Kitty answers OK but no Sixel: kitty, even with a Sixel TERM inherited.
        (b"\x1b_Gi=31;OK\x1b\\\x1b[?62;c", {"TERM": "xterm-256color"}, "kitty"),
    ],
)
def test_the_answers_choose_the_protocol(reply, env, expect):
    mode, why = explain_protocol(None, env=env, isatty=True, answers=parse(reply))
    assert mode == expect, why


def test_no_answer_falls_back_to_environment_hints_and_choices_win():
    silent = parse(b"")
    assert explain_protocol(None, env={"TERM": "foot"}, isatty=True, answers=silent)[0] == "sixel"
    mode, why = explain_protocol(None, env={"TERM": "xterm"}, isatty=True, answers=silent)
    assert mode == "halfcell" and "did not answer" in why
    env = {"TERM": "xterm", "DERMQUIZ_GRAPHICS": "halfcell"}
    assert explain_protocol(None, env=env, isatty=True, answers=parse(XTERM_VT340)) == (
        "halfcell",
        "you chose it (DERMQUIZ_GRAPHICS=halfcell)",
    )
    assert explain_protocol("none", env={}, isatty=True, answers=parse(KITTY))[0] == "none"


# -- the real round trip, through a pseudo-terminal ------------------------------------------


class FakeTerminal:
    """The far side of a pty: reads what the app writes and answers like a terminal."""

    def __init__(self, reply: bytes | None, typed_before: bytes = b"", delay: float = 0.0):
        self.master, self.slave = pty.openpty()
        self.reply, self.typed_before, self.delay = reply, typed_before, delay
        self.received = b""
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        if self.typed_before:
            os.write(self.master, self.typed_before)
        while not self.received.endswith(b"\x1b[c"):
            self.received += os.read(self.master, 1024)
        time.sleep(self.delay)
        if self.reply is not None:
            os.write(self.master, self.reply)

    def echoed(self) -> bytes:
        """What the pty sent back to the screen (an echo would show the answers)."""
        os.set_blocking(self.master, False)
        try:
            return os.read(self.master, 4096)
        except BlockingIOError:
            return b""

    def close(self) -> None:
        os.close(self.master)
        os.close(self.slave)


def test_a_round_trip_through_a_pty_keeps_keys_and_the_terminal_mode():
    term = FakeTerminal(b"k" + XTERM_VT340 + b"j", typed_before=b"ab\x1b[B")
    try:
        before = termios.tcgetattr(term.slave)
        time.sleep(0.05)  # the keys are in the pty before the query is written
        answers = query(term.slave, term.slave)
        term.thread.join(1)
        # Keys typed before we started were echoed as usual; nothing after that.
        assert term.received == b"ab^[[B" + QUERY
        assert answers.sixel and answers.elapsed_ms < 150
        assert answers.typed == b"ab\x1b[Bkj"
        assert termios.tcgetattr(term.slave) == before
        assert term.echoed() == b""  # neither the answers nor the keys were echoed
    finally:
        term.close()


def test_a_silent_terminal_costs_the_bounded_wait_and_no_key():
    term = FakeTerminal(None, typed_before=b"x")
    try:
        time.sleep(0.05)
        start = time.perf_counter()
        answers = query(term.slave, term.slave, timeout=0.15)
        waited = time.perf_counter() - start
        assert not answers.answered and answers.typed == b"x"
        assert 0.14 <= waited < 1.0
    finally:
        term.close()


def test_the_app_imports_run_while_the_terminal_answers():
    term = FakeTerminal(FOOT, delay=0.05)
    try:
        probe = Probe(term.slave, term.slave)
        probe.start()
        time.sleep(0.1)  # the imports: the answer arrives meanwhile
        start = time.perf_counter()
        answers = probe.finish()
        assert answers.sixel and answers.cell == (8, 17)
        assert time.perf_counter() - start < 0.05  # nothing left to wait for
    finally:
        term.close()
