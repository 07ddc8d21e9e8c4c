from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.registry_stats import count_households
from server.context import Context
from server.graphql.errors import Conflict, FieldProblem, InvalidInput, error_params
from server.graphql.permissions import access
from server.graphql.types.job import Job
from server.services.jobs import start_job


@strawberry.type
class SeedDemoCountySuccess:
    job: Job


SeedDemoCountyResult = Annotated[
    SeedDemoCountySuccess | Conflict | InvalidInput, strawberry.union("SeedDemoCountyResult")
]


@strawberry.type
class SeedDemoCountyMutation:
    @strawberry.mutation(
        extensions=access("seedDemoCounty"),
        description="Load a synthetic demo county into an EMPTY graph, as a job with progress.",
    )
    async def seed_demo_county(
        self, info: Info[Context, Any], households: int = 10_000, seed: int = 1
    ) -> SeedDemoCountyResult:
        ctx = info.context
        if not 1 <= households <= 200_000:
            problem = FieldProblem(
                field="households", reason="must be between 1 and 200000", code="OUT_OF_RANGE"
            )
            return InvalidInput(
                message=problem.reason, field="households", code="INVALID_INPUT", errors=[problem]
            )
        existing = await count_households(ctx.graph)
        if existing:
            return Conflict(
                message=f"the graph already holds {existing} households",
                field=None,
                code="GRAPH_NOT_EMPTY",
                params=error_params({"households": existing}),
            )
        assert ctx.principal is not None
        record = await start_job(
            ctx.graph,
            ctx.arq,
            now=ctx.clock.now(),
            job_id=f"seed-demo-county:{households}:{seed}",
            function="seed_demo_county",
            params={"households": households, "seed": seed},
            created_by=ctx.principal.user_id,
        )
        return SeedDemoCountySuccess(job=Job.from_record(record))
