"""The whole start in a terminal that answers nothing: the query waits its bound, the app
starts, and the keys typed before it was up act on the first case (no X needed: a pty)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
import time

from support import EXAMPLE, REPO

CASE = """\
id: third
title: Picture
difficulty: 1
stages:
  - name: Stage 1
    text: Stage 1 text.
  - name: Stage 2
    text: Stage 2 text.
  - name: Stage 3
    text: Stage 3 text.
findings: {calcium_phosphate: normal, tissue_damage: absent, site: face}
answer: idiopathic
discussion: Test.
references: [Test.]
"""


def _drain(master: int, out: bytearray, until, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return until()
            if not chunk:
                return until()
            out += chunk
        if until():
            return True
    return False


def test_keys_typed_at_start_in_a_silent_terminal_reach_the_case(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    for old in (pack / "cases").glob("*.yaml"):
        old.unlink()
    (pack / "cases" / "third.yaml").write_text(CASE)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TMUX", "STY", "DERMQUIZ_GRAPHICS", "KITTY_WINDOW_ID", "TERM_PROGRAM")
    }
    env.update(TERM="xterm-256color", PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-m", "quiz", "play", str(pack)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=REPO,
        start_new_session=True,
    )
    os.close(slave)
    out = bytearray()
    try:
        os.write(master, b"nn")  # typed before Python is even up
        reached = _drain(master, out, lambda: b"stage 3 of 3" in out, timeout=60)
        text = out.decode("utf-8", "replace")
        assert reached, f"the two keys did not both arrive: {text[-2000:]!r}"
        # Our questions were written, and no answer came: nothing of them shows as typed.
        assert "\x1b[16t" in text and "\x1b[c" in text
        os.write(master, b"\x11")  # ctrl+q
        _drain(master, out, lambda: proc.poll() is not None, timeout=30)  # until the pty closes
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        os.close(master)
