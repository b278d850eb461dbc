"""Format 2's cost: loading and validating a pack whose cases each ask four questions (one of
every kind), against the same pack without its questions, in the same run.

    python -m benchmarks.bench_questions [--cases N]

Both packs are written from the format-2 example (tests/packs/format2), each case's texts made
distinct with seeded random words so the near-duplicate advice does not dominate the time.
The figure is the ratio of the medians; the questions' rules (stages, images, regions,
entities) and their models should add little to a case's cost.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

SOURCE = Path(__file__).resolve().parents[1] / "tests" / "packs" / "format2"
WORDS = [
    "plaque",
    "papule",
    "nodule",
    "erosion",
    "blister",
    "crust",
    "scale",
    "ulcer",
    "itch",
    "pain",
    "trunk",
    "limb",
    "scalp",
    "face",
    "hand",
    "foot",
    "weeks",
    "months",
    "years",
    "red",
    "white",
    "yellow",
    "brown",
    "firm",
    "soft",
    "tense",
    "flaccid",
]


def make_pack(dest: Path, n_cases: int, questions: bool) -> Path:
    shutil.copytree(SOURCE, dest)
    template = yaml.safe_load((SOURCE / "cases" / "mouth-ulcers-and-erosions.yaml").read_text())
    for f in (dest / "cases").glob("*.yaml"):
        f.unlink()
    rng = random.Random(7)
    for i in range(n_cases):
        case = dict(template, id=f"case-{i}")
        case["stages"] = [
            dict(s, text=s["text"] + " " + " ".join(rng.choice(WORDS) for _ in range(40)))
            for s in template["stages"]
        ]
        if not questions:
            case.pop("questions")
        (dest / "cases" / f"case-{i}.yaml").write_text(yaml.safe_dump(case, sort_keys=False))
    return dest


def load_seconds(pack: Path, runs: int) -> float:
    from quiz.pack.loader import load_pack

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = load_pack(pack, check_images=False)
        times.append(time.perf_counter() - start)
        assert result.pack is not None and not result.errors, result.errors[:3]
    return statistics.median(times)


def main(argv: list[str]) -> int:
    n = int(argv[argv.index("--cases") + 1]) if "--cases" in argv else 1000
    with tempfile.TemporaryDirectory() as tmp:
        with_q = make_pack(Path(tmp) / "with", n, questions=True)
        without = make_pack(Path(tmp) / "without", n, questions=False)
        load_seconds(without, 1)  # warm imports and caches alike
        base, fmt2 = [], []
        for _ in range(3):  # alternated, so drift on a shared machine hits both
            base.append(load_seconds(without, 1))
            fmt2.append(load_seconds(with_q, 1))
    b, q = statistics.median(base), statistics.median(fmt2)
    print(
        f"{n} cases: without questions {b:.2f} s, with 4 questions each {q:.2f} s, "
        f"ratio {q / b:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
