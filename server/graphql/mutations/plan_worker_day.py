from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, invalid_field, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.rounds import Round
from server.services.errors import EntityNotFound, InvalidFields
from server.services.rounds import plan_worker_day


@strawberry.type
class PlanWorkerDaySuccess:
    round: Round


PlanWorkerDayResult = Annotated[
    PlanWorkerDaySuccess | InvalidInput | NotFound, strawberry.union("PlanWorkerDayResult")
]


@strawberry.type
class PlanWorkerDayMutation:
    @strawberry.mutation(
        extensions=access("planWorkerDay"),
        description="Plan (or plan again) a worker's round for a day from what is due: open "
        "alerts by their deadlines, care visits, follow-ups and class reviews, within the "
        "households' availability. Synchronous (under a second). A worker plans their own.",
    )
    async def plan_worker_day(
        self, info: Info[Context, Any], worker_id: strawberry.ID, date: str
    ) -> PlanWorkerDayResult:
        try:
            day = _day(date)
        except ValueError:
            return invalid_field("date", "expected YYYY-MM-DD", "BAD_DATE")
        try:
            row = await plan_worker_day(info.context.graph, await caller(info), str(worker_id), day)
        except (InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return PlanWorkerDaySuccess(round=Round.from_row(row))


def _day(text: str) -> date:
    return date.fromisoformat(text)
