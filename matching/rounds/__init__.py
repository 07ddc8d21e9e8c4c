"""Visit rounds: a worker's day (or a station's) planned as a VRP with time windows.

Pure: values in, values out. `plan_worker_day`, `plan_station_day`, `replan` and `diff`
are the entry points; the engine is an interface (`RoutingEngine`) with OR-Tools' routing
as the default and PyVRP (a dev dependency) beside it.
"""

from matching.rounds.model import (
    SERVICE_MINUTES,
    Break,
    DroppedVisit,
    DropReason,
    LateReason,
    Place,
    PlannedStop,
    RoundInputError,
    RoundPlan,
    StationPlan,
    StopWarning,
    TimeWindow,
    VisitKind,
    VisitRequest,
    WorkerDay,
)
from matching.rounds.planner import plan_station_day, plan_worker_day
from matching.rounds.replan import RoundDiff, StopMove, diff, replan

__all__ = [
    "SERVICE_MINUTES",
    "Break",
    "DropReason",
    "DroppedVisit",
    "LateReason",
    "Place",
    "PlannedStop",
    "RoundDiff",
    "RoundInputError",
    "RoundPlan",
    "StationPlan",
    "StopMove",
    "StopWarning",
    "TimeWindow",
    "VisitKind",
    "VisitRequest",
    "WorkerDay",
    "diff",
    "plan_station_day",
    "plan_worker_day",
    "replan",
]
