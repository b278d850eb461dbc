"""The item-analysis formulas: a small class worked by hand, then numpy on random data."""

from __future__ import annotations

import random

import numpy as np
import pytest
from analysis_support import attempt

from quiz.analysis import formulas as f
from quiz.analysis.flags import flag_item
from quiz.analysis.items import analyse

# Five learners, three cases; credits 1, ½, 0. Totals 3, 2.5, 1.5, 0.5, 0.
CLASS = {
    "ann": {"c1": ("key-c1", 1), "c2": ("key-c2", 1), "c3": ("key-c3", 1)},
    "bob": {"c1": ("key-c1", 1), "c2": ("parent", 0.5), "c3": ("key-c3", 1)},
    "cat": {"c1": ("key-c1", 1), "c2": ("w1", 0), "c3": ("half", 0.5)},
    "dan": {"c1": ("w9", 0), "c2": ("parent", 0.5), "c3": ("w3", 0)},
    "eve": {"c1": ("w9", 0), "c2": ("w1", 0), "c3": ("w3", 0)},
}


def hand_class(conf: dict | None = None):
    return [
        attempt(who, case, choice, credit, confidence=(conf or {}).get((who, case), 2))
        for who, row in CLASS.items()
        for case, (choice, credit) in row.items()
    ]


def test_every_statistic_of_a_small_class_matches_the_hand_computation():
    a = analyse(hand_class())
    c1, c2, c3 = a.items
    # c1: x = 1 1 1 0 0, rest = 2 1.5 .5 .5 0 → Σdx² 1.2, ΣdR² 2.7, Σdx·dR 1.3
    assert c1.facility == pytest.approx(0.6)
    assert c1.sd == pytest.approx(0.547723, abs=1e-6)  # √(1.2/4)
    assert c1.discrimination == pytest.approx(1.3 / 1.8)  # 1.3/√(1.2·2.7)
    assert c1.d_index == pytest.approx(1.0)  # top 1 (ann) 1, bottom 1 (eve) 0
    assert c1.efficiency == pytest.approx(1.0)  # already paired in order
    # c2: x = 1 .5 0 .5 0, rest = 2 2 1.5 0 0 → Σdx² .7, ΣdR² 4.2, Σdx·dR .8
    assert c2.facility == pytest.approx(0.4)
    assert c2.sd == pytest.approx(0.418330, abs=1e-6)
    assert c2.discrimination == pytest.approx(0.466569, abs=1e-6)  # .8/√2.94
    assert c2.efficiency == pytest.approx(0.8 / 1.55)  # sorted pairing gives Σ 1.55
    # c3: x = 1 1 .5 0 0, rest = 2 1.5 1 .5 0 → r = 1.5/√2.5
    assert c3.discrimination == pytest.approx(0.948683, abs=1e-6)
    # The test: totals 3 2.5 1.5 .5 0; Σ item variances .3 + .175 + .25 = .725; var(T) 1.625
    t = a.test
    assert (t.learners, t.cases, t.complete) == (5, 3, 5)
    assert t.mean == pytest.approx(1.5)
    assert t.sd == pytest.approx(1.274755, abs=1e-6)
    assert t.alpha == pytest.approx(1.5 * (1 - 0.725 / 1.625))  # 0.830769
    assert t.sem == pytest.approx(0.524404, abs=1e-6)  # 1.274755·√(1 − α)


def test_options_of_a_case_by_hand():
    c2 = analyse(hand_class()).items[1]
    by = {o.entity: o for o in c2.options}
    assert [o.entity for o in c2.options] == ["parent", "w1", "key-c2"]  # most chosen first
    assert by["key-c2"].share == pytest.approx(0.2) and by["parent"].share == pytest.approx(0.4)
    assert by["key-c2"].rest_mean == pytest.approx(2.0)
    assert by["parent"].rest_mean == pytest.approx(1.0)  # bob 2, dan 0
    assert by["w1"].rest_mean == pytest.approx(0.75)  # cat 1.5, eve 0
    # chose `parent`: 0 1 0 1 0 against rest 2 2 1.5 0 0 → −.2/√(1.2·4.2)
    assert by["parent"].r == pytest.approx(-0.2 / np.sqrt(5.04))
    # Without the pack the split comes from the credit recorded.
    assert (by["key-c2"].relation, by["parent"].relation, by["w1"].relation) == (
        "key",
        "partial",
        "wrong",
    )


def test_calibration_means_confidence_of_right_and_of_wrong_answers():
    conf = {
        ("ann", "c1"): 3,
        ("bob", "c1"): 3,
        ("cat", "c1"): 1,
        ("dan", "c1"): 3,
        ("eve", "c1"): 2,
    }
    c1 = analyse(hand_class(conf)).items[0]
    assert c1.confidence_right == pytest.approx(7 / 3)
    assert c1.confidence_wrong == pytest.approx(2.5)


def test_item_everyone_got_right_has_no_spread_and_no_division_by_zero():
    rows = hand_class()
    rows = [a if a.case_id != "c1" else attempt(a.learner, "c1", "key-c1", 1) for a in rows]
    a = analyse(rows)
    c1 = a.items[0]
    assert c1.facility == 1.0 and c1.sd == 0
    assert c1.discrimination is None and c1.d_index is None and c1.efficiency is None
    assert c1.no_spread and any("no spread" in n for n in c1.notes)
    codes = {fl.code for fl in flag_item(c1)}
    assert "too-easy" in codes
    assert not codes & {"low-discrimination", "negative-discrimination", "miskey"}


def test_one_learner_gives_notes_not_numbers():
    a = analyse([attempt("solo", "c1", "key-c1", 1), attempt("solo", "c2", "w", 0)])
    for item in a.items:
        assert item.n == 1
        assert item.facility is None and item.discrimination is None and item.sd is None
        assert any("too few learners" in n and "5" in n for n in item.notes)
        assert flag_item(item) == []
    assert a.test.alpha is None and a.test.mean is None
    assert any("too few learners" in n for n in a.test.notes)


def test_missing_cases_rest_scores_are_prorated_and_test_uses_complete_learners():
    rows = hand_class() + [attempt("fay", "c1", "key-c1", 1), attempt("fay", "c2", "w1", 0)]
    a = analyse(rows)
    assert a.test.learners == 6 and a.test.complete == 5
    assert a.test.alpha == pytest.approx(1.5 * (1 - 0.725 / 1.625))  # fay left out of α
    c1 = a.items[0]
    assert c1.n == 6
    # fay's rest for c1 is her mean on c2 (0) times k − 1 = 2 → 0; her c3 is missing
    x = [1, 1, 1, 0, 0, 1]
    rest = [2, 1.5, 0.5, 0.5, 0, 0]
    assert c1.discrimination == pytest.approx(np.corrcoef(x, rest)[0, 1])


@pytest.mark.parametrize("seed", range(6))
def test_formulas_agree_with_numpy_on_random_data(seed):
    rng = random.Random(seed)
    learners, k = rng.randint(8, 60), rng.randint(3, 12)
    matrix = np.array([[rng.choice((0, 0.5, 1)) for _ in range(k)] for _ in range(learners)])
    matrix[0, :] = 1  # totals differ: someone got everything,
    matrix[1, :] = 0  # someone nothing
    rows = [
        attempt(f"l{i:03d}", f"c{j:02d}", "x", float(matrix[i, j]))
        for i in range(learners)
        for j in range(k)
    ]
    a = analyse(rows)
    totals = matrix.sum(axis=1)
    for j, item in enumerate(a.items):
        x = matrix[:, j]
        rest = totals - x
        assert item.facility == pytest.approx(x.mean())
        assert item.sd == pytest.approx(x.std(ddof=1))
        if x.std() == 0:
            assert item.discrimination is None
            continue
        assert item.discrimination == pytest.approx(np.corrcoef(x, rest)[0, 1])
        best = np.cov(np.sort(x), np.sort(rest))[0, 1]
        assert item.efficiency == pytest.approx(np.cov(x, rest)[0, 1] / best)
        size = max(1, round(0.27 * learners))
        order = np.lexsort((np.arange(learners), -rest))  # by rest, ties by position
        assert item.d_index == pytest.approx(x[order[:size]].mean() - x[order[-size:]].mean())
    alpha = k / (k - 1) * (1 - matrix.var(axis=0, ddof=1).sum() / totals.var(ddof=1))
    assert a.test.alpha == pytest.approx(alpha)
    assert a.test.sd == pytest.approx(totals.std(ddof=1))
    assert a.test.sem == pytest.approx(totals.std(ddof=1) * np.sqrt(1 - alpha))


def test_formulas_none_instead_of_errors():
    assert f.pearson([1, 1, 1], [1, 2, 3]) is None
    assert f.pearson([1], [2]) is None
    assert f.cronbach_alpha([[1, 1], [1, 1]]) is None  # totals without spread
    assert f.cronbach_alpha([[1], [0]]) is None  # one item
    assert f.efficiency([1, 1], [0, 1]) is None
    assert f.sem(1.0, None) is None
