"""claimNeed: an organisation adopts an open need, within its capacity and scope; the need
is then PLEDGED. Two racing claims: one wins, the other gets `Conflict` NEED_TAKEN."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, StaleVersion
from server.graphql.mutations._adoption import STEP_ERRORS, adoption_after, step_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.market import Adoption
from server.services.adoptions import ClaimCommand, claim_need


@strawberry.input
class ClaimNeedInput:
    need_id: strawberry.ID
    expected_version: int = strawberry.field(description="The need's version you read.")
    amount_yuan: int | None = strawberry.field(
        default=None, description="What you pledge (元); omit for the whole estimated cost."
    )


@strawberry.type
class ClaimNeedSuccess:
    adoption: Adoption | None


ClaimNeedResult = Annotated[
    ClaimNeedSuccess | InvalidInput | NotFound | StaleVersion | Conflict,
    strawberry.union("ClaimNeedResult"),
]


@strawberry.type
class ClaimNeedMutation:
    @strawberry.mutation(extensions=access("claimNeed"))
    async def claim_need(self, info: Info[Context, Any], input: ClaimNeedInput) -> ClaimNeedResult:
        who = await caller(info)
        ctx = info.context
        try:
            adoption_id = await claim_need(
                ctx.graph,
                who,
                ClaimCommand(str(input.need_id), input.expected_version, input.amount_yuan),
                clock=ctx.clock,
                claim_days=ctx.settings.claim_days,
            )
        except STEP_ERRORS as exc:
            return step_error(exc)
        return ClaimNeedSuccess(adoption=await adoption_after(info, who, adoption_id))
