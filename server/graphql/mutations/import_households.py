from __future__ import annotations

import hashlib
import uuid
from typing import Annotated, Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import FieldProblem, InvalidInput
from server.graphql.permissions import allow
from server.graphql.types.job import Job
from server.roles import Role
from server.services.jobs import start_job

MAX_FILE_BYTES = 50 * 1024 * 1024


@strawberry.type
class ImportHouseholdsSuccess:
    job: Job


ImportHouseholdsResult = Annotated[
    ImportHouseholdsSuccess | InvalidInput, strawberry.union("ImportHouseholdsResult")
]


def _invalid(reason: str, code: str) -> InvalidInput:
    problem = FieldProblem(field="file", reason=reason, code=code)
    return InvalidInput(message=reason, field="file", code=code, errors=[problem])


@strawberry.type
class ImportHouseholdsMutation:
    @strawberry.mutation(
        extensions=allow(Role.ADMIN, Role.COORDINATOR, Role.STATION_MANAGER),
        description="Import households and members from a CSV file (UTF-8 or GBK), as a job. "
        "A file with any bad row is refused whole; the job's result lists every bad row.",
    )
    async def import_households(
        self, info: Info[Context, Any], file: Upload
    ) -> ImportHouseholdsResult:
        ctx = info.context
        data: bytes = await file.read()  # type: ignore[attr-defined]
        if not data:
            return _invalid("the file is empty", "EMPTY_FILE")
        if len(data) > MAX_FILE_BYTES:
            return _invalid(f"the file is larger than {MAX_FILE_BYTES // 2**20} MiB", "TOO_LARGE")
        principal = ctx.principal
        assert principal is not None
        filename = getattr(file, "filename", "") or ""
        record = await start_job(
            ctx.graph,
            ctx.arq,
            # Each upload is its own job; importing the same file twice upserts, not duplicates.
            job_id=f"import:{uuid.uuid4().hex}",
            function="import_households",
            params={
                "filename": filename,
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "actor_id": principal.user_id,
                "actor_role": principal.role.value,
                "scope_kind": principal.scope_kind,
                "scope_id": principal.scope_id,
            },
            created_by=principal.user_id,
            payload={"data": data},
        )
        return ImportHouseholdsSuccess(job=Job.from_record(record))
