"""Images: a 24-megapixel JPEG through `dermquiz image`, against chafa and bare Pillow, and the
second show (disk cache) against the first.

Every figure is timed against its baseline in the same run, the two alternating, and the
median of each kept. `ratio` is always baseline / value, so higher is better for us, and
`goal` is the ratio that meets the bar ("faster than chafa" is ratio >= 1).

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
WORK = ROOT / "benchmarks" / ".work"
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


def _median_pair(a: Callable[[], float], b: Callable[[], float], runs: int) -> tuple[float, float]:
    """Run a and b alternately `runs` times each (after one warm-up of each); medians in ms."""
    a()
    b()
    times_a, times_b = [], []
    for i in range(runs):
        first, second = (a, b) if i % 2 == 0 else (b, a)
        t1 = first()
        t2 = second()
        if first is a:
            times_a.append(t1)
            times_b.append(t2)
        else:
            times_b.append(t1)
            times_a.append(t2)
    return statistics.median(times_a), statistics.median(times_b)


def _timed_run(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   env=env, cwd=ROOT)
    return (time.perf_counter() - start) * 1000


def _figure(name: str, value: float, baseline: float, goal: float, unit: str = "ms") -> dict:
    ratio = baseline / value if value > 0 else float("inf")
    return {"name": name, "value": round(value, 1), "baseline": round(baseline, 1),
            "ratio": round(ratio, 2), "goal": goal, "met": ratio >= goal, "unit": unit}


def _cli_env(cache_dir: str) -> dict:
    env = dict(os.environ)
    env["DERMQUIZ_CACHE_DIR"] = cache_dir
    env.pop("DERMQUIZ_GRAPHICS", None)
    # An installed dermquiz has its bytecode compiled (pip does it); a shell that forbids
    # writing .pyc would make every run compile quiz/ from source, which no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _cli_command(path: Path) -> list[str]:
    return [sys.executable, "-m", "quiz", "image", str(path), "--cols", str(COLS),
            "--rows", str(ROWS), "--graphics", "halfcell"]


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

    value, baseline = _median_pair(ours, theirs, runs)
    return [_figure("dermquiz image 24 MP, first time, vs chafa --size 80x40", value, baseline, 1.0)]


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

        value, baseline = _median_pair(again, first, runs)
    finally:
        shutil.rmtree(warm, ignore_errors=True)
    return [_figure("dermquiz image 24 MP, second time (disk cache) vs first, whole process",
                    value, baseline, 1.0)]


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

    value, baseline = _median_pair(ours_cold, bare_pillow, runs)
    figures = [_figure("first show in process (decode+cache+render) vs bare Pillow draft decode",
                       value, baseline, 0.5)]

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

        value, baseline = _median_pair(second_show, ours_cold, runs)
        figures.append(_figure("second show (disk cache) vs first show, in process",
                               value, baseline, 5.0))

        store = ImageStore(DiskCache(Path(warm)))
        store.view(path, box)

        def memory_show() -> float:
            start = time.perf_counter()
            ansi_lines(store.view(path, box).image)
            return (time.perf_counter() - start) * 1000

        value, baseline = _median_pair(memory_show, ours_cold, runs)
        figures.append(_figure("case seen this session (memory cache) vs first show",
                               value, baseline, 5.0))

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

        value, baseline = _median_pair(pan_after, zoom_first, runs)
        figures.append(_figure("pan at zoom (level in memory) vs first zoom (decode finer level)",
                               value, baseline, 5.0))
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
        print(f"{mark} {f['name']}: {f['value']} {f['unit']} vs {f['baseline']} {f['unit']}"
              f" -> {f['ratio']}x (goal >= {f['goal']}x)")


if __name__ == "__main__":
    main()
