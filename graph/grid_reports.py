"""Grid reports (网格发现): what a village cadre, grid member or party member saw.

`(r:GridReport {id, kind, need_kind, indicator, description, village_id, township_id,
county_id, volunteer_id, reported_by, reported_at, due_at, status, household_id,
created_id, decided_by, decided_at, dismiss_reason, version})-[:IN]->(v:Region)`.
The reporter names a village, never a household: the station links the household when it
confirms, so a reporter cannot look anybody up through a report.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.driver import Graph
from graph.notifications import notify_tx
from graph.registry_writes import EntityMissing, VersionMismatch
from graph.scope import Scope
from graph.values import as_datetime


@dataclass(frozen=True, slots=True)
class GridReportRecord:
    id: str
    kind: str  # NEED | EVENT
    need_kind: str | None
    indicator: str | None
    description: str
    village_id: str
    village_name: str
    township_id: str
    volunteer_id: str
    reported_at: datetime
    due_at: datetime
    status: str  # PENDING | CONFIRMED | DISMISSED
    household_id: str | None
    created_id: str | None  # the need or indicator event confirming made
    decided_at: datetime | None
    dismiss_reason: str | None
    version: int


def grid_report_record(r: Any, village_name: str) -> GridReportRecord:
    return GridReportRecord(
        id=r["id"],
        kind=r["kind"],
        need_kind=r.get("need_kind"),
        indicator=r.get("indicator"),
        description=r.get("description") or "",
        village_id=r["village_id"],
        village_name=village_name,
        township_id=r["township_id"],
        volunteer_id=r["volunteer_id"],
        reported_at=as_datetime(r["reported_at"]) or datetime.min,
        due_at=as_datetime(r["due_at"]) or datetime.min,
        status=r["status"],
        household_id=r.get("household_id"),
        created_id=r.get("created_id"),
        decided_at=as_datetime(r.get("decided_at")),
        dismiss_reason=r.get("dismiss_reason"),
        version=int(r.get("version") or 1),
    )


# ---- reads ------------------------------------------------------------------------------

# The report as `grid_report_record` reads it: named properties, never the whole node. A write
# also returns `properties(r)`, the audit's before/after image of the change.
_REPORT: LiteralString = """r{.id, .kind, .need_kind, .indicator, .description, .village_id,
  .township_id, .volunteer_id, .reported_at, .due_at, .status, .household_id, .created_id,
  .decided_at, .dismiss_reason, .version}"""

_OF_VOLUNTEER: LiteralString = (
    """
MATCH (r:GridReport {volunteer_id: $volunteer_id})-[:IN]->(v:Region)
RETURN """
    + _REPORT
    + """ AS r, v.name AS village_name
ORDER BY r.reported_at DESC, r.id LIMIT $limit
"""
)

_QUEUE: LiteralString = (
    """
MATCH (r:GridReport)-[:IN]->(v:Region)
WHERE ($all_scope OR r.township_id IN $townships)
  AND ($status IS NULL OR r.status = $status)
RETURN """
    + _REPORT
    + " AS r, v.name AS village_name ORDER BY r.due_at, r.id LIMIT $limit"
)

_BY_ID: LiteralString = (
    """
MATCH (r:GridReport {id: $id})-[:IN]->(v:Region)
WHERE $all_scope OR r.township_id IN $townships
RETURN """
    + _REPORT
    + " AS r, v.name AS village_name"
)


async def grid_reports_of_volunteer(
    graph: Graph, *, volunteer_id: str, limit: int
) -> list[GridReportRecord]:
    records, _, _ = await graph.driver.execute_query(
        _OF_VOLUNTEER,
        volunteer_id=volunteer_id,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [grid_report_record(r["r"], r["village_name"]) for r in records]


async def grid_report_queue(
    graph: Graph, *, scope: Scope, status: str | None, limit: int
) -> list[GridReportRecord]:
    records, _, _ = await graph.driver.execute_query(
        _QUEUE, **scope.params(), status=status, limit=limit, database_=graph.database, routing_="r"
    )
    return [grid_report_record(r["r"], r["village_name"]) for r in records]


async def grid_report_by_id(
    graph: Graph, report_id: str, *, scope: Scope
) -> GridReportRecord | None:
    records, _, _ = await graph.driver.execute_query(
        _BY_ID, id=report_id, **scope.params(), database_=graph.database, routing_="r"
    )
    return grid_report_record(records[0]["r"], records[0]["village_name"]) if records else None


# ---- writes -----------------------------------------------------------------------------

_SUBMIT: LiteralString = (
    """
MATCH (v:Region {id: $village_id, level: 'VILLAGE'})
WHERE $all_scope OR v.parent_id IN $townships
MATCH (t:Region {id: v.parent_id})
CREATE (r:GridReport {id: $id})
SET r += $props, r.village_id = v.id, r.township_id = t.id, r.county_id = t.parent_id,
    r.status = 'PENDING', r.version = 1, r.reported_at = $now, r.due_at = $due_at,
    r.updated_at = $now
CREATE (r)-[:IN]->(v)
WITH r, v
OPTIONAL MATCH (s:Station)-[:SERVES]->(:Region {id: v.parent_id})
RETURN """
    + _REPORT
    + """ AS r, properties(r) AS after, v.name AS village_name,
       min(s.id) AS station_id
"""
)

_LOCK: LiteralString = (
    """
MATCH (r:GridReport {id: $id})-[:IN]->(v:Region)
WHERE $all_scope OR r.township_id IN $townships
SET r.locked_by = $marker
REMOVE r.locked_by
RETURN """
    + _REPORT
    + " AS r, properties(r) AS before, v.name AS village_name"
)

_HOUSEHOLD_PLACE: LiteralString = """
MATCH (h:Household {id: $household_id})
WHERE ($all_scope OR h.township_id IN $townships)
RETURN h.village_id AS village_id
"""

_CHANGE: LiteralString = (
    """
MATCH (r:GridReport {id: $id})-[:IN]->(v:Region)
SET r += $props, r.version = r.version + 1, r.updated_at = $now
RETURN """
    + _REPORT
    + " AS r, properties(r) AS after, v.name AS village_name"
)

_LINK_HOUSEHOLD: LiteralString = """
MATCH (r:GridReport {id: $id}), (h:Household {id: $household_id})
MERGE (r)-[:ABOUT]->(h)
"""


async def submit_grid_report_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    report_id: str,
    village_id: str,
    scope_params: dict[str, Any],
    props: Mapping[str, Any],
    now: datetime,
    due_at: datetime,
) -> GridReportRecord:
    """Creates the report and tells the station serving the village's township."""
    r = await (
        await tx.run(
            _SUBMIT,
            id=report_id,
            village_id=village_id,
            props=dict(props),
            now=now,
            due_at=due_at,
            **scope_params,
        )
    ).single()
    if r is None:
        raise EntityMissing("Region", village_id)
    record = grid_report_record(r["r"], r["village_name"])
    await record_audit(
        tx,
        actor=actor,
        action="SUBMIT_GRID_REPORT",
        entity_type="GridReport",
        entity_id=report_id,
        before=None,
        after=dict(r["after"]),
    )
    if r["station_id"] is not None:
        await notify_tx(
            tx,
            now=now,
            notification_id=f"nt-{report_id}",
            recipient_kind="STATION",
            recipient_id=r["station_id"],
            kind="GRID_REPORT_RECEIVED",
            message="GRID_REPORT_RECEIVED",  # a code: the page says it from kind and params
            subject_type="GridReport",
            subject_id=report_id,
            params={"village": record.village_name, "dueAt": due_at.isoformat()},
        )
    return record


@dataclass(frozen=True, slots=True)
class HouseholdPlace:
    village_id: str | None


@dataclass(frozen=True, slots=True)
class ReportState:
    """The report under lock, and the household confirming would link (None: none given, or
    not found in the caller's scope)."""

    report: GridReportRecord
    household: HouseholdPlace | None


@dataclass(frozen=True, slots=True)
class ReportDecision:
    action: str  # CONFIRM_GRID_REPORT | DISMISS_GRID_REPORT
    props: Mapping[str, Any]
    link_household: bool  # confirming links the household given
    # Writes what confirming makes (a need, an event) in this transaction; its id.
    make: Callable[[AsyncManagedTransaction], Awaitable[str]] | None


async def decide_grid_report_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    report_id: str,
    expected_version: int,
    scope_params: dict[str, Any],
    household_id: str | None,
    decide: Callable[[ReportState], ReportDecision],
) -> GridReportRecord:
    """`household_id`: the household confirming links; `decide` raises to refuse."""
    r = await (await tx.run(_LOCK, id=report_id, marker=actor.id, **scope_params)).single()
    if r is None:
        raise EntityMissing("GridReport", report_id)
    current = grid_report_record(r["r"], r["village_name"])
    if current.version != expected_version:
        raise VersionMismatch("GridReport", report_id, current.version)
    place = None
    if household_id is not None:
        place = await (
            await tx.run(_HOUSEHOLD_PLACE, household_id=household_id, **scope_params)
        ).single()
    household = HouseholdPlace(place["village_id"]) if place is not None else None
    decision = decide(ReportState(current, household))
    props = dict(decision.props)
    if decision.link_household and household_id is not None:
        await tx.run(_LINK_HOUSEHOLD, id=report_id, household_id=household_id)
    if decision.make is not None:
        props["created_id"] = await decision.make(tx)
    after = await (await tx.run(_CHANGE, now=actor.at, id=report_id, props=props)).single(
        strict=True
    )
    await record_audit(
        tx,
        actor=actor,
        action=decision.action,
        entity_type="GridReport",
        entity_id=report_id,
        before=dict(r["before"]),
        after=dict(after["after"]),
    )
    return grid_report_record(after["r"], after["village_name"])


# ---- the demo county's reports (server/demo/volunteering.py) ----------------------------

_SEED: LiteralString = """
UNWIND $rows AS row
MATCH (v:Region {id: row.village_id})
MATCH (t:Region {id: v.parent_id})
MERGE (r:GridReport {id: row.id})
ON CREATE SET r += row.props, r.village_id = v.id, r.township_id = t.id,
              r.county_id = t.parent_id, r.version = 1, r.updated_at = $now
MERGE (r)-[:IN]->(v)
"""


async def seed_grid_reports(graph: Graph, rows: list[dict[str, Any]], *, now: datetime) -> None:
    """Rows of {id, village_id, props}; re-running adds nothing."""
    await graph.driver.execute_query(_SEED, rows=rows, now=now, database_=graph.database)
