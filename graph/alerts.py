"""Warning alerts: raised when a household's warning level rises, resolved by a visit.

`(:Alert {id, household_id, level, score, indicators, event_ids, raised_at, due_at, status,
assigned_kind, assigned_id, resolved_at, resolved_by_visit, superseded_by, version})
-[:ABOUT]->(:Household)`. An alert's id is derived from its evidence (household, level and
the events behind it), so raising it twice writes one node.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, AuditEntry, record_audit_many
from graph.driver import Graph
from graph.notifications import notify_tx
from graph.scope import Scope

# Stored on each alert so lists sort red first in the database.
SEVERITY: dict[str, int] = {"NONE": 0, "BLUE": 1, "YELLOW": 2, "ORANGE": 3, "RED": 4}


# The alert as `AlertRecord` reads it: named properties, never the whole node.
ALERT_FIELDS: LiteralString = """a{.id, .household_id, .level, .score, .indicators, .event_ids,
  .raised_at, .due_at, .status, .assigned_kind, .assigned_id, .resolved_at,
  .resolved_by_visit, .superseded_by, .version}"""


@dataclass(frozen=True, slots=True)
class AlertRecord:
    id: str
    household_id: str
    level: str  # BLUE | YELLOW | ORANGE | RED
    score: float
    indicators: tuple[str, ...]
    event_ids: tuple[str, ...]
    raised_at: datetime
    due_at: datetime
    status: str  # OPEN | RESOLVED
    assigned_kind: str  # WORKER | STATION
    assigned_id: str
    resolved_at: datetime | None
    resolved_by_visit: str | None
    superseded_by: str | None
    version: int

    @classmethod
    def from_node(cls, n: Any) -> AlertRecord:
        resolved = n.get("resolved_at")
        return cls(
            id=n["id"],
            household_id=n["household_id"],
            level=n["level"],
            score=float(n["score"]),
            indicators=tuple(n.get("indicators") or ()),
            event_ids=tuple(n.get("event_ids") or ()),
            raised_at=n["raised_at"].to_native(),
            due_at=n["due_at"].to_native(),
            status=n["status"],
            assigned_kind=n["assigned_kind"],
            assigned_id=n["assigned_id"],
            resolved_at=resolved.to_native() if resolved is not None else None,
            resolved_by_visit=n.get("resolved_by_visit"),
            superseded_by=n.get("superseded_by"),
            version=int(n.get("version") or 1),
        )


@dataclass(frozen=True, slots=True)
class NewAlert:
    """An alert to raise, as the rescoring service decided it."""

    id: str
    household_id: str
    level: str
    score: float
    indicators: tuple[str, ...]
    event_ids: tuple[str, ...]
    raised_at: datetime
    due_at: datetime


# ---- resolving by a visit ----------------------------------------------------------------

_RESOLVE_FOR_VISIT: LiteralString = """
MATCH (a:Alert {household_id: $household_id, status: 'OPEN'})
WHERE a.raised_at <= $visited_at
SET a.status = 'RESOLVED', a.resolved_at = $visited_at, a.resolved_by_visit = $visit_id,
    a.version = a.version + 1
WITH a
OPTIONAL MATCH (e:IndicatorEvent) WHERE e.id IN a.event_ids AND e.reported_by IS NOT NULL
RETURN a.id AS id, a.level AS level, collect(DISTINCT e.reported_by) AS reporters
ORDER BY a.id
"""


async def resolve_alerts_for_visit_tx(
    tx: AsyncManagedTransaction,
    *,
    household_id: str,
    visit_id: str,
    visited_at: datetime,
    actor: Actor,
) -> list[str]:
    """Resolve every OPEN alert of the household raised at or before the visit, inside the
    caller's (record-visit) transaction; audit each and tell the reporters of the events
    behind it. Returns the resolved alert ids. Re-running it resolves nothing more.
    A naive `visited_at` is taken as UTC: compared with the stored zoned times it would
    otherwise match nothing."""
    if visited_at.tzinfo is None:
        visited_at = visited_at.replace(tzinfo=UTC)
    result = await tx.run(
        _RESOLVE_FOR_VISIT, household_id=household_id, visit_id=visit_id, visited_at=visited_at
    )
    rows = [r async for r in result]
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                action="RESOLVE_ALERT",
                entity_type="Alert",
                entity_id=r["id"],
                before={"status": "OPEN"},
                after={"status": "RESOLVED", "resolved_by_visit": visit_id},
                reason="verifying visit",
            )
            for r in rows
        ],
    )
    for r in rows:
        for user_id in r["reporters"]:
            # One notice per (alert, reporter): a retried visit transaction tells them once.
            await notify_tx(
                tx,
                now=actor.at,
                notification_id=f"resolved:{r['id']}:{user_id}",
                recipient_kind="USER",
                recipient_id=user_id,
                kind="REPORT_RESOLVED",
                message=(f"the situation you reported was verified by a home visit ({r['level']})"),
                subject_type="Alert",
                subject_id=r["id"],
                params={"level": r["level"]},
            )
    return [str(r["id"]) for r in rows]


# The household's worker (its active match), else the station serving its township, else
# (no station yet) the county's coordinators.
_RAISE: LiteralString = (
    """
UNWIND $alerts AS a
MATCH (h:Household {id: a.household_id})
OPTIONAL MATCH (h)<-[:FOR]-(:Match {status: 'ACTIVE'})-[:BY]->(w:SocialWorker)
WITH h, a, min(w.id) AS worker_id
OPTIONAL MATCH (s:Station)-[:SERVES]->(:Region {id: h.township_id})
WITH h, a, worker_id, min(s.id) AS station_id
MERGE (al:Alert {id: a.id})
ON CREATE SET al.household_id = h.id, al.level = a.level, al.severity = a.severity,
              al.score = a.score, al.indicators = a.indicators, al.event_ids = a.event_ids,
              al.raised_at = a.raised_at, al.due_at = a.due_at, al.status = 'OPEN',
              al.assigned_kind = CASE WHEN worker_id IS NOT NULL THEN 'WORKER'
                                      WHEN station_id IS NOT NULL THEN 'STATION'
                                      ELSE 'COUNTY' END,
              al.assigned_id = coalesce(worker_id, station_id, h.county_id),
              al.version = 1, al.fresh = true
MERGE (al)-[:ABOUT]->(h)
WITH h, al, coalesce(al.fresh, false) AS created
REMOVE al.fresh
WITH al AS a, created
RETURN """
    + ALERT_FIELDS
    + " AS al, created"
)

# A higher alert covers the lower ones still open: one visit, one deadline, one escalation.
_SUPERSEDE: LiteralString = """
UNWIND $alerts AS a
MATCH (old:Alert {household_id: a.household_id, status: 'OPEN'})
WHERE old.id <> a.id AND old.severity < a.severity
SET old.status = 'RESOLVED', old.resolved_at = a.raised_at, old.superseded_by = a.id,
    old.version = old.version + 1
RETURN old.id AS id, a.id AS by
"""


async def raise_alerts_tx(
    tx: AsyncManagedTransaction, *, alerts: Sequence[NewAlert], actor: Actor
) -> list[AlertRecord]:
    """Raise the alerts (idempotent on their ids), supersede lower open ones, audit, and tell
    each assignee. Returns only the alerts this call created."""
    if not alerts:
        return []
    rows = [
        {
            "id": a.id,
            "household_id": a.household_id,
            "level": a.level,
            "severity": SEVERITY[a.level],
            "score": a.score,
            "indicators": list(a.indicators),
            "event_ids": list(a.event_ids),
            "raised_at": a.raised_at,
            "due_at": a.due_at,
        }
        for a in alerts
    ]
    result = await tx.run(_RAISE, alerts=rows)
    created = [AlertRecord.from_node(r["al"]) async for r in result if r["created"]]
    if not created:
        return []
    new_ids = {a.id for a in created}
    result = await tx.run(_SUPERSEDE, alerts=[r for r in rows if r["id"] in new_ids])
    superseded = [(r["id"], r["by"]) async for r in result]
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                action="RAISE_ALERT",
                entity_type="Alert",
                entity_id=a.id,
                before=None,
                after={
                    "household_id": a.household_id,
                    "level": a.level,
                    "score": a.score,
                    "indicators": list(a.indicators),
                    "due_at": a.due_at.isoformat(),
                    "assigned": f"{a.assigned_kind}:{a.assigned_id}",
                },
            )
            for a in created
        ]
        + [
            AuditEntry(
                action="SUPERSEDE_ALERT",
                entity_type="Alert",
                entity_id=old,
                before={"status": "OPEN"},
                after={"status": "RESOLVED", "superseded_by": by},
            )
            for old, by in superseded
        ],
    )
    for a in created:
        await notify_tx(
            tx,
            now=actor.at,
            notification_id=f"raised:{a.id}",
            recipient_kind=a.assigned_kind,
            recipient_id=a.assigned_id,
            kind="ALERT_RAISED",
            message=f"new {a.level} warning: visit to verify by {a.due_at:%Y-%m-%d %H:%M} UTC",
            subject_type="Alert",
            subject_id=a.id,
            params={"level": a.level, "dueAt": a.due_at.isoformat()},
        )
    return created


# ---- reading -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AlertFilter:
    status: str | None = None
    level: str | None = None
    assigned: tuple[str, str] | None = None  # (kind, id): "assigned to me"
    region_id: str | None = None

    def params(self) -> dict[str, Any]:
        kind, ident = self.assigned or (None, None)
        return {
            "status": self.status,
            "level": self.level,
            "assigned_kind": kind,
            "assigned_id": ident,
            "region_id": self.region_id,
        }


@dataclass(frozen=True, slots=True)
class AlertCursor:
    """Position in the list order: severity (red first), then due time, then id."""

    severity: int
    due_at: datetime
    id: str

    def encode(self) -> str:
        return f"{self.severity}|{self.due_at.isoformat()}|{self.id}"

    @classmethod
    def decode(cls, text: str) -> AlertCursor:
        severity, due, ident = text.split("|", 2)
        return cls(severity=int(severity), due_at=datetime.fromisoformat(due), id=ident)

    @classmethod
    def of(cls, a: AlertRecord) -> AlertCursor:
        return cls(severity=SEVERITY[a.level], due_at=a.due_at, id=a.id)


_ALERT_FILTER: LiteralString = """
MATCH (a:Alert)-[:ABOUT]->(h:Household)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($status IS NULL OR a.status = $status)
  AND ($level IS NULL OR a.level = $level)
  AND ($assigned_kind IS NULL
       OR (a.assigned_kind = $assigned_kind AND a.assigned_id = $assigned_id))
  AND ($region_id IS NULL OR $region_id IN [h.village_id, h.township_id, h.county_id])
"""
_ALERT_PAGE: LiteralString = (
    _ALERT_FILTER
    + """
  AND ($after_id IS NULL OR a.severity < $after_severity
       OR (a.severity = $after_severity
           AND (a.due_at > $after_due OR (a.due_at = $after_due AND a.id > $after_id))))
RETURN """
    + ALERT_FIELDS
    + """ AS alert ORDER BY a.severity DESC, a.due_at, a.id LIMIT $limit
"""
)
_ALERT_COUNT: LiteralString = _ALERT_FILTER + " RETURN count(a) AS n"

_ALERTS_BY_ID: LiteralString = (
    """
UNWIND $ids AS id
MATCH (a:Alert {id: id})-[:ABOUT]->(h:Household)
WHERE $all_scope OR h.township_id IN $townships
RETURN """
    + ALERT_FIELDS
    + " AS alert"
)

_ALERTS_OF_HOUSEHOLD: LiteralString = (
    """
MATCH (a:Alert)-[:ABOUT]->(h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
RETURN """
    + ALERT_FIELDS
    + """ AS alert ORDER BY a.raised_at DESC, a.id LIMIT $limit
"""
)


async def alert_page(
    graph: Graph, *, scope: Scope, flt: AlertFilter, after: AlertCursor | None, limit: int
) -> list[AlertRecord]:
    records, _, _ = await graph.driver.execute_query(
        _ALERT_PAGE,
        **scope.params(),
        **flt.params(),
        after_severity=after.severity if after else None,
        after_due=after.due_at if after else None,
        after_id=after.id if after else None,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [AlertRecord.from_node(r["alert"]) for r in records]


async def alert_count(graph: Graph, *, scope: Scope, flt: AlertFilter) -> int:
    records, _, _ = await graph.driver.execute_query(
        _ALERT_COUNT, **scope.params(), **flt.params(), database_=graph.database, routing_="r"
    )
    return int(records[0]["n"])


async def alerts_by_id(
    graph: Graph, ids: Sequence[str], *, scope: Scope
) -> list[AlertRecord | None]:
    records, _, _ = await graph.driver.execute_query(
        _ALERTS_BY_ID, ids=list(ids), **scope.params(), database_=graph.database, routing_="r"
    )
    by_id = {r["alert"]["id"]: AlertRecord.from_node(r["alert"]) for r in records}
    return [by_id.get(i) for i in ids]


async def alerts_of_household(
    graph: Graph, *, household_id: str, scope: Scope, limit: int
) -> list[AlertRecord]:
    """Newest first; empty when the household is unknown or outside the scope."""
    records, _, _ = await graph.driver.execute_query(
        _ALERTS_OF_HOUSEHOLD,
        household_id=household_id,
        **scope.params(),
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [AlertRecord.from_node(r["alert"]) for r in records]


# The open alerts of a household that changes hands follow it to its new worker: the one who
# now visits it is the one who must verify it.
_MOVE_OPEN: LiteralString = """
UNWIND $moves AS mv
MATCH (a:Alert {household_id: mv.household_id, status: 'OPEN'})
WHERE NOT (a.assigned_kind = 'WORKER' AND a.assigned_id = mv.worker_id)
WITH a, mv, a.assigned_kind AS kind, a.assigned_id AS ident
SET a.assigned_kind = 'WORKER', a.assigned_id = mv.worker_id,
    a.version = coalesce(a.version, 1) + 1
RETURN a.id AS id, kind, ident, mv.worker_id AS worker_id
"""


async def move_open_alerts_tx(
    tx: AsyncManagedTransaction, *, moves: Sequence[tuple[str, str]], actor: Actor, reason: str
) -> int:
    """Give each (household id, worker id)'s open alerts to that worker, audited; how many."""
    if not moves:
        return 0
    rows = [{"household_id": h, "worker_id": w} for h, w in moves]
    result = await tx.run(_MOVE_OPEN, moves=rows)
    entries = [
        AuditEntry(
            "ALERT_MOVED",
            "Alert",
            r["id"],
            {"assigned": f"{r['kind']}:{r['ident']}"},
            {"assigned": f"WORKER:{r['worker_id']}"},
            reason,
        )
        async for r in result
    ]
    await record_audit_many(tx, actor=actor, entries=entries)
    return len(entries)
