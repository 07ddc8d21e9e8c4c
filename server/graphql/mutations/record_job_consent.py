"""recordJobConsent: the station records the household's answer to a proposal."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.jobs import JobProposal
from server.services.errors import EntityNotFound, StateConflict, VersionConflict
from server.services.job_postings import decide_job_proposal


@strawberry.type
class RecordJobConsentSuccess:
    proposal: JobProposal


RecordJobConsentResult = Annotated[
    RecordJobConsentSuccess | StaleVersion | Conflict | NotFound,
    strawberry.union("RecordJobConsentResult"),
]


@strawberry.type
class RecordJobConsentMutation:
    @strawberry.mutation(
        extensions=access("recordJobConsent"),
        description="The station records the household's answer: PROPOSED → CONSENTED (the "
        "enterprise may arrange an interview through the station) or DECLINED. Audited.",
    )
    async def record_job_consent(
        self,
        info: Info[Context, Any],
        proposal_id: strawberry.ID,
        expected_version: int,
        consented: bool,
    ) -> RecordJobConsentResult:
        try:
            record = await decide_job_proposal(
                info.context.graph,
                await caller(info),
                str(proposal_id),
                expected_version,
                "CONSENTED" if consented else "DECLINED",
                clock=info.context.clock,
            )
        except (EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        return RecordJobConsentSuccess(proposal=JobProposal.from_record(record, casework=True))
