from __future__ import annotations

import uuid
from typing import Annotated, Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, JobQueueUnavailable, user_error
from server.graphql.permissions import access
from server.graphql.types.job import Job
from server.graphql.uploads import read_upload, upload_job_params
from server.services.errors import QueueUnavailable
from server.services.jobs import start_job


@strawberry.type
class ImportHouseholdsSuccess:
    job: Job


ImportHouseholdsResult = Annotated[
    ImportHouseholdsSuccess | InvalidInput | JobQueueUnavailable,
    strawberry.union("ImportHouseholdsResult"),
]


@strawberry.type
class ImportHouseholdsMutation:
    @strawberry.mutation(
        extensions=access("importHouseholds"),
        description="Import households and members from a CSV file (UTF-8 or GBK), as a job. "
        "A file with any bad row is refused whole; the job's result lists every bad row.",
    )
    async def import_households(
        self, info: Info[Context, Any], file: Upload
    ) -> ImportHouseholdsResult:
        ctx = info.context
        data = await read_upload(file, max_bytes=ctx.settings.limits.max_upload_body)
        if isinstance(data, InvalidInput):
            return data
        principal = ctx.principal
        assert principal is not None
        try:
            record = await start_job(
                ctx.graph,
                ctx.arq,
                now=ctx.clock.now(),
                # Each upload is its own job; importing the same file twice upserts.
                job_id=f"import:{uuid.uuid4().hex}",
                function="import_households",
                params=upload_job_params(file, data, principal),
                created_by=principal.user_id,
                upload=data,
                upload_ttl_s=ctx.settings.limits.upload_ttl_s,
            )
        except QueueUnavailable as exc:
            return user_error(exc)
        return ImportHouseholdsSuccess(job=Job.from_record(record))
