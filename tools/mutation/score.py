"""Mutation scores of the core, from the last `mutmut run` (docs/mutation-testing.md).

    python -m tools.mutation.score [--markdown] [--min 90]

A mutant counts as killed when a test failed on it or it timed out; a mutant that survived
or that no test reached counts against the score. Mutants that cannot change what the
program does (equivalent ones) are listed with the reason in
`tools/mutation/equivalent/<module>.toml` and left out of the denominator; a listed name
that no longer survives is reported, so the list cannot go stale unnoticed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).parent
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
LINE = re.compile(r"^\s*(?P<name>\S+): (?P<status>.+)$")


def module_of(mutant: str) -> str:
    """`quiz.session.xǁSessionǁnext__mutmut_3` and `quiz.grading.x_grade__mutmut_1` → module."""
    head = re.split(r"\.x[ǁ_]", mutant, maxsplit=1)[0]
    return head


def read_results(cwd: Path) -> dict[str, str]:
    out = subprocess.run(
        ["mutmut", "results", "--all", "true"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {}
    for line in out.splitlines():
        match = LINE.match(line)
        if match:
            found[match["name"]] = match["status"].strip()
    return found


def read_equivalents(folder: Path = HERE / "equivalent") -> dict[str, str]:
    reasons: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            for name, reason in tomllib.load(handle).items():
                reasons[name] = str(reason)
    return reasons


def scores(results: dict[str, str], equivalents: dict[str, str]):
    table: dict[str, Counter] = defaultdict(Counter)
    stale = []
    for name, status in results.items():
        row = table[module_of(name)]
        row["total"] += 1
        if status in KILLED:
            row["killed"] += 1
        elif name in equivalents:
            row["equivalent"] += 1
        else:
            row["alive"] += 1
    for name in equivalents:
        if results.get(name, "killed") in KILLED:
            stale.append(name)
    return table, stale


def percent(row: Counter) -> float:
    counted = row["total"] - row["equivalent"]
    return 100.0 * row["killed"] / counted if counted else 100.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--min", type=float, default=90.0, help="the score each module needs")
    parser.add_argument("--alive", action="store_true", help="list the surviving mutants")
    args = parser.parse_args(argv)
    results = read_results(Path.cwd())
    if not results:
        print("no mutmut results here: run `mutmut run` first", file=sys.stderr)
        return 2
    table, stale = scores(results, read_equivalents())
    if args.markdown:
        print("| module | mutants | killed | equivalent | alive | score |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
    short = []
    for module in sorted(table):
        row = table[module]
        score = percent(row)
        if score < args.min:
            short.append(module)
        cells = (row["total"], row["killed"], row["equivalent"], row["alive"], f"{score:.1f} %")
        if args.markdown:
            print(f"| `{module}` | " + " | ".join(str(c) for c in cells) + " |")
        else:
            print(f"{module:28} " + "  ".join(f"{c!s:>8}" for c in cells))
    if args.alive:
        for name, status in sorted(results.items()):
            if status not in KILLED and name not in read_equivalents():
                print(f"  {status:10} {name}")
    for name in stale:
        print(f"listed as equivalent but killed or gone: {name}", file=sys.stderr)
    if short:
        print(f"below {args.min:g} %: {', '.join(short)}", file=sys.stderr)
    return 1 if short or stale else 0


if __name__ == "__main__":
    sys.exit(main())
