"""rescoreHouseholds: rescore the monitored households of an area, as a job."""

from __future__ import annotations

import uuid
from typing import Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.permissions import access
from server.graphql.queries.alerts import WatchScopeInput
from server.graphql.types.job import Job
from server.services.jobs import start_job


@strawberry.type
class RescoreHouseholdsMutation:
    @strawberry.mutation(
        extensions=access("rescoreHouseholds"),
        description="Rescore the households with indicator events (or scored before) in your "
        "area, narrowed to a worker, station or region when one is given; a household whose "
        "level rises gets an alert. Running it again raises nothing twice.",
    )
    async def rescore_households(
        self, info: Info[Context, Any], scope: WatchScopeInput | None = None
    ) -> Job:
        ctx = info.context
        principal = ctx.principal
        assert principal is not None
        watch = scope.to_watch() if scope else None
        record = await start_job(
            ctx.graph,
            ctx.arq,
            now=ctx.clock.now(),
            job_id=f"rescore:{uuid.uuid4().hex}",
            function="rescore_households",
            params={
                "worker_id": watch.worker_id if watch else None,
                "station_id": watch.station_id if watch else None,
                "region_id": watch.region_id if watch else None,
                "actor_id": principal.user_id,
                "actor_role": principal.role.value,
                "scope_kind": principal.scope_kind,
                "scope_id": principal.scope_id,
            },
            created_by=principal.user_id,
        )
        return Job.from_record(record)
