"""Every scoring rule of PRODUCT.md's format-2 table, and certainty-based marking, as tables."""

from __future__ import annotations

import pytest

from quiz.cbm import cbm_mark, weighted_cbm
from quiz.pack.models import (
    ChooseQuestion,
    ConcordanceQuestion,
    Image,
    PointQuestion,
    RankQuestion,
    Region,
)
from quiz.questions import (
    Scored,
    case_credit,
    choose_credit,
    concordance_credit,
    longest_ordered,
    point_credit,
    rank_credit,
    verdict_for,
)

CHOOSE = ChooseQuestion(
    id="q",
    kind="choose",
    prompt="p",
    pick=2,
    choices={"a": "A", "b": "B", "c": "C", "d": "D", "x": "X"},
    keys=["a", "b"],
    harmful=["x"],
)


@pytest.mark.parametrize(
    "chosen, credit",
    [
        (["a", "b"], 1.0),
        (["a"], 0.5),
        (["b", "c"], 0.5),
        (["c", "d"], 0.0),
        ([], 0.0),  # an empty answer
        (["a", "x"], 0.0),  # a harmful choice scores 0 even beside a key
        (["x"], 0.0),
        (["a", "b", "c"], 0.0),  # more than `pick` chosen
        (["a", "a"], 0.5),  # marked twice is one choice
    ],
)
def test_choose(chosen, credit):
    assert choose_credit(CHOOSE, chosen) == pytest.approx(credit)


def test_choose_pick_defaults_to_the_number_of_keys():
    q = CHOOSE.model_copy(update={"pick": None})
    assert q.allowed == 2 and choose_credit(q, ["a", "b", "c"]) == 0.0


IMAGE = Image(
    file="f.png",
    kind="histology",
    regions=[
        Region(label="deposit", box=(0.1, 0.1, 0.2, 0.2)),
        Region(label="deposit", box=(0.6, 0.6, 0.2, 0.2)),  # one label, two places
        Region(label="vessel", box=(0.5, 0.1, 0.1, 0.1)),
        Region(label="decoy", box=(0.0, 0.8, 0.1, 0.1)),
    ],
)
POINT_ONE = PointQuestion(id="p", kind="point", prompt="p", image="f.png", keys=["deposit"])
POINT_TWO = PointQuestion(
    id="p", kind="point", prompt="p", image="f.png", keys=["deposit", "vessel"], marks=3
)


@pytest.mark.parametrize(
    "question, marks, credit",
    [
        (POINT_ONE, [(0.2, 0.2)], 1.0),
        (POINT_ONE, [(0.7, 0.7)], 1.0),  # the other region of the same key
        (POINT_ONE, [(0.9, 0.1)], 0.0),  # outside every region
        (POINT_ONE, [(0.05, 0.85)], 0.0),  # inside a region that is not a key
        (POINT_ONE, [], 0.0),  # no mark
        (POINT_ONE, [(0.2, 0.2), (0.9, 0.1)], 0.5),  # scattering marks does not pay
        (POINT_ONE, [(0.2, 0.2), (0.15, 0.15)], 0.5),  # a region counts once
        (POINT_TWO, [(0.2, 0.2), (0.55, 0.15)], 1.0),
        (POINT_TWO, [(0.2, 0.2)], 0.5),  # one of two keys
        (POINT_TWO, [(0.2, 0.2), (0.55, 0.15), (0.9, 0.9)], 2 / 3),  # too many marks
        (POINT_ONE, [(0.1, 0.1)], 1.0),  # the edge of a box is inside
    ],
)
def test_point(question, marks, credit):
    assert point_credit(question, IMAGE, marks) == pytest.approx(credit)


RANK = RankQuestion(id="r", kind="rank", items=["a", "b", "c", "d"])


@pytest.mark.parametrize(
    "order, kept, credit",
    [
        (["a", "b", "c", "d"], 4, 1.0),
        (["d", "c", "b", "a"], 1, 0.25),
        (["b", "a", "c", "d"], 3, 0.75),
        (["a", "c", "b", "d"], 3, 0.75),
        (["c", "d", "a", "b"], 2, 0.5),
        (["b", "d", "a", "c"], 2, 0.5),
        ([], 0, 0.0),
        (["a", "zzz", "b"], 2, 0.5),  # unknown items are ignored; missing ones earn nothing
    ],
)
def test_rank_is_the_longest_subsequence_in_the_right_relative_order(order, kept, credit):
    assert longest_ordered(RANK.items, order) == kept
    assert rank_credit(RANK, order) == pytest.approx(credit)


def _panel(**votes):
    return ConcordanceQuestion(
        id="c",
        kind="concordance",
        hypothesis="h",
        new_information="n",
        panel={int(k.replace("m", "-").replace("p", "")): v for k, v in votes.items()},
    )


@pytest.mark.parametrize(
    "panel, step, credit",
    [
        (_panel(m2=9, m1=3, p0=1, p1=0, p2=0), -2, 1.0),
        (_panel(m2=9, m1=3, p0=1, p1=0, p2=0), -1, 1 / 3),
        (_panel(m2=9, m1=3, p0=1, p1=0, p2=0), 0, 1 / 9),
        (_panel(m2=9, m1=3, p0=1, p1=0, p2=0), 2, 0.0),
        (_panel(m2=9, m1=3), 1, 0.0),  # a step left out counts 0
        (_panel(m1=5, p0=5, p1=2), -1, 1.0),  # a tie at the top: both modal steps earn 1
        (_panel(m1=5, p0=5, p1=2), 0, 1.0),
        (_panel(m1=5, p0=5, p1=2), 1, 0.4),
        (_panel(p0=1), 0, 1.0),  # a panel of one
        (_panel(m2=9, m1=3), None, 0.0),  # no answer
    ],
)
def test_concordance(panel, step, credit):
    assert concordance_credit(panel, step) == pytest.approx(credit)


@pytest.mark.parametrize("panel", [{3: 1}, {-2: 0, 0: 0}, {0: -1, 1: 3}])
def test_a_panel_outside_the_scale_or_without_an_expert_is_refused(panel):
    with pytest.raises(ValueError):
        ConcordanceQuestion(
            id="c", kind="concordance", hypothesis="h", new_information="n", panel=panel
        )


def test_case_credit_is_the_weighted_mean_of_the_counted_questions():
    parts = [
        Scored("diagnosis", "diagnosis", 1, 0.0),
        Scored("r", "rank", 1, 2 / 3),
        Scored("c", "choose", 1, 1.0),
        Scored("k", "concordance", 2, 1 / 3),
        Scored("p", "point", 1, 0.0, counted=False),
    ]  # skipped in line mode
    assert case_credit(parts) == pytest.approx((0 + 2 / 3 + 1 + 2 / 3) / 5)
    assert case_credit([]) == 0.0
    assert [verdict_for(c) for c in (1.0, 0.5, 0.0)] == ["correct", "partial", "wrong"]


@pytest.mark.parametrize(
    "credit, certainty, mark",
    [
        (1, 1, 1),
        (1, 2, 2),
        (1, 3, 3),
        (0, 1, 0),
        (0, 2, -2),
        (0, 3, -6),
        (0.5, 1, 0.5),
        (0.5, 2, 0.0),
        (0.5, 3, -1.5),  # c × right + (1 − c) × wrong
        (0.25, 3, 0.25 * 3 + 0.75 * -6),
    ],
)
def test_certainty_based_marks(credit, certainty, mark):
    assert cbm_mark(credit, certainty) == pytest.approx(mark)


def test_cbm_refuses_a_certainty_outside_1_to_3_and_weights_a_case():
    with pytest.raises(ValueError):
        cbm_mark(1, 4)
    assert weighted_cbm([(1, 0.0, 3), (1, 2 / 3, 3), (1, 1.0, 2), (2, 1 / 3, 1)]) == pytest.approx(
        (-6 + 0 + 2 + 2 * (1 / 3)) / 5
    )


@pytest.mark.parametrize(
    "verdict, confidence, credit, rating",
    [
        ("correct", 3, 1.0, "Easy"),
        ("correct", 1, 1.0, "Hard"),
        ("partial", 2, 0.5, "Hard"),
        ("partial", 2, 0.8, "Hard"),
        ("partial", 3, 0.3, "Again"),  # a case mostly missed is seen again soon
        ("wrong", 3, 0.0, "Again"),
    ],
)
def test_spaced_repetition_rating_comes_from_the_case_credit(verdict, confidence, credit, rating):
    from quiz.progress.scheduling import rating_for

    assert rating_for(verdict, confidence, credit).name == rating
