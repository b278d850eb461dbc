"""What asking the terminal costs at start-up, in real terminals and in one that stays silent.

    python -m benchmarks.bench_terminal_query [--runs N]

Needs Xvfb and xterm (kitty too, if installed); not part of `python -m benchmarks`, which
runs headless. Each run is a fresh Python in the terminal that times two things:

- the query alone (write, wait for the DA1 answer or the 150 ms bound): what the question
  costs when nothing overlaps it, as `dermquiz image` pays it;
- the app's start as the command line does it: the query written, `from quiz.tui.app import
  run_app`, then what is left to wait for the answer (the terminal answers while the modules
  import): that wait is what a learner waits for because of the query. The whole start is
  also timed against the same import without the query, alternating; on a shared machine the
  import alone varies by more than the query costs, so that ratio is context, not the figure.

"Silent" is a pseudo-terminal whose far side never answers: the worst case.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, time
sys.path.insert(0, {repo!r})
mode, out = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
if mode == "query":
    from quiz.imaging.terminal_query import query
    a = query(0, 1)
    result = {{"query_ms": a.elapsed_ms, "answered": a.answered, "sixel": a.sixel,
               "kitty": a.kitty}}
elif mode == "probe":
    # What probe_terminal() does, with the wait after the imports timed on its own.
    from quiz.imaging.terminal_query import Probe
    probe = Probe(0, 1)
    probe.start()
    from quiz.tui.app import run_app
    t1 = time.perf_counter()
    probe.finish()
    t2 = time.perf_counter()
    result = {{"start_ms": (t2 - t0) * 1000, "wait_ms": (t2 - t1) * 1000}}
else:
    from quiz.tui.app import run_app
    result = {{"start_ms": (time.perf_counter() - t0) * 1000}}
open(out, "w").write(json.dumps(result))
"""


def _in_xterm(display: str, kind: str, script: Path, mode: str, out: Path) -> dict:
    env = {**os.environ, "DISPLAY": display, "LIBGL_ALWAYS_SOFTWARE": "1"}
    for name in ("TMUX", "STY", "DERMQUIZ_GRAPHICS"):
        env.pop(name, None)
    if kind == "kitty":
        cmd = ["kitty", "--config", "NONE", sys.executable, str(script), mode, str(out)]
    else:
        cmd = [
            "xterm",
            *(["-ti", "vt340"] if kind == "vt340" else []),
            "-e",
            sys.executable,
            str(script),
            mode,
            str(out),
        ]
    subprocess.run(
        cmd, env=env, timeout=60, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )  # the result file tells
    return json.loads(out.read_text())


def _in_silent_pty(script: Path, mode: str, out: Path) -> dict:
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "STY", "DERMQUIZ_GRAPHICS")}
    env["TERM"] = "xterm-256color"
    proc = subprocess.Popen(
        [sys.executable, str(script), mode, str(out)],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    os.close(slave)
    try:
        while True:  # drain what it writes; never answer
            try:
                if not os.read(master, 4096):
                    break
            except OSError:
                break
    finally:
        proc.wait(60)
        os.close(master)
    return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--display", default=os.environ.get("DERMQUIZ_TEST_DISPLAY", ":70"))
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="dermquiz-tq-"))
    script = work / "child.py"
    script.write_text(CHILD.format(repo=str(REPO)))
    out = work / "out.json"
    xvfb = None
    terminals = ["silent"]
    if shutil.which("Xvfb") and shutil.which("xterm"):
        xvfb = subprocess.Popen(
            ["Xvfb", args.display, "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1)
        terminals = ["vt340", "xterm", *(["kitty"] if shutil.which("kitty") else []), "silent"]
    try:
        for kind in terminals:

            def run(mode: str, kind: str = kind) -> dict:
                out.unlink(missing_ok=True)
                try:
                    if kind == "silent":
                        return _in_silent_pty(script, mode, out)
                    return _in_xterm(args.display, kind, script, mode, out)
                except (OSError, ValueError, subprocess.SubprocessError) as exc:
                    raise SystemExit(f"{kind} {mode}: the child gave no result ({exc})") from exc

            queries, waits, probed, bare, info = [], [], [], [], {}
            for _ in range(args.runs):
                info = run("query")
                queries.append(info["query_ms"])
                timed = run("probe")
                probed.append(timed["start_ms"])
                waits.append(timed["wait_ms"])
                bare.append(run("bare")["start_ms"])
            q, w, p, b = (statistics.median(x) for x in (queries, waits, probed, bare))
            print(
                f"{kind:7} answered={info['answered']!s:5} sixel={info['sixel']!s:5} "
                f"kitty={info['kitty']!s:5} | query alone {q:6.1f} ms "
                f"({min(queries):.1f}-{max(queries):.1f}) | left to wait after the imports "
                f"{w:5.1f} ms ({min(waits):.1f}-{max(waits):.1f}) | start with probe "
                f"{p:6.1f} ms vs without {b:6.1f} ms ({p / b:.2f}x)",
                flush=True,
            )
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
