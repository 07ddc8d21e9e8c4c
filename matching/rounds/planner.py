"""Planning rounds: one worker's day, or a station's workers together, on a routing engine.

The objective is travel time (seconds); leaving a visit out costs by its priority, a
deadline missed costs by the minute (so an unreachable deadline is met as early as it can
be), and at a station a colleague taking someone else's urgent visit costs a fixed amount,
paid only when the responsible worker cannot do as well.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from matching.rounds.model import (
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
from matching.rounds.ortools_engine import OrToolsEngine, OrToolsOptions
from matching.rounds.problem import (
    IntMatrix,
    Node,
    RoutingEngine,
    RoutingProblem,
    RoutingSolution,
    Vehicle,
)
from matching.rounds.travel import FloatMatrix, km_matrix, minutes_matrix, seconds_matrix

DEFAULT_TIME_LIMIT_S = 0.5
# Costs are in seconds of travel.
OPTIONAL_PENALTY = 4 * 3600  # per (priority + 1): any visit that fits is worth the detour
MANDATORY_PENALTY = 10**9  # left out only when the day cannot hold it at all
LATE_COST_PER_MINUTE = 6000  # a minute late weighs 100 minutes of travel
REASSIGN_COST = 4 * 3600  # a colleague's visit: taken only to beat a deadline
# Measured on 20-stop days (bench rounds-day): a stronger guided-local-search penalty than
# the Solomon default escapes the 2-opt local optima a day's tour falls into.
DAY_OPTIONS = OrToolsOptions(gls_lambda=0.3)


@dataclass(frozen=True, slots=True)
class _Built:
    problem: RoutingProblem
    days: tuple[WorkerDay, ...]
    visits: tuple[VisitRequest, ...]  # node 2 * len(days) + i is visits[i]
    km: FloatMatrix
    first_visit: int


def urgent(v: VisitRequest) -> bool:
    return v.mandatory or v.deadline is not None or v.kind is VisitKind.EMERGENCY


def plan_worker_day(
    day: WorkerDay,
    visits: Sequence[VisitRequest],
    *,
    engine: RoutingEngine | None = None,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
) -> RoundPlan:
    """A worker's round for one day. Done visits are kept first, in the order given."""
    return plan_station_day([day], visits, engine=engine, time_limit_s=time_limit_s).rounds[0]


def plan_station_day(
    days: Sequence[WorkerDay],
    visits: Sequence[VisitRequest],
    *,
    engine: RoutingEngine | None = None,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
) -> StationPlan:
    """Rounds for a station's workers together (vehicles = workers). A visit stays with its
    responsible worker unless it is urgent and a colleague meets its deadline better."""
    days = tuple(days)
    _check(days, visits)
    engine = engine or OrToolsEngine(DAY_OPTIONS)
    dropped: list[DroppedVisit] = []
    routed: list[VisitRequest] = []
    unplaced = [v for v in visits if v.location is None and not v.unavailable]
    tails = _assign_unplaced(days, unplaced)
    # Visits without a place come last: their time at the door is kept free at the end.
    reserve = [sum(v.service_minutes for v in tails[k]) for k in range(len(days))]
    routed_end = max(max(d.work_start, d.work_end - r) for d, r in zip(days, reserve, strict=True))
    for v in visits:
        if v.unavailable:
            dropped.append(DroppedVisit(v.id, v.household_id, DropReason.UNAVAILABLE_TODAY))
        elif v.location is None:
            continue
        elif _clip(v.windows, days, v, routed_end) is None:
            dropped.append(DroppedVisit(v.id, v.household_id, DropReason.OUTSIDE_WINDOWS))
        else:
            routed.append(v)
    built = _build(days, routed, reserve, routed_end)
    solution = engine.solve(built.problem, time_limit_s)
    for node in solution.dropped:
        v = built.visits[node - built.first_visit]
        dropped.append(DroppedVisit(v.id, v.household_id, _drop_reason(built, node)))
    owner = {v.id: _owner(v, days) for v in visits}
    rounds = [
        replace(
            _round(built, k, solution.routes[k], tails[k], solution),
            dropped=tuple(d for d in dropped if owner[d.visit_id] == k),
        )
        for k in range(len(days))
    ]
    return StationPlan(rounds=tuple(rounds), dropped=tuple(dropped))


def _check(days: tuple[WorkerDay, ...], visits: Sequence[VisitRequest]) -> None:
    if not days:
        raise RoundInputError("workers", "REQUIRED", "at least one worker")
    for k, d in enumerate(days):
        path = "worker" if len(days) == 1 else f"workers.{k}"
        if d.start is None:
            raise RoundInputError(
                f"{path}.start", "MISSING_START_LOCATION", "the worker has no home or station place"
            )
        if d.speed_kmh <= 0:
            raise RoundInputError(f"{path}.speedKmh", "NOT_POSITIVE", "speed must be positive")
        if not 0 <= d.work_start < d.work_end <= 48 * 60:
            raise RoundInputError(f"{path}.workEnd", "BAD_HOURS", "work must end after it starts")
    seen: set[str] = set()
    for i, v in enumerate(visits):
        if v.id in seen:
            raise RoundInputError(f"visits.{i}.id", "DUPLICATE", "visit ids must be unique")
        seen.add(v.id)
        if v.done:
            raise RoundInputError(f"visits.{i}.done", "DONE", "visits made are kept by replan")
        if v.service_minutes < 0:
            raise RoundInputError(f"visits.{i}.serviceMinutes", "NEGATIVE", "must be >= 0")
        for w in v.windows:
            if w.start > w.end:
                raise RoundInputError(f"visits.{i}.windows", "BAD_WINDOW", "a window ends first")


def _owner(v: VisitRequest, days: tuple[WorkerDay, ...]) -> int:
    for k, d in enumerate(days):
        if d.worker_id == v.worker_id:
            return k
    return 0


def _clip(
    windows: tuple[TimeWindow, ...],
    days: tuple[WorkerDay, ...],
    v: VisitRequest,
    end: int | None = None,
) -> tuple[tuple[int, int], ...] | None:
    """The windows inside working hours (None: none is), as (start, end) pairs; `end`
    closes the day earlier (time kept for the visits without a place)."""
    lo = min(d.work_start for d in days)
    hi = max(d.work_end for d in days) if end is None else end
    if not windows:
        return () if v.service_minutes <= hi - lo else None
    kept = tuple(
        (max(w.start, lo), min(w.end, hi)) for w in windows if w.end >= lo and w.start <= hi
    )
    return kept or None


def _assign_unplaced(
    days: tuple[WorkerDay, ...], unplaced: list[VisitRequest]
) -> list[list[VisitRequest]]:
    tails: list[list[VisitRequest]] = [[] for _ in days]
    for v in sorted(
        unplaced, key=lambda v: (-v.priority, v.deadline if v.deadline is not None else 1 << 30)
    ):
        tails[_owner(v, days)].append(v)
    return tails


def _build(
    days: tuple[WorkerDay, ...], routed: list[VisitRequest], reserve: list[int], end: int
) -> _Built:
    places: list[Place] = []
    for d in days:
        assert d.start is not None
        places += [d.start, d.end or d.start]
    places += [v.location for v in routed if v.location is not None]
    km = km_matrix(places, days[0].detour)
    first = 2 * len(days)
    index = {d.worker_id: k for k, d in enumerate(days)}
    nodes: list[Node] = [Node() for _ in range(first)]
    for v in routed:
        windows = _clip(v.windows, days, v, end) or ()
        owner = index.get(v.worker_id) if v.worker_id is not None else None
        nodes.append(
            Node(
                service=v.service_minutes,
                windows=windows,
                penalty=MANDATORY_PENALTY
                if urgent(v) or v.pinned
                else OPTIONAL_PENALTY * (v.priority + 1),
                deadline=v.deadline,
                vehicles=(owner,)
                if owner is not None and (not urgent(v) or len(days) == 1)
                else None,
            )
        )
    vehicles = tuple(
        Vehicle(
            start=2 * k,
            end=2 * k + 1,
            shift_start=d.work_start,
            shift_end=max(d.work_start, d.work_end - reserve[k]),
            profile=k,
            breaks=tuple((b.earliest, b.latest, b.minutes) for b in d.breaks),
        )
        for k, d in enumerate(days)
    )
    travel = tuple(minutes_matrix(km, d.speed_kmh) for d in days)
    seconds = tuple(seconds_matrix(km, d.speed_kmh) for d in days)
    # Pinned visits keep their given order within each worker's round; every pair, since
    # the order must hold when a pinned visit between two others is left out.
    precedences = tuple(
        pair
        for owner in {v.worker_id for v in routed if v.pinned}
        for pair in itertools.combinations(
            [first + i for i, v in enumerate(routed) if v.pinned and v.worker_id == owner], 2
        )
    )
    arc_cost: tuple[IntMatrix, ...] | None = None
    if len(days) > 1:
        arc_cost = tuple(
            _with_reassignment(seconds[k], routed, first, index, k) for k in range(len(days))
        )
    problem = RoutingProblem(
        travel=travel,
        nodes=tuple(nodes),
        vehicles=vehicles,
        arc_cost=arc_cost,
        distance=seconds if arc_cost is None else None,
        precedences=precedences,
        late_cost=LATE_COST_PER_MINUTE,
    )
    return _Built(problem, days, tuple(routed), km, first)


def _with_reassignment(
    seconds: IntMatrix, routed: list[VisitRequest], first: int, index: dict[str, int], k: int
) -> IntMatrix:
    cost = seconds.copy()
    for i, v in enumerate(routed):
        owner = index.get(v.worker_id) if v.worker_id is not None else None
        if owner is not None and owner != k:
            cost[:, first + i] += REASSIGN_COST
    return cost


def _drop_reason(built: _Built, node: int) -> DropReason:
    spec = built.problem.nodes[node]
    if not spec.windows:
        return DropReason.NO_TIME
    close = max(w[1] for w in spec.windows)
    reachable = any(
        v.shift_start + int(built.problem.travel[v.profile][v.start, node]) <= close
        for v in built.problem.vehicles
    )
    return DropReason.NO_TIME if reachable else DropReason.OUTSIDE_WINDOWS


def _late(v: VisitRequest, start: int, day: WorkerDay) -> LateReason | None:
    if v.deadline is None or start <= v.deadline:
        return None
    return (
        LateReason.DEADLINE_PASSED
        if v.deadline < day.work_start
        else LateReason.DEADLINE_UNREACHABLE
    )


def _window_start(windows: tuple[tuple[int, int], ...], t: int) -> int:
    for open_, close in sorted(windows):
        if t <= close:
            return max(t, open_)
    return t


def _round(
    built: _Built,
    k: int,
    nodes: tuple[int, ...],
    tail: list[VisitRequest],
    solution: RoutingSolution,
) -> RoundPlan:
    day = built.days[k]
    p = built.problem
    minutes = p.travel[k]
    pending = sorted(day.breaks, key=lambda b: b.earliest)
    t = day.work_start
    prev = 2 * k
    stops: list[PlannedStop] = []
    km_total = 0.0
    travel_total = 0
    for node in nodes:
        v = built.visits[node - built.first_visit]
        leg = int(minutes[prev, node])
        # Break as soon as it may start, or before a leg that would carry past its latest start.
        while pending and (t >= pending[0].earliest or t + leg > pending[0].latest):
            b = pending.pop(0)
            t = max(t, b.earliest) + b.minutes
        arrival = t + leg
        start = _window_start(p.nodes[node].windows, arrival)
        km = float(built.km[prev, node])
        stops.append(
            PlannedStop(
                visit_id=v.id,
                household_id=v.household_id,
                kind=v.kind,
                arrival=arrival,
                start=start,
                departure=start + v.service_minutes,
                travel_minutes=leg,
                km=round(km, 3),
                late=_late(v, start, day),
                warnings=_reassigned(v, day),
                responsible_worker_id=v.worker_id,
            )
        )
        km_total += km
        travel_total += leg
        t = start + v.service_minutes
        prev = node
    end_leg = int(minutes[prev, 2 * k + 1])
    for v in tail:
        # Unknown place: no travel is counted; the worker is told (planned last).
        start = _window_start(_clip(v.windows, built.days, v) or (), t)
        stops.append(
            PlannedStop(
                visit_id=v.id,
                household_id=v.household_id,
                kind=v.kind,
                arrival=t,
                start=start,
                departure=start + v.service_minutes,
                travel_minutes=0,
                km=0.0,
                late=_late(v, start, day),
                warnings=(StopWarning.NO_COORDINATES, *_reassigned(v, day)),
                responsible_worker_id=v.worker_id,
            )
        )
        t = start + v.service_minutes
    km_total += float(built.km[prev, 2 * k + 1])
    travel_total += end_leg
    warnings = ("HOUSEHOLDS_WITHOUT_COORDINATES",) if tail else ()
    return RoundPlan(
        worker_id=day.worker_id,
        stops=tuple(stops),
        dropped=(),
        start=day.work_start,
        end=t + end_leg,
        km=round(km_total, 3),
        travel_minutes=travel_total,
        optimal=solution.optimal,
        engine=solution.engine,
        warnings=warnings,
    )


def _reassigned(v: VisitRequest, day: WorkerDay) -> tuple[StopWarning, ...]:
    if v.worker_id is not None and v.worker_id != day.worker_id:
        return (StopWarning.REASSIGNED,)
    return ()
