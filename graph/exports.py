"""Reads behind the Excel exports, each run in a write transaction that also records the
export in the audit log: what was read and that it left the system are one fact.

Role projections: identity roles read `CASEWORK_HOUSEHOLD` with region and worker names,
volunteers `VOLUNTEER_HOUSEHOLD` (no identity). Rows come back as plain dicts of named
properties; the service (server/services/exports.py) chooses the columns a role may see.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.dashboard import DashboardFigures, figures_tx
from graph.driver import Graph
from graph.households import (
    CASEWORK_HOUSEHOLD,
    FILTER,
    MATCH_ALL,
    MATCH_BY_NAME,
    VOLUNTEER_HOUSEHOLD,
    HouseholdFilter,
)
from graph.registry_writes import execute_write
from graph.scope import Scope

MAX_ROWS = 50_000

_HOUSEHOLD_TAIL: LiteralString = """
WITH h ORDER BY h.id LIMIT $limit
OPTIONAL MATCH (v:Region {id: h.village_id})
OPTIONAL MATCH (t:Region {id: h.township_id})
"""

_WORKER_NAME: LiteralString = """
       [(h)<-[:FOR]-(:Match {status: 'ACTIVE'})-[:BY]->(w:SocialWorker) | w.name][0] AS worker
"""

_CASEWORK_HOUSEHOLDS: LiteralString = (
    MATCH_ALL
    + FILTER
    + _HOUSEHOLD_TAIL
    + "RETURN "
    + CASEWORK_HOUSEHOLD
    + " AS h, v.name AS village, t.name AS township,"
    + _WORKER_NAME
)

_CASEWORK_HOUSEHOLDS_BY_NAME: LiteralString = (
    MATCH_BY_NAME
    + FILTER
    + _HOUSEHOLD_TAIL
    + "RETURN "
    + CASEWORK_HOUSEHOLD
    + " AS h, v.name AS village, t.name AS township,"
    + _WORKER_NAME
)

_SKETCH_HOUSEHOLDS: LiteralString = (
    MATCH_ALL
    + FILTER
    + _HOUSEHOLD_TAIL
    + "RETURN "
    + VOLUNTEER_HOUSEHOLD
    + " AS h, v.name AS village, t.name AS township"
)

_PLAN_ITEMS: LiteralString = """
MATCH (p:CaseloadPlan {id: $plan_id})
WHERE $all_scope OR all(t IN p.townships WHERE t IN $townships)
OPTIONAL MATCH (:Station {id: $station_id})-[:SERVES]->(st:Region)
WITH p, collect(st.id) AS part
MATCH (i:PlanItem {plan_id: p.id})
OPTIONAL MATCH (h:Household {id: i.household_id})
WITH p, part, i, h WHERE $station_id IS NULL OR h.township_id IN part
OPTIONAL MATCH (v:Region {id: h.village_id})
OPTIONAL MATCH (fw:SocialWorker {id: i.from_worker_id})
OPTIONAL MATCH (tw:SocialWorker {id: i.to_worker_id})
OPTIONAL MATCH (tw)-[:WORKS_AT]->(ts:Station)
RETURN i{.household_id, .kind, .status, .warning_level, .weight, .distance_km, .reasons,
         .left_out_reason} AS i,
       v.name AS village, fw.name AS from_worker, tw.name AS to_worker, ts.name AS station,
       p.scope_name AS scope_name
ORDER BY station, i.household_id
LIMIT $limit
"""

_STATION_VISITS: LiteralString = """
MATCH (s:Station {id: $station_id})
WHERE $all_scope OR s.township_id IN $townships
MATCH (s)<-[:WORKS_AT]-(w:SocialWorker)<-[:BY]-(m:Match)<-[:OF]-(v:Visit)
WHERE v.visited_at >= $since AND v.visited_at < $until
MATCH (m)-[:FOR]->(h:Household)
OPTIONAL MATCH (r:Region {id: h.village_id})
RETURN v{.visited_at, .place, .met, .findings, .outcome} AS v, h.id AS household_id,
       r.name AS village, w.name AS worker, s.name AS station
ORDER BY v.visited_at, h.id
LIMIT $limit
"""


def _flat(row: dict[str, Any], nested: str) -> dict[str, Any]:
    """The projected map's properties beside the row's other columns."""
    return {**row[nested], **{k: v for k, v in row.items() if k != nested}}


ReadTx = Callable[[AsyncManagedTransaction], Awaitable[list[dict[str, Any]]]]


async def _audited_read_tx(
    tx: AsyncManagedTransaction,
    *,
    read: ReadTx,
    actor: Actor,
    export_id: str,
    kind: str,
    params: dict[str, Any],
) -> list[dict[str, Any]]:
    rows = await read(tx)
    await record_audit(
        tx,
        actor=actor,
        action="EXPORTED",
        entity_type="Export",
        entity_id=export_id,
        before=None,
        after={"kind": kind, "rows": len(rows), **params},
    )
    return rows


async def _audited(
    graph: Graph, read: ReadTx, *, actor: Actor, export_id: str, kind: str, params: dict[str, Any]
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await execute_write(
        graph,
        _audited_read_tx,
        read=read,
        actor=actor,
        export_id=export_id,
        kind=kind,
        params=params,
    )
    return rows


async def export_households(
    graph: Graph,
    *,
    scope: Scope,
    flt: HouseholdFilter,
    casework: bool,
    actor: Actor,
    export_id: str,
    audit_params: dict[str, Any],
) -> list[dict[str, Any]]:
    """Households under the list's filters, in the audience's projection (casework: with
    identity; else the volunteer sketch, which ignores a name search)."""
    if casework:
        statement = _CASEWORK_HOUSEHOLDS_BY_NAME if flt.search else _CASEWORK_HOUSEHOLDS
    else:
        statement = _SKETCH_HOUSEHOLDS
    params = {**scope.params(), **flt.params(), "limit": MAX_ROWS}

    async def read(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
        result = await tx.run(statement, params)
        return [_flat(r.data(), "h") async for r in result]

    return await _audited(
        graph, read, actor=actor, export_id=export_id, kind="HOUSEHOLDS", params=audit_params
    )


async def export_plan_items(
    graph: Graph,
    *,
    scope: Scope,
    plan_id: str,
    station_id: str | None,
    actor: Actor,
    export_id: str,
) -> list[dict[str, Any]]:
    params = {
        **scope.params(),
        "plan_id": plan_id,
        "station_id": station_id,
        "limit": MAX_ROWS,
    }

    async def read(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
        result = await tx.run(_PLAN_ITEMS, params)
        return [_flat(r.data(), "i") async for r in result]

    return await _audited(
        graph,
        read,
        actor=actor,
        export_id=export_id,
        kind="CASELOAD_PLAN",
        params={"plan_id": plan_id, "station_id": station_id},
    )


async def export_station_visits(
    graph: Graph,
    *,
    scope: Scope,
    station_id: str,
    since: datetime,
    until: datetime,
    actor: Actor,
    export_id: str,
) -> list[dict[str, Any]]:
    params = {
        **scope.params(),
        "station_id": station_id,
        "since": since,
        "until": until,
        "limit": MAX_ROWS,
    }

    async def read(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
        result = await tx.run(_STATION_VISITS, params)
        return [_flat(r.data(), "v") async for r in result]

    return await _audited(
        graph,
        read,
        actor=actor,
        export_id=export_id,
        kind="STATION_VISITS",
        params={"station_id": station_id, "since": since.isoformat(), "until": until.isoformat()},
    )


async def _dashboard_tx(
    tx: AsyncManagedTransaction, *, params: dict[str, Any], actor: Actor, export_id: str
) -> DashboardFigures | None:
    figures = await figures_tx(tx, params)
    if figures is not None:
        await record_audit(
            tx,
            actor=actor,
            action="EXPORTED",
            entity_type="Export",
            entity_id=export_id,
            before=None,
            after={"kind": "DASHBOARD", "region_id": params["region_id"]},
        )
    return figures


async def export_dashboard(
    graph: Graph,
    *,
    scope: Scope,
    region_id: str,
    today: date,
    since: datetime,
    actor: Actor,
    export_id: str,
) -> DashboardFigures | None:
    params = {**scope.params(), "region_id": region_id, "today": today, "since": since}
    figures: DashboardFigures | None = await execute_write(
        graph, _dashboard_tx, params=params, actor=actor, export_id=export_id
    )
    return figures
