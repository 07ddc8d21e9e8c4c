"""recordIndicatorEvent: report one indicator event; the household is rescored at once."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.audit import Actor
from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, user_error
from server.graphql.permissions import access
from server.graphql.types.alerts import Alert, IndicatorEvent, IndicatorKind
from server.graphql.types.vocabulary import WarningLevel
from server.services.errors import EntityNotFound, InvalidFields
from server.services.indicator_events import RecordEvent, record_indicator_event


@strawberry.input(description="One event; name the household by its id or a member's ID number.")
class RecordIndicatorEventInput:
    household_id: strawberry.ID | None = None
    id_number: str | None = strawberry.field(
        default=None, description="A member's resident ID number (居民身份证号码)"
    )
    kind: IndicatorKind
    occurred_on: str = strawberry.field(description="YYYY-MM-DD; not in the future")
    amount: int | None = strawberry.field(
        default=None, description="yuan out of pocket; required for MEDICAL_COST, SCHOOLING_COST"
    )
    source: str | None = strawberry.field(default=None, description="Defaults to MANUAL")
    external_id: str | None = strawberry.field(
        default=None, description="The sender's id: with the source, makes re-sending safe"
    )


@strawberry.type
class RecordIndicatorEventSuccess:
    event: IndicatorEvent
    duplicate: bool = strawberry.field(
        description="The same event was already recorded; nothing new was written"
    )
    level_before: WarningLevel
    level: WarningLevel
    score: float
    indicators: list[IndicatorKind]
    alert: Alert | None = strawberry.field(
        description="The alert this event raised (the level rose), if any"
    )


RecordIndicatorEventResult = Annotated[
    RecordIndicatorEventSuccess | InvalidInput | NotFound,
    strawberry.union("RecordIndicatorEventResult"),
]


@strawberry.type
class RecordIndicatorEventMutation:
    @strawberry.mutation(
        extensions=access("recordIndicatorEvent"),
        description="Record an indicator event and rescore its household at once. "
        "An ID number unknown in your area is a NotFound on idNumber, never dropped.",
    )
    async def record_indicator_event(
        self, info: Info[Context, Any], input: RecordIndicatorEventInput
    ) -> RecordIndicatorEventResult:
        ctx = info.context
        assert ctx.principal is not None
        cmd = RecordEvent(
            household_id=str(input.household_id) if input.household_id else None,
            id_number=input.id_number,
            kind=input.kind.value,
            occurred_on=input.occurred_on,
            amount=input.amount,
            source=input.source,
            external_id=input.external_id,
        )
        try:
            done = await record_indicator_event(
                ctx.graph,
                scope=await ctx.loaders.scope(),
                actor=Actor(ctx.principal.user_id, ctx.principal.role.value, ctx.clock.now()),
                cmd=cmd,
                clock=ctx.clock,
            )
        except (InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        r = done.rescored
        return RecordIndicatorEventSuccess(
            event=IndicatorEvent.from_record(done.event),
            duplicate=done.duplicate,
            level_before=WarningLevel(r.level_before),
            level=WarningLevel(r.level),
            score=r.score,
            indicators=[IndicatorKind(k) for k in r.indicators],
            alert=Alert.from_record(r.alert) if r.alert else None,
        )
