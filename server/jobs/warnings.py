"""Early-warning jobs: a bulk event feed, rescoring an area, and the nightly rescoring that
lets events older than the window stop counting."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from graph.audit import Actor
from graph.driver import Graph
from graph.scope import EVERYWHERE, Scope, resolve_scope
from graph.warning_levels import WatchScope
from matching.escalation import today_in_china
from server.jobs.tracking import JobFailed, Progress, run_tracked
from server.jobs.uploads import upload_data, uploaded_file
from server.services.indicator_feed import import_indicator_events
from server.services.warnings import rescore_area

log = logging.getLogger("bangfu.jobs.warnings")

SYSTEM = Actor(id="system:warnings", role="SYSTEM")


async def _actor_scope(graph: Graph, params: dict[str, Any]) -> tuple[Actor, Scope]:
    # Resolved when the job runs, like the household import: the sender's area as it is now.
    scope = await resolve_scope(
        graph, role=params["actor_role"], kind=params["scope_kind"], scope_id=params["scope_id"]
    )
    return Actor(id=params["actor_id"], role=params["actor_role"]), scope


async def _feed_body(
    graph: Graph, progress: Progress, params: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    actor, scope = await _actor_scope(graph, params)
    report = await import_indicator_events(
        graph,
        upload_data(params),
        actor=actor,
        scope=scope,
        today=today_in_china(datetime.now(UTC)),
        progress=progress,
    )
    if not report.accepted:
        raise JobFailed(
            f"文件有 {report.error_count} 处错误，未记录任何事件 / "
            f"the file has {report.error_count} errors; no event was recorded",
            result=report.to_json(),
        )
    return (
        f"新记录 {report.recorded} 条，重复 {report.duplicates} 条，"
        f"未知身份证号 {report.unknown_count} 个，新预警 {report.alerts_raised} 条 / "
        f"recorded {report.recorded}, duplicates {report.duplicates}, "
        f"unknown ID numbers {report.unknown_count}, alerts raised {report.alerts_raised}",
        report.to_json(),
    )


async def import_indicator_events_job(
    ctx: dict[str, Any], job_id: str, params: dict[str, Any]
) -> None:
    async with uploaded_file(ctx, params) as with_file:
        await run_tracked(ctx, job_id, _feed_body, with_file)


async def _rescore_body(
    graph: Graph, progress: Progress, params: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    actor, scope = await _actor_scope(graph, params)
    watch = WatchScope(
        worker_id=params.get("worker_id"),
        station_id=params.get("station_id"),
        region_id=params.get("region_id"),
    )
    report = await rescore_area(graph, scope=scope, watch=watch, actor=actor, progress=progress)
    return (
        f"已评分 {report.households} 户，等级变化 {report.changed} 户，新预警 "
        f"{report.alerts_raised} 条 / rescored {report.households} households, "
        f"{report.changed} changed level, {report.alerts_raised} alerts raised",
        report.to_json(),
    )


async def rescore_households_job(ctx: dict[str, Any], job_id: str, params: dict[str, Any]) -> None:
    await run_tracked(ctx, job_id, _rescore_body, params)


async def nightly_rescore(ctx: dict[str, Any]) -> None:
    """Cron: events leave the window as days pass, so levels must fall without new input."""
    report = await rescore_area(ctx["graph"], scope=EVERYWHERE, watch=WatchScope(), actor=SYSTEM)
    log.info("nightly rescoring: %s", report.to_json())
