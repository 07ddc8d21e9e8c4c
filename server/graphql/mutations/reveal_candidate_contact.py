"""revealCandidateContact: the enterprise reads the contact of a candidate whose household
consented (the candidate's name, the household's phone), within the consent's scope and
expiry; each read is audited. A mutation because it writes that audit entry in the same
transaction as the read."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import NotFound, user_error
from server.graphql.mutations._common import caller
from server.graphql.mutations.reveal_adoption_contact import AdoptionContact
from server.graphql.permissions import access
from server.graphql.types.market import ConsentField
from server.services.errors import EntityNotFound
from server.services.job_consents import reveal_candidate_contact


@strawberry.type
class RevealCandidateContactSuccess:
    contact: AdoptionContact = strawberry.field(description="`address` is always null here")


RevealCandidateContactResult = Annotated[
    RevealCandidateContactSuccess | NotFound, strawberry.union("RevealCandidateContactResult")
]


@strawberry.type
class RevealCandidateContactMutation:
    @strawberry.mutation(extensions=access("revealCandidateContact"))
    async def reveal_candidate_contact(
        self, info: Info[Context, Any], proposal_id: strawberry.ID
    ) -> RevealCandidateContactResult:
        try:
            r = await reveal_candidate_contact(
                info.context.graph, await caller(info), str(proposal_id), clock=info.context.clock
            )
        except EntityNotFound as exc:
            return user_error(exc)
        return RevealCandidateContactSuccess(
            contact=AdoptionContact(
                fields=[ConsentField(f) for f in r.fields],
                contact_name=r.contact_name,
                contact_phone=r.contact_phone,
                address=None,
                consent_expires_on=r.consent_expires_on,
            )
        )
