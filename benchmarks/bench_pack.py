"""Packs: loading and validating a generated pack of 5,000 cases against only parsing its YAML,
loading it again from the cache, and the app's peak memory with that pack open.

    python -m benchmarks --only pack [--quick] [--cases N]

The pack is made by `benchmarks.packgen.make_large_pack` from the built-in pack, then its
cases are made distinct: each takes its second, third and fourth stages from other cases of
the built-in pack (by position: the built-in cases name and order their stages in a dozen
ways), chosen so that no two generated cases share more than two of their four stage texts. Without that step the pack would hold each built-in case about 135
times over, word for word; the validator rightly calls each of the ~335,000 pairs a
near-duplicate, and the figure would time that report instead of a pack anyone writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sys
from pathlib import Path

import yaml

from benchmarks import harness
from benchmarks.harness import Goal, Pair, alternate, figure, run_child, timed

GENERATOR_VERSION = 2
MIXED = (1, 2, 3)  # the stages (by position) a case may take from another


# -- the generated pack ------------------------------------------------------------------------


def _source_digest(source: Path) -> str:
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"v{GENERATOR_VERSION}".encode())
    files = [
        source / "pack.yaml",
        source / "entities.yaml",
        *sorted((source / "cases").glob("*.yaml")),
    ]
    for f in files:
        digest.update(f.name.encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()


def _combinations(n_cases: int, bases: list[int], n_templates: int, seed: int = 9) -> list[tuple]:
    """For each case (its own template first), the templates its mixed stages come from, such
    that no two cases agree on more than two of the four positions."""
    rng = random.Random(seed)
    seen: set[tuple] = set()
    out = []
    for i in range(n_cases):
        combo: tuple = ()
        for _attempt in range(200):
            combo = (bases[i], *(rng.randrange(n_templates) for _ in MIXED))
            keys = [(k, *combo[:k], *combo[k + 1 :]) for k in range(len(combo))]
            if not any(key in seen for key in keys):
                break
        seen.update((k, *combo[:k], *combo[k + 1 :]) for k in range(len(combo)))
        out.append(combo)
    return out


def _mix_stages(dest: Path) -> None:
    """Give each generated case stages of other cases (see the module's docstring)."""
    files = sorted((dest / "cases").glob("*.yaml"))
    cases = [yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for f in files]
    template_ids = sorted({c["id"].rsplit("-", 1)[0] for c in cases})
    index = {t: k for k, t in enumerate(template_ids)}
    stages_of: dict[int, list[dict]] = {}
    for case in cases:  # the first case of each template carries its original stages
        stages_of.setdefault(index[case["id"].rsplit("-", 1)[0]], list(case["stages"]))
    bases = [index[c["id"].rsplit("-", 1)[0]] for c in cases]
    for f, case, combo in zip(files, cases, _combinations(len(cases), bases, len(template_ids))):
        stages = []
        for position, stage in enumerate(case["stages"]):
            if position in MIXED:
                donor = stages_of[combo[1 + MIXED.index(position)]]
                if position < len(donor):  # its text and pictures, under this case's name
                    stage = {**donor[position], "name": stage.get("name")}
            stages.append(stage)
        case["stages"] = stages
        # Format-2 questions name their case's own stages and pictures, which the mix has
        # changed: they go (benchmarks/bench_questions.py measures loading questions).
        case.pop("questions", None)
        f.write_text(
            yaml.safe_dump(case, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
        )


def bench_pack_dir(n_cases: int, source: Path | None = None) -> Path:
    """The generated pack of *n_cases* distinct cases in the work folder (made again only
    when the built-in pack or this generator changed)."""
    from benchmarks.packgen import make_large_pack
    from quiz.pack.registry import builtin_pack_dir

    source = source or builtin_pack_dir()
    dest = harness.work_dir() / f"pack-{n_cases}"
    stamp = dest.parent / f"pack-{n_cases}.stamp"
    digest = _source_digest(source)
    if dest.is_dir() and stamp.is_file() and stamp.read_text().strip() == digest:
        return dest
    stamp.unlink(missing_ok=True)
    make_large_pack(dest, n_cases, source=source)
    _mix_stages(dest)
    stamp.write_text(digest)
    return dest


# -- load and validate vs parse ------------------------------------------------------------------


def pack_files(pack: Path) -> list[Path]:
    """The YAML files the loader reads: pack.yaml, entities.yaml and every case file."""
    cases = sorted(p for p in (pack / "cases").rglob("*") if p.suffix in (".yaml", ".yml"))
    return [pack / "pack.yaml", pack / "entities.yaml", *cases]


def parse_only(pack: Path) -> int:
    """The baseline: list the files and parse each with PyYAML's C loader, nothing more."""
    n = 0
    for f in pack_files(pack):
        yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        n += 1
    return n


def bench_load(pack: Path, n_cases: int, runs: int) -> list[dict]:
    from quiz.pack.cache import load_pack_cached
    from quiz.pack.loader import load_pack

    first = load_pack(pack)  # also the warm-up of the loader
    counts = (
        f"{len(first.pack.cases) if first.pack else 0} cases, {len(first.errors)} errors, "
        f"{len(first.warnings)} warnings"
    )
    del first
    parse_only(pack)
    pair = alternate(
        lambda: timed(lambda: load_pack(pack)),
        lambda: timed(lambda: parse_only(pack)),
        runs,
        warmup=0,
    )
    figures = [
        figure(
            f"load_pack: load+validate {n_cases:,} cases vs only parse their YAML (CSafeLoader)",
            pair,
            Goal("ratio", "<=", 1.5),
            note=f"the pack loads with {counts}",
        )
    ]

    cache = harness.work_dir("cache")
    os.environ["DERMQUIZ_CACHE_DIR"] = str(cache)
    load_pack_cached(pack)  # fill the cache
    load_pack_cached(pack)  # and read it once: the warm-up
    again = alternate(
        lambda: timed(lambda: load_pack_cached(pack)),
        lambda: timed(lambda: parse_only(pack)),
        runs,
        warmup=0,
    )
    figures.append(
        figure(
            f"load_pack_cached: the {n_cases:,} cases again, from the cache, vs "
            "only parse their YAML",
            again,
            Goal("ratio", "<=", 0.2),
        )
    )
    return figures


# -- peak memory with the pack open in the app ------------------------------------------------------

_APP_MEMORY = r"""
import asyncio, json, os, resource, sys, time
from pathlib import Path

what, pack = sys.argv[1], sys.argv[2]
start = time.perf_counter()


def peak_mb():
    # VmHWM: the peak resident set of this process's own memory since exec. Not ru_maxrss:
    # Linux carries the parent's peak over fork and exec into it, and the parent here may
    # have held a 5,000-case pack.
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # other systems

if what == "bare":
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("DermQuiz")

    app = Bare()

    def ready():
        return True
else:
    from quiz.tui.app import AppOptions, DermQuizApp

    app = DermQuizApp(AppOptions(start_pack=Path(pack), data_dir=Path(os.environ["DERMQUIZ_DATA_DIR"])))

    def ready():
        return type(app.screen).__name__ == "CaseScreen"


async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + 240
        while not ready():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out; the screen is {type(app.screen).__name__}")
            await asyncio.sleep(0.02)
        await pilot.pause()
        cases = None
        if what != "bare":
            cases = len(app.screen.flow.pack.cases)
        seconds = time.perf_counter() - start
        print(json.dumps({"maxrss_mb": peak_mb(), "seconds": seconds, "cases": cases}))


asyncio.run(main())
"""


def bench_memory(pack: Path, n_cases: int, runs: int) -> list[dict]:
    """`dermquiz play PACK` headless until the first case is on screen; its peak resident
    memory (the child's own VmHWM) vs a bare Textual app showing one Static.

    The app loads packs through the pack cache, so there are two starts to measure: the usual
    one (the pack unchanged since the app last loaded it: from the cache; the figure with the
    goal, after one start that fills the cache) and the first one after the pack changed
    (from the YAML, then written to the cache; no goal, one run in an empty cache folder)."""
    data = harness.work_dir("memory-data")
    warm_cache = harness.work_dir("memory-cache")
    cold_cache = harness.work_dir("memory-cache-cold")

    def one(what: str, cache: Path = warm_cache):
        env = harness.child_env(DERMQUIZ_DATA_DIR=str(data), DERMQUIZ_CACHE_DIR=str(cache))
        sample, out = run_child([sys.executable, "-c", _APP_MEMORY, what, str(pack)], env=env)
        report = json.loads(out.strip().splitlines()[-1])
        sample.extra.update(report)
        return sample

    one("app")  # fills the cache if the pack changed since the last run (not kept)
    samples = [(one("app"), one("bare")) for _ in range(runs)]
    values = [s.extra["maxrss_mb"] for s, _ in samples]
    baselines = [b.extra["maxrss_mb"] for _, b in samples]
    shown = samples[0][0].extra.get("cases")
    seconds = sorted(s.extra["seconds"] for s, _ in samples)[len(samples) // 2]
    figures = [
        figure(
            f"peak RSS: the app with the {n_cases:,}-case pack, at its first case, vs a "
            "bare Textual app",
            goal=Goal("value", "<", 200, "MB"),
            unit="MB",
            values=values,
            baselines=baselines,
            note=f"{shown} cases in the session; first case on screen {seconds:.1f} s after "
            "the start (the pack unchanged since the last start: from the cache)",
        )
    ]
    if harness.config().quick:
        return figures
    shutil.rmtree(cold_cache, ignore_errors=True)  # a first start: nothing kept
    cold = one("app", harness.work_dir("memory-cache-cold"))
    figures.append(
        figure(
            "peak RSS: the same, the first start after the pack changed (cache cold) vs a bare "
            "Textual app",
            unit="MB",
            values=[cold.extra["maxrss_mb"]],
            baselines=baselines[:1],
            note=f"no goal, one run: loaded from the YAML and written to the cache; first case on "
            f"screen {cold.extra['seconds']:.1f} s after the start",
        )
    )
    return figures


_LOAD_MEMORY = r"""
import json, sys
from pathlib import Path

how, pack = sys.argv[1], Path(sys.argv[2])
if how == "cached":
    from quiz.pack.cache import load_pack_cached as load
else:
    from quiz.pack.loader import load_pack as load
result = load(pack)
assert result.pack is not None and len(result.pack.cases) > 0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print(json.dumps({"peak_mb": int(line.split()[1]) / 1024}))
"""


def bench_load_memory(pack: Path, n_cases: int) -> list[dict]:
    """Peak memory of a fresh Python that loads the pack, from the YAML and from the cache:
    what the app saves by loading through the cache. No goal."""
    if not Path("/proc/self/status").exists():
        return []
    env = harness.child_env(DERMQUIZ_CACHE_DIR=str(harness.work_dir("cache")))

    def peak(how: str) -> float:
        _, out = run_child([sys.executable, "-c", _LOAD_MEMORY, how, str(pack)], env=env)
        return json.loads(out.strip().splitlines()[-1])["peak_mb"]

    peak("cached")  # fills the cache if it is cold
    return [
        figure(
            f"peak RSS of a Python that loads the {n_cases:,} cases from the cache "
            "(load_pack_cached) vs from the YAML (load_pack)",
            unit="MB",
            values=[peak("cached")],
            baselines=[peak("yaml")],
            note="no goal: what loading through the cache saves (the app does)",
        )
    ]


def run(quick: bool) -> list[dict]:
    conf = harness.config()
    n_cases = conf.cases or (500 if quick else 5000)
    pack = bench_pack_dir(n_cases)
    memory = bench_memory(pack, n_cases, conf.runs_or(3, 1))  # first: this process still small
    if not quick:
        memory += bench_load_memory(pack, n_cases)
    return bench_load(pack, n_cases, conf.runs_or(7, 3)) + memory


__all__ = ["Pair", "bench_pack_dir", "parse_only", "run"]
