"""Root queries of the follow-through: matches, a household's timeline and statement, stale
pairings, the audit log and the signed-in user's notifications."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from graph.audit_log import AuditFilter, audit_page
from graph.inbox import PageKey, notification_page
from graph.match_lifecycle import MatchFilter as MatchFilterSpec
from graph.match_lifecycle import match_page, page_key
from server.context import Context
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.connection import (
    Connection,
    connection,
    decode_cursor,
    page_size,
)
from server.graphql.types.match import Match, MatchStatus
from server.graphql.types.oversight import (
    AuditEvent,
    Notification,
    SilentWorkerRow,
    StalePairing,
    StalePairings,
)
from server.graphql.types.timeline import HouseholdStatement, TimelineItem
from server.services.casework_timeline import household_timeline_with_referrals
from server.services.errors import InvalidFields
from server.services.follow_up import DEFAULT_STALE_DAYS, inbox_of, stale_pairings
from server.services.timeline import household_statement


@strawberry.input
class MatchFilter:
    household_id: strawberry.ID | None = None
    worker_id: strawberry.ID | None = None
    station_id: strawberry.ID | None = None
    status: MatchStatus | None = None
    overdue: bool | None = strawberry.field(
        default=None, description="Active and past the follow-up date (today's view)."
    )

    def to_spec(self) -> MatchFilterSpec:
        return MatchFilterSpec(
            household_id=str(self.household_id) if self.household_id else None,
            worker_id=str(self.worker_id) if self.worker_id else None,
            station_id=str(self.station_id) if self.station_id else None,
            status=self.status.value if self.status else None,
            overdue=self.overdue,
        )


@strawberry.input
class AuditEventFilter:
    entity_id: strawberry.ID | None = None
    entity_type: str | None = strawberry.field(default=None, description="e.g. Household")
    actor_id: strawberry.ID | None = None
    action: str | None = strawberry.field(default=None, description="e.g. RECORD_VISIT")
    from_: datetime | None = strawberry.field(default=None, name="from", description="inclusive")
    to: datetime | None = strawberry.field(default=None, description="exclusive")

    def to_spec(self) -> AuditFilter:
        return AuditFilter(
            entity_id=str(self.entity_id) if self.entity_id else None,
            entity_type=self.entity_type or None,
            actor_id=str(self.actor_id) if self.actor_id else None,
            action=self.action or None,
            since=self.from_,
            until=self.to,
        )


def _time_key(at: datetime, key: str) -> str:
    return f"{at.isoformat()}|{key}"


def _page_key(cursor: str | None) -> PageKey | None:
    raw = decode_cursor(cursor)
    if raw is None:
        return None
    at, _, key = raw.partition("|")
    try:
        return PageKey(at=datetime.fromisoformat(at), id=key)
    except ValueError as exc:
        raise GraphQLError(
            "after: not a cursor this API returned", extensions={"code": "BAD_USER_INPUT"}
        ) from exc


def _bad_input(exc: InvalidFields) -> GraphQLError:
    return GraphQLError(str(exc), extensions={"code": "BAD_USER_INPUT"})


@strawberry.type
class FollowUpQuery:
    @strawberry.field(extensions=access("match"), description="One match in your area.")
    async def match(self, info: Info[Context, Any], id: strawberry.ID) -> Match | None:
        record = await info.context.loaders.match.load(str(id))
        return Match.from_record(record) if record else None

    @strawberry.field(
        extensions=access("matches"),
        description="Matches in your area, by follow-up date (soonest and most overdue first).",
    )
    async def matches(
        self,
        info: Info[Context, Any],
        first: int = 20,
        after: str | None = None,
        filter: MatchFilter | None = None,
    ) -> Connection[Match]:
        ctx = info.context
        size = page_size(first)
        rows, total = await match_page(
            ctx.graph,
            scope=await ctx.loaders.scope(),
            flt=(filter or MatchFilter()).to_spec(),
            today=ctx.clock.today(),
            after=decode_cursor(after),
            limit=size + 1,
        )
        ctx.loaders.match.prime_many({r.id: r for r in rows})
        return connection(rows, first=size, total=total, key=page_key, node=Match.from_record)

    @strawberry.field(
        extensions=access("householdTimeline"),
        description="Everything that happened to the household, oldest first; null when it is "
        "not in your area.",
    )
    async def household_timeline(
        self, info: Info[Context, Any], household_id: strawberry.ID
    ) -> list[TimelineItem] | None:
        ctx = info.context
        entries = await household_timeline_with_referrals(
            ctx.graph, str(household_id), scope=await ctx.loaders.scope(), clock=ctx.clock
        )
        return None if entries is None else [TimelineItem.from_entry(e) for e in entries]

    @strawberry.field(
        extensions=access("householdStatement"),
        description="幸福清单: the help the household received, for printing.",
    )
    async def household_statement(
        self, info: Info[Context, Any], household_id: strawberry.ID
    ) -> HouseholdStatement | None:
        ctx = info.context
        s = await household_statement(
            ctx.graph, str(household_id), scope=await ctx.loaders.scope(), clock=ctx.clock
        )
        return HouseholdStatement.from_statement(s) if s else None

    @strawberry.field(
        extensions=access("stalePairings"),
        description="Active matches with no contact for `days` (since activation when never "
        "visited), longest first, and workers who have met none of their households.",
    )
    async def stale_pairings(
        self,
        info: Info[Context, Any],
        days: int = DEFAULT_STALE_DAYS,
        station_id: strawberry.ID | None = None,
        first: int = 50,
    ) -> StalePairings:
        clock = info.context.clock
        try:
            result = await stale_pairings(
                info.context.graph,
                await caller(info),
                days=days,
                station_id=str(station_id) if station_id else None,
                clock=clock,
                limit=page_size(first),
            )
        except InvalidFields as exc:
            raise _bad_input(exc) from exc
        loaders = info.context.loaders
        loaders.match.prime_many({s.match.id: s.match for s in result.matches})
        return StalePairings(
            days=result.days,
            as_of=result.as_of,
            total_count=result.total_matches,
            pairings=[StalePairing.from_stale(s, as_of=result.as_of) for s in result.matches],
            silent_workers=[SilentWorkerRow.from_row(w) for w in result.workers],
        )

    @strawberry.field(extensions=access("auditEvents"), description="The audit log, newest first.")
    async def audit_events(
        self,
        info: Info[Context, Any],
        first: int = 20,
        after: str | None = None,
        filter: AuditEventFilter | None = None,
    ) -> Connection[AuditEvent]:
        size = page_size(first)
        rows, total = await audit_page(
            info.context.graph,
            flt=(filter or AuditEventFilter()).to_spec(),
            after=_page_key(after),
            limit=size + 1,
        )
        return connection(
            rows,
            first=size,
            total=total,
            key=lambda r: _time_key(r.at, r.id),
            node=AuditEvent.from_record,
        )

    @strawberry.field(
        extensions=access("notifications"), description="Your notifications, newest first."
    )
    async def notifications(
        self,
        info: Info[Context, Any],
        first: int = 20,
        after: str | None = None,
        unread_only: bool = False,
    ) -> Connection[Notification]:
        principal = info.context.principal
        assert principal is not None
        size = page_size(first)
        rows, total = await notification_page(
            info.context.graph,
            recipients=inbox_of(principal),
            unread_only=unread_only,
            after=_page_key(after),
            limit=size + 1,
        )
        return connection(
            rows,
            first=size,
            total=total,
            key=lambda r: _time_key(r.created_at, r.id),
            node=Notification.from_record,
        )
