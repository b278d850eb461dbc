"""The benchmark harness: same-run baselines, alternating runs, medians, spread, the table.

Every figure compares the project (`value`) with a baseline measured in the same run, the two
timed alternately (A B, B A, A B, ...) after a warm-up of each, so that a machine busy with
other work slows both alike. `ratio` is value / baseline: below 1 the project is faster.

Each timing keeps two clocks: wall time (what a user waits) and CPU time (process_time in
process; the child's rusage for a subprocess). Wall time is the primary figure; when its
spread is too wide on a busy machine and CPU time tells the same story more steadily, the
figure says `"clock": "cpu"` and uses CPU time instead. The other clock is kept in the JSON.

Areas are modules `benchmarks/bench_<area>.py` with `run(quick: bool) -> list[dict]`; a
module that is not there yet is reported as "not available" rather than failing the suite.
"""

from __future__ import annotations

import gc
import importlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("DERMQUIZ_BENCH_WORK") or ROOT / "benchmarks" / ".work")

# (area, module): the order the suite runs them and the table lists them.
AREAS: list[tuple[str, str]] = [
    ("startup", "benchmarks.bench_startup"),
    ("image", "benchmarks.bench_image"),
    ("pack", "benchmarks.bench_pack"),
    ("app", "benchmarks.bench_app"),
    ("slide", "benchmarks.bench_slide"),
]

# A wall-clock series whose range is wider than this share of its median is "noisy".
NOISY = 0.30


@dataclass
class Config:
    """What a run may vary; areas read it through `config()`."""

    quick: bool = False
    runs: int | None = None  # alternating runs per pair (None: the area's default)
    cases: int | None = None  # size of the generated pack (None: 5,000, or 500 with --quick)

    def runs_or(self, full: int, quick: int) -> int:
        if self.runs is not None:
            return max(1, self.runs)
        return quick if self.quick else full


_CONFIG = Config()


def config() -> Config:
    return _CONFIG


def set_config(new: Config) -> None:
    global _CONFIG
    _CONFIG = new


def work_dir(*parts: str) -> Path:
    """A folder inside the git-ignored work folder (made if missing)."""
    path = WORK.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


# -- timing ----------------------------------------------------------------------------------


@dataclass
class Sample:
    """One timed run, in milliseconds; `extra` holds what the run itself reported."""

    wall: float
    cpu: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def timed(fn: Callable[[], Any]) -> Sample:
    """Time fn() in this process (garbage collected first, so one run's litter is not
    charged to the next)."""
    gc.collect()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    fn()
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return Sample(wall * 1000, cpu * 1000)


def run_child(
    cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 300
) -> tuple[Sample, str]:
    """Run a subprocess to its end: wall time and its CPU time (user + system, from its own
    rusage), and its standard output. A child that fails raises RuntimeError with its
    standard error. (Not its peak memory: Linux carries the parent's ru_maxrss over fork and
    exec into the child's; a child that needs it reads VmHWM in /proc/self/status.)"""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=cwd or ROOT
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.002)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd[:4])}... exited with {proc.returncode}:\n{stderr[-2000:]}"
        )
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(wall * 1000, cpu * 1000), stdout


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child: ours, with bytecode writing allowed (an installed app has
    its .pyc files; a shell that forbids them would make every child compile from source)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


@dataclass
class Pair:
    values: list[Sample]
    baselines: list[Sample]


def alternate(
    value: Callable[[], Sample], baseline: Callable[[], Sample], runs: int, warmup: int = 1
) -> Pair:
    """Run value and baseline alternately, `runs` times each, after `warmup` runs of each
    that are not kept; the order flips every round (A B, B A, ...)."""
    for _ in range(warmup):
        value()
        baseline()
    pair = Pair([], [])
    for i in range(runs):
        if i % 2 == 0:
            pair.values.append(value())
            pair.baselines.append(baseline())
        else:
            pair.baselines.append(baseline())
            pair.values.append(value())
    return pair


# -- figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Goal:
    """`ratio <= 1.5`, `value < 200`...: what `met` checks."""

    on: str  # "ratio" or "value"
    op: str  # "<=", "<", ">=" or ">"
    limit: float
    unit: str = ""

    def text(self) -> str:
        if self.on == "ratio":
            return f"{self.op} {self.limit:g}x"
        return f"{self.op} {self.limit:g} {self.unit}".rstrip()

    def check(self, value: float | None, ratio: float | None) -> bool | None:
        x = ratio if self.on == "ratio" else value
        if x is None:
            return None
        return {
            "<=": x <= self.limit,
            "<": x < self.limit,
            ">=": x >= self.limit,
            ">": x > self.limit,
        }[self.op]


def _spread(xs: list[float]) -> list[float] | None:
    return [round(min(xs), 2), round(max(xs), 2)] if xs else None


def _rel_range(xs: list[float]) -> float:
    if len(xs) < 2:
        return 0.0
    mid = statistics.median(xs)
    return (max(xs) - min(xs)) / mid if mid else 0.0


def _round(x: float | None) -> float | None:
    if x is None:
        return None
    return round(x, 1) if abs(x) >= 10 else round(x, 2)


def figure(
    name: str,
    pair: Pair | None = None,
    goal: Goal | None = None,
    *,
    unit: str = "ms",
    clock: str = "auto",
    value: float | None = None,
    baseline: float | None = None,
    note: str = "",
    values: list[float] | None = None,
    baselines: list[float] | None = None,
) -> dict:
    """A figure from timed pairs (medians of the chosen clock), or from plain numbers.

    clock: "wall" or "cpu" to fix it, "auto" for wall unless wall is noisy and CPU is not.
    """
    fig: dict[str, Any] = {"name": name}
    chosen = "wall"
    other: dict[str, Any] | None = None
    if pair is not None:
        walls = ([s.wall for s in pair.values], [s.wall for s in pair.baselines])
        cpus_ok = all(s.cpu is not None for s in pair.values + pair.baselines)
        cpus = ([s.cpu for s in pair.values], [s.cpu for s in pair.baselines]) if cpus_ok else None
        if clock == "cpu" and cpus is not None:
            chosen = "cpu"
        elif clock == "auto" and cpus is not None:
            wall_noise = max(_rel_range(walls[0]), _rel_range(walls[1]))
            cpu_noise = max(_rel_range(cpus[0]), _rel_range(cpus[1]))  # type: ignore[arg-type]
            if wall_noise > NOISY and cpu_noise < wall_noise:
                chosen = "cpu"
        series = cpus if chosen == "cpu" else walls
        values, baselines = list(series[0]), list(series[1])  # type: ignore[index]
        alt = walls if chosen == "cpu" else cpus
        if alt is not None:
            av, ab = statistics.median(alt[0]), statistics.median(alt[1])  # type: ignore[arg-type]
            other = {
                "clock": "wall" if chosen == "cpu" else "cpu",
                "value": _round(av),
                "baseline": _round(ab),
                "ratio": round(av / ab, 3) if ab else None,
            }
    if values:
        value = statistics.median(values)
    if baselines:
        baseline = statistics.median(baselines)
    ratio = value / baseline if value is not None and baseline else None
    fig.update(
        {
            "value": _round(value),
            "baseline": _round(baseline),
            "ratio": round(ratio, 3) if ratio is not None else None,
            "goal": goal.text() if goal else None,
            "met": goal.check(value, ratio) if goal else None,
            "unit": unit,
            "spread": {"value": _spread(values or []), "baseline": _spread(baselines or [])},
            "runs": len(values or []),
            "clock": chosen if pair is not None else ("wall" if unit in ("ms", "s") else None),
        }
    )
    if other is not None:
        fig["other_clock"] = other
    if note:
        fig["note"] = note
    return fig


def unavailable(name: str, why: str) -> dict:
    """A figure that could not be measured in this run (met is null: neither met nor failed)."""
    return {
        "name": name,
        "value": None,
        "baseline": None,
        "ratio": None,
        "goal": None,
        "met": None,
        "unit": "",
        "spread": None,
        "runs": 0,
        "clock": None,
        "note": why,
    }


def normalise(fig: dict, area: str) -> dict:
    """Bring a figure from an area module to the suite's shape.

    Modules written before the harness may use the other convention: `ratio` as
    baseline / value and a numeric `goal` that the ratio must reach. Those are turned
    round here (ratio value / baseline, goal `<= 1/goal`), so the table reads one way.
    """
    out = dict(fig)
    out.setdefault("name", "unnamed figure")
    value, baseline, goal = out.get("value"), out.get("baseline"), out.get("goal")
    if isinstance(goal, (int, float)) and not isinstance(goal, bool):
        limit = 1 / goal if goal else float("inf")
        ratio = value / baseline if value is not None and baseline else None
        out["ratio"] = round(ratio, 3) if ratio is not None else None
        out["goal"] = f"<= {limit:.3g}x"
        out["met"] = ratio is not None and ratio <= limit + 1e-9
    elif "ratio" not in out:
        out["ratio"] = round(value / baseline, 3) if value is not None and baseline else None
    out.setdefault("goal", None)
    out.setdefault("met", None)
    out.setdefault("unit", "ms")
    out.setdefault("spread", None)
    out.setdefault("clock", "wall" if out["unit"] in ("ms", "s") else None)
    out["area"] = area
    return out


# -- running the suite -----------------------------------------------------------------------


def run_areas(
    areas: list[str] | None = None, log: Callable[[str], None] | None = None
) -> list[dict]:
    """Run each area's module (those named, or all); figures normalised, each with `area`."""
    log = log or (lambda _: None)
    figures: list[dict] = []
    for area, module_name in AREAS:
        if areas and area not in areas:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            log(f"[{area}] {module_name} is not available")
            figures.append(
                normalise(
                    unavailable(f"{module_name} not available", f"{module_name} is not there yet"),
                    area,
                )
            )
            continue
        log(f"[{area}] running...")
        started = time.perf_counter()
        try:
            got = module.run(config().quick)
        except Exception as exc:  # one broken area must not hide the others
            log(traceback.format_exc())
            got = [unavailable(f"{module_name} failed", f"{type(exc).__name__}: {exc}")]
            got[0]["error"] = True
        log(f"[{area}] done in {time.perf_counter() - started:.1f} s")
        figures.extend(normalise(f, area) for f in got)
    return figures


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        usable = os.cpu_count()
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover
        load = []
    return {
        "nproc": usable,
        "cpu": model,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "os": platform.platform(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load": load,
    }


# -- output ----------------------------------------------------------------------------------


def _num(x: Any, unit: str = "") -> str:
    if x is None:
        return "—"
    if unit == "ms" and abs(x) >= 1000:
        return f"{x / 1000:.2f} s"
    text = f"{x:.1f}" if abs(x) >= 10 else f"{x:.2f}"
    return f"{text} {unit}".rstrip()


def _met(fig: dict) -> str:
    return {True: "yes", False: "NO", None: "—"}[fig.get("met")]


def _spread_text(fig: dict) -> str:
    spread = fig.get("spread") or {}
    parts = []
    for key in ("value", "baseline"):
        lo_hi = spread.get(key) if isinstance(spread, dict) else None
        parts.append(f"{_num(lo_hi[0])}–{_num(lo_hi[1])}" if lo_hi else "—")
    return " | ".join(parts) if any(p != "—" for p in parts) else "—"


def rows(figures: list[dict]) -> list[list[str]]:
    out = []
    for f in figures:
        unit = f.get("unit") or ""
        ratio = f.get("ratio")
        out.append(
            [
                f"{f.get('area', '?')}: {f['name']}",
                _num(f.get("value"), unit),
                _num(f.get("baseline"), unit),
                "—" if ratio is None else f"{ratio:.2f}x",
                f.get("goal") or "—",
                _met(f),
                f.get("clock") or "—",
                _spread_text(f),
            ]
        )
    return out


HEADER = [
    "figure",
    "value",
    "baseline",
    "ratio",
    "goal",
    "met",
    "clock",
    "spread: min–max (value | baseline)",
]


def table(figures: list[dict]) -> str:
    body = rows(figures)
    widths = [max(len(r[i]) for r in body + [HEADER]) for i in range(len(HEADER))]
    widths[0] = min(widths[0], 96)
    lines = []
    for r in [HEADER] + body:
        cells = []
        for i, cell in enumerate(r):
            cell = cell if len(cell) <= widths[i] else cell[: widths[i] - 1] + "…"
            cells.append(cell.ljust(widths[i]) if i in (0, 4, 5, 6, 7) else cell.rjust(widths[i]))
        lines.append("  ".join(cells).rstrip())
        if r is HEADER:
            lines.append("-" * len(lines[0]))
    notes = [f"  - {f.get('area')}: {f['name']}: {f['note']}" for f in figures if f.get("note")]
    if notes:
        lines += ["", "notes:"] + notes
    return "\n".join(lines)


def markdown(figures: list[dict], info: dict[str, Any], quick: bool, seconds: float) -> str:
    """The generated part of RESULTS.md: the machine and the table."""
    lines = [
        (
            f"Run: `python -m benchmarks{' --quick' if quick else ''}` on {info['date']}, "
            f"{seconds:.0f} s in all."
        ),
        "",
        f"- Machine: {info['nproc']} CPUs usable, {info['cpu']}",
        f"- Python {info['python']} ({info['implementation']}), {info['os']}",
        f"- Load average at the start: {', '.join(map(str, info.get('load') or [])) or '?'}"
        + (
            f"; at the end: {', '.join(map(str, info['load_end']))}" if info.get("load_end") else ""
        ),
        "",
        "| figure | value | baseline | ratio | goal | met | clock | spread (value \\| baseline) |",
        "| --- | ---: | ---: | ---: | --- | --- | --- | --- |",
    ]
    for r in rows(figures):
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
    notes = [f"- **{f.get('area')}: {f['name']}** — {f['note']}" for f in figures if f.get("note")]
    if notes:
        lines += ["", "Notes printed by the run:", ""] + notes
    return "\n".join(lines)


BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"


def update_results(path: Path, generated: str) -> None:
    """Replace the generated block of RESULTS.md (between the markers), keeping the rest."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{BEGIN}\n{generated}\n{END}"
    if BEGIN in text and END in text:
        head, _, rest = text.partition(BEGIN)
        _, _, tail = rest.partition(END)
        text = head + block + tail
    else:
        text = (text.rstrip() + "\n\n" if text else "# Benchmark results\n\n") + block + "\n"
    path.write_text(text, encoding="utf-8")


def python() -> str:
    return sys.executable
