"""The analysis as a spreadsheet: one row per case, flags as codes, numbers unrounded."""

from __future__ import annotations

import csv
import io

from quiz.analysis.items import Analysis

COLUMNS = (
    "pack",
    "pack_version",
    "case",
    "where",
    "n",
    "facility",
    "sd",
    "discrimination",
    "d_index",
    "efficiency",
    "median_seconds",
    "median_stage",
    "stage_count",
    "confidence_right",
    "confidence_wrong",
    "top_distractor",
    "top_distractor_share",
    "flags",
    "notes",
)


def to_csv(analysis: Analysis) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for item in analysis.items:
        distractor = next((o for o in item.options if not o.right and o.count), None)
        stages = [s for s, n in item.stages_seen.items() for _ in range(n)]
        writer.writerow(
            [
                _cell(v)
                for v in (
                    analysis.pack_id,
                    analysis.version,
                    item.case_id,
                    item.where,
                    item.n,
                    item.facility,
                    item.sd,
                    item.discrimination,
                    item.d_index,
                    item.efficiency,
                    item.median_seconds,
                    sorted(stages)[len(stages) // 2] if stages and item.enough else None,
                    item.stage_count,
                    item.confidence_right,
                    item.confidence_wrong,
                    distractor.entity if distractor else "",
                    distractor.share if distractor else "",
                    " ".join(f.code for f in item.flags),
                    " ".join(item.notes),
                )
            ]
        )
    return buffer.getvalue()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    text = str(value)
    # As `results --csv`: no leading = + - @ that a spreadsheet would run as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
