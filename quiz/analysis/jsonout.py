"""The analysis as JSON, in the shape other tools read (docs/analyze.md lists every key).

The keys the issue fixed — test: learners, cases, mean, sd, alpha, sem; items: pack, case, n,
facility, sd, discrimination, d_index, options (entity, share, rest_mean, r), flags (code,
reason, where) — keep their names; further keys are added beside them. A statistic not
computed (too few learners, no spread) is null, and the item's `notes` say why.
"""

from __future__ import annotations

from quiz.analysis.items import Analysis, ItemStats

SPLIT = {
    "key": "right",
    "accepted": "right",
    "ancestor": "partly right",
    "descendant": "partly right",
    "partial": "partly right",
    "wrong": "wrong",
}


def to_json(analysis: Analysis, problems: list[str] | None = None) -> dict:
    t = analysis.test
    return {
        "test": {
            "learners": t.learners,
            "cases": t.cases,
            "mean": _r(t.mean),
            "sd": _r(t.sd),
            "alpha": _r(t.alpha),
            "sem": _r(t.sem),
            "complete_learners": t.complete,
            "notes": t.notes,
        },
        "items": [item_json(analysis.pack_id, item) for item in analysis.items],
        "pack": {"id": analysis.pack_id, "version": analysis.version},
        "calibration": [
            {"confidence": level, "responses": n, "mean_credit": _r(c)}
            for level, (n, c) in sorted(analysis.calibration.items())
        ],
        "confusion": [
            {"answer": a, "choice": c, "count": n}
            for (a, c), n in sorted(analysis.confusion.items())
        ],
        "unanswered": analysis.unanswered,
        "notes": analysis.notes + list(problems or []),
    }


def item_json(pack_id: str | None, item: ItemStats) -> dict:
    return {
        "pack": pack_id,
        "case": item.case_id,
        "n": item.n,
        "facility": _r(item.facility),
        "sd": _r(item.sd),
        "discrimination": _r(item.discrimination),
        "d_index": _r(item.d_index),
        "options": [
            {
                "entity": o.entity,
                "share": _r(o.share),
                "rest_mean": _r(o.rest_mean),
                "r": _r(o.r),
                "name": o.name,
                "count": o.count,
                "relation": o.relation,
                "split": SPLIT[o.relation],
                "top": o.top,
                "bottom": o.bottom,
                "confident": o.confident,
                "offered": o.offered,
            }
            for o in item.options
        ],
        "flags": [{"code": fl.code, "reason": fl.reason, "where": fl.where} for fl in item.flags],
        "title": item.title,
        "answer": item.answer,
        "where": item.where,
        "efficiency": _r(item.efficiency),
        "median_seconds": _r(item.median_seconds),
        "stages_seen": {str(k): v for k, v in item.stages_seen.items()},
        "stage_count": item.stage_count,
        "confidence_right": _r(item.confidence_right),
        "confidence_wrong": _r(item.confidence_wrong),
        "top_group": item.top_size,
        "notes": item.notes,
    }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
