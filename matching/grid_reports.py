"""Grid reporting (网格发现): who may report, the report's lifecycle and its time limit.

Village cadres, grid members and party members report what they see in their villages; the
station confirms each report within a time limit, linking it to a household, or dismisses
it. A report still pending after its deadline is escalated like an overdue alert. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

VILLAGE_CADRE: Final = "VILLAGE_CADRE"
GRID_MEMBER: Final = "GRID_MEMBER"
PARTY_MEMBER: Final = "PARTY_MEMBER"
GRID_ROLES: Final = (VILLAGE_CADRE, GRID_MEMBER, PARTY_MEMBER)

NEED: Final = "NEED"
EVENT: Final = "EVENT"
REPORT_KINDS: Final = (NEED, EVENT)

PENDING: Final = "PENDING"
CONFIRMED: Final = "CONFIRMED"
DISMISSED: Final = "DISMISSED"
STATUSES: Final = (PENDING, CONFIRMED, DISMISSED)
TRANSITIONS: Final[Mapping[str, frozenset[str]]] = {
    PENDING: frozenset({CONFIRMED, DISMISSED}),
    CONFIRMED: frozenset(),
    DISMISSED: frozenset(),
}


@dataclass(frozen=True, slots=True)
class GridReportSettings:
    confirm_hours: float = 48.0  # the station's time limit to confirm or dismiss

    def __post_init__(self) -> None:
        if self.confirm_hours <= 0:
            raise ValueError("the time limit must be positive")


def may_report(grid_role: str | None) -> bool:
    return grid_role in GRID_ROLES


def may_move(current: str, wanted: str) -> bool:
    return wanted in TRANSITIONS.get(current, frozenset())


def confirm_deadline(reported_at: datetime, settings: GridReportSettings) -> datetime:
    return reported_at + timedelta(hours=settings.confirm_hours)


def is_overdue(status: str, due_at: datetime, now: datetime) -> bool:
    return status == PENDING and now >= due_at
