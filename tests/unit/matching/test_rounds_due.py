"""What is due becomes one visit per household, of its most pressing kind."""

from __future__ import annotations

import pytest

from matching.rounds import Place, TimeWindow, VisitKind
from matching.rounds.due import DueFacts, due_visit, format_minutes, parse_window


def facts(**kw: object) -> DueFacts:
    base: dict[str, object] = {
        "household_id": "h1",
        "worker_id": "w1",
        "place": Place(30.0, 110.0),
        "warning_level": "NONE",
        "alert_level": None,
        "alert_deadline": None,
        "follow_up_overdue_days": None,
        "review_overdue_days": None,
        "windows": (),
        "unavailable": False,
    }
    return DueFacts(**{**base, **kw})  # type: ignore[arg-type]


def test_windows_are_read_and_bad_ones_refused() -> None:
    assert parse_window("14:00-17:30") == TimeWindow(840, 1050)
    assert format_minutes(1050) == "17:30"
    for bad in ("25:00-26:00", "17:00-14:00", "2pm-5pm", "08:00-08:00"):
        with pytest.raises(ValueError):
            parse_window(bad)


def test_an_alert_outranks_everything_and_carries_its_deadline() -> None:
    v = due_visit(
        facts(
            alert_level="RED",
            alert_deadline=600,
            warning_level="RED",
            follow_up_overdue_days=3,
        )
    )
    assert v is not None and v.kind is VisitKind.ALERT_VERIFICATION
    assert v.deadline == 600 and v.mandatory and v.priority == 100
    yellow = due_visit(facts(alert_level="YELLOW", alert_deadline=900))
    assert yellow is not None and not yellow.mandatory and yellow.priority < v.priority


def test_care_follow_up_and_review_in_that_order_overdue_days_raise_priority() -> None:
    care = due_visit(facts(warning_level="ORANGE", follow_up_overdue_days=2))
    assert care is not None and care.kind is VisitKind.CARE_VISIT
    late = due_visit(facts(follow_up_overdue_days=10, review_overdue_days=1))
    fresh = due_visit(facts(follow_up_overdue_days=0))
    assert late is not None and fresh is not None
    assert late.kind is VisitKind.FOLLOW_UP and late.priority > fresh.priority
    review = due_visit(facts(review_overdue_days=0))
    assert review is not None and review.kind is VisitKind.CLASS_REVIEW
    assert due_visit(facts()) is None
