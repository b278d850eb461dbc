"""The item-analysis formulas, on plain lists (the standard library's `statistics`).

Standard deviations and covariances are sample ones (n − 1), as Moodle's quiz statistics use;
the ratios (α, r, efficiency) do not depend on that choice. A statistic that would divide by
zero (no spread) is None, never an error.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

TOP_FRACTION = 0.27  # Kelley's upper and lower 27 %


def mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def sd(values: Sequence[float]) -> float | None:
    """Sample standard deviation; None for fewer than two values."""
    return statistics.stdev(values) if len(values) >= 2 else None


def covariance(x: Sequence[float], y: Sequence[float]) -> float | None:
    return statistics.covariance(x, y) if len(x) >= 2 else None


def pearson(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Pearson's r; None when either side has no spread (or fewer than two pairs)."""
    if len(x) < 2 or _flat(x) or _flat(y):
        return None
    return statistics.correlation(x, y)


def groups(scores: Sequence[float], fraction: float = TOP_FRACTION) -> tuple[list[int], list[int]]:
    """Indexes of the top and bottom groups by score: round(fraction × n) each, at least one.
    Ties are broken by position, so the same data give the same groups."""
    n = len(scores)
    size = max(1, round(fraction * n)) if n >= 2 else 0
    order = sorted(range(n), key=lambda i: (-scores[i], i))
    return order[:size], order[n - size :] if size else []


def d_index(x: Sequence[float], rest: Sequence[float]) -> float | None:
    """Mean credit of the top group minus that of the bottom group (groups by rest score)."""
    top, bottom = groups(rest)
    if not top:
        return None
    return statistics.fmean(x[i] for i in top) - statistics.fmean(x[i] for i in bottom)


def efficiency(x: Sequence[float], rest: Sequence[float]) -> float | None:
    """Discriminative efficiency: cov(x, R) ÷ the largest cov the same marginals allow (x
    and R each sorted, then paired). None when that largest cov is 0."""
    if len(x) < 2:
        return None
    best = statistics.covariance(sorted(x), sorted(rest))
    if best <= 0:
        return None
    return statistics.covariance(x, rest) / best


def cronbach_alpha(matrix: Sequence[Sequence[float]]) -> float | None:
    """α = k/(k−1)·(1 − Σ var(item) ÷ var(total)); rows are learners, columns items.
    None for fewer than two items or learners, or when the totals have no spread."""
    if len(matrix) < 2 or not matrix[0] or len(matrix[0]) < 2:
        return None
    k = len(matrix[0])
    totals = [sum(row) for row in matrix]
    total_var = statistics.variance(totals)
    if total_var <= 0:
        return None
    item_var = sum(statistics.variance([row[j] for row in matrix]) for j in range(k))
    return k / (k - 1) * (1 - item_var / total_var)


def sem(total_sd: float | None, alpha: float | None) -> float | None:
    """Standard error of measurement SD·√(1 − α); None when α is unknown or above 1."""
    if total_sd is None or alpha is None or alpha > 1:
        return None
    return total_sd * math.sqrt(max(0.0, 1 - alpha))


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _flat(values: Sequence[float]) -> bool:
    first = values[0]
    return all(v == first for v in values)
