"""The one clock: what time it is, and which day it is in the configured zone.

Every request (`Context.clock`) and every job (`ctx["clock"]`) gets the same kind of object;
services and graph functions receive `now`/`today` from it. `SystemClock` is the only code
in server/, graph/ and matching/ that reads the system time (tests/unit/test_clock_rule.py
holds everyone else to that), so "today" means one thing everywhere: China's date unless
`BANGFU_TIMEZONE` says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Final, Protocol
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE: Final = "Asia/Shanghai"


# Only `today()` uses the zone. Instants stay in UTC: a datetime carrying a named zone
# (ZoneInfo) sent to the embedded Neo4j dropped the web server's connection in our tests, so
# convert with `.astimezone(UTC)` before an instant goes to the graph.


class Clock(Protocol):
    @property
    def zone(self) -> tzinfo: ...

    def now(self) -> datetime:
        """The current instant, timezone-aware (told in UTC: the same instant everywhere,
        and what Neo4j stores without a zone database)."""
        ...

    def today(self) -> date:
        """The current day in the clock's zone."""
        ...


@dataclass(frozen=True, slots=True)
class SystemClock:
    zone: tzinfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIMEZONE))

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().astimezone(self.zone).date()


@dataclass(frozen=True, slots=True)
class FixedClock:
    """Always the same instant: for tests, and for a test server started at a chosen time."""

    at: datetime  # timezone-aware
    zone: tzinfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIMEZONE))

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("a fixed clock needs a timezone-aware instant")

    def now(self) -> datetime:
        return self.at.astimezone(UTC)

    def today(self) -> date:
        return self.at.astimezone(self.zone).date()


def clock_for(*, timezone: str, fixed_now: datetime | None) -> Clock:
    """The clock the settings ask for (`Settings.clock()` calls this)."""
    zone = ZoneInfo(timezone)
    if fixed_now is not None:
        return FixedClock(at=fixed_now, zone=zone)
    return SystemClock(zone=zone)


def stopped_at(clock: Clock, instant: datetime) -> FixedClock:
    """The same zone, stopped at `instant`: a pass or a list judged as of a chosen time. An
    instant without an offset is read as UTC, as the API writes its times."""
    aware = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
    return FixedClock(at=aware, zone=clock.zone)
