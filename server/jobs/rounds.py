"""The station's week of rounds as an arq job with progress."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from graph.audit import Actor
from graph.driver import Graph
from graph.jobs import JobText
from graph.scope import Scope
from server.clock import Clock
from server.jobs.tracking import Progress, run_tracked
from server.services.rounds import plan_station_week


async def _week_body(
    graph: Graph, progress: Progress, params: dict[str, Any], *, clock: Clock
) -> tuple[JobText, dict[str, Any]]:
    townships = params.get("townships")
    report = await plan_station_week(
        graph,
        actor=Actor(id=params["actor_id"], role=params["actor_role"], at=clock.now()),
        scope=Scope(townships=None if townships is None else tuple(townships)),
        station_id=params["station_id"],
        week_start=date.fromisoformat(params["week_start"]),
        today=clock.today(),
        progress=progress,
    )
    return (
        JobText(
            "ROUNDS_PLANNED",
            {"rounds": report.rounds, "stops": report.stops, "dropped": report.dropped},
        ),
        report.to_json(),
    )


async def station_week_rounds_job(ctx: dict[str, Any], job_id: str, params: dict[str, Any]) -> None:
    await run_tracked(ctx, job_id, partial(_week_body, clock=ctx["clock"]), params)
