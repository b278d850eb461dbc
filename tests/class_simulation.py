"""A simulated class for `dermquiz analyze`: 40 learners on the built-in pack, answers from a
two-parameter logistic (2PL) response model, with two planted faults:

- MISKEY_CASE's key in the instructor's copy of the pack is wrong (`metastatic` instead of
  `idiopathic`): learners who know the case choose the true diagnosis and are marked wrong;
- FLAT_CASE does not discriminate: learners get it right about as often whatever their
  ability (if anything, the strongest a little less often: they overthink it).

The attempts are recorded through the real progress store in three data folders ("machines")
and exported with `dermquiz results --csv`, as a class would hand them in.

How sure is the planted result? Over seeds 0-39 (40 learners each, the 38-case pack), the
miskey was flagged in 40, the flat case got a low- or negative-discrimination flag in 39, and
exactly the two planted cases were flagged in 39. (With a perfectly flat case, r still varies
by about ±0.15 at 40 learners, so it was missed in about 1 run in 7; ordinary cases are given
a 2PL slope of 3 so that they do not fall under r = 0.15 by chance.) The test uses seed 7.

Run it by hand:  python tests/class_simulation.py OUT_DIR   (then the printed analyze command)
"""

from __future__ import annotations

import contextlib
import io
import math
import random
import shutil
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from quiz.grading import grade
from quiz.pack.loader import load_pack
from quiz.progress.attempt import Attempt
from quiz.progress.commands import run_results
from quiz.progress.store import open_store

MISKEY_CASE = "white-plaque-cheek"
MISKEY_WRONG_KEY = "metastatic"  # what the instructor's copy says; the truth is `idiopathic`
FLAT_CASE = "burn-scar-forearm"
FLAT_P = 0.55  # the flat case's chance of being right for a learner of average ability...
FLAT_SLOPE = (
    -0.6
)  # ...which, if anything, falls a little with ability (strong learners overthink it)
SLOPE = 3.0  # 2PL discrimination of the ordinary cases
SPREAD = 0.8  # ordinary cases' difficulties are drawn from [-SPREAD, SPREAD]


@dataclass
class SimClass:
    pack_dir: Path
    csvs: list[Path]
    data_dirs: list[Path]
    learners: int
    miskey_case: str = MISKEY_CASE
    flat_case: str = FLAT_CASE
    cases: int = 0  # how many cases each learner answered


def instructor_pack(out: Path) -> Path:
    """A copy of the built-in pack (no images: analysis does not need them) with the miskey."""
    target = out / "instructor-pack"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "pack.yaml", target / "pack.yaml")
    shutil.copy(REPO / "entities.yaml", target / "entities.yaml")
    shutil.copytree(REPO / "cases", target / "cases", dirs_exist_ok=True)
    case_file = target / "cases" / f"{MISKEY_CASE}.yaml"
    text = case_file.read_text(encoding="utf-8")
    assert "\nanswer: idiopathic\n" in text
    case_file.write_text(
        text.replace("\nanswer: idiopathic\n", f"\nanswer: {MISKEY_WRONG_KEY}\n"), encoding="utf-8"
    )
    return target


def simulate(out: Path, seed: int = 7, learners: int = 40, machines: int = 3) -> SimClass:
    rng = random.Random(seed)
    pack_dir = instructor_pack(out)
    pack = load_pack(pack_dir, check_images=False).pack
    true_pack = load_pack(REPO, check_images=False).pack
    tax = pack.taxonomy
    entity_ids = list(tax.entities)
    difficulty = {c.id: rng.uniform(-SPREAD, SPREAD) for c in pack.cases}
    difficulty[MISKEY_CASE] = 0.0  # learners of middling ability know it
    data_dirs = [out / f"machine-{i + 1}" for i in range(machines)]
    stores = [open_store(d) for d in data_dirs]
    start = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    try:
        for number in range(learners):
            name = f"student-{number + 1:02d}"
            ability = rng.gauss(0.0, 1.0)
            store = stores[number % machines]
            at = start + timedelta(minutes=number)
            for case in pack.cases:
                truth = true_pack.case(case.id).answer
                if case.id == FLAT_CASE:
                    odds = FLAT_P / (1 - FLAT_P) * math.exp(FLAT_SLOPE * ability)
                    knows = rng.random() < odds / (1 + odds)
                else:
                    p = 1 / (1 + math.exp(-SLOPE * (ability - difficulty[case.id])))
                    knows = rng.random() < p
                if knows:
                    choice = truth
                elif case.id == MISKEY_CASE and rng.random() < 0.5:
                    choice = case.answer  # the wrong key is the tempting mistake
                else:
                    choice = _mistake(truth, tax, entity_ids, rng)
                verdict = grade(case, choice, tax)
                sure = 0.75 if knows else 0.25
                confidence = 3 if rng.random() < sure else rng.choice((1, 2))
                at += timedelta(seconds=rng.uniform(20, 120))
                store.record(
                    Attempt(
                        pack_id=pack.id,
                        pack_version=pack.version,
                        case_id=case.id,
                        choice=choice,
                        answer=case.answer,
                        verdict=verdict.verdict.value,
                        credit=verdict.credit,
                        confidence=confidence,
                        stages_seen=len(case.stages),
                        seconds=round(rng.uniform(20, 120), 1),
                        mode="exam",
                        session=f"s-{name}",
                        at=at,
                        learner=name,
                    )
                )
    finally:
        for store in stores:
            store.close()
    csvs = []
    for i, folder in enumerate(data_dirs):
        target = out / f"machine-{i + 1}.csv"
        with contextlib.redirect_stderr(io.StringIO()):
            assert run_results(str(target), None, str(folder)) == 0
        csvs.append(target)
    return SimClass(pack_dir, csvs, data_dirs, learners, cases=len(pack.cases))


def _mistake(truth: str, tax, entity_ids: list[str], rng: random.Random) -> str:
    """A plausible wrong choice: mostly a sibling, sometimes the parent (partly right) or
    another entity of the tree."""
    parent = tax.parent(truth)
    siblings = [e for e in tax.children(parent) if e != truth]
    roll = rng.random()
    if parent is not None and roll < 0.2:
        return parent
    if siblings and roll < 0.85:
        return rng.choice(siblings)
    return rng.choice([e for e in entity_ids if e != truth])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/class_simulation.py OUT_DIR")
    sim = simulate(Path(sys.argv[1]))
    print(
        f"{sim.learners} learners on three machines; planted: miskey {sim.miskey_case}, "
        f"no discrimination {sim.flat_case}"
    )
    print(
        "python -m quiz analyze " + " ".join(str(c) for c in sim.csvs) + f" --pack {sim.pack_dir}"
    )
