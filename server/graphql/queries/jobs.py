"""Root queries of jobs and training places."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.jobs import JobPosting, JobProposal
from server.roles import IDENTITY_ROLES
from server.services.job_postings import list_postings, posting_proposals


@strawberry.type
class JobQuery:
    @strawberry.field(
        extensions=access("jobPostings"),
        description="An enterprise's own postings; the station's: those in its area.",
    )
    async def job_postings(self, info: Info[Context, Any]) -> list[JobPosting]:
        rows = await list_postings(info.context.graph, await caller(info))
        return [JobPosting.from_record(r) for r in rows]

    @strawberry.field(
        extensions=access("jobProposals"),
        description="A posting's proposals, best first; anonymous for the enterprise.",
    )
    async def job_proposals(
        self, info: Info[Context, Any], posting_id: strawberry.ID
    ) -> list[JobProposal]:
        me = await caller(info)
        rows = await posting_proposals(info.context.graph, me, str(posting_id))
        casework = me.role in IDENTITY_ROLES
        return [JobProposal.from_record(r, casework=casework) for r in rows]
