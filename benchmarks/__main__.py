"""`python -m benchmarks [--quick] [--json FILE] [--results] [--only AREA,...]`

Runs every area (start-up, images, packs, the app), prints a table of figures, each next to
its baseline measured in the same run, and writes them as JSON: a list of
{name, value, baseline, ratio, goal, met, unit, spread, ...}, `ratio` being value / baseline.

--quick    fewer runs and a 500-case pack: under a minute, for CI as a smoke test
--results  also rewrite the generated part of benchmarks/RESULTS.md (after a full run)
--only     some areas: startup, image, pack, app, slide
--runs N   alternating runs per pair instead of each area's default
--cases N  the size of the generated pack (default 5,000; 500 with --quick)

Exit status: 0 when every area ran (goals met or not: the table says), 1 when one failed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from benchmarks import harness


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__.split("\n\n")[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="fewer runs, a smaller pack")
    parser.add_argument("--json", metavar="FILE", help="write the figures as JSON to FILE")
    parser.add_argument(
        "--results", action="store_true", help="rewrite the generated part of benchmarks/RESULTS.md"
    )
    parser.add_argument(
        "--only", metavar="AREAS", help="comma-separated: startup,image,pack,app,slide"
    )
    parser.add_argument("--runs", type=int, help="alternating runs per pair")
    parser.add_argument("--cases", type=int, help="cases in the generated pack")
    args = parser.parse_args(argv)

    known = [area for area, _ in harness.AREAS]
    areas = [a.strip() for a in args.only.split(",") if a.strip()] if args.only else None
    unknown = [a for a in areas or [] if a not in known]
    if unknown:
        parser.error(f"unknown area {unknown[0]!r}; choose from {', '.join(known)}")
    harness.set_config(harness.Config(quick=args.quick, runs=args.runs, cases=args.cases))
    # Nothing the suite does may touch the learner's own progress or cache.
    os.environ["DERMQUIZ_DATA_DIR"] = str(harness.work_dir("data"))
    os.environ["DERMQUIZ_CACHE_DIR"] = str(harness.work_dir("cache"))

    info = harness.machine()
    print(
        f"DermQuiz benchmarks{' (quick)' if args.quick else ''}: {info['date']}; "
        f"{info['nproc']} CPUs, {info['cpu']}; Python {info['python']}; {info['os']}; "
        f"load {', '.join(map(str, info['load']))}",
        flush=True,
    )
    started = time.perf_counter()
    figures = harness.run_areas(areas, log=lambda line: print(line, file=sys.stderr, flush=True))
    seconds = time.perf_counter() - started
    try:
        info["load_end"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover
        pass

    print()
    print(harness.table(figures))
    print(
        f"\nratio = value / baseline (below 1: faster than the baseline); medians of alternating "
        f"runs; clock: wall time unless the row says cpu. {seconds:.0f} s in all."
    )

    if args.json:
        Path(args.json).write_text(
            json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    if args.results:
        harness.update_results(
            Path(__file__).resolve().parent / "RESULTS.md",
            harness.markdown(figures, info, args.quick, seconds),
        )
    return 1 if any(f.get("error") for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
