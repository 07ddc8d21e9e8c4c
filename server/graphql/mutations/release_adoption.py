"""releaseAdoption: give a claim back before anything was paid; the need reopens."""

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
class ReleaseAdoptionInput:
    adoption_id: strawberry.ID
    expected_version: int


@strawberry.type
class ReleaseAdoptionSuccess:
    adoption: Adoption | None


ReleaseAdoptionResult = Annotated[
    ReleaseAdoptionSuccess | InvalidInput | NotFound | StaleVersion | Conflict,
    strawberry.union("ReleaseAdoptionResult"),
]


@strawberry.type
class ReleaseAdoptionMutation:
    @strawberry.mutation(extensions=access("releaseAdoption"))
    async def release_adoption(
        self, info: Info[Context, Any], input: ReleaseAdoptionInput
    ) -> ReleaseAdoptionResult:
        who = await caller(info)
        ctx = info.context
        step = use_case.StepCommand(str(input.adoption_id), input.expected_version)
        try:
            await use_case.release(ctx.graph, who, step)
        except STEP_ERRORS as exc:
            return step_error(exc)
        return ReleaseAdoptionSuccess(adoption=await adoption_after(info, who, step.adoption_id))
