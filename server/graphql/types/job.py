from __future__ import annotations

from datetime import datetime
from typing import cast

import strawberry
from strawberry.scalars import JSON

from graph.jobs import JobRecord
from server.graphql.errors import MessageParam, error_params


@strawberry.type(description="Long work running on the arq worker, with its progress.")
class Job:
    id: strawberry.ID
    kind: str
    status: str = strawberry.field(description="QUEUED, RUNNING, SUCCEEDED or FAILED")
    progress: float = strawberry.field(description="0 to 1")
    message: str = strawberry.field(
        description="A code the page translates with `messageParams` (PLAN_SOLVING, IMPORTED, "
        "…); jobs recorded before codes hold composed text and no parameters."
    )
    message_params: list[MessageParam]
    error: str | None
    result: JSON | None
    created_at: datetime | None
    finished_at: datetime | None
    attempts: int

    @classmethod
    def from_record(cls, r: JobRecord) -> Job:
        return cls(
            id=strawberry.ID(r.id),
            kind=r.kind,
            status=r.status,
            progress=r.progress,
            message=r.message,
            message_params=error_params(r.message_params),
            error=r.error,
            result=cast(JSON, r.result),
            created_at=r.created_at,
            finished_at=r.finished_at,
            attempts=r.attempts,
        )
