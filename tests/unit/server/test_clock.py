"""The one clock: China's date by default, configurable, and stoppable only outside
production."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from matching.escalation import follow_up_deadline
from server.clock import FixedClock, SystemClock, stopped_at
from server.settings import Settings, SettingsError

FIVE_PM_UTC = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)


def test_at_five_pm_utc_it_is_already_tomorrow_in_china() -> None:
    clock = FixedClock(at=FIVE_PM_UTC)
    assert clock.today() == date(2026, 12, 2)
    assert clock.now() == FIVE_PM_UTC and clock.now().utcoffset() is not None


def test_a_follow_up_due_yesterday_in_china_is_past_its_deadline_at_five_pm_utc() -> None:
    clock = FixedClock(at=FIVE_PM_UTC)
    due = date(2026, 12, 1)  # the UTC date; in China that was yesterday
    assert due < clock.today()  # what `Match.overdue` asks
    assert follow_up_deadline(due, clock.zone) <= clock.now()  # what escalation asks


def test_the_zone_is_configurable() -> None:
    clock = FixedClock(at=FIVE_PM_UTC, zone=ZoneInfo("UTC"))
    assert clock.today() == date(2026, 12, 1)


def test_the_system_clock_is_aware_and_in_its_zone() -> None:
    clock = SystemClock()
    now = clock.now()
    assert now.tzinfo is not None
    assert clock.today() in (
        now.astimezone(clock.zone).date(),
        clock.now().astimezone(clock.zone).date(),
    )


def test_stopping_a_clock_keeps_its_zone_and_reads_naive_times_as_utc() -> None:
    stopped = stopped_at(SystemClock(), datetime(2026, 12, 1, 17, 0))
    assert stopped.now() == FIVE_PM_UTC
    assert stopped.today() == date(2026, 12, 2)


def test_a_fixed_clock_needs_an_aware_instant() -> None:
    with pytest.raises(ValueError):
        FixedClock(at=datetime(2026, 12, 1, 17, 0))


def test_settings_build_the_clock() -> None:
    settings = Settings.from_env({"BANGFU_FIXED_NOW": "2026-12-01T17:00:00+00:00"})
    assert settings.clock().today() == date(2026, 12, 2)
    utc = Settings.from_env({"BANGFU_TIMEZONE": "UTC", "BANGFU_FIXED_NOW": "2026-12-01T17:00Z"})
    assert utc.clock().today() == date(2026, 12, 1)
    assert isinstance(Settings.from_env({}).clock(), SystemClock)


def test_production_ignores_a_fixed_clock() -> None:
    env = {"BANGFU_ENV": "production", "BANGFU_FIXED_NOW": "2026-12-01T17:00:00+00:00"}
    assert isinstance(Settings.from_env(env).clock(), SystemClock)


@pytest.mark.parametrize(
    "env",
    [
        {"BANGFU_TIMEZONE": "Mars/Olympus"},
        {"BANGFU_FIXED_NOW": "yesterday"},
        {"BANGFU_FIXED_NOW": "2026-12-01T17:00:00"},  # no offset: ambiguous
    ],
)
def test_bad_clock_settings_are_refused(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError):
        Settings.from_env(env)
