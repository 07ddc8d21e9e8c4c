"""Seeding the demo county: the checks before its job starts (the job: server/jobs)."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from arq.connections import ArqRedis

from graph.driver import Graph
from graph.jobs import JobRecord
from graph.registry_stats import count_households
from server.services.errors import StateConflict, invalid
from server.services.jobs import start_job

MAX_HOUSEHOLDS: Final = 200_000


async def start_demo_county(
    graph: Graph,
    arq: ArqRedis,
    *,
    households: int,
    seed: int,
    created_by: str,
    now: datetime,
) -> JobRecord:
    """Raises InvalidFields for a size out of range, StateConflict GRAPH_NOT_EMPTY when the
    graph already holds households (the county is generated for an empty graph only)."""
    if not 1 <= households <= MAX_HOUSEHOLDS:
        raise invalid("households", f"must be between 1 and {MAX_HOUSEHOLDS}", "OUT_OF_RANGE")
    existing = await count_households(graph)
    if existing:
        raise StateConflict(
            "GRAPH_NOT_EMPTY",
            f"the graph already holds {existing} households",
            params={"households": existing},
        )
    return await start_job(
        graph,
        arq,
        now=now,
        job_id=f"seed-demo-county:{households}:{seed}",
        function="seed_demo_county",
        params={"households": households, "seed": seed},
        created_by=created_by,
    )
