"""A match (配对) as GraphQL."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.types import Info

from graph.match_lifecycle import MatchRecord
from server.context import Context
from server.graphql.types.match_status import MatchOutcome as MatchOutcome  # re-exported
from server.graphql.types.match_status import MatchStatus as MatchStatus  # re-exported
from server.graphql.types.registry import Household, SocialWorker
from server.graphql.types.visit import Visit


@strawberry.type(description="A pairing of one worker with one household, over its whole life.")
class Match:
    _record: strawberry.Private[MatchRecord]
    id: strawberry.ID
    status: MatchStatus
    version: int
    started_on: date | None
    follow_up_due: date | None = strawberry.field(description="下次跟进: when to go next")
    activated_at: datetime | None
    last_visit_at: datetime | None
    last_contact_at: datetime | None = strawberry.field(
        description="The last visit that met someone."
    )
    outcome: MatchOutcome | None
    close_note: str | None
    closed_at: datetime | None
    transition_months: int | None
    transition_until: date | None = strawberry.field(
        description="Closed by an exit: checked monthly until this day (渐退期)."
    )

    @strawberry.field(description="Active and past its follow-up date, as of the query's day.")
    def overdue(self, info: Info[Context, Any]) -> bool:
        return self._record.overdue(info.context.clock.today())

    @strawberry.field
    async def household(self, info: Info[Context, Any]) -> Household | None:
        row = await info.context.loaders.household.load(self._record.household_id)
        return Household.from_read(row) if row else None

    @strawberry.field
    async def worker(self, info: Info[Context, Any]) -> SocialWorker | None:
        if self._record.worker_id is None:
            return None
        w = await info.context.loaders.worker.load(self._record.worker_id)
        return SocialWorker.from_record(w) if w else None

    @strawberry.field(description="Newest first.")
    async def visits(self, info: Info[Context, Any], first: int = 20) -> list[Visit]:
        visits = await info.context.loaders.visits.load(self._record.id)
        return [Visit.from_record(v) for v in visits[: max(0, min(first, 100))]]

    @classmethod
    def from_record(cls, r: MatchRecord) -> Match:
        return cls(
            _record=r,
            id=strawberry.ID(r.id),
            status=MatchStatus(r.status),
            version=r.version,
            started_on=r.started_on,
            follow_up_due=r.follow_up_due,
            activated_at=r.activated_at,
            last_visit_at=r.last_visit_at,
            last_contact_at=r.last_contact_at,
            outcome=MatchOutcome(r.outcome) if r.outcome else None,
            close_note=r.close_note,
            closed_at=r.closed_at,
            transition_months=r.transition_months,
            transition_until=r.transition_until,
        )
