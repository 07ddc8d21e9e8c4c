"""Review and care-visit cadences: one rule per test, dates checked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from matching.cadence import (
    CadenceSettings,
    add_months,
    care_interval_days,
    follow_up_problem,
    next_care_visit,
    next_follow_up,
    next_review,
)

DAY = date(2026, 1, 31)


@pytest.mark.parametrize(
    ("dibao_class", "expected"),
    [("A", date(2027, 1, 31)), ("B", date(2026, 7, 31)), ("C", date(2026, 4, 30))],
)
def test_review_cadence_by_class_a_yearly_b_half_yearly_c_quarterly(
    dibao_class: str, expected: date
) -> None:
    assert next_review(DAY, dibao_class) == expected


def test_a_household_without_a_class_has_no_review_on_this_clock() -> None:
    assert next_review(DAY, None) is None


@pytest.mark.parametrize(
    ("level", "days"), [("RED", 7), ("ORANGE", 14), ("YELLOW", 21), ("BLUE", 30), ("NONE", 30)]
)
def test_care_visit_cadence_by_warning_level(level: str, days: int) -> None:
    assert care_interval_days(level) == days
    assert (next_care_visit(DAY, level) - DAY).days == days


def test_an_unknown_level_gets_the_default() -> None:
    assert care_interval_days(None) == care_interval_days("PURPLE") == 30


def test_settings_change_the_cadence_and_refuse_nonsense() -> None:
    quick = CadenceSettings(default_care_days=10)
    assert next_care_visit(DAY, None, quick) == date(2026, 2, 10)
    with pytest.raises(ValueError):
        CadenceSettings(default_care_days=0)


def test_month_arithmetic_clamps_to_the_month_end() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 5, 15), 12) == date(2027, 5, 15)


def test_follow_up_is_the_care_visit_when_no_review_comes_first() -> None:
    assert next_follow_up(DAY, warning_level="ORANGE") == date(2026, 2, 14)
    assert next_follow_up(DAY, warning_level="ORANGE", review_due=date(2026, 6, 1)) == date(
        2026, 2, 14
    )


def test_a_review_due_sooner_than_the_care_visit_sets_the_follow_up() -> None:
    assert next_follow_up(DAY, warning_level=None, review_due=date(2026, 2, 10)) == date(
        2026, 2, 10
    )


def test_an_overdue_review_does_not_pin_follow_ups_to_the_next_day() -> None:
    assert next_follow_up(DAY, warning_level="BLUE", review_due=date(2025, 12, 1)) == date(
        2026, 3, 2
    )
    assert next_follow_up(DAY, warning_level="BLUE", review_due=DAY) == date(2026, 3, 2)


def test_a_worker_may_come_back_sooner_but_not_later_than_the_cadence() -> None:
    assert follow_up_problem(date(2026, 2, 3), last_seen=DAY, warning_level="RED") is None
    assert follow_up_problem(date(2026, 2, 7), last_seen=DAY, warning_level="RED") is None
    assert (
        follow_up_problem(date(2026, 2, 8), last_seen=DAY, warning_level="RED")
        == "LATER_THAN_CADENCE"
    )
    assert follow_up_problem(DAY, last_seen=DAY, warning_level="RED") == "AFTER_VISIT"
