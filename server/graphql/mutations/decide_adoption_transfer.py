"""decideAdoptionTransfer: the receiving organisation accepts or declines a hand-over."""

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
class DecideAdoptionTransferInput:
    adoption_id: strawberry.ID
    expected_version: int
    accept: bool


@strawberry.type
class DecideAdoptionTransferSuccess:
    adoption: Adoption | None


DecideAdoptionTransferResult = Annotated[
    DecideAdoptionTransferSuccess | InvalidInput | NotFound | StaleVersion | Conflict,
    strawberry.union("DecideAdoptionTransferResult"),
]


@strawberry.type
class DecideAdoptionTransferMutation:
    @strawberry.mutation(extensions=access("decideAdoptionTransfer"))
    async def decide_adoption_transfer(
        self, info: Info[Context, Any], input: DecideAdoptionTransferInput
    ) -> DecideAdoptionTransferResult:
        who = await caller(info)
        ctx = info.context
        step = use_case.StepCommand(str(input.adoption_id), input.expected_version)
        try:
            await use_case.decide_transfer(
                ctx.graph, who, step, accept=input.accept, clock=ctx.clock
            )
        except STEP_ERRORS as exc:
            return step_error(exc)
        return DecideAdoptionTransferSuccess(
            adoption=await adoption_after(info, who, step.adoption_id)
        )
