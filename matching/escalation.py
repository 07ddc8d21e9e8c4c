"""Escalation timing (催办): which reminder steps are due for something overdue.

Step 1 reminds the responsible worker when the deadline passes; step 2 goes to the station
after a grace period; step 3 to the county coordinator after another. A pass computes every
step already due, so a pass that ran late (or not at all for a while) skips none.

Pure: the caller passes `now`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Final

# Dates in the registry (follow-up due days) are days in China Standard Time.
CHINA_TZ: Final = timezone(timedelta(hours=8), "CST")

REMIND_WORKER: Final = 1
ESCALATE_STATION: Final = 2
ESCALATE_COUNTY: Final = 3
STEPS: Final = (REMIND_WORKER, ESCALATE_STATION, ESCALATE_COUNTY)


@dataclass(frozen=True, slots=True)
class EscalationSettings:
    station_grace_days: float = 2.0  # after the deadline, before the station is told
    county_grace_days: float = 2.0  # after the station was told, before the county is

    def __post_init__(self) -> None:
        if self.station_grace_days < 0 or self.county_grace_days < 0:
            raise ValueError("grace periods must not be negative")


def step_times(due: datetime, settings: EscalationSettings) -> dict[int, datetime]:
    station = due + timedelta(days=settings.station_grace_days)
    return {
        REMIND_WORKER: due,
        ESCALATE_STATION: station,
        ESCALATE_COUNTY: station + timedelta(days=settings.county_grace_days),
    }


def steps_due(due: datetime, now: datetime, settings: EscalationSettings) -> tuple[int, ...]:
    """Every step whose time has come, in order: none before the deadline, then 1, 1-2, 1-3."""
    return tuple(step for step, at in step_times(due, settings).items() if now >= at)


def follow_up_deadline(due_on: date, zone: tzinfo = CHINA_TZ) -> datetime:
    """A follow-up due on a day is overdue from the next midnight in the registry's zone
    (China time unless configured): the same day boundary as the clock's `today`."""
    return datetime.combine(due_on + timedelta(days=1), time(0), zone)


def today_in_china(now: datetime) -> date:
    return now.astimezone(CHINA_TZ).date()
