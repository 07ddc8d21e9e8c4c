"""importIndicatorEvents: a department's feed file (CSV or JSON lines) as a job."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput
from server.graphql.permissions import access
from server.graphql.types.job import Job
from server.graphql.uploads import read_upload, upload_job_params
from server.services.jobs import start_job


@strawberry.type
class ImportIndicatorEventsSuccess:
    job: Job


ImportIndicatorEventsResult = Annotated[
    ImportIndicatorEventsSuccess | InvalidInput, strawberry.union("ImportIndicatorEventsResult")
]


@strawberry.type
class ImportIndicatorEventsMutation:
    @strawberry.mutation(
        extensions=access("importIndicatorEvents"),
        description="Record events from a feed file (CSV with columns id_number, kind, "
        "occurred_on, amount, source, external_id; or JSON lines with those keys), as a job. "
        "A file with a malformed line is refused whole; the job's result lists every bad line "
        "(line, field, reason), the ID numbers not known in your area, and the counts "
        "recorded and duplicates. Sending a file again records nothing twice.",
    )
    async def import_indicator_events(
        self, info: Info[Context, Any], file: Upload
    ) -> ImportIndicatorEventsResult:
        ctx = info.context
        data = await read_upload(file, max_bytes=ctx.settings.limits.max_upload_body)
        if isinstance(data, InvalidInput):
            return data
        principal = ctx.principal
        assert principal is not None
        record = await start_job(
            ctx.graph,
            ctx.arq,
            now=ctx.clock.now(),
            job_id=f"indicator-feed:{uuid.uuid4().hex}",
            function="import_indicator_events",
            params=upload_job_params(file, data, principal),
            created_by=principal.user_id,
            upload=data,
            upload_ttl_s=ctx.settings.limits.upload_ttl_s,
        )
        return ImportIndicatorEventsSuccess(job=Job.from_record(record))
