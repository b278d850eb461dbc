"""When the terminal is asked, what is kept for the session, and what `image --detect` says."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
import time

import pytest
from support import REPO, run_cli

from quiz.imaging import terminal_caps
from quiz.imaging.terminal_query import QUERY

XTERM_VT340 = b"\x1bP>|XTerm(379)\x1b\\\x1b[?63;1;2;4;6;9;15;16;22;28c"


@pytest.mark.parametrize(
    "requested, env, why",
    [
        ("sixel", {"TERM": "xterm"}, "you chose --graphics sixel"),
        (None, {"TERM": "xterm", "DERMQUIZ_GRAPHICS": "halfcell"}, "DERMQUIZ_GRAPHICS=halfcell"),
        (None, {"TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"}, "inside tmux"),
        (None, {"TERM": "screen", "STY": "1.pts"}, "inside GNU screen"),
        (None, {"TERM": "linux"}, "TERM=linux"),
        (None, {"TERM": "dumb"}, "TERM=dumb"),
        (None, {}, "TERM=(unset)"),
    ],
)
def test_reasons_not_to_ask(requested, env, why):
    master, slave = pty.openpty()
    try:
        reason = terminal_caps.skip_reason(requested, env, fds=(slave, slave))
    finally:
        os.close(master)
        os.close(slave)
    assert reason is not None and why in reason


def test_not_a_terminal_is_not_asked(tmp_path):
    with open(tmp_path / "f", "w") as f:
        assert (
            terminal_caps.skip_reason(None, {"TERM": "xterm"}, fds=(f.fileno(), f.fileno()))
            == "stdin is not a terminal"
        )
    master, slave = pty.openpty()
    try:
        assert terminal_caps.skip_reason(None, {"TERM": "xterm"}, fds=(slave, slave)) is None
    finally:
        os.close(master)
        os.close(slave)


def test_the_answer_is_kept_for_the_session_and_keys_are_handed_on_once(monkeypatch):
    master, slave = pty.openpty()
    writes: list[bytes] = []

    def terminal():
        data = b""
        while not data.endswith(b"\x1b[c"):
            data += os.read(master, 1024)
        writes.append(data)
        os.write(master, b"n" + XTERM_VT340)

    thread = threading.Thread(target=terminal, daemon=True)
    thread.start()
    monkeypatch.setattr(terminal_caps, "_std_fds", lambda: (slave, slave))
    monkeypatch.setattr(terminal_caps, "_cache", {})
    monkeypatch.setattr(terminal_caps, "_typed", bytearray())
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("DERMQUIZ_GRAPHICS", raising=False)
    for name in ("TMUX", "STY", "TEXTUAL_DRIVER"):
        monkeypatch.delenv(name, raising=False)
    try:
        first = terminal_caps.ask_terminal()
        thread.join(2)
        again = terminal_caps.ask_terminal()  # no second question: nobody would answer it
        assert first is again and first.sixel and first.version == "XTerm(379)"
        assert writes == [QUERY]
        assert terminal_caps.take_typed() == b"n" and terminal_caps.take_typed() == b""
        from quiz.imaging.protocol import explain_protocol

        monkeypatch.setattr("quiz.imaging.protocol._stdout_is_tty", lambda: True)
        assert explain_protocol()[0] == "sixel"
    finally:
        os.close(master)
        os.close(slave)


def test_detect_without_a_terminal_says_why():
    result = run_cli("image", "--detect", env={"TERM": "xterm-256color", "DERMQUIZ_GRAPHICS": ""})
    assert result.returncode == 0, result.stderr
    assert "Not asked: stdin is not a terminal." in result.stdout
    assert "Graphics: halfcell — the output is not a terminal." in result.stdout
    chosen = run_cli("image", "--detect", "--graphics", "sixel")
    assert "you chose --graphics sixel" in chosen.stdout and "Graphics: sixel" in chosen.stdout
    missing = run_cli("image")
    assert missing.returncode == 2 and "needs an image file (or --detect)" in missing.stderr


@pytest.mark.parametrize(
    "reply, expect",
    [
        (XTERM_VT340, "Graphics: sixel — the terminal reports Sixel"),
        (b"\x1b[?64;1;2;6;9;15;16;17;18;21;22;28c", "Graphics: halfcell — the terminal answered"),
        (None, "no answer within"),
    ],
)
def test_detect_in_a_terminal_asks_it(reply, expect):
    """`dermquiz image --detect` on a pty whose far side answers like a real terminal."""
    master, slave = pty.openpty()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TMUX", "STY", "DERMQUIZ_GRAPHICS", "KITTY_WINDOW_ID", "TERM_PROGRAM")
    }
    env.update(TERM="xterm-256color", PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-m", "quiz", "image", "--detect"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=REPO,
    )
    os.close(slave)
    out = b""
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the pty
                break
            if not chunk:
                break
            out += chunk
            if reply is not None and out.endswith(b"\x1b[c"):
                os.write(master, reply)
                reply = None
        proc.wait(30)
    finally:
        os.close(master)
    text = out.decode("utf-8", "replace").replace("\r\n", "\n")
    assert proc.returncode == 0, text
    assert expect in text, text
