"""Loading the demo county as a job, with progress."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Any

from graph.county_writer import write_county
from graph.driver import Graph
from graph.jobs import JobText
from graph.registry_stats import count_households
from server.demo.county import generate_county
from server.demo.volunteering import write_demo_volunteering
from server.jobs.tracking import JobFailed, Progress, run_tracked


async def _seed_body(
    graph: Graph, progress: Progress, params: dict[str, Any]
) -> tuple[JobText, dict[str, Any]]:
    households = int(params["households"])
    seed = int(params["seed"])
    existing = await count_households(graph)
    # Re-running after a crash finds the county half-written: the writer upserts, so we go on.
    if existing and not params.get("resume_ok", True):
        raise JobFailed(JobText("COUNTY_EXISTS", {"households": existing}))
    await progress(0.01, "COUNTY_GENERATING")
    county = await asyncio.to_thread(generate_county, households=households, seed=seed)
    now = datetime.fromisoformat(params["now"])
    await write_county(graph, county, progress, now=now)
    await write_demo_volunteering(graph, county, date.fromisoformat(params["today"]), now=now)
    return (
        JobText("COUNTY_LOADED", {"households": len(county.households)}),
        {"households": len(county.households), "people": len(county.people)},
    )


async def seed_demo_county(ctx: dict[str, Any], job_id: str, params: dict[str, Any]) -> None:
    # The demo's care tasks and reports are dated from the worker's clock (the one clock).
    clock = ctx["clock"]
    await run_tracked(
        ctx,
        job_id,
        _seed_body,
        {**params, "today": clock.today().isoformat(), "now": clock.now().isoformat()},
    )
