"""requestAdoptionTransfer: offer a claim to another organisation (auto-approved after 36 h)."""

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
class RequestAdoptionTransferInput:
    adoption_id: strawberry.ID
    expected_version: int
    to_organisation_id: strawberry.ID


@strawberry.type
class RequestAdoptionTransferSuccess:
    adoption: Adoption | None


RequestAdoptionTransferResult = Annotated[
    RequestAdoptionTransferSuccess | InvalidInput | NotFound | StaleVersion | Conflict,
    strawberry.union("RequestAdoptionTransferResult"),
]


@strawberry.type
class RequestAdoptionTransferMutation:
    @strawberry.mutation(extensions=access("requestAdoptionTransfer"))
    async def request_adoption_transfer(
        self, info: Info[Context, Any], input: RequestAdoptionTransferInput
    ) -> RequestAdoptionTransferResult:
        who = await caller(info)
        ctx = info.context
        step = use_case.StepCommand(str(input.adoption_id), input.expected_version)
        try:
            await use_case.request_transfer(
                ctx.graph, who, step, to_org_id=str(input.to_organisation_id), clock=ctx.clock
            )
        except STEP_ERRORS as exc:
            return step_error(exc)
        return RequestAdoptionTransferSuccess(
            adoption=await adoption_after(info, who, step.adoption_id)
        )
