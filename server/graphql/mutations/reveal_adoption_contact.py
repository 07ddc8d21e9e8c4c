"""revealAdoptionContact: the adopting organisation reads the contact details the household
consented to share, for the life of the adoption; each read is audited. A mutation because
it writes that audit entry in the same transaction as the read."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import NotFound, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.market import ConsentField
from server.services.consents import reveal_contact
from server.services.errors import EntityNotFound


@strawberry.type(description="Only what the household consented to; null elsewhere.")
class AdoptionContact:
    fields: list[ConsentField]
    contact_name: str | None
    contact_phone: str | None
    address: str | None
    consent_expires_on: date | None


@strawberry.type
class RevealAdoptionContactSuccess:
    contact: AdoptionContact


RevealAdoptionContactResult = Annotated[
    RevealAdoptionContactSuccess | NotFound, strawberry.union("RevealAdoptionContactResult")
]


@strawberry.type
class RevealAdoptionContactMutation:
    @strawberry.mutation(extensions=access("revealAdoptionContact"))
    async def reveal_adoption_contact(
        self, info: Info[Context, Any], adoption_id: strawberry.ID
    ) -> RevealAdoptionContactResult:
        try:
            r = await reveal_contact(
                info.context.graph, await caller(info), str(adoption_id), clock=info.context.clock
            )
        except EntityNotFound as exc:
            return user_error(exc)
        return RevealAdoptionContactSuccess(
            contact=AdoptionContact(
                fields=[ConsentField(f) for f in r.fields],
                contact_name=r.contact_name,
                contact_phone=r.contact_phone,
                address=r.address,
                consent_expires_on=r.consent_expires_on,
            )
        )
