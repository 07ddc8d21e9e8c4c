"""The household import as a job: parse, check, write, with progress."""

from __future__ import annotations

from functools import partial
from typing import Any

from graph.audit import Actor
from graph.driver import Graph
from graph.jobs import JobText
from graph.scope import resolve_scope
from server.clock import Clock
from server.jobs.tracking import JobFailed, Progress, run_tracked
from server.jobs.uploads import upload_data, uploaded_file
from server.services.imports import import_households


async def _import_body(
    graph: Graph, progress: Progress, params: dict[str, Any], *, clock: Clock
) -> tuple[JobText, dict[str, Any]]:
    # The importer's scope is resolved when the job runs: its villages must lie inside it.
    scope = await resolve_scope(
        graph, role=params["actor_role"], kind=params["scope_kind"], scope_id=params["scope_id"]
    )
    report = await import_households(
        graph,
        upload_data(params),
        actor=Actor(id=params["actor_id"], role=params["actor_role"], at=clock.now()),
        scope=scope,
        today=clock.today(),
        filename=params.get("filename", ""),
        progress=progress,
    )
    if not report.accepted:
        raise JobFailed(
            JobText("IMPORT_REFUSED", {"errors": report.error_count}),
            result=report.to_json(),
        )
    return (
        JobText("IMPORTED", {"households": report.households, "people": report.people}),
        report.to_json(),
    )


async def import_households_job(ctx: dict[str, Any], job_id: str, params: dict[str, Any]) -> None:
    async with uploaded_file(ctx, params) as with_file:
        await run_tracked(ctx, job_id, partial(_import_body, clock=ctx["clock"]), with_file)
