"""Re-planning a worker's round mid-day: the visits recorded today keep their place at the
head, an emergency is inserted, the rest is ordered again from where the worker is; the
difference from the stored round is returned (matching.rounds.replan)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from graph.driver import Graph
from graph.rounds import (
    RoundRow,
    due_households,
    household_places,
    round_by_id,
    round_workers,
    write_round_tx,
)
from matching.rounds import Place, RoundPlan, VisitRequest
from matching.rounds.due import due_visit
from matching.rounds.model import (
    SERVICE_MINUTES,
    LateReason,
    PlannedStop,
    StopWarning,
    VisitKind,
)
from matching.rounds.replan import RoundDiff, diff, replan
from server.registry.validation import FieldError
from server.services.errors import EntityNotFound, InvalidFields, StateConflict
from server.services.registry import Caller
from server.services.rounds import (
    DAY_TIME_LIMIT_S,
    WORK_START,
    _check_caller,
    _facts,
    _minutes_after_midnight,
    _round_props,
    _stops,
    round_id,
    worker_day,
)
from server.services.writes import run_write

MAX_EMERGENCIES = 5


@dataclass(frozen=True, slots=True)
class Replanned:
    round: RoundRow
    diff: RoundDiff
    households: dict[str, str]  # visit id -> household id, of both plans


def plan_of(row: RoundRow) -> RoundPlan:
    """The stored round as the planner's own plan (to re-plan and compare)."""
    return RoundPlan(
        worker_id=row.worker_id,
        stops=tuple(
            PlannedStop(
                visit_id=s.visit_id,
                household_id=s.household_id,
                kind=VisitKind(s.kind),
                arrival=s.arrival,
                start=s.start,
                departure=s.departure,
                travel_minutes=s.travel_minutes,
                km=s.km,
                late=LateReason(s.late) if s.late else None,
                warnings=tuple(StopWarning(w) for w in s.warnings),
                responsible_worker_id=s.responsible_worker_id,
            )
            for s in row.stops
        ),
        dropped=(),
        start=row.start,
        end=row.end,
        km=row.km,
        travel_minutes=row.travel_minutes,
        engine=row.engine,
    )


async def replan_worker_day(
    graph: Graph,
    caller: Caller,
    worker_id: str,
    day: date,
    *,
    today: date,
    now: datetime,
    emergency_household_ids: Sequence[str] = (),
) -> Replanned:
    """Re-plan today's (or a later day's) stored round; a past day is refused."""
    _check_caller(caller, worker_id)
    if day < today:
        raise InvalidFields([FieldError("date", "a past day is not re-planned", "PAST_DAY")])
    if len(emergency_household_ids) > MAX_EMERGENCIES:
        raise InvalidFields(
            [FieldError("emergencyHouseholdIds", f"at most {MAX_EMERGENCIES}", "TOO_MANY")]
        )
    workers = await round_workers(graph, scope=caller.scope, worker_id=worker_id, station_id=None)
    if not workers:
        raise EntityNotFound("SocialWorker", worker_id, "workerId")
    w = workers[0]
    stored = await round_by_id(graph, scope=caller.scope, round_id=round_id(w.id, day))
    if stored is None:
        raise StateConflict("NO_ROUND", "plan the day before re-planning it", "date")
    emergencies_at = await household_places(
        graph, scope=caller.scope, household_ids=list(dict.fromkeys(emergency_household_ids))
    )
    for i, hid in enumerate(emergency_household_ids):
        if hid not in emergencies_at:
            raise EntityNotFound("Household", hid, f"emergencyHouseholdIds.{i}")
    done_stops = [s for s in stored.stops if s.visit_recorded_id]
    places = await household_places(
        graph, scope=caller.scope, household_ids=[s.household_id for s in done_stops]
    )
    due = (await due_households(graph, [w.id], day))[w.id]
    visited = {s.household_id for s in done_stops}
    urgent = set(emergency_household_ids)
    visits: list[VisitRequest] = []
    for h in due:
        if h.household_id in visited or h.household_id in urgent:
            continue  # seen today (kept below), or planned as the emergency it now is
        v = due_visit(_facts(w.id, h, day))
        if v is not None:
            visits.append(v)
    for s in done_stops:
        kind = VisitKind(s.kind)
        at = places.get(s.household_id)
        visits.append(
            VisitRequest(
                id=s.visit_id,
                household_id=s.household_id,
                location=Place(*at) if at else None,
                kind=kind,
                service_minutes=SERVICE_MINUTES[kind],
                done=True,
                worker_id=w.id,
            )
        )
    emergencies = [
        VisitRequest(
            id=f"{hid}:EMERGENCY",
            household_id=hid,
            location=Place(*at) if (at := emergencies_at[hid]) else None,
            kind=VisitKind.EMERGENCY,
            service_minutes=SERVICE_MINUTES[VisitKind.EMERGENCY],
            worker_id=w.id,
        )
        for hid in dict.fromkeys(emergency_household_ids)
    ]
    minutes = _minutes_after_midnight(now, day) if day == today else WORK_START
    previous = plan_of(stored)
    plan = await asyncio.to_thread(
        replan,
        worker_day(w),
        previous,
        visits,
        now=max(minutes, WORK_START),
        emergencies=emergencies,
        time_limit_s=DAY_TIME_LIMIT_S,
    )
    plan = replace(plan, worker_id=w.id)
    kinds = {v.id: v.kind.value for v in [*visits, *emergencies]}
    await run_write(
        graph,
        write_round_tx,
        round_props=_round_props(w, day, plan, kinds),
        stops=_stops(plan),
        actor=caller.actor,
    )
    row = await round_by_id(graph, scope=caller.scope, round_id=round_id(w.id, day))
    assert row is not None
    households = {s.visit_id: s.household_id for s in [*previous.stops, *plan.stops]}
    return Replanned(round=row, diff=diff(previous, plan), households=households)
