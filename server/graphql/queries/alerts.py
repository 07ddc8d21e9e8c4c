"""Root queries of early warning: alerts, a household's alerts and events, overdue lists."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from graph.alerts import (
    AlertCursor,
    AlertFilter,
    alert_count,
    alert_page,
    alerts_by_id,
    alerts_of_household,
)
from graph.indicator_events import events_of_household
from graph.warning_levels import WatchScope
from matching.escalation import today_in_china
from server.auth import Principal
from server.context import Context
from server.graphql.permissions import access
from server.graphql.types.alerts import (
    Alert,
    AlertStatus,
    IndicatorEvent,
    OverdueList,
    overdue_alert,
    overdue_follow_up,
)
from server.graphql.types.connection import Connection, connection, decode_cursor, page_size
from server.graphql.types.vocabulary import WarningLevel
from server.roles import Role
from server.services.escalation import overdue

HOUSEHOLD_LIST_LIMIT = 200


@strawberry.input
class AlertFilterInput:
    status: AlertStatus | None = None
    level: WarningLevel | None = None
    assigned_to_me: bool | None = strawberry.field(
        default=None,
        description="Alerts addressed to you: your own as a worker, your station's as a "
        "station manager, your county's as a coordinator.",
    )
    region_id: strawberry.ID | None = None


@strawberry.input(description="Exactly one: a worker, a station, or a region (村/乡镇/县).")
class WatchScopeInput:
    worker_id: strawberry.ID | None = None
    station_id: strawberry.ID | None = None
    region_id: strawberry.ID | None = None

    def to_watch(self) -> WatchScope:
        given = [v for v in (self.worker_id, self.station_id, self.region_id) if v]
        if len(given) != 1:
            raise GraphQLError(
                "scope: give exactly one of workerId, stationId, regionId",
                extensions={"code": "BAD_USER_INPUT"},
            )
        return WatchScope(
            worker_id=str(self.worker_id) if self.worker_id else None,
            station_id=str(self.station_id) if self.station_id else None,
            region_id=str(self.region_id) if self.region_id else None,
        )


def own_address(p: Principal) -> tuple[str, str] | None:
    """The (kind, id) alerts are addressed to for this user, if their role has one."""
    if p.scope_id is None:
        return None
    if p.role is Role.SOCIAL_WORKER and p.scope_kind == "SELF":
        return ("WORKER", p.scope_id)
    if p.role is Role.STATION_MANAGER and p.scope_kind == "STATION":
        return ("STATION", p.scope_id)
    if p.role in (Role.COORDINATOR, Role.ADMIN) and p.scope_kind == "COUNTY":
        return ("COUNTY", p.scope_id)
    return None


def own_watch(p: Principal) -> WatchScope:
    address = own_address(p)
    if address is None:
        raise GraphQLError("scope: required for your role", extensions={"code": "BAD_USER_INPUT"})
    kind, ident = address
    if kind == "WORKER":
        return WatchScope(worker_id=ident)
    if kind == "STATION":
        return WatchScope(station_id=ident)
    return WatchScope(region_id=ident)


def _cursor(text: str | None) -> AlertCursor | None:
    raw = decode_cursor(text)
    if raw is None:
        return None
    try:
        return AlertCursor.decode(raw)
    except ValueError as exc:
        raise GraphQLError(
            "after: not a cursor this API returned", extensions={"code": "BAD_USER_INPUT"}
        ) from exc


@strawberry.type
class AlertQuery:
    @strawberry.field(
        extensions=access("alerts"),
        description="Alerts in your scope, red first, then by due time.",
    )
    async def alerts(
        self,
        info: Info[Context, Any],
        first: int = 20,
        after: str | None = None,
        filter: AlertFilterInput | None = None,
    ) -> Connection[Alert]:
        ctx = info.context
        assert ctx.principal is not None
        size = page_size(first)
        f = filter or AlertFilterInput()
        mine = own_address(ctx.principal) if f.assigned_to_me else None
        spec = AlertFilter(
            status=f.status.value if f.status else None,
            level=f.level.value if f.level else None,
            # "Mine" for a role with no address matches nothing rather than everything.
            assigned=mine or (("NONE", "") if f.assigned_to_me else None),
            region_id=str(f.region_id) if f.region_id else None,
        )
        scope = await ctx.loaders.scope()
        rows = await alert_page(
            ctx.graph, scope=scope, flt=spec, after=_cursor(after), limit=size + 1
        )
        total = await alert_count(ctx.graph, scope=scope, flt=spec)
        return connection(
            rows,
            first=size,
            total=total,
            key=lambda r: AlertCursor.of(r).encode(),
            node=Alert.from_record,
        )

    @strawberry.field(extensions=access("alert"))
    async def alert(self, info: Info[Context, Any], id: strawberry.ID) -> Alert | None:
        ctx = info.context
        [row] = await alerts_by_id(ctx.graph, [str(id)], scope=await ctx.loaders.scope())
        return Alert.from_record(row) if row else None

    @strawberry.field(
        extensions=access("householdAlerts"),
        description=f"A household's alerts, newest first (at most {HOUSEHOLD_LIST_LIMIT}).",
    )
    async def household_alerts(
        self, info: Info[Context, Any], household_id: strawberry.ID
    ) -> list[Alert]:
        ctx = info.context
        rows = await alerts_of_household(
            ctx.graph,
            household_id=str(household_id),
            scope=await ctx.loaders.scope(),
            limit=HOUSEHOLD_LIST_LIMIT,
        )
        return [Alert.from_record(r) for r in rows]

    @strawberry.field(
        extensions=access("householdEvents"),
        description=f"A household's indicator events, newest first (at most "
        f"{HOUSEHOLD_LIST_LIMIT}).",
    )
    async def household_events(
        self, info: Info[Context, Any], household_id: strawberry.ID
    ) -> list[IndicatorEvent]:
        ctx = info.context
        rows = await events_of_household(
            ctx.graph,
            household_id=str(household_id),
            scope=await ctx.loaders.scope(),
            limit=HOUSEHOLD_LIST_LIMIT,
        )
        return [IndicatorEvent.from_record(r) for r in rows]

    @strawberry.field(
        extensions=access("overdue"),
        description="逾期: overdue alerts and follow-ups of a worker, station or region; "
        "without a scope, your own. Judged at `at` (default now), never stored.",
    )
    async def overdue(
        self,
        info: Info[Context, Any],
        scope: WatchScopeInput | None = None,
        at: datetime | None = None,
    ) -> OverdueList:
        ctx = info.context
        assert ctx.principal is not None
        watch = scope.to_watch() if scope else own_watch(ctx.principal)
        when = _aware(at) if at else datetime.now(UTC)
        alerts, follow_ups = await overdue(
            ctx.graph, viewer=await ctx.loaders.scope(), watch=watch, now=when
        )
        today = today_in_china(when)
        return OverdueList(
            at=when,
            alerts=[overdue_alert(a, when) for a in alerts],
            follow_ups=[overdue_follow_up(f, today) for f in follow_ups],
        )


def _aware(value: datetime) -> datetime:
    # A time sent without an offset is read as UTC, as the API writes its times.
    return value if value.tzinfo else value.replace(tzinfo=UTC)
