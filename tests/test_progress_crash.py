"""Killing the app (SIGKILL) mid-session loses no answer whose feedback was shown.

Drives `python -m quiz play --plain` through pipes: an answer line, a confidence line, then
the feedback, whose verdict line starts with Correct, Partly right or Wrong. The app is
killed at once after the next answer is typed, while it grades, records and prints.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.progress.store import open_store

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = Path(__file__).parent / "packs" / "example"
CHOICES = ["idiopathic", "metastatic", "subepidermal-calcified-nodule", "calcinosis-cutis"]
VERDICT = re.compile(r"^(Correct|Partly right|Wrong)\b", re.MULTILINE)
WORDS = {"Correct": "correct", "Partly right": "partial", "Wrong": "wrong"}
GUARD_SECONDS = 60  # only so a hung app fails the test instead of hanging it

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _pack_with_cases(folder: Path, count: int) -> list[str]:
    shutil.copytree(EXAMPLE, folder)
    template = (folder / "cases" / "white-plaque-cheek.yaml").read_text(encoding="utf-8")
    ids = [f"case-{n:02}" for n in range(count)]
    for case_id in ids:
        text = template.replace("id: white-plaque-cheek", f"id: {case_id}", 1)
        (folder / "cases" / f"{case_id}.yaml").write_text(text, encoding="utf-8")
    return ids


class App:
    """The plain-mode app in a subprocess, read as it writes."""

    def __init__(self, pack: Path, ids: list[str], data: Path) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("DERMQUIZ_DATA_DIR", None)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "quiz",
                "play",
                str(pack),
                "--plain",
                "--cases",
                ",".join(ids),
                "--data-dir",
                str(data),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
            env=env,
        )
        self.out = ""

    def read_until(self, done, what: str) -> None:
        while not done(self.out):
            ready, _, _ = select.select([self.proc.stdout], [], [], GUARD_SECONDS)
            chunk = os.read(self.proc.stdout.fileno(), 65536) if ready else b""
            if not chunk:
                raise AssertionError(f"the app stopped before {what}:\n{self.out}")
            self.out += chunk.decode("utf-8", "replace")

    def type(self, line: str) -> None:
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.out += self.proc.stdout.read().decode("utf-8", "replace")  # what it got out


@pytest.mark.parametrize("answered_before_kill", [0, 2, 5])
def test_every_answer_with_feedback_shown_survives_a_kill(tmp_path, answered_before_kill):
    ids = _pack_with_cases(tmp_path / "pack", 8)
    data = tmp_path / "data"
    typed: list[tuple[str, int]] = []
    app = App(tmp_path / "pack", ids, data)
    try:
        for n in range(answered_before_kill + 1):
            app.read_until(lambda out: out.count("Your answer:") > n, f"question {n + 1}")
            choice, confidence = CHOICES[n % len(CHOICES)], 1 + n % 3
            typed.append((choice, confidence))
            app.type(choice)
            app.type(str(confidence))
            if n < answered_before_kill:
                app.read_until(lambda out: len(VERDICT.findall(out)) > n, f"feedback {n + 1}")
    finally:
        app.kill()  # the last answer was just typed: the app is grading, saving or printing

    shown = VERDICT.findall(app.out)
    assert len(shown) >= answered_before_kill
    with open_store(data) as store:
        assert store.notices == []  # the killed app left a sound database
        kept = store.attempts()
    assert len(kept) >= len(shown)
    for n, word in enumerate(shown):
        assert (kept[n].case_id, kept[n].choice, kept[n].confidence) == (ids[n], *typed[n])
        assert kept[n].verdict == WORDS[word]


WRITER = """
import sys
from pathlib import Path
from quiz.progress.attempt import Attempt
from quiz.progress.store import open_store

store = open_store(Path(sys.argv[1]))
n = 0
while True:
    store.record(Attempt("p", "1", f"case{n}", "x", "x", "correct", 1.0, 2, 1, 1.0, "learn", "s"))
    print(f"saved {n}", flush=True)
    n += 1
"""


@pytest.mark.parametrize("kill_after", [1, 40])
def test_a_kill_in_the_middle_of_a_write_keeps_every_finished_one(tmp_path, kill_after):
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE
    )
    out = b""
    try:
        while out.count(b"\n") < kill_after:
            ready, _, _ = select.select([proc.stdout], [], [], GUARD_SECONDS)
            chunk = os.read(proc.stdout.fileno(), 65536) if ready else b""
            assert chunk, "the writer stopped"
            out += chunk
    finally:
        proc.send_signal(signal.SIGKILL)  # it is writing the next one, or about to
        proc.wait()
    out += proc.stdout.read()
    lines = out.decode().splitlines()
    reported = {int(line.split()[1]) for line in lines if line.startswith("saved")}
    with open_store(tmp_path) as store:
        assert store.notices == []
        kept = {int(a.case_id[4:]) for a in store.attempts()}
    assert reported <= kept and len(reported) >= kill_after
