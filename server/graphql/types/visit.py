"""A home visit (入户走访) as GraphQL: what was seen, who was met, what comes next."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from graph.visits import VisitRecord
from server.context import Context
from server.graphql.types.registry import Need


@strawberry.enum(
    description="走访结果: STABLE 情况稳定, CONCERN 需持续关注, URGENT 情况紧急, NOT_MET 未见到人"
)
class VisitOutcome(Enum):
    STABLE = "STABLE"
    CONCERN = "CONCERN"
    URGENT = "URGENT"
    NOT_MET = "NOT_MET"


@strawberry.type(description="A home visit on a match. NOT_MET visits are attempts, not contact.")
class Visit:
    _record: strawberry.Private[VisitRecord]
    id: strawberry.ID
    match_id: strawberry.ID
    visited_at: datetime
    place: str
    met: list[str] = strawberry.field(description="Who was met (见到的人)")
    findings: str
    outcome: VisitOutcome
    contact: bool = strawberry.field(description="Someone was met: counts as contact.")
    next_follow_up: date | None
    verifying: bool = strawberry.field(description="核实走访: verifies the household's alerts")
    recorded_at: datetime
    resolved_alert_ids: list[strawberry.ID]
    resolved_need_ids: list[strawberry.ID]

    @strawberry.field(description="Who recorded it (display name).")
    async def recorded_by(self, info: Info[Context, Any]) -> str | None:
        return await info.context.loaders.user_name.load(self._record.recorded_by)

    @strawberry.field(description="Needs this visit discovered (now on the needs board).")
    async def needs_discovered(self, info: Info[Context, Any]) -> list[Need]:
        wanted = set(self._record.discovered_need_ids)
        if not wanted:
            return []
        needs = await info.context.loaders.needs.load(self._record.household_id)
        return [Need.from_record(n) for n in needs if n.id in wanted]

    @classmethod
    def from_record(cls, r: VisitRecord) -> Visit:
        return cls(
            _record=r,
            id=strawberry.ID(r.id),
            match_id=strawberry.ID(r.match_id),
            visited_at=r.visited_at,
            place=r.place,
            met=list(r.met),
            findings=r.findings,
            outcome=VisitOutcome(r.outcome),
            contact=r.contact,
            next_follow_up=r.next_follow_up,
            verifying=r.verifying,
            recorded_at=r.recorded_at,
            resolved_alert_ids=[strawberry.ID(a) for a in r.resolved_alert_ids],
            resolved_need_ids=[strawberry.ID(n) for n in r.resolved_need_ids],
        )
