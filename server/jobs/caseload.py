"""Computing a caseload plan as a job."""

from __future__ import annotations

from functools import partial
from typing import Any

from graph.caseload_plans import fail_plan
from graph.driver import Graph
from graph.jobs import JobText
from server.clock import Clock
from server.jobs.tracking import Progress, run_tracked
from server.services.caseload import compute_plan


async def _plan_body(
    graph: Graph, progress: Progress, params: dict[str, Any], *, clock: Clock
) -> tuple[JobText, dict[str, Any]]:
    plan = await compute_plan(graph, params["plan_id"], progress, clock=clock)
    summary = plan.summary or {}
    return (
        JobText(
            "PLAN_READY",
            {"assigned": summary.get("assigned", 0), "households": summary.get("households", 0)},
        ),
        {"plan_id": plan.id, "status": plan.status},
    )


async def _plan_timed_out(graph: Graph, params: dict[str, Any]) -> None:
    # No plan may stay COMPUTING once its job has given up on it.
    await fail_plan(graph, params["plan_id"], ["TIMED_OUT"])


async def caseload_plan_job(ctx: dict[str, Any], job_id: str, params: dict[str, Any]) -> None:
    await run_tracked(
        ctx, job_id, partial(_plan_body, clock=ctx["clock"]), params, on_timeout=_plan_timed_out
    )
