"""cancelAdoption: the organisation or the station ends an adoption with a reason."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, StaleVersion
from server.graphql.mutations._adoption import (
    STEP_ERRORS,
    adoption_after,
    step_error,
)
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.market import Adoption
from server.services import adoptions as use_case


@strawberry.input
class CancelAdoptionInput:
    adoption_id: strawberry.ID
    expected_version: int
    reason: str = strawberry.field(description="Why, in at most 500 characters.")


@strawberry.type
class CancelAdoptionSuccess:
    adoption: Adoption | None


CancelAdoptionResult = Annotated[
    CancelAdoptionSuccess | InvalidInput | NotFound | StaleVersion | Conflict,
    strawberry.union("CancelAdoptionResult"),
]


@strawberry.type
class CancelAdoptionMutation:
    @strawberry.mutation(extensions=access("cancelAdoption"))
    async def cancel_adoption(
        self, info: Info[Context, Any], input: CancelAdoptionInput
    ) -> CancelAdoptionResult:
        who = await caller(info)
        ctx = info.context
        step = use_case.StepCommand(str(input.adoption_id), input.expected_version)
        try:
            await use_case.cancel(ctx.graph, who, step, reason=input.reason)
        except STEP_ERRORS as exc:
            return step_error(exc)
        return CancelAdoptionSuccess(adoption=await adoption_after(info, who, step.adoption_id))
