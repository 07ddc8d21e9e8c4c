from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, user_error
from server.graphql.permissions import access
from server.graphql.types.job import Job
from server.services.demo_county import start_demo_county
from server.services.errors import InvalidFields, StateConflict


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
        assert ctx.principal is not None
        try:
            record = await start_demo_county(
                ctx.graph,
                ctx.arq,
                households=households,
                seed=seed,
                created_by=ctx.principal.user_id,
                now=ctx.clock.now(),
            )
        except (InvalidFields, StateConflict) as exc:
            return user_error(exc)
        return SeedDemoCountySuccess(job=Job.from_record(record))
