"""A first-responder intake (首问负责) as GraphQL."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from graph.intakes import IntakeRecord
from server.context import Context


@strawberry.enum(description="来访 or 热线.")
class IntakeChannel(Enum):
    WALK_IN = "WALK_IN"
    HOTLINE = "HOTLINE"


@strawberry.enum(description="What the request became, or ANSWERED on the spot.")
class IntakeOutcome(Enum):
    EVENT = "EVENT"
    NEED = "NEED"
    HOUSEHOLD = "HOUSEHOLD"
    ANSWERED = "ANSWERED"


@strawberry.type(description="A walk-in or hotline request, owned by who received it.")
class Intake:
    _record: strawberry.Private[IntakeRecord]
    id: strawberry.ID
    channel: IntakeChannel
    summary: str
    township_id: strawberry.ID
    household_id: strawberry.ID | None
    received_at: datetime | None
    due_on: date
    status: str = strawberry.field(description="OPEN or CLOSED.")
    outcome: IntakeOutcome | None
    result_id: strawberry.ID | None = strawberry.field(
        description="The event, need or household it became."
    )
    note: str | None
    version: int

    @strawberry.field(description="Open and past its day, as of the query's day.")
    def overdue(self, info: Info[Context, Any]) -> bool:
        r = self._record
        return r.status == "OPEN" and r.due_on < info.context.clock.today()

    @strawberry.field(description="Whose it is (display name).")
    async def owner_name(self, info: Info[Context, Any]) -> str | None:
        return await info.context.loaders.user_name.load(self._record.owner_id)

    @classmethod
    def from_record(cls, r: IntakeRecord) -> Intake:
        return cls(
            _record=r,
            id=strawberry.ID(r.id),
            channel=IntakeChannel(r.channel),
            summary=r.summary,
            township_id=strawberry.ID(r.township_id),
            household_id=strawberry.ID(r.household_id) if r.household_id else None,
            received_at=r.received_at,
            due_on=r.due_on,
            status=r.status,
            outcome=IntakeOutcome(r.outcome) if r.outcome else None,
            result_id=strawberry.ID(r.result_id) if r.result_id else None,
            note=r.note,
            version=r.version,
        )
