"""recordConsent: the worker records what a household agreed an adopting organisation may
see (contact person, phone, address), who agreed and until when."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.consents import ConsentRow
from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.services.consents import ConsentCommand, record_consent
from server.services.errors import EntityNotFound, InvalidFields


@strawberry.enum(description="What a household may let an adopting organisation see.")
class ConsentField(Enum):
    CONTACT_NAME = "CONTACT_NAME"
    CONTACT_PHONE = "CONTACT_PHONE"
    ADDRESS = "ADDRESS"


@strawberry.type(description="A household's consent (知情同意) to share some contact details.")
class Consent:
    id: strawberry.ID
    given_by: str
    given_on: date
    fields: list[ConsentField]
    expires_on: date
    withdrawn_on: date | None
    version: int

    @classmethod
    def from_row(cls, row: ConsentRow) -> Consent:
        return cls(
            id=strawberry.ID(row.id),
            given_by=row.given_by,
            given_on=row.given_on,
            fields=[ConsentField(f) for f in row.fields],
            expires_on=row.expires_on,
            withdrawn_on=row.withdrawn_on,
            version=row.version,
        )


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
