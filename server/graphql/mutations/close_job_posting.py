"""closeJobPosting: the posting is filled or withdrawn."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.jobs import JobPosting
from server.services.errors import EntityNotFound, StateConflict, VersionConflict
from server.services.job_postings import close_job_posting


@strawberry.type
class CloseJobPostingSuccess:
    posting: JobPosting


CloseJobPostingResult = Annotated[
    CloseJobPostingSuccess | StaleVersion | Conflict | NotFound,
    strawberry.union("CloseJobPostingResult"),
]


@strawberry.type
class CloseJobPostingMutation:
    @strawberry.mutation(
        extensions=access("closeJobPosting"),
        description="OPEN → CLOSED; proposals not yet consented are withdrawn. Audited.",
    )
    async def close_job_posting(
        self, info: Info[Context, Any], posting_id: strawberry.ID, expected_version: int
    ) -> CloseJobPostingResult:
        try:
            record = await close_job_posting(
                info.context.graph, await caller(info), str(posting_id), expected_version
            )
        except (EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        return CloseJobPostingSuccess(posting=JobPosting.from_record(record))
