"""proposeJobCandidates: Bangfu proposes working-age members for a posting's open places."""

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
from server.services.job_postings import propose_job_candidates


@strawberry.type
class ProposeJobCandidatesSuccess:
    posting: JobPosting
    proposed: int


ProposeJobCandidatesResult = Annotated[
    ProposeJobCandidatesSuccess | StaleVersion | Conflict | NotFound,
    strawberry.union("ProposeJobCandidatesResult"),
]


@strawberry.type
class ProposeJobCandidatesMutation:
    @strawberry.mutation(
        extensions=access("proposeJobCandidates"),
        description="An assignment (min-cost flow) of members who can work, by cause "
        "(unemployment first; illness, disability or lack of labour alone excluded), one per "
        "household, nearest first, within the open places; replaces proposals not yet "
        "consented. Audited.",
    )
    async def propose_job_candidates(
        self, info: Info[Context, Any], posting_id: strawberry.ID
    ) -> ProposeJobCandidatesResult:
        try:
            record, proposed = await propose_job_candidates(
                info.context.graph, await caller(info), str(posting_id), clock=info.context.clock
            )
        except (EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        return ProposeJobCandidatesSuccess(
            posting=JobPosting.from_record(record), proposed=proposed
        )
