"""Certainty-based marking (Gardner-Medwin; Moodle's deferred CBM): the learner rates each
answer 1, 2 or 3; a right answer earns 1, 2 or 3, a wrong one 0, −2 or −6, and a partial credit
c earns c × right + (1 − c) × wrong (Moodle interpolates the same way)."""

from __future__ import annotations

from collections.abc import Iterable

RIGHT = {1: 1.0, 2: 2.0, 3: 3.0}
WRONG = {1: 0.0, 2: -2.0, 3: -6.0}
MARKINGS = ("plain", "cbm")
MAX_MARK = 3.0


def cbm_mark(credit: float, certainty: int) -> float:
    """The CBM mark of one answer with *credit* (0–1) given at *certainty* (1–3)."""
    if certainty not in RIGHT:
        raise ValueError(f"certainty must be 1, 2 or 3, not {certainty!r}")
    c = min(1.0, max(0.0, float(credit)))
    return c * RIGHT[certainty] + (1 - c) * WRONG[certainty]


def weighted_cbm(parts: Iterable[tuple[float, float, int]]) -> float:
    """The CBM mark of a case from (weight, credit, certainty) of its answers: the weighted mean."""
    parts = list(parts)
    total = sum(w for w, _, _ in parts)
    return sum(w * cbm_mark(c, k) for w, c, k in parts) / total if total else 0.0
