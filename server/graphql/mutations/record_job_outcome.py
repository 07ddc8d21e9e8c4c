"""recordJobOutcome: What came of it: CONSENTED → HIRED or DECLINED; HIRED → LEFT."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.jobs import JobOutcome, JobProposal
from server.services.errors import EntityNotFound, StateConflict, VersionConflict
from server.services.job_consents import answer_job_proposal


@strawberry.type
class RecordJobOutcomeSuccess:
    proposal: JobProposal


RecordJobOutcomeResult = Annotated[
    RecordJobOutcomeSuccess | StaleVersion | Conflict | NotFound,
    strawberry.union("RecordJobOutcomeResult"),
]


@strawberry.type
class RecordJobOutcomeMutation:
    @strawberry.mutation(
        extensions=access("recordJobOutcome"),
        description="What came of it: CONSENTED → HIRED or DECLINED; HIRED → LEFT. On the "
        "household's timeline. Audited.",
    )
    async def record_job_outcome(
        self,
        info: Info[Context, Any],
        proposal_id: strawberry.ID,
        expected_version: int,
        outcome: JobOutcome,
    ) -> RecordJobOutcomeResult:
        try:
            answered = await answer_job_proposal(
                info.context.graph,
                await caller(info),
                str(proposal_id),
                expected_version,
                outcome.value,
                clock=info.context.clock,
            )
        except (EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        return RecordJobOutcomeSuccess(
            proposal=JobProposal.from_record(answered.proposal, casework=True)
        )
