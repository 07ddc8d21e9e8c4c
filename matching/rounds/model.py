"""What a round is planned from and what it comes out as: frozen values, no I/O.

Times are whole minutes after midnight of the planned day (China's date, decided by the
caller); places are WGS-84 degrees. Reasons are codes the frontend translates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class VisitKind(StrEnum):
    ALERT_VERIFICATION = "ALERT_VERIFICATION"  # a red/orange alert to verify at the door
    FOLLOW_UP = "FOLLOW_UP"
    CLASS_REVIEW = "CLASS_REVIEW"  # 低保 A/B/C cadence
    CARE_VISIT = "CARE_VISIT"
    EMERGENCY = "EMERGENCY"


# Minutes at the door by kind, when the caller does not say.
SERVICE_MINUTES: dict[VisitKind, int] = {
    VisitKind.ALERT_VERIFICATION: 40,
    VisitKind.FOLLOW_UP: 30,
    VisitKind.CLASS_REVIEW: 45,
    VisitKind.CARE_VISIT: 30,
    VisitKind.EMERGENCY: 45,
}


class DropReason(StrEnum):
    NO_TIME = "NO_TIME"  # the working day cannot hold it next to higher-priority visits
    OUTSIDE_WINDOWS = "OUTSIDE_WINDOWS"  # no availability window can be reached today
    UNAVAILABLE_TODAY = "UNAVAILABLE_TODAY"  # the household said not today


class LateReason(StrEnum):
    DEADLINE_PASSED = "DEADLINE_PASSED"  # the deadline was before the day began
    DEADLINE_UNREACHABLE = "DEADLINE_UNREACHABLE"  # travel and other deadlines make it late


class StopWarning(StrEnum):
    NO_COORDINATES = "NO_COORDINATES"  # planned last; travel to it is not known
    REASSIGNED = "REASSIGNED"  # a colleague takes it: its responsible worker could not


@dataclass(frozen=True, slots=True)
class Place:
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """Service may start at `start` and must start by `end` (minutes after midnight)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class VisitRequest:
    id: str  # the visit's id (one household can have more than one)
    household_id: str
    location: Place | None
    kind: VisitKind
    service_minutes: int
    windows: tuple[TimeWindow, ...] = ()  # empty: any time in the working day
    priority: int = 1  # 0 (may wait) .. 100 (urgent); weighs what is dropped
    deadline: int | None = None  # minutes; may be negative (already overdue)
    mandatory: bool = False  # never dropped for lack of time while anything else can go
    pinned: bool = False  # pinned visits keep the order they are given in
    done: bool = False  # already made today (re-plan): kept, in order, at the head
    worker_id: str | None = None  # the responsible worker (station plans)
    unavailable: bool = False  # the household is not at home on this date


@dataclass(frozen=True, slots=True)
class Break:
    earliest: int  # minutes: the break starts no earlier
    latest: int  # and no later
    minutes: int


@dataclass(frozen=True, slots=True)
class WorkerDay:
    worker_id: str
    start: Place | None  # home or station
    speed_kmh: float
    work_start: int
    work_end: int
    breaks: tuple[Break, ...] = ()
    end: Place | None = None  # None: back to the start
    detour: float = 1.3  # road distance / straight line


@dataclass(frozen=True, slots=True)
class PlannedStop:
    visit_id: str
    household_id: str
    kind: VisitKind
    arrival: int  # reaching the door (minutes)
    start: int  # service starts (>= arrival; later when waiting for a window)
    departure: int
    travel_minutes: int  # from the previous stop
    km: float  # from the previous stop (0 when a place is unknown)
    late: LateReason | None = None
    warnings: tuple[StopWarning, ...] = ()
    responsible_worker_id: str | None = None


@dataclass(frozen=True, slots=True)
class DroppedVisit:
    visit_id: str
    household_id: str
    reason: DropReason


@dataclass(frozen=True, slots=True)
class RoundPlan:
    worker_id: str
    stops: tuple[PlannedStop, ...]
    dropped: tuple[DroppedVisit, ...]
    start: int  # leaving the start place
    end: int  # back at the end place
    km: float
    travel_minutes: int
    optimal: bool = False  # the engine proved it (small days) or it was enumerated
    engine: str = "ortools"
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def late(self) -> tuple[PlannedStop, ...]:
        return tuple(s for s in self.stops if s.late is not None)


@dataclass(frozen=True, slots=True)
class StationPlan:
    rounds: tuple[RoundPlan, ...]
    dropped: tuple[DroppedVisit, ...]


class RoundInputError(ValueError):
    """Bad input to the planner: names the field (a path like `workers.0.start`)."""

    def __init__(self, field: str, code: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.code = code
        self.reason = reason
