"""createJobPosting: an enterprise posts a job or training places (就业帮扶)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.jobs import JobPosting, PostingKind
from server.services.errors import InvalidFields
from server.services.job_postings import NewPosting, create_job_posting


@strawberry.input(description="A job or training places, at a village or township.")
class CreateJobPostingInput:
    kind: PostingKind
    title: str
    place_id: strawberry.ID
    hours: str = strawberry.field(description="e.g. 8:00-17:00, 5 days a week")
    pay: int = strawberry.field(description="Yuan per month (training: stipend, may be 0)")
    requirements: str = ""
    count: int = 1
    reach_km: float = 30.0
    min_age: int = 18
    max_age: int = 59


@strawberry.type
class CreateJobPostingSuccess:
    posting: JobPosting


CreateJobPostingResult = Annotated[
    CreateJobPostingSuccess | InvalidInput, strawberry.union("CreateJobPostingResult")
]


@strawberry.type
class CreateJobPostingMutation:
    @strawberry.mutation(
        extensions=access("createJobPosting"),
        description="OPEN posting at a place in the enterprise's area. Audited.",
    )
    async def create_job_posting(
        self, info: Info[Context, Any], input: CreateJobPostingInput
    ) -> CreateJobPostingResult:
        cmd = NewPosting(
            kind=input.kind.value,
            title=input.title,
            place_id=str(input.place_id),
            hours=input.hours,
            pay=input.pay,
            requirements=input.requirements,
            count=input.count,
            reach_km=input.reach_km,
            min_age=input.min_age,
            max_age=input.max_age,
        )
        try:
            record = await create_job_posting(info.context.graph, await caller(info), cmd)
        except InvalidFields as exc:
            return user_error(exc)
        return CreateJobPostingSuccess(posting=JobPosting.from_record(record))
