"""recordDisbursement: money or goods went out (amount, day, channel)."""

from __future__ import annotations

from datetime import date
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
from server.graphql.types.market import Adoption, DisbursementChannel
from server.services import adoptions as use_case


@strawberry.input
class RecordDisbursementInput:
    adoption_id: strawberry.ID
    expected_version: int
    amount_yuan: int
    disbursed_on: date
    channel: DisbursementChannel


@strawberry.type
class RecordDisbursementSuccess:
    adoption: Adoption | None


RecordDisbursementResult = Annotated[
    RecordDisbursementSuccess | InvalidInput | NotFound | StaleVersion | Conflict,
    strawberry.union("RecordDisbursementResult"),
]


@strawberry.type
class RecordDisbursementMutation:
    @strawberry.mutation(extensions=access("recordDisbursement"))
    async def record_disbursement(
        self, info: Info[Context, Any], input: RecordDisbursementInput
    ) -> RecordDisbursementResult:
        who = await caller(info)
        ctx = info.context
        step = use_case.StepCommand(str(input.adoption_id), input.expected_version)
        try:
            await use_case.record_disbursement(
                ctx.graph,
                who,
                use_case.DisbursementCommand(
                    step.adoption_id,
                    step.expected_version,
                    input.amount_yuan,
                    input.disbursed_on,
                    input.channel.value,
                ),
                clock=ctx.clock,
            )
        except STEP_ERRORS as exc:
            return step_error(exc)
        return RecordDisbursementSuccess(adoption=await adoption_after(info, who, step.adoption_id))
