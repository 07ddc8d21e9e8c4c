"""What is due becomes a visit to plan: its kind, time at the door, priority and deadline.

One visit per household and day, of the most pressing kind: an open alert to verify (its
deadline the alert's), a care visit for an orange/red household, a follow-up due by the
match's cadence, a class review (低保 A/B/C) due.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from matching.rounds.model import SERVICE_MINUTES, Place, TimeWindow, VisitKind, VisitRequest

ALERT_PRIORITY = {"RED": 100, "ORANGE": 80, "YELLOW": 60, "BLUE": 40}
MANDATORY_ALERTS = frozenset({"RED", "ORANGE"})
CARE_PRIORITY = {"RED": 70, "ORANGE": 50}
FOLLOW_UP_PRIORITY = 20
REVIEW_PRIORITY = 15
MAX_OVERDUE_BONUS = 30  # a day overdue adds one, up to this

_WINDOW = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")


@dataclass(frozen=True, slots=True)
class DueFacts:
    household_id: str
    worker_id: str
    place: Place | None
    warning_level: str
    alert_level: str | None  # an open alert
    alert_deadline: int | None  # minutes after the planned day's midnight (may be < 0)
    follow_up_overdue_days: int | None  # >= 0 when due
    review_overdue_days: int | None
    windows: tuple[TimeWindow, ...]
    unavailable: bool  # not at home on the planned day


def parse_window(text: str) -> TimeWindow:
    """ "14:00-17:30" -> minutes; ValueError when it is not one or ends before it starts."""
    m = _WINDOW.match(text.strip())
    if m is None:
        raise ValueError("expected HH:MM-HH:MM")
    start = int(m[1]) * 60 + int(m[2])
    end = int(m[3]) * 60 + int(m[4])
    if end <= start or end > 24 * 60:
        raise ValueError("the window must end after it starts, by 24:00")
    return TimeWindow(start, end)


def format_minutes(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def due_visit(f: DueFacts) -> VisitRequest | None:
    kind: VisitKind
    deadline = None
    mandatory = False
    if f.alert_level is not None:
        kind = VisitKind.ALERT_VERIFICATION
        priority = ALERT_PRIORITY.get(f.alert_level, 40)
        deadline = f.alert_deadline
        mandatory = f.alert_level in MANDATORY_ALERTS
    elif f.warning_level in CARE_PRIORITY:
        kind = VisitKind.CARE_VISIT
        priority = CARE_PRIORITY[f.warning_level]
    elif f.follow_up_overdue_days is not None:
        kind = VisitKind.FOLLOW_UP
        priority = FOLLOW_UP_PRIORITY + min(f.follow_up_overdue_days, MAX_OVERDUE_BONUS)
    elif f.review_overdue_days is not None:
        kind = VisitKind.CLASS_REVIEW
        priority = REVIEW_PRIORITY + min(f.review_overdue_days, MAX_OVERDUE_BONUS)
    else:
        return None
    return VisitRequest(
        id=f"{f.household_id}:{kind.value}",
        household_id=f.household_id,
        location=f.place,
        kind=kind,
        service_minutes=SERVICE_MINUTES[kind],
        windows=f.windows,
        priority=priority,
        deadline=deadline,
        mandatory=mandatory,
        worker_id=f.worker_id,
        unavailable=f.unavailable,
    )
