"""Early-warning jobs: a bulk event feed, rescoring an area, and the nightly rescoring that
lets events older than the window stop counting."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from graph.audit import Actor
from graph.driver import Graph
from graph.jobs import JobText
from graph.scope import EVERYWHERE, Scope, resolve_scope
from graph.warning_levels import WatchScope
from server.clock import Clock
from server.jobs.tracking import JobFailed, Progress, run_tracked
from server.jobs.uploads import upload_data, uploaded_file
from server.services.indicator_feed import import_indicator_events
from server.services.warnings import rescore_area

log = logging.getLogger("bangfu.jobs.warnings")

SYSTEM = "system:warnings"  # the nightly pass acts as this actor


async def _actor_scope(graph: Graph, params: dict[str, Any], clock: Clock) -> tuple[Actor, Scope]:
    # Resolved when the job runs, like the household import: the sender's area as it is now.
    scope = await resolve_scope(
        graph, role=params["actor_role"], kind=params["scope_kind"], scope_id=params["scope_id"]
    )
    return Actor(id=params["actor_id"], role=params["actor_role"], at=clock.now()), scope


async def _feed_body(
    graph: Graph, progress: Progress, params: dict[str, Any], *, clock: Clock
) -> tuple[JobText, dict[str, Any]]:
    actor, scope = await _actor_scope(graph, params, clock)
    report = await import_indicator_events(
        graph,
        upload_data(params),
        actor=actor,
        scope=scope,
        clock=clock,
        progress=progress,
    )
    if not report.accepted:
        raise JobFailed(
            JobText("EVENTS_REFUSED", {"errors": report.error_count}),
            result=report.to_json(),
        )
    return (
        JobText(
            "EVENTS_RECORDED",
            {
                "recorded": report.recorded,
                "duplicates": report.duplicates,
                "unknown": report.unknown_count,
                "alerts": report.alerts_raised,
            },
        ),
        report.to_json(),
    )


async def import_indicator_events_job(
    ctx: dict[str, Any], job_id: str, params: dict[str, Any]
) -> None:
    async with uploaded_file(ctx, params) as with_file:
        await run_tracked(ctx, job_id, partial(_feed_body, clock=ctx["clock"]), with_file)


async def _rescore_body(
    graph: Graph, progress: Progress, params: dict[str, Any], *, clock: Clock
) -> tuple[JobText, dict[str, Any]]:
    actor, scope = await _actor_scope(graph, params, clock)
    watch = WatchScope(
        worker_id=params.get("worker_id"),
        station_id=params.get("station_id"),
        region_id=params.get("region_id"),
    )
    report = await rescore_area(
        graph, scope=scope, watch=watch, actor=actor, clock=clock, progress=progress
    )
    return (
        JobText(
            "RESCORED",
            {
                "households": report.households,
                "changed": report.changed,
                "alerts": report.alerts_raised,
            },
        ),
        report.to_json(),
    )


async def rescore_households_job(ctx: dict[str, Any], job_id: str, params: dict[str, Any]) -> None:
    await run_tracked(ctx, job_id, partial(_rescore_body, clock=ctx["clock"]), params)


async def nightly_rescore(ctx: dict[str, Any]) -> None:
    """Cron: events leave the window as days pass, so levels must fall without new input."""
    report = await rescore_area(
        ctx["graph"],
        scope=EVERYWHERE,
        watch=WatchScope(),
        actor=Actor(SYSTEM, "SYSTEM", ctx["clock"].now()),
        clock=ctx["clock"],
    )
    log.info("nightly rescoring: %s", report.to_json())
