"""recordConsent: the worker records what a household agreed an adopting organisation may
see (contact person, phone, address), who agreed and until when."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.market import Consent, ConsentField
from server.services.consents import ConsentCommand, record_consent
from server.services.errors import EntityNotFound, InvalidFields


@strawberry.input
class RecordConsentInput:
    household_id: strawberry.ID
    given_by: str = strawberry.field(description="Who agreed, e.g. 户主本人")
    fields: list[ConsentField]
    expires_on: date


@strawberry.type
class RecordConsentSuccess:
    consent: Consent


RecordConsentResult = Annotated[
    RecordConsentSuccess | InvalidInput | NotFound, strawberry.union("RecordConsentResult")
]


@strawberry.type
class RecordConsentMutation:
    @strawberry.mutation(extensions=access("recordConsent"))
    async def record_consent(
        self, info: Info[Context, Any], input: RecordConsentInput
    ) -> RecordConsentResult:
        command = ConsentCommand(
            household_id=str(input.household_id),
            given_by=input.given_by,
            fields=tuple(f.value for f in input.fields),
            expires_on=input.expires_on,
        )
        try:
            row = await record_consent(
                info.context.graph, await caller(info), command, clock=info.context.clock
            )
        except (InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return RecordConsentSuccess(consent=Consent.from_row(row))
