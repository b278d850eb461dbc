"""Per case (an item), per option and for the whole test: the numbers of the analysis.

Credits are 1, ½ and 0 as graded. A learner's rest score for a case is their credit on the
other cases analysed; a learner who skipped some cases gets their mean on the others times
(k − 1), so rest scores stay on one scale (with complete data it is simply the sum).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from quiz.analysis import formulas as f
from quiz.progress.attempt import Attempt

MIN_LEARNERS = 5  # below this a statistic is not shown: say so instead


@dataclass
class OptionStats:
    entity: str
    name: str
    relation: str  # key | accepted | ancestor | descendant | partial | wrong
    count: int
    share: float
    rest_mean: float | None
    r: float | None
    top: int  # choosers in the top 27 % by rest score
    bottom: int
    confident: int  # choosers at confidence 3
    offered: bool  # in the case's options (or the answer's siblings: see docs/analyze.md)

    @property
    def partly_right(self) -> bool:
        return self.relation in ("ancestor", "descendant", "partial")

    @property
    def right(self) -> bool:
        return self.relation in ("key", "accepted")


@dataclass
class ItemStats:
    case_id: str
    title: str
    answer: str
    n: int
    facility: float | None = None
    sd: float | None = None
    discrimination: float | None = None  # item–rest Pearson r
    d_index: float | None = None
    efficiency: float | None = None
    median_seconds: float | None = None
    stages_seen: dict[int, int] = field(default_factory=dict)
    stage_count: int | None = None  # stages the case has (from the pack)
    confidence_right: float | None = None
    confidence_wrong: float | None = None
    options: list[OptionStats] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    flags: list = field(default_factory=list)  # quiz.analysis.flags.Flag
    where: str = ""  # FILE:LINE of the case, when the pack is found
    top_size: int = 0

    @property
    def enough(self) -> bool:
        return self.n >= MIN_LEARNERS

    @property
    def no_spread(self) -> bool:
        return self.enough and self.sd == 0


@dataclass
class TestStats:
    learners: int  # everyone with at least one response
    cases: int
    complete: int  # learners who answered every case: α, mean and SD are over them
    mean: float | None = None  # of the total credit
    sd: float | None = None
    alpha: float | None = None
    sem: float | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Analysis:
    pack_id: str | None
    version: str | None
    test: TestStats
    items: list[ItemStats]
    confusion: dict[tuple[str, str], int]  # (answer, choice) → count, all responses
    calibration: dict[int, tuple[int, float]]  # confidence → (responses, mean credit)
    names: dict[str, str]  # entity id → name
    notes: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)  # cases of the pack nobody answered


def analyse(responses: list[Attempt], pack=None) -> Analysis:
    """The statistics of *responses* (one per learner and case); *pack* adds names,
    the taxonomy split, the offered options and the stage count (None: from the data only)."""
    names: dict[str, str] = {}
    if pack is not None:  # tree order: the confusion grid keeps families together
        names = {eid: pack.entities[eid].name for eid, _ in pack.taxonomy.walk()}
        names.update({eid: e.name for eid, e in pack.entities.items() if eid not in names})
    cases = sorted({a.case_id for a in responses})
    learners = sorted({a.learner for a in responses})
    credit = {(a.learner, a.case_id): a.credit for a in responses}
    k = len(cases)
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for a in responses:
        sums[a.learner] = sums.get(a.learner, 0.0) + a.credit
        counts[a.learner] = counts.get(a.learner, 0) + 1

    def rest(learner: str, case_id: str) -> float | None:
        others = counts[learner] - 1
        if not others:
            return None
        return (sums[learner] - credit[(learner, case_id)]) / others * (k - 1)

    items = []
    by_case: dict[str, list[Attempt]] = {}
    for a in responses:
        by_case.setdefault(a.case_id, []).append(a)
    for case_id in cases:
        case_responses = sorted(by_case[case_id], key=lambda a: a.learner)
        rests = {a.learner: rest(a.learner, case_id) for a in case_responses}
        items.append(_item(case_id, case_responses, rests, pack, names))
    confusion = Counter((a.answer, a.choice) for a in responses)
    calibration = {}
    for level in (1, 2, 3):
        got = [a.credit for a in responses if a.confidence == level]
        if got:
            calibration[level] = (len(got), statistics.fmean(got))
    unanswered = [c.id for c in pack.cases if c.id not in set(cases)] if pack is not None else []
    for item in items:
        if pack is not None and not pack.has_case(item.case_id):
            item.notes.append("not in the pack as loaded (removed or renamed since?)")
    return Analysis(
        None,
        None,
        _test(learners, cases, credit),
        items,
        dict(confusion),
        calibration,
        names,
        unanswered=unanswered,
    )


def _item(
    case_id: str,
    responses: list[Attempt],
    rests: dict[str, float | None],
    pack,
    names: dict[str, str],
) -> ItemStats:
    case = pack.case(case_id) if pack is not None and pack.has_case(case_id) else None
    answer = Counter(a.answer for a in responses).most_common(1)[0][0]
    item = ItemStats(case_id, case.title if case else "", answer, len(responses))
    item.stage_count = len(case.stages) if case else None
    item.stages_seen = dict(sorted(Counter(a.stages_seen for a in responses).items()))
    if not item.enough:
        item.notes.append(
            f"too few learners for statistics: {item.n} (at least {MIN_LEARNERS} needed)"
        )
    x = [a.credit for a in responses]
    item.facility = f.mean(x) if item.enough else None
    item.sd = f.sd(x) if item.enough else None
    item.median_seconds = f.median([a.seconds for a in responses]) if item.enough else None
    if item.enough:
        right = [a.confidence for a in responses if a.credit >= 1]
        wrong = [a.confidence for a in responses if a.credit <= 0]
        item.confidence_right = f.mean(right)
        item.confidence_wrong = f.mean(wrong)
    # Discrimination needs a rest score: learners who answered only this case have none.
    with_rest = [a for a in responses if rests[a.learner] is not None]
    xr = [a.credit for a in with_rest]
    rr = [rests[a.learner] for a in with_rest]
    top, bottom = f.groups(rr)
    item.top_size = len(top)
    if item.enough and len(with_rest) >= MIN_LEARNERS:
        if item.sd == 0:
            item.notes.append(
                "no spread: every learner got the same credit, so the case "
                "cannot separate strong from weak learners"
            )
        else:
            item.discrimination = f.pearson(xr, rr)
            item.d_index = f.d_index(xr, rr)
            item.efficiency = f.efficiency(xr, rr)
            if item.discrimination is None:
                item.notes.append("no spread in the rest scores: discrimination unknown")
    elif item.enough:
        item.notes.append(
            f"too few learners answered other cases too ({len(with_rest)}): "
            f"discrimination needs {MIN_LEARNERS}"
        )
    item.options = _options(item, responses, with_rest, rr, top, bottom, case, pack, names)
    return item


def _options(
    item: ItemStats, responses, with_rest, rr, top, bottom, case, pack, names
) -> list[OptionStats]:
    offered = set(offered_options(case, pack)) if case is not None else set()
    counts = Counter(a.choice for a in responses)
    chosen_top = Counter(with_rest[i].choice for i in top)
    chosen_bottom = Counter(with_rest[i].choice for i in bottom)
    credit_of = {a.choice: a.credit for a in responses}
    out = []
    for entity in list(counts) + sorted(offered - set(counts)):
        choosers = [rr[i] for i, a in enumerate(with_rest) if a.choice == entity]
        indicator = [1.0 if a.choice == entity else 0.0 for a in with_rest]
        enough = item.enough
        out.append(
            OptionStats(
                entity=entity,
                name=names.get(entity, ""),
                relation=_relation(entity, item.answer, credit_of.get(entity), case, pack),
                count=counts.get(entity, 0),
                share=counts.get(entity, 0) / item.n,
                rest_mean=f.mean(choosers) if enough and choosers else None,
                r=f.pearson(indicator, rr) if enough and len(with_rest) >= MIN_LEARNERS else None,
                top=chosen_top.get(entity, 0),
                bottom=chosen_bottom.get(entity, 0),
                confident=sum(1 for a in responses if a.choice == entity and a.confidence == 3),
                offered=entity in offered,
            )
        )
    out.sort(key=lambda o: (-o.count, o.entity))
    return out


def offered_options(case, pack) -> list[str]:
    """What the case offers as distractors: its `options` when given; otherwise the whole
    taxonomy is offered, and the answer's siblings (same parent) stand for the options a
    learner must tell it from — every entity of the tree would make most of them "weak"."""
    if case.options:
        return list(case.options)
    tax = pack.taxonomy
    if case.answer not in tax.entities:
        return []
    return [case.answer, *(e for e in tax.children(tax.parent(case.answer)) if e != case.answer)]


def _relation(entity: str, answer: str, credit: float | None, case, pack) -> str:
    if entity == answer:
        return "key"
    if case is not None and entity in case.accept:
        return "accepted"
    tax = pack.taxonomy if pack is not None else None
    if tax is not None and entity in tax.entities and answer in tax.entities:
        if tax.is_ancestor(entity, answer):
            return "ancestor"
        if tax.is_ancestor(answer, entity):
            return "descendant"
        return "wrong"
    if credit is None:
        return "wrong"
    return "accepted" if credit >= 1 else "partial" if credit > 0 else "wrong"


def _test(learners: list[str], cases: list[str], credit: dict) -> TestStats:
    complete = [lr for lr in learners if all((lr, c) in credit for c in cases)]
    test = TestStats(len(learners), len(cases), len(complete))
    if len(complete) < MIN_LEARNERS:
        test.notes.append(
            f"too few learners answered every case ({len(complete)}; at least "
            f"{MIN_LEARNERS} needed) for the mean, SD, α and SEM of the test"
        )
        return test
    if len(complete) < len(learners):
        test.notes.append(
            f"mean, SD, α and SEM are over the {len(complete)} learners who answered every case"
        )
    matrix = [[credit[(lr, c)] for c in cases] for lr in complete]
    totals = [sum(row) for row in matrix]
    test.mean = f.mean(totals)
    test.sd = f.sd(totals)
    test.alpha = f.cronbach_alpha(matrix)
    test.sem = f.sem(test.sd, test.alpha)
    if test.alpha is None:
        test.notes.append("α needs at least two cases and totals that differ")
    return test
