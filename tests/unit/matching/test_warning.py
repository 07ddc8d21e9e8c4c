"""The early-warning score: each indicator, the cost lines, overlaps, thresholds at their
boundaries, deadlines per level, and the window."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from matching.warning import (
    CHRONIC_DISEASE,
    COLLEGE_ADMISSION,
    HOSPITALISATION,
    INDICATORS,
    MEDICAL_COST,
    NEW_DISABILITY,
    NEW_UNEMPLOYMENT,
    SCHOOLING_COST,
    HouseholdIncome,
    WarningEvent,
    WarningResult,
    WarningSettings,
    level_rank,
    score_household,
)

TODAY = date(2026, 6, 1)
DEFAULTS = WarningSettings()
# 3 people on 500 yuan a month each: 18,000 yuan a year.
POOR = HouseholdIncome(size=3, monthly_income_per_person=500.0)


def ev(kind: str, days_ago: int = 10, amount: int | None = None, id: str = "") -> WarningEvent:
    return WarningEvent(
        kind=kind, occurred_on=TODAY - timedelta(days=days_ago), amount=amount, id=id
    )


def score(
    *events: WarningEvent,
    settings: WarningSettings = DEFAULTS,
    income: HouseholdIncome = POOR,
) -> WarningResult:
    return score_household(events, income, settings, TODAY)


def test_no_events_is_no_warning() -> None:
    result = score()
    assert (result.score, result.level, result.indicators, result.deadline_days) == (
        0.0,
        "NONE",
        (),
        None,
    )


@pytest.mark.parametrize(
    ("kind", "weight", "level"),
    [
        (HOSPITALISATION, 0.30, "YELLOW"),
        (CHRONIC_DISEASE, 0.20, "BLUE"),
        (NEW_DISABILITY, 0.20, "BLUE"),
        (NEW_UNEMPLOYMENT, 0.15, "BLUE"),
        (COLLEGE_ADMISSION, 0.15, "BLUE"),
    ],
)
def test_each_gansu_indicator_alone(kind: str, weight: float, level: str) -> None:
    result = score(ev(kind, id="e1"))
    assert result.indicators == (kind,)
    assert result.score == pytest.approx(weight)
    assert result.level == level
    assert result.event_ids == ("e1",)


def test_repeats_of_an_indicator_count_once() -> None:
    once = score(ev(HOSPITALISATION, id="a"))
    thrice = score(ev(HOSPITALISATION, 5, id="a"), ev(HOSPITALISATION, 50, id="b"))
    assert thrice.score == once.score
    assert thrice.event_ids == ("a", "b")  # both are evidence for the alert


def test_medical_cost_counts_from_its_ratio_of_annual_income() -> None:
    line = round(0.40 * POOR.annual_income)  # 7,200 yuan
    below = score(ev(MEDICAL_COST, amount=line - 1))
    at = score(ev(MEDICAL_COST, amount=line))
    assert below.indicators == () and below.level == "NONE"
    assert at.indicators == (MEDICAL_COST,) and at.score == pytest.approx(0.20)


def test_costs_of_a_kind_add_up_over_the_window() -> None:
    half = round(0.40 * POOR.annual_income / 2)
    result = score(ev(MEDICAL_COST, 10, half, "a"), ev(MEDICAL_COST, 200, half, "b"))
    assert result.indicators == (MEDICAL_COST,)
    assert result.event_ids == ("a", "b")


def test_schooling_cost_has_its_own_line() -> None:
    line = round(0.30 * POOR.annual_income)  # 5,400 yuan
    assert score(ev(SCHOOLING_COST, amount=line - 1)).indicators == ()
    assert score(ev(SCHOOLING_COST, amount=line)).indicators == (SCHOOLING_COST,)
    # a medical bill does not help a schooling cost over its line
    mixed = score(ev(SCHOOLING_COST, amount=line - 1), ev(MEDICAL_COST, amount=100))
    assert mixed.indicators == ()


def test_a_household_without_income_crosses_a_line_with_any_cost() -> None:
    broke = HouseholdIncome(size=2, monthly_income_per_person=0.0)
    assert score(ev(MEDICAL_COST, amount=1), income=broke).indicators == (MEDICAL_COST,)
    assert score(ev(MEDICAL_COST, amount=0), income=broke).indicators == ()


def test_the_same_cost_weighs_more_on_a_poorer_household() -> None:
    richer = HouseholdIncome(size=3, monthly_income_per_person=3000.0)  # 108,000 a year
    bill = ev(MEDICAL_COST, amount=20_000)
    assert score(bill).indicators == (MEDICAL_COST,)
    assert score(bill, income=richer).indicators == ()


def test_overlapping_hardships_raise_the_score_beyond_the_sum() -> None:
    two = score(ev(HOSPITALISATION), ev(CHRONIC_DISEASE))
    assert two.score == pytest.approx(0.30 + 0.20 + 0.05)
    assert two.level == "ORANGE"
    three = score(ev(HOSPITALISATION), ev(CHRONIC_DISEASE), ev(NEW_DISABILITY))
    assert three.score == pytest.approx(0.70 + 2 * 0.05)
    assert three.level == "RED"
    # two light ones overlap into the next level, which neither reaches alone
    light = score(ev(NEW_UNEMPLOYMENT), ev(COLLEGE_ADMISSION))
    assert light.score == pytest.approx(0.35) and light.level == "YELLOW"


def test_the_bonus_is_a_setting() -> None:
    flat = replace(DEFAULTS, overlap_bonus=0.0)
    assert score(ev(NEW_UNEMPLOYMENT), ev(COLLEGE_ADMISSION), settings=flat).score == 0.30


def test_indicators_are_reported_in_a_fixed_order() -> None:
    result = score(*(ev(k, amount=1_000_000) for k in reversed(INDICATORS)))
    assert result.indicators == INDICATORS
    assert result.level == "RED"


@pytest.mark.parametrize(
    ("weight", "level"),
    [
        (0.1499, "NONE"),
        (0.15, "BLUE"),
        (0.2999, "BLUE"),
        (0.30, "YELLOW"),
        (0.4499, "YELLOW"),
        (0.45, "ORANGE"),
        (0.5999, "ORANGE"),
        (0.60, "RED"),
        (1.5, "RED"),
    ],
)
def test_thresholds_at_their_boundaries(weight: float, level: str) -> None:
    settings = replace(DEFAULTS, new_unemployment=weight)
    assert score(ev(NEW_UNEMPLOYMENT), settings=settings).level == level


def test_decimal_weights_summing_to_a_threshold_reach_it() -> None:
    # 0.1 + 0.2 is 0.30000000000000004 in floats and 0.15 + 0.15 exactly 0.3: both YELLOW.
    settings = replace(DEFAULTS, new_unemployment=0.1, college_admission=0.2, overlap_bonus=0)
    assert score(ev(NEW_UNEMPLOYMENT), ev(COLLEGE_ADMISSION), settings=settings).level == "YELLOW"


@pytest.mark.parametrize(
    ("level", "days"), [("BLUE", 20), ("YELLOW", 10), ("ORANGE", 5), ("RED", 2), ("NONE", None)]
)
def test_deadline_per_level(level: str, days: int | None) -> None:
    assert DEFAULTS.deadline_days(level) == days


def test_the_result_carries_its_levels_deadline() -> None:
    assert score(ev(HOSPITALISATION)).deadline_days == 10  # YELLOW
    red = score(ev(HOSPITALISATION), ev(CHRONIC_DISEASE), ev(NEW_DISABILITY))
    assert red.deadline_days == 2


def test_the_window_includes_its_last_day_and_not_the_next() -> None:
    assert score(ev(HOSPITALISATION, days_ago=365)).level == "YELLOW"
    assert score(ev(HOSPITALISATION, days_ago=366)).level == "NONE"
    short = replace(DEFAULTS, window_days=30)
    assert score(ev(HOSPITALISATION, days_ago=31), settings=short).level == "NONE"


def test_old_costs_do_not_add_to_new_ones() -> None:
    line = round(0.40 * POOR.annual_income)
    old_and_new = score(ev(MEDICAL_COST, 400, line), ev(MEDICAL_COST, 5, line - 1))
    assert old_and_new.indicators == ()


def test_events_dated_after_today_do_not_count() -> None:
    assert score(ev(HOSPITALISATION, days_ago=-1)).level == "NONE"


def test_unknown_kinds_are_ignored() -> None:
    assert score(ev("FIRE")).level == "NONE"


def test_level_rank_orders_the_colours() -> None:
    ranks = [level_rank(x) for x in ("NONE", "BLUE", "YELLOW", "ORANGE", "RED")]
    assert ranks == sorted(ranks) and len(set(ranks)) == 5


@pytest.mark.parametrize(
    "bad",
    [
        {"yellow": 0.1},  # below blue
        {"red_days": 30},  # red would allow longer than blue
        {"window_days": 0},
        {"hospitalisation": -0.1},
        {"medical_cost_ratio": 0.0},
    ],
)
def test_inconsistent_settings_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        WarningSettings(**bad)  # type: ignore[arg-type]
