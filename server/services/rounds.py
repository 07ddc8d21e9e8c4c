"""Visit rounds: read what is due, plan it with `matching.rounds`, write the round (audited).

Who: administrators and coordinators in their area, a station manager for their station's
workers, a worker for themselves. A worker's day is planned synchronously; a station's week
runs as a job (see server/jobs/rounds.py) with progress.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from arq.connections import ArqRedis

from graph.audit import Actor
from graph.driver import Graph
from graph.jobs import JobRecord, ReportProgress
from graph.rounds import (
    DueHousehold,
    RoundRow,
    RoundWorker,
    due_households,
    round_by_id,
    round_workers,
    set_availability_tx,
    write_round_tx,
)
from graph.scope import Scope
from matching.rounds import (
    Break,
    Place,
    RoundInputError,
    RoundPlan,
    StationPlan,
    VisitRequest,
    WorkerDay,
    plan_station_day,
)
from matching.rounds.due import DueFacts, due_visit, parse_window
from matching.rounds.travel import speed_of_mode
from server.registry.validation import FieldError
from server.roles import Role
from server.services.errors import EntityNotFound, InvalidFields, NotPermitted
from server.services.jobs import start_job
from server.services.registry import Caller
from server.services.writes import run_write

CHINA = timedelta(hours=8)
WORK_START, WORK_END = 8 * 60 + 30, 17 * 60 + 30
LUNCH = Break(11 * 60 + 30, 13 * 60, 60)
DAY_TIME_LIMIT_S = 0.5
WEEK_DAYS = 5  # Monday to Friday from weekStart
PLANNERS = (Role.ADMIN, Role.COORDINATOR, Role.STATION_MANAGER, Role.SOCIAL_WORKER)
MAX_WINDOWS = 6

Progress = ReportProgress  # a code and its parameters (graph.jobs)


def round_id(worker_id: str, day: date) -> str:
    return f"round-{worker_id}-{day.isoformat()}"


def _minutes_after_midnight(at: datetime, day: date) -> int:
    local = at.astimezone(UTC).replace(tzinfo=None) + CHINA
    return int((local - datetime.combine(day, datetime.min.time())).total_seconds() // 60)


def _facts(worker_id: str, h: DueHousehold, day: date) -> DueFacts:
    windows = []
    for text in h.windows:
        try:
            windows.append(parse_window(text))
        except ValueError:
            continue  # checked when recorded; an old bad value must not stop the plan

    def overdue(due: date | None) -> int | None:
        return None if due is None or due > day else (day - due).days

    return DueFacts(
        household_id=h.household_id,
        worker_id=worker_id,
        place=Place(h.lat, h.lon) if h.lat is not None and h.lon is not None else None,
        warning_level=h.warning_level,
        alert_level=h.alert_level,
        alert_deadline=_minutes_after_midnight(h.alert_due_at, day) if h.alert_due_at else None,
        follow_up_overdue_days=overdue(h.follow_up_due),
        review_overdue_days=overdue(h.review_due),
        windows=tuple(windows),
        unavailable=day.isoweekday() in h.unavailable_weekdays,
    )


def worker_day(w: RoundWorker, field: str = "workerId") -> WorkerDay:
    start = None
    if w.home_lat is not None and w.home_lon is not None:
        start = Place(w.home_lat, w.home_lon)
    elif w.station_lat is not None and w.station_lon is not None:
        start = Place(w.station_lat, w.station_lon)
    if start is None:
        raise InvalidFields(
            [
                FieldError(
                    field,
                    "the worker has no home or station place",
                    "MISSING_START_LOCATION",
                )
            ]
        )
    return WorkerDay(
        worker_id=w.id,
        start=start,
        speed_kmh=speed_of_mode(w.travel_mode),
        work_start=WORK_START,
        work_end=WORK_END,
        breaks=(LUNCH,),
    )


def _check_caller(caller: Caller, worker_id: str | None) -> None:
    if caller.role not in PLANNERS:
        raise NotPermitted(f"role {caller.role.value} may not plan rounds")
    if caller.role is Role.SOCIAL_WORKER and worker_id != caller.own_id:
        raise NotPermitted("a worker plans their own rounds only")


def _round_props(
    w: RoundWorker, day: date, plan: RoundPlan, kinds: dict[str, str]
) -> dict[str, Any]:
    return {
        "id": round_id(w.id, day),
        "worker_id": w.id,
        "station_id": w.station_id,
        "township_id": w.township_id,
        "date": day,
        "start": plan.start,
        "end": plan.end,
        "km": plan.km,
        "travel_minutes": plan.travel_minutes,
        "engine": plan.engine,
        "warnings": list(plan.warnings),
        "dropped_household_ids": [d.household_id for d in plan.dropped],
        "dropped_kinds": [kinds.get(d.visit_id, "") for d in plan.dropped],
        "dropped_reasons": [d.reason.value for d in plan.dropped],
    }


def _stops(plan: RoundPlan) -> list[dict[str, Any]]:
    return [
        {
            "position": i,
            "visit_id": s.visit_id,
            "household_id": s.household_id,
            "kind": s.kind.value,
            "arrival": s.arrival,
            "start": s.start,
            "departure": s.departure,
            "travel_minutes": s.travel_minutes,
            "km": s.km,
            "late": s.late.value if s.late else None,
            "warnings": [w.value for w in s.warnings],
            "responsible_worker_id": s.responsible_worker_id,
        }
        for i, s in enumerate(plan.stops)
    ]


async def _plan_and_write(
    graph: Graph,
    actor: Actor,
    workers: Sequence[RoundWorker],
    day: date,
    *,
    skip_households: set[str] | None = None,
) -> StationPlan:
    days = [
        worker_day(w, "workerId" if len(workers) == 1 else f"workers.{k}")
        for k, w in enumerate(workers)
    ]
    due = await due_households(graph, [w.id for w in workers], day)
    visits: list[VisitRequest] = []
    for w in workers:
        for h in due[w.id]:
            if skip_households and h.household_id in skip_households:
                continue
            v = due_visit(_facts(w.id, h, day))
            if v is not None:
                visits.append(v)
    kinds = {v.id: v.kind.value for v in visits}
    try:
        # The solver holds the CPU for its time limit: keep the event loop free.
        plan = await asyncio.to_thread(
            plan_station_day, days, visits, time_limit_s=DAY_TIME_LIMIT_S
        )
    except RoundInputError as exc:
        raise InvalidFields([FieldError(exc.field, exc.reason, exc.code)]) from exc
    for w, r in zip(workers, plan.rounds, strict=True):
        await run_write(
            graph,
            write_round_tx,
            round_props=_round_props(w, day, r, kinds),
            stops=_stops(r),
            actor=actor,
        )
    return plan


async def plan_worker_day(graph: Graph, caller: Caller, worker_id: str, day: date) -> RoundRow:
    _check_caller(caller, worker_id)
    workers = await round_workers(graph, scope=caller.scope, worker_id=worker_id, station_id=None)
    if not workers:
        raise EntityNotFound("SocialWorker", worker_id, "workerId")
    await _plan_and_write(graph, caller.actor, workers, day)
    row = await round_by_id(graph, scope=caller.scope, round_id=round_id(worker_id, day))
    assert row is not None
    return row


@dataclass(frozen=True, slots=True)
class WeekReport:
    rounds: int
    stops: int
    dropped: int

    def to_json(self) -> dict[str, int]:
        return {"rounds": self.rounds, "stops": self.stops, "dropped": self.dropped}


async def plan_station_week(
    graph: Graph,
    *,
    actor: Actor,
    scope: Scope,
    station_id: str,
    week_start: date,
    today: date,
    progress: Progress | None = None,
) -> WeekReport:
    """Monday to Friday, all the station's workers together each day; a household planned
    earlier in the week is not planned again later in it. Days before `today` keep the rounds
    they had: what is due now is planned from today on, never onto a day already past."""
    workers = await round_workers(graph, scope=scope, worker_id=None, station_id=station_id)
    if not workers:
        return WeekReport(0, 0, 0)
    planned: set[str] = set()
    rounds = stops = dropped = 0
    for k in range(WEEK_DAYS):
        day = week_start + timedelta(days=k)
        if day < today:
            continue
        plan = await _plan_and_write(graph, actor, workers, day, skip_households=planned)
        for r in plan.rounds:
            planned.update(s.household_id for s in r.stops)
            rounds += 1
            stops += len(r.stops)
        dropped += len(plan.dropped)
        if progress is not None:
            await progress(
                (k + 1) / WEEK_DAYS,
                "ROUNDS_DAY",
                day=day.isoformat(),
            )
    return WeekReport(rounds, stops, dropped)


async def request_station_week(
    graph: Graph, arq: ArqRedis, caller: Caller, station_id: str, week_start: date
) -> JobRecord:
    _check_caller(caller, None if caller.role is not Role.SOCIAL_WORKER else "")
    workers = await round_workers(graph, scope=caller.scope, worker_id=None, station_id=station_id)
    if not workers:
        raise EntityNotFound("Station", station_id, "stationId")
    if week_start.isoweekday() != 1:
        raise InvalidFields([FieldError("weekStart", "must be a Monday", "NOT_MONDAY")])
    return await start_job(
        graph,
        arq,
        now=caller.actor.at,
        job_id=f"job-rounds-{uuid.uuid4().hex}",
        function="station_week_rounds",
        params={
            "station_id": station_id,
            "week_start": week_start.isoformat(),
            "actor_id": caller.actor.id,
            "actor_role": caller.actor.role,
            # The caller's area when asked: the job plans nothing outside it.
            "townships": None if caller.scope.townships is None else list(caller.scope.townships),
        },
        created_by=caller.actor.id,
    )


async def set_household_availability(
    graph: Graph,
    caller: Caller,
    household_id: str,
    windows: Sequence[str],
    unavailable_weekdays: Sequence[int],
) -> int:
    """Recorded by the household's worker (or a manager in scope); the new version."""
    if caller.role not in PLANNERS:
        raise NotPermitted(f"role {caller.role.value} may not record availability")
    errors: list[FieldError] = []
    clean: list[str] = []
    if len(windows) > MAX_WINDOWS:
        errors.append(FieldError("windows", f"at most {MAX_WINDOWS}", "TOO_MANY"))
    for i, text in enumerate(windows):
        try:
            w = parse_window(text)
        except ValueError as exc:
            errors.append(FieldError(f"windows.{i}", str(exc), "BAD_WINDOW"))
            continue
        clean.append(f"{w.start // 60:02d}:{w.start % 60:02d}-{w.end // 60:02d}:{w.end % 60:02d}")
    for i, d in enumerate(unavailable_weekdays):
        if not 1 <= d <= 7:
            errors.append(
                FieldError(f"unavailable_weekdays.{i}", "1 (Monday) to 7", "OUT_OF_RANGE")
            )
    if errors:
        raise InvalidFields(errors)
    version = await run_write(
        graph,
        set_availability_tx,
        scope=caller.scope,
        household_id=household_id,
        windows=clean,
        weekdays=sorted(set(unavailable_weekdays)),
        actor=caller.actor,
    )
    if version is None:
        raise EntityNotFound("Household", household_id, "householdId")
    return int(version)
