"""Supervision as GraphQL: audit events, notifications, and stale pairings."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graph.audit import AuditEventRecord
from graph.notifications import NotificationRecord
from graph.stale_pairings import SilentWorker, StaleMatch
from server.context import Context
from server.graphql.errors import MessageParam, error_params
from server.graphql.types.match import Match
from server.graphql.types.registry import SocialWorker, Station


@strawberry.type(description="One change, as the audit log (审计日志) recorded it.")
class AuditEvent:
    id: strawberry.ID
    at: datetime
    actor_id: strawberry.ID
    actor_role: str
    actor_name: str | None = strawberry.field(description="The acting account's display name.")
    action: str
    entity_type: str
    entity_id: strawberry.ID
    before: JSON | None
    after: JSON | None
    reason: str | None

    @classmethod
    def from_record(cls, r: AuditEventRecord) -> AuditEvent:
        return cls(
            id=strawberry.ID(r.id),
            at=r.at,
            actor_id=strawberry.ID(r.actor_id),
            actor_role=r.actor_role,
            actor_name=r.actor_name,
            action=r.action,
            entity_type=r.entity_type,
            entity_id=strawberry.ID(r.entity_id),
            before=cast(JSON, r.before),
            after=cast(JSON, r.after),
            reason=r.reason,
        )


@strawberry.type(description="A reminder, escalation or 'your report was resolved' message.")
class Notification:
    id: strawberry.ID
    kind: str = strawberry.field(
        description="VISIT_REMINDER, REPORT_RESOLVED, ALERT_REMINDER, ALERT_ESCALATED, ..."
    )
    message: str = strawberry.field(
        description="Composed text (older clients); pages translate `kind` with `params`."
    )
    params: list[MessageParam]
    recipient_kind: str
    recipient_id: strawberry.ID
    subject_type: str
    subject_id: strawberry.ID
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def from_record(cls, r: NotificationRecord) -> Notification:
        return cls(
            id=strawberry.ID(r.id),
            kind=r.kind,
            message=r.message,
            params=error_params(r.params),
            recipient_kind=r.recipient_kind,
            recipient_id=strawberry.ID(r.recipient_id),
            subject_type=r.subject_type,
            subject_id=strawberry.ID(r.subject_id),
            created_at=r.created_at,
            read_at=r.read_at,
        )


@strawberry.type(description="An active match with no contact for the period asked.")
class StalePairing:
    _stale: strawberry.Private[StaleMatch]
    match: Match
    since: datetime = strawberry.field(description="Last contact, or activation if never met.")
    days_without_contact: int
    reminded_today: bool

    @classmethod
    def from_stale(cls, s: StaleMatch, *, as_of: datetime) -> StalePairing:
        return cls(
            _stale=s,
            match=Match.from_record(s.match),
            since=s.since,
            days_without_contact=max(0, (as_of - s.since).days),
            reminded_today=s.reminded_today,
        )


@strawberry.type(description="A worker who has met none of their households for the period.")
class SilentWorkerRow:
    _row: strawberry.Private[SilentWorker]
    active_matches: int
    stale_matches: int
    last_contact_at: datetime | None

    @strawberry.field
    async def worker(self, info: Info[Context, Any]) -> SocialWorker | None:
        w = await info.context.loaders.worker.load(self._row.worker_id)
        return SocialWorker.from_record(w) if w else None

    @strawberry.field
    async def station(self, info: Info[Context, Any]) -> Station | None:
        s = await info.context.loaders.station.load(self._row.station_id)
        return Station.from_record(s) if s else None

    @classmethod
    def from_row(cls, r: SilentWorker) -> SilentWorkerRow:
        return cls(
            _row=r,
            active_matches=r.active_matches,
            stale_matches=r.stale_matches,
            last_contact_at=r.last_contact_at,
        )


@strawberry.type(description="失联配对: who has not been seen, and who has seen nobody.")
class StalePairings:
    days: int
    as_of: datetime
    total_count: int = strawberry.field(description="All stale matches, not only those listed.")
    pairings: list[StalePairing]
    silent_workers: list[SilentWorkerRow]
