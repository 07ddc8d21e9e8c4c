"""fulfilAdoption: the help reached the household; needs a disbursement and evidence."""

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
class FulfilAdoptionInput:
    adoption_id: strawberry.ID
    expected_version: int


@strawberry.type
class FulfilAdoptionSuccess:
    adoption: Adoption | None


FulfilAdoptionResult = Annotated[
    FulfilAdoptionSuccess | InvalidInput | NotFound | StaleVersion | Conflict,
    strawberry.union("FulfilAdoptionResult"),
]


@strawberry.type
class FulfilAdoptionMutation:
    @strawberry.mutation(extensions=access("fulfilAdoption"))
    async def fulfil_adoption(
        self, info: Info[Context, Any], input: FulfilAdoptionInput
    ) -> FulfilAdoptionResult:
        who = await caller(info)
        ctx = info.context
        step = use_case.StepCommand(str(input.adoption_id), input.expected_version)
        try:
            await use_case.fulfil(ctx.graph, who, step, clock=ctx.clock)
        except STEP_ERRORS as exc:
            return step_error(exc)
        return FulfilAdoptionSuccess(adoption=await adoption_after(info, who, step.adoption_id))
