"""requestTemporaryAssistance: 救急难, an amount (1–20,000 yuan) for a sudden hardship with
its reason, for the station manager to decide the same day."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.assistance import TemporaryAssistance
from server.services.assistance import RequestAssistance, request_assistance
from server.services.errors import EntityNotFound, InvalidFields


@strawberry.type
class RequestTemporaryAssistanceSuccess:
    assistance: TemporaryAssistance


RequestTemporaryAssistanceResult = Annotated[
    RequestTemporaryAssistanceSuccess | InvalidInput | NotFound,
    strawberry.union("RequestTemporaryAssistanceResult"),
]


@strawberry.type
class RequestTemporaryAssistanceMutation:
    @strawberry.mutation(
        extensions=access("requestTemporaryAssistance"), description="救急难: ask for 临时救助."
    )
    async def request_temporary_assistance(
        self, info: Info[Context, Any], household_id: strawberry.ID, amount_yuan: int, reason: str
    ) -> RequestTemporaryAssistanceResult:
        command = RequestAssistance(str(household_id), amount_yuan, reason)
        try:
            record = await request_assistance(
                info.context.graph, await caller(info), command, today=info.context.clock.today()
            )
        except (InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return RequestTemporaryAssistanceSuccess(assistance=TemporaryAssistance.from_record(record))
