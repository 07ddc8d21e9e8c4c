"""replanWorkerDay: re-plan a stored round mid-day and say what changed."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from matching.rounds.due import format_minutes
from matching.rounds.replan import StopMove
from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, invalid_field, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.rounds import Round
from server.services.errors import EntityNotFound, InvalidFields, StateConflict
from server.services.round_replan import replan_worker_day


@strawberry.type(description="A stop in both rounds that moved or changed time.")
class RoundStopMove:
    household_id: strawberry.ID
    old_position: int | None
    new_position: int | None
    old_start: str | None = strawberry.field(description="HH:MM")
    new_start: str | None = strawberry.field(description="HH:MM")


@strawberry.type(description="What re-planning changed, by household.")
class RoundChange:
    added: list[strawberry.ID] = strawberry.field(description="Households now in the round")
    removed: list[strawberry.ID] = strawberry.field(description="Households no longer in it")
    moved: list[RoundStopMove] = strawberry.field(description="In both, in another order")
    retimed: list[RoundStopMove] = strawberry.field(description="Same order, another time")
    unchanged: int


@strawberry.type
class ReplanWorkerDaySuccess:
    round: Round
    change: RoundChange


ReplanWorkerDayResult = Annotated[
    ReplanWorkerDaySuccess | InvalidInput | NotFound | Conflict,
    strawberry.union("ReplanWorkerDayResult"),
]


def _move(m: StopMove, households: dict[str, str]) -> RoundStopMove:
    return RoundStopMove(
        household_id=strawberry.ID(households.get(m.visit_id, m.visit_id)),
        old_position=m.old_position,
        new_position=m.new_position,
        old_start=format_minutes(m.old_start) if m.old_start is not None else None,
        new_start=format_minutes(m.new_start) if m.new_start is not None else None,
    )


@strawberry.type
class ReplanWorkerDayMutation:
    @strawberry.mutation(
        extensions=access("replanWorkerDay"),
        description="Re-plan a worker's stored round of a day (today or later) mid-day: the "
        "visits recorded today keep their place, emergencies are inserted, the rest is ordered "
        "again from now; returns the round and what changed.",
    )
    async def replan_worker_day(
        self,
        info: Info[Context, Any],
        worker_id: strawberry.ID,
        date: str,
        emergency_household_ids: list[strawberry.ID] | None = None,
    ) -> ReplanWorkerDayResult:
        try:
            day = _day(date)
        except ValueError:
            return invalid_field("date", "expected YYYY-MM-DD", "BAD_DATE")
        clock = info.context.clock
        try:
            done = await replan_worker_day(
                info.context.graph,
                await caller(info),
                str(worker_id),
                day,
                today=clock.today(),
                now=clock.now(),
                emergency_household_ids=[str(h) for h in emergency_household_ids or ()],
            )
        except (InvalidFields, EntityNotFound, StateConflict) as exc:
            return user_error(exc)
        names = done.households
        return ReplanWorkerDaySuccess(
            round=Round.from_row(done.round),
            change=RoundChange(
                added=[strawberry.ID(names.get(v, v)) for v in done.diff.added],
                removed=[strawberry.ID(names.get(v, v)) for v in done.diff.removed],
                moved=[_move(m, names) for m in done.diff.moved],
                retimed=[_move(m, names) for m in done.diff.retimed],
                unchanged=len(done.diff.unchanged),
            ),
        )


def _day(text: str) -> date:
    return date.fromisoformat(text)
