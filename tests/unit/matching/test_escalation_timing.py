"""Escalation timing as a pure function of (deadline, now, grace periods): a controllable
clock walks an overdue item through reminder, station and county."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from matching.escalation import (
    CHINA_TZ,
    ESCALATE_COUNTY,
    ESCALATE_STATION,
    REMIND_WORKER,
    EscalationSettings,
    follow_up_deadline,
    step_times,
    steps_due,
    today_in_china,
)

DUE = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
GRACE = EscalationSettings()  # two days to the station, two more to the county


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def test_nothing_before_the_deadline() -> None:
    assert steps_due(DUE, DUE - timedelta(microseconds=1), GRACE) == ()


def test_the_worker_is_reminded_at_the_deadline() -> None:
    assert steps_due(DUE, DUE, GRACE) == (REMIND_WORKER,)


def test_the_station_after_the_grace_period_then_the_county_after_another() -> None:
    clock = Clock(DUE)
    assert steps_due(DUE, clock.advance(days=2, seconds=-1), GRACE) == (REMIND_WORKER,)
    assert steps_due(DUE, clock.advance(seconds=1), GRACE) == (REMIND_WORKER, ESCALATE_STATION)
    assert steps_due(DUE, clock.advance(days=2, seconds=-1), GRACE) == (
        REMIND_WORKER,
        ESCALATE_STATION,
    )
    assert steps_due(DUE, clock.advance(seconds=1), GRACE) == (
        REMIND_WORKER,
        ESCALATE_STATION,
        ESCALATE_COUNTY,
    )


def test_a_late_pass_gets_every_step_missed() -> None:
    assert steps_due(DUE, DUE + timedelta(days=30), GRACE) == (1, 2, 3)


def test_the_steps_are_the_same_at_the_same_time() -> None:
    now = DUE + timedelta(days=3)
    assert steps_due(DUE, now, GRACE) == steps_due(DUE, now, GRACE)


def test_grace_periods_are_settings() -> None:
    quick = EscalationSettings(station_grace_days=0.5, county_grace_days=1)
    times = step_times(DUE, quick)
    assert times[ESCALATE_STATION] == DUE + timedelta(hours=12)
    assert times[ESCALATE_COUNTY] == DUE + timedelta(hours=36)
    # no grace at all: all three at once
    assert steps_due(DUE, DUE, EscalationSettings(0, 0)) == (1, 2, 3)


def test_negative_grace_is_refused() -> None:
    with pytest.raises(ValueError):
        EscalationSettings(station_grace_days=-1)


def test_a_follow_up_is_overdue_from_the_next_midnight_in_china() -> None:
    deadline = follow_up_deadline(date(2026, 6, 1))
    assert deadline == datetime(2026, 6, 2, 0, 0, tzinfo=CHINA_TZ)
    assert deadline == datetime(2026, 6, 1, 16, 0, tzinfo=UTC)
    assert steps_due(deadline, datetime(2026, 6, 1, 15, 59, tzinfo=UTC), GRACE) == ()
    assert steps_due(deadline, datetime(2026, 6, 1, 16, 0, tzinfo=UTC), GRACE) == (1,)


def test_today_is_the_day_in_china() -> None:
    assert today_in_china(datetime(2026, 6, 1, 15, 59, tzinfo=UTC)) == date(2026, 6, 1)
    assert today_in_china(datetime(2026, 6, 1, 16, 0, tzinfo=UTC)) == date(2026, 6, 2)
