"""withdrawConsent: the household takes its consent back; reveals stop at once."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.market import Consent
from server.services.consents import withdraw_consent
from server.services.errors import EntityNotFound, VersionConflict


@strawberry.input
class WithdrawConsentInput:
    consent_id: strawberry.ID
    expected_version: int


@strawberry.type
class WithdrawConsentSuccess:
    consent: Consent


WithdrawConsentResult = Annotated[
    WithdrawConsentSuccess | NotFound | StaleVersion, strawberry.union("WithdrawConsentResult")
]


@strawberry.type
class WithdrawConsentMutation:
    @strawberry.mutation(extensions=access("withdrawConsent"))
    async def withdraw_consent(
        self, info: Info[Context, Any], input: WithdrawConsentInput
    ) -> WithdrawConsentResult:
        try:
            row = await withdraw_consent(
                info.context.graph,
                await caller(info),
                str(input.consent_id),
                input.expected_version,
                clock=info.context.clock,
            )
        except (EntityNotFound, VersionConflict) as exc:
            return user_error(exc)
        return WithdrawConsentSuccess(consent=Consent.from_row(row))
