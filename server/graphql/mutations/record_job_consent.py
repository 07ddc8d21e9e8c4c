"""recordJobConsent: the station records the household's answer to a proposal and, with a yes,
what the enterprise may see of the candidate (name, phone) and until when."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.jobs import JobProposal
from server.graphql.types.market import Consent, ConsentField
from server.services.errors import EntityNotFound, InvalidFields, StateConflict, VersionConflict
from server.services.job_consents import JobShare, answer_job_proposal


@strawberry.input(description="What the household lets the enterprise see, and until when.")
class JobContactShareInput:
    given_by: str = strawberry.field(description="Who agreed, e.g. 本人")
    fields: list[ConsentField] = strawberry.field(description="CONTACT_NAME, CONTACT_PHONE")
    expires_on: date


@strawberry.type
class RecordJobConsentSuccess:
    proposal: JobProposal
    consent: Consent | None = strawberry.field(description="What the enterprise may see")


RecordJobConsentResult = Annotated[
    RecordJobConsentSuccess | InvalidInput | StaleVersion | Conflict | NotFound,
    strawberry.union("RecordJobConsentResult"),
]


@strawberry.type
class RecordJobConsentMutation:
    @strawberry.mutation(
        extensions=access("recordJobConsent"),
        description="The station records the household's answer: PROPOSED → CONSENTED (the "
        "enterprise may arrange an interview through the station) or DECLINED. With `share`, "
        "the enterprise may read the candidate's contact (revealCandidateContact) until the "
        "consent expires or is withdrawn. Audited.",
    )
    async def record_job_consent(
        self,
        info: Info[Context, Any],
        proposal_id: strawberry.ID,
        expected_version: int,
        consented: bool,
        share: JobContactShareInput | None = None,
    ) -> RecordJobConsentResult:
        try:
            answered = await answer_job_proposal(
                info.context.graph,
                await caller(info),
                str(proposal_id),
                expected_version,
                "CONSENTED" if consented else "DECLINED",
                clock=info.context.clock,
                share=None
                if share is None
                else JobShare(
                    share.given_by, tuple(f.value for f in share.fields), share.expires_on
                ),
            )
        except (InvalidFields, EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        return RecordJobConsentSuccess(
            proposal=JobProposal.from_record(answered.proposal, casework=True),
            consent=Consent.from_row(answered.consent) if answered.consent else None,
        )
