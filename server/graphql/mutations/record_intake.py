"""recordIntake: a walk-in or hotline request (首问负责), recorded by whoever receives it;
they own it until they hand it over. A time limit of 1–10 days (3 by default)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from matching.intake import IntakeChannel as ChannelCode
from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.intake import Intake, IntakeChannel
from server.services.errors import EntityNotFound, InvalidFields
from server.services.intakes import RecordIntake, record_intake


@strawberry.input(description="A request as received: how, where, what, and its time limit.")
class RecordIntakeInput:
    channel: IntakeChannel
    township_id: strawberry.ID
    summary: str = strawberry.field(description="What is asked (at most 500 characters).")
    household_id: strawberry.ID | None = strawberry.field(
        default=None, description="When the request is about a registered household."
    )
    days: int = strawberry.field(default=3, description="Time limit: 1 to 10 days.")


@strawberry.type
class RecordIntakeSuccess:
    intake: Intake


RecordIntakeResult = Annotated[
    RecordIntakeSuccess | InvalidInput | NotFound, strawberry.union("RecordIntakeResult")
]


@strawberry.type
class RecordIntakeMutation:
    @strawberry.mutation(
        extensions=access("recordIntake"), description="首问负责: record a request."
    )
    async def record_intake(
        self, info: Info[Context, Any], input: RecordIntakeInput
    ) -> RecordIntakeResult:
        command = RecordIntake(
            channel=ChannelCode(input.channel.value),
            summary=input.summary,
            township_id=str(input.township_id),
            household_id=str(input.household_id) if input.household_id else None,
            days=input.days,
        )
        try:
            record = await record_intake(
                info.context.graph, await caller(info), command, today=info.context.clock.today()
            )
        except (InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return RecordIntakeSuccess(intake=Intake.from_record(record))
