"""A case conference (个案会商) and its decisions as GraphQL."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from graph.conferences import ConferenceRecord, DecisionRecord, ParticipantRecord
from matching.conference import is_overdue
from server.context import Context
from server.graphql.types.registry import Household


@strawberry.enum(description="SCHEDULED → HELD → CLOSED, or SCHEDULED → CANCELLED.")
class ConferenceStatus(Enum):
    SCHEDULED = "SCHEDULED"
    HELD = "HELD"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"


@strawberry.enum(description="The kind of agency a participant speaks for.")
class AgencyKind(Enum):
    STATION = "STATION"
    DEPARTMENT = "DEPARTMENT"
    CHARITY = "CHARITY"
    VILLAGE = "VILLAGE"
    OTHER = "OTHER"


@strawberry.enum(description="OPEN until carried out, then DONE.")
class DecisionStatus(Enum):
    OPEN = "OPEN"
    DONE = "DONE"


@strawberry.type(description="Who took part, for which agency (staff, never the household).")
class ConferenceParticipant:
    name: str
    agency_kind: AgencyKind
    agency_name: str
    role: str | None

    @classmethod
    def from_record(cls, p: ParticipantRecord) -> ConferenceParticipant:
        return cls(
            name=p.name,
            agency_kind=AgencyKind(p.agency_kind),
            agency_name=p.agency_name,
            role=p.role,
        )


@strawberry.type(description="A decision of a conference: a task with an owner and a day.")
class ConferenceDecision:
    _record: strawberry.Private[DecisionRecord]
    id: strawberry.ID
    conference_id: strawberry.ID
    what: str
    owner_worker_id: strawberry.ID | None = strawberry.field(
        description="The worker who carries it out, when on the platform."
    )
    owner_name: str = strawberry.field(description="The owner, by name.")
    due_on: date
    status: DecisionStatus
    done_note: str | None
    done_at: datetime | None
    version: int

    @strawberry.field(description="Open and past its day, as of the query's day.")
    def overdue(self, info: Info[Context, Any]) -> bool:
        r = self._record
        return is_overdue(r.status, r.due_on, info.context.clock.today())

    @strawberry.field(description="Null when the household lies outside the caller's area.")
    async def household(self, info: Info[Context, Any]) -> Household | None:
        row = await info.context.loaders.household.load(self._record.household_id)
        return Household.from_read(row) if row else None

    @classmethod
    def from_record(cls, d: DecisionRecord) -> ConferenceDecision:
        return cls(
            _record=d,
            id=strawberry.ID(d.id),
            conference_id=strawberry.ID(d.conference_id),
            what=d.what,
            owner_worker_id=strawberry.ID(d.owner_worker_id) if d.owner_worker_id else None,
            owner_name=d.owner_name,
            due_on=d.due_on,
            status=DecisionStatus(d.status),
            done_note=d.done_note,
            done_at=d.done_at,
            version=d.version,
        )


@strawberry.type(
    description="个案会商: the agencies around a complex household, and what they decided."
)
class Conference:
    id: strawberry.ID
    household_id: strawberry.ID
    held_on: date
    topic: str
    participants: list[ConferenceParticipant]
    status: ConferenceStatus
    notes: str | None
    close_note: str | None = strawberry.field(description="Why it was cancelled, or closed.")
    held_at: datetime | None
    closed_at: datetime | None
    version: int
    decisions: list[ConferenceDecision]

    @classmethod
    def from_record(cls, r: ConferenceRecord) -> Conference:
        return cls(
            id=strawberry.ID(r.id),
            household_id=strawberry.ID(r.household_id),
            held_on=r.held_on,
            topic=r.topic,
            participants=[ConferenceParticipant.from_record(p) for p in r.participants],
            status=ConferenceStatus(r.status),
            notes=r.notes,
            close_note=r.close_note,
            held_at=r.held_at,
            closed_at=r.closed_at,
            version=r.version,
            decisions=[ConferenceDecision.from_record(d) for d in r.decisions],
        )
