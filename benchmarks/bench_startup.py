"""Start-up: from `python` to the app's home screen, against a bare Textual app.

    python -m benchmarks --only startup [--quick]

Each run is a fresh child process, headless, that exits at once when its first screen is
ready (Textual's Ready event: composed, mounted and drawn once) and prints the monotonic
clock (CLOCK_MONOTONIC, the same clock in every process) at that moment; the parent took
the clock just before starting it. So a figure is interpreter start, imports, the first
screen, everything a learner waits for before the app answers a key. The child's CPU time up
to that moment is kept too; on a busy machine the harness reports that clock instead.

- the home screen (packs still loading in a worker, rows filling in as they arrive) vs a
  bare Textual app showing one Static, alternating, same run: goal at most 1.3x.
- the home screen with the built-in pack loaded and listed (its figures are read a moment
  later, on the store thread): what a learner waits for to see the packs; no goal, the
  baseline is the same bare app to show what the loading adds.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import harness
from benchmarks.harness import Goal, Pair, Sample, figure, run_child

BARE = """
import time
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("DermQuiz")

    def on_ready(self):
        print(time.monotonic(), time.process_time(), flush=True)
        self.exit()

Bare().run(headless=True)
"""

HOME = """
import time
from quiz.tui.app import DermQuizApp

class Timed(DermQuizApp):
    def on_ready(self):
        print(time.monotonic(), time.process_time(), flush=True)
        self.exit()

Timed().run(headless=True)
"""

LISTED = """
import time
from textual.widgets import DataTable
from quiz.tui.app import DermQuizApp
from quiz.tui.screens.home import HomeScreen

done = False

def _listed(screen):
    cell = screen.query_one("#packs", DataTable).get_cell("0", "cases")
    return cell not in ("", "…")

def _report(app):
    global done
    if not done:
        done = True
        print(time.monotonic(), time.process_time(), flush=True)
        app.exit()

# The built-in pack's row shows its number of cases (from the summary kept at the last
# start, or from the pack once loaded): the first frame drawn with it is the moment. At
# Ready the first frame has been drawn; a row filled later counts once the next is.
for name in ("_show_rows", "_update_row"):
    def patched(self, *args, _old=getattr(HomeScreen, name)):
        _old(self, *args)
        if self.app.ready and _listed(self):
            self.call_after_refresh(_report, self.app)
    setattr(HomeScreen, name, patched)

class Timed(DermQuizApp):
    ready = False

    def on_ready(self):
        self.ready = True
        if _listed(self.screen):
            _report(self)

Timed().run(headless=True)
"""


def _probe(code: str) -> Sample:
    data = harness.work_dir("startup-data")
    env = harness.child_env(
        DERMQUIZ_DATA_DIR=str(data),
        DERMQUIZ_GRAPHICS="none",
        DERMQUIZ_CACHE_DIR=str(harness.work_dir("startup-cache")),
    )
    start = time.monotonic()
    whole, out = run_child([sys.executable, "-c", code], env=env, timeout=120)
    ready, cpu = (float(x) for x in out.strip().splitlines()[-1].split())
    # Wall: start to ready. CPU: the child's own CPU time up to ready (all its threads), the
    # steadier clock when other work shares the machine; what follows (exit) is left out.
    return Sample((ready - start) * 1000, cpu * 1000, {"process_ms": whole.wall})


# -- in a real terminal: tmux --------------------------------------------------------------

# A bare Textual app in the terminal, showing one line until it is killed.
BARE_TERMINAL = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Bare app ready")

Bare().run()
"""

# The built-in pack's row with its number of cases: what a learner waits for.
LISTED_ROW = re.compile(r"Calcinosis cutis\s+\d+\b")


_SESSIONS = itertools.count()
# A tmux server of the benchmark's own (nobody else's sessions are touched), kept up by an
# idle session: a server whose last session ends exits, and the next start would race it.
_TMUX = ["tmux", "-L", f"dq-bench-{os.getpid()}"]


def _python() -> str:
    """The interpreter to start in the terminal: this one, or DERMQUIZ_BENCH_PYTHON (a fresh
    clone's venv, say)."""
    return os.environ.get("DERMQUIZ_BENCH_PYTHON") or sys.executable


def _in_tmux(command: list[str], shown: re.Pattern, env: dict[str, str]) -> Sample:
    """Start *command* in a new 100x30 tmux window and poll the screen until *shown* is on
    it: from the moment tmux is asked to start it to the first capture that shows it."""
    name = f"run-{next(_SESSIONS)}"
    start = time.monotonic()
    started = subprocess.run(
        # Started in the temporary folder: `-m quiz` imports the interpreter's installed
        # DermQuiz, not a checkout that happens to be the working folder.
        [
            *_TMUX,
            "new-session",
            "-d",
            "-s",
            name,
            "-c",
            tempfile.gettempdir(),
            "-x",
            "100",
            "-y",
            "30",
            shlex.join(command),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if started.returncode:
        raise RuntimeError(f"tmux could not start {command[:2]}: {started.stderr.strip()}")
    pid = subprocess.run(
        [*_TMUX, "display-message", "-p", "-t", name, "#{pane_pid}"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    try:
        while True:
            screen = subprocess.run(
                [*_TMUX, "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            if shown.search(screen):
                return Sample((time.monotonic() - start) * 1000)
            if time.monotonic() - start > 60:
                raise RuntimeError(f"not on screen after 60 s: {shown.pattern}\n{screen}")
            time.sleep(0.002)
    finally:
        subprocess.run([*_TMUX, "kill-session", "-t", name], stderr=subprocess.DEVNULL)
        _wait_gone(int(pid) if pid.isdigit() else None)


def _wait_gone(pid: int | None, timeout: float = 10.0) -> None:
    """Wait until the killed app's process has exited: one still writing its pack cache
    as it ends would fill the folder the next "first start" is meant to find empty."""
    deadline = time.monotonic() + timeout
    while pid is not None and time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        except PermissionError:
            return
        time.sleep(0.005)


def terminal_figures(runs: int) -> list[dict]:
    if shutil.which("tmux") is None:
        return []
    python = _python()
    env = harness.child_env(
        DERMQUIZ_DATA_DIR=str(harness.work_dir("tmux-data")),
        DERMQUIZ_CACHE_DIR=str(harness.work_dir("tmux-cache")),
        TERM="xterm-256color",
    )
    env.pop("TMUX", None)
    app = [python, "-m", "quiz"]
    bare = [python, "-c", BARE_TERMINAL]
    # The server is started with the children's environment: a session takes the server's
    # (a client's own only for tmux's update-environment names), so started otherwise the app
    # would read the user's own cache and data folders, and a "first start" find them warm.
    subprocess.run([*_TMUX, "new-session", "-d", "-s", "idle", "sleep 3600"], check=True, env=env)
    try:
        return _terminal_figures(python, app, bare, env, runs)
    finally:
        subprocess.run([*_TMUX, "kill-server"], stderr=subprocess.DEVNULL)


def _installed_differs(python: str) -> str:
    """The first module of this checkout's quiz/ that the interpreter's installed DermQuiz
    has otherwise (or lacks); "" when they match. The tmux figures run the installed one (as
    a learner does), so a stale install would time old code."""
    found = subprocess.run(
        [python, "-c", "import quiz, pathlib; print(pathlib.Path(quiz.__file__).parent)"],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
    )
    installed = Path(found.stdout.strip())
    if found.returncode or not installed.is_dir():
        return "not installed"
    checkout = Path(__file__).resolve().parent.parent / "quiz"
    if installed.resolve() == checkout.resolve():
        return ""  # an editable install: the checkout itself
    for mine in sorted(checkout.rglob("*.py")):
        theirs = installed / mine.relative_to(checkout)
        if not theirs.is_file() or theirs.read_bytes() != mine.read_bytes():
            return str(mine.relative_to(checkout.parent))
    return ""


def _terminal_figures(python, app, bare, env, runs) -> list[dict]:
    # The first start with empty caches (as after an install): the pack is loaded from its
    # YAML and its summary kept; reported on its own.
    cold = []
    for _ in range(max(1, runs // 4)):
        shutil.rmtree(env["DERMQUIZ_CACHE_DIR"], ignore_errors=True)
        cold.append(_in_tmux(app, LISTED_ROW, env))
    pair = harness.alternate(
        lambda: _in_tmux(app, LISTED_ROW, env),
        lambda: _in_tmux(bare, re.compile("Bare app ready"), env),
        runs,
        warmup=1,
    )
    where = "this interpreter" if python == sys.executable else python
    stale = _installed_differs(python)
    if stale:
        where += f"; NOT THIS CHECKOUT: the installed DermQuiz differs ({stale}): pip install ."
        print(
            f"bench_startup: the installed DermQuiz is not this checkout ({stale})", file=sys.stderr
        )
    return [
        figure(
            "in tmux (100x30): `dermquiz` -> the built-in pack listed with its number of "
            "cases vs a bare Textual app -> its text on screen",
            pair,
            Goal("ratio", "<=", 1.3),
            clock="wall",
            note=f"tmux capture-pane polled every 2 ms; {where}; caches warm (the pack "
            "unchanged since the last start)",
        ),
        figure(
            "in tmux: the first start after install (caches empty: the pack read from its "
            "YAML, its summary kept) vs a later start",
            Pair(cold, pair.values[: len(cold)]),
            None,
            clock="wall",
            note="no goal: reported on its own, as the first start builds the cache",
        ),
    ]


def run(quick: bool) -> list[dict]:
    runs = harness.config().runs_or(full=21, quick=5)
    home = harness.alternate(lambda: _probe(HOME), lambda: _probe(BARE), runs, warmup=1)
    listed = harness.alternate(lambda: _probe(LISTED), lambda: _probe(BARE), runs, warmup=1)
    return [
        figure(
            "start -> home screen ready (packs load after, in a worker) vs a bare Textual "
            "app with one Static",
            home,
            Goal("ratio", "<=", 1.3),
            clock="auto",
            note="headless child processes, alternating; wall from start to the Ready "
            "event, or the child's CPU time when the machine is too busy for wall time",
        ),
        figure(
            "start -> home screen with the built-in pack listed (its number of cases on "
            "screen) vs the same bare app",
            listed,
            Goal("ratio", "<=", 1.3),
            clock="auto",
            note="the row's number of cases, in the first frame when the pack's summary "
            "was kept at the last start (the pack itself loads after that frame)",
        ),
        *terminal_figures(max(5, runs // 2)),
    ]


if __name__ == "__main__":
    import json

    print(json.dumps(run("--quick" in sys.argv), indent=2))
