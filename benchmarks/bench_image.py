"""Images: a 24-megapixel JPEG through `dermquiz image`, against chafa and bare Pillow, and the
second show (disk cache) against the first.

"A case with the 24 MP picture vs the same case without it, from start" is bench_app's figure
(the real app, `dermquiz play PACK --cases ID`); the stand-in screen this module once timed
for it answered the same question less faithfully and is gone.

Every figure is timed against its baseline in the same run, the two alternating (A B, B A,
...) after a warm-up of each, and the median of each kept, with the spread (min, max).
`ratio` is value / baseline, as in benchmarks/harness.py: below 1 we are faster, and `goal`
is the bound the ratio must stay under ("faster than chafa" is "<= 1x").

    python -m benchmarks.bench_image [--quick]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("DERMQUIZ_BENCH_WORK") or ROOT / "benchmarks" / ".work")
FIXTURE = ROOT.parent / "shared" / "fixtures" / "cmu-skin-he.jpg"
BIG = WORK / "he-24mp.jpg"
COLS, ROWS = 80, 40
TARGET_PIXELS = 24_000_000


def make_24mp() -> Path:
    """The fixture upscaled to 24 megapixels (made once, kept in the git-ignored work folder)."""
    from PIL import Image

    if BIG.exists():
        return BIG
    if not FIXTURE.exists():
        raise FileNotFoundError(f"{FIXTURE} is missing: the benchmark needs the shared fixture")
    WORK.mkdir(parents=True, exist_ok=True)
    with Image.open(FIXTURE) as im:
        scale = (TARGET_PIXELS / (im.width * im.height)) ** 0.5
        size = (round(im.width * scale), round(im.height * scale))
        big = im.convert("RGB").resize(size, Image.Resampling.BICUBIC)
    tmp = BIG.with_suffix(".tmp.jpg")
    big.save(tmp, "JPEG", quality=90)
    tmp.replace(BIG)
    return BIG


def _alternate(
    a: Callable[[], float], b: Callable[[], float], runs: int
) -> tuple[list[float], list[float]]:
    """Run a and b alternately `runs` times each (after one warm-up of each); times in ms."""
    a()
    b()
    times_a: list[float] = []
    times_b: list[float] = []
    for i in range(runs):
        if i % 2 == 0:
            times_a.append(a())
            times_b.append(b())
        else:
            times_b.append(b())
            times_a.append(a())
    return times_a, times_b


def _timed_run(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env, cwd=ROOT
    )
    return (time.perf_counter() - start) * 1000


def _figure(
    name: str, times: tuple[list[float], list[float]], limit: float, unit: str = "ms"
) -> dict:
    values, baselines = times
    value, baseline = statistics.median(values), statistics.median(baselines)
    ratio = value / baseline if baseline else float("inf")
    return {
        "name": name,
        "value": round(value, 1),
        "baseline": round(baseline, 1),
        "ratio": round(ratio, 3),
        "goal": f"<= {limit:g}x",
        "met": ratio <= limit,
        "unit": unit,
        "runs": len(values),
        "clock": "wall",
        "spread": {
            "value": [round(min(values), 1), round(max(values), 1)],
            "baseline": [round(min(baselines), 1), round(max(baselines), 1)],
        },
    }


def _cli_env(cache_dir: str) -> dict:
    env = dict(os.environ)
    env["DERMQUIZ_CACHE_DIR"] = cache_dir
    env.pop("DERMQUIZ_GRAPHICS", None)
    # An installed dermquiz has its bytecode compiled (pip does it); a shell that forbids
    # writing .pyc would make every run compile quiz/ from source, which no user pays.
    # The cache goes to the work folder, not into __pycache__ folders across the tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(WORK / "pycache")
    return env


def _python() -> str:
    """The interpreter for the command: this one, or DERMQUIZ_BENCH_PYTHON (a fresh clone's
    venv: what an install runs, without this machine's own site-packages start-up hooks)."""
    return os.environ.get("DERMQUIZ_BENCH_PYTHON") or sys.executable


def _cli_command(path: Path) -> list[str]:
    return [
        _python(),
        "-m",
        "quiz",
        "image",
        str(path),
        "--cols",
        str(COLS),
        "--rows",
        str(ROWS),
        "--graphics",
        "halfcell",
    ]


def bench_cli_vs_chafa(path: Path, runs: int) -> list[dict]:
    """`dermquiz image` as an instructor runs it the first time (empty cache) vs chafa."""
    chafa = shutil.which("chafa")
    if chafa is None:
        return []
    cmd = _cli_command(path)

    def ours() -> float:
        with tempfile.TemporaryDirectory() as cache:  # cold: nothing cached yet
            return _timed_run(cmd, _cli_env(cache))

    def theirs() -> float:
        return _timed_run([chafa, "--size", f"{COLS}x{ROWS}", str(path)])

    times = _alternate(ours, theirs, runs)
    where = "" if _python() == sys.executable else f" ({_python()})"
    return [_figure(f"dermquiz image 24 MP, first time, vs chafa --size 80x40{where}", times, 0.75)]


def bench_cli_second_run(path: Path, runs: int) -> list[dict]:
    """`dermquiz image` again on the same file (disk cache) vs the first time; whole processes,
    so Python's own start-up is in both."""
    cmd = _cli_command(path)
    warm = tempfile.mkdtemp(prefix="dq-bench-")
    try:
        _timed_run(cmd, _cli_env(warm))

        def first() -> float:
            with tempfile.TemporaryDirectory() as cache:
                return _timed_run(cmd, _cli_env(cache))

        def again() -> float:
            return _timed_run(cmd, _cli_env(warm))

        times = _alternate(again, first, runs)
    finally:
        shutil.rmtree(warm, ignore_errors=True)
    return [
        _figure(
            "dermquiz image 24 MP, second time (disk cache) vs first, whole process", times, 1.0
        )
    ]


def bench_in_process(path: Path, runs: int) -> list[dict]:
    """Inside the app's process: the pipeline against bare Pillow, and the caches."""
    from PIL import Image

    from quiz.imaging import DiskCache, ImageStore, ansi_lines

    box = (COLS, ROWS * 2)

    def bare_pillow() -> float:
        start = time.perf_counter()
        with Image.open(path) as im:
            im.draft("RGB", box)
            im.load()
        return (time.perf_counter() - start) * 1000

    def ours_cold() -> float:
        with tempfile.TemporaryDirectory() as cache:
            store = ImageStore(DiskCache(Path(cache)))
            start = time.perf_counter()
            ansi_lines(store.view(path, box).image)
            return (time.perf_counter() - start) * 1000

    figures = [
        _figure(
            "first show in process (decode+cache+render) vs bare Pillow draft decode",
            _alternate(ours_cold, bare_pillow, runs),
            1.5,
        )
    ]

    warm = tempfile.mkdtemp(prefix="dq-bench-")
    try:
        ImageStore(DiskCache(Path(warm))).view(path, box)

        def second_show() -> float:
            store = ImageStore(DiskCache(Path(warm)))  # empty memory: only the disk cache helps
            start = time.perf_counter()
            view = store.view(path, box)
            ansi_lines(view.image)
            elapsed = (time.perf_counter() - start) * 1000
            assert view.from_cache == "disk", view.from_cache
            return elapsed

        figures.append(
            _figure(
                "second show (disk cache) vs first show, in process",
                _alternate(second_show, ours_cold, runs),
                0.2,
            )
        )

        store = ImageStore(DiskCache(Path(warm)))
        store.view(path, box)

        def memory_show() -> float:
            start = time.perf_counter()
            ansi_lines(store.view(path, box).image)
            return (time.perf_counter() - start) * 1000

        figures.append(
            _figure(
                "case seen this session (memory cache) vs first show",
                _alternate(memory_show, ours_cold, runs),
                0.2,
            )
        )

        zoom_region = (1500.0, 2000.0, 600.0, 600.0)  # about 7 source pixels per output pixel

        def zoom_first() -> float:
            with tempfile.TemporaryDirectory() as cache:  # nothing finer than 1/8 cached yet
                fresh = ImageStore(DiskCache(Path(cache)))
                fresh.view(path, box)
                start = time.perf_counter()
                fresh.view(path, box, zoom_region)
                return (time.perf_counter() - start) * 1000

        def pan_after() -> float:
            store.view(path, box, zoom_region)
            start = time.perf_counter()
            store.view(path, box, (1560.0, 2000.0, 600.0, 600.0))
            return (time.perf_counter() - start) * 1000

        figures.append(
            _figure(
                "pan at zoom (level in memory) vs first zoom (decode finer level)",
                _alternate(pan_after, zoom_first, runs),
                0.2,
            )
        )
    finally:
        shutil.rmtree(warm, ignore_errors=True)
    return figures


def run(quick: bool) -> list[dict]:
    """All image figures; quick uses 3 alternating runs per pair instead of 9."""
    path = make_24mp()
    runs = 3 if quick else 9
    figures: list[dict] = []
    figures += bench_cli_vs_chafa(path, runs)
    figures += bench_cli_second_run(path, runs)
    figures += bench_in_process(path, runs)
    return figures


def main() -> None:
    quick = "--quick" in sys.argv[1:]
    for f in run(quick):
        mark = "ok " if f["met"] else "MISS"
        print(
            f"{mark} {f['name']}: {f['value']} {f['unit']} vs {f['baseline']} {f['unit']}"
            f" -> {f['ratio']}x (goal {f['goal']}; spread {f['spread']})"
        )


if __name__ == "__main__":
    main()
