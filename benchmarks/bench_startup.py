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

import sys
import time

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


def run(quick: bool) -> list[dict]:
    runs = harness.config().runs_or(full=21, quick=5)
    home = harness.alternate(lambda: _probe(HOME), lambda: _probe(BARE), runs, warmup=1)
    listed = harness.alternate(
        lambda: _probe(LISTED), lambda: _probe(BARE), max(3, runs // 2), warmup=0
    )
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
            "start -> home screen with the built-in pack loaded and listed vs the same bare app",
            Pair(listed.values, listed.baselines),
            None,
            clock="wall",
            note="what the pack adds: YAML, validation, image headers, in a thread",
        ),
    ]


if __name__ == "__main__":
    import json

    print(json.dumps(run("--quick" in sys.argv), indent=2))
