"""Escalation (催办): overdue alerts and follow-ups, and the reminder steps recorded on them.

`(:Escalation {id: <subject key>:<step>, subject_type, subject_id, subject_key, household_id,
step, due_at, at, recipient_kind, recipient_id})`. The subject key of an alert is its id; a
follow-up's is `<match id>@<due day>`, so the next follow-up of the same match starts its
own steps. A match closed by an exit keeps monthly follow-ups until its transition ends
(渐退期, `m.transition_until`): they are overdue and escalate like an active match's. A
referral's key is its id (see `graph.referrals`). The step's notification has the same id as
the step: re-running a pass, or retrying one that crashed half-way, writes neither twice.

Nothing here stores "overdue": it is read from the due dates at query time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.alerts import ALERT_FIELDS
from graph.driver import Graph
from graph.notifications import notify_tx
from graph.scope import Scope
from graph.warning_levels import WatchScope

ALERT = "ALERT"
FOLLOW_UP = "FOLLOW_UP"
GRID_REPORT = "GRID_REPORT"  # a grid report the station has not confirmed in time
# What a step's notification and audit entry are about, by subject type.
SUBJECT_ENTITY = {
    ALERT: "Alert",
    FOLLOW_UP: "Match",
    GRID_REPORT: "GridReport",
    "REFERRAL": "Referral",
    "INTAKE": "Intake",
    "CONFERENCE_DECISION": "ConferenceDecision",
}


@dataclass(frozen=True, slots=True)
class OverdueSubject:
    """Something past its deadline, with who is told at each step."""

    subject_type: str  # ALERT | FOLLOW_UP | REFERRAL
    subject_id: str  # alert, match or referral id
    subject_key: str
    household_id: str
    level: str | None  # the alert's level; None for a follow-up
    due_at: datetime | None  # an alert's deadline
    due_on: date | None  # a follow-up's due day
    worker_id: str | None
    first_kind: str  # the step-1 recipient: WORKER, or who the alert is assigned to
    first_id: str
    station_id: str | None
    county_id: str | None
    steps_done: tuple[int, ...]


def follow_up_key(match_id: str, due_on: date) -> str:
    return f"{match_id}@{due_on.isoformat()}"


# ---- the pass: what may need a step --------------------------------------------------------

# Alerts already through every step are skipped in the database, not in Python.
_OVERDUE_ALERTS: LiteralString = (
    """
MATCH (a:Alert {status: 'OPEN'}) WHERE a.due_at <= $now
  AND ($after_id IS NULL OR a.due_at > $after_due OR (a.due_at = $after_due AND a.id > $after_id))
  AND COUNT { (x:Escalation {subject_key: a.id}) } < $steps
MATCH (a)-[:ABOUT]->(h:Household)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($region_id IS NULL OR $region_id IN [h.village_id, h.township_id, h.county_id])
OPTIONAL MATCH (s:Station)-[:SERVES]->(:Region {id: h.township_id})
WITH a, h, min(s.id) AS township_station
OPTIONAL MATCH (w:SocialWorker {id: a.assigned_id})-[:WORKS_AT]->(ws:Station)
  WHERE a.assigned_kind = 'WORKER'
RETURN """
    + ALERT_FIELDS
    + """ AS alert, h.county_id AS county_id, w.id AS worker_id,
       coalesce(ws.id, township_station) AS station_id,
       COLLECT { MATCH (x:Escalation {subject_key: a.id}) RETURN x.step } AS done
ORDER BY a.due_at, a.id LIMIT $limit
"""
)

_OVERDUE_FOLLOW_UPS: LiteralString = """
MATCH (m:Match) WHERE m.status IN ['ACTIVE', 'CLOSED'] AND m.follow_up_due < $today
  AND (m.status = 'ACTIVE' OR m.follow_up_due <= m.transition_until)
  AND ($after_id IS NULL OR m.follow_up_due > $after_due
       OR (m.follow_up_due = $after_due AND m.id > $after_id))
WITH m, m.id + '@' + toString(m.follow_up_due) AS key
WHERE COUNT { (x:Escalation {subject_key: key}) } < $steps
MATCH (m)-[:FOR]->(h:Household)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($region_id IS NULL OR $region_id IN [h.village_id, h.township_id, h.county_id])
MATCH (m)-[:BY]->(w:SocialWorker)-[:WORKS_AT]->(s:Station)
RETURN m.id AS match_id, m.follow_up_due AS due_on, key, h.id AS household_id,
       h.county_id AS county_id, w.id AS worker_id, s.id AS station_id,
       COLLECT { MATCH (x:Escalation {subject_key: key}) RETURN x.step } AS done
ORDER BY m.follow_up_due, m.id LIMIT $limit
"""


@dataclass(frozen=True, slots=True)
class PassArea:
    """Where a pass looks: the caller's scope, narrowed to a region if one is named."""

    scope: Scope
    region_id: str | None = None

    def params(self) -> dict[str, Any]:
        return {**self.scope.params(), "region_id": self.region_id}


async def overdue_alert_subjects(
    graph: Graph,
    *,
    area: PassArea,
    now: datetime,
    steps: int,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[OverdueSubject]:
    """One page, in (due, id) order after `after`, of open alerts past due that still lack
    a step."""
    records, _, _ = await graph.driver.execute_query(
        _OVERDUE_ALERTS,
        **area.params(),
        now=now,
        steps=steps,
        after_due=after[0] if after else None,
        after_id=after[1] if after else None,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    out = []
    for r in records:
        a = r["alert"]
        out.append(
            OverdueSubject(
                subject_type=ALERT,
                subject_id=a["id"],
                subject_key=a["id"],
                household_id=a["household_id"],
                level=a["level"],
                due_at=a["due_at"].to_native(),
                due_on=None,
                worker_id=r["worker_id"],
                first_kind=a["assigned_kind"],
                first_id=a["assigned_id"],
                station_id=r["station_id"],
                county_id=r["county_id"],
                steps_done=tuple(sorted(r["done"])),
            )
        )
    return out


async def overdue_follow_up_subjects(
    graph: Graph,
    *,
    area: PassArea,
    today: date,
    steps: int,
    after: tuple[date, str] | None,
    limit: int,
) -> list[OverdueSubject]:
    """One page, in (due day, match id) order, of active matches whose follow-up day has
    passed and that still lack a step."""
    records, _, _ = await graph.driver.execute_query(
        _OVERDUE_FOLLOW_UPS,
        **area.params(),
        today=today,
        steps=steps,
        after_due=after[0] if after else None,
        after_id=after[1] if after else None,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [
        OverdueSubject(
            subject_type=FOLLOW_UP,
            subject_id=r["match_id"],
            subject_key=r["key"],
            household_id=r["household_id"],
            level=None,
            due_at=None,
            due_on=r["due_on"].to_native(),
            worker_id=r["worker_id"],
            first_kind="WORKER",
            first_id=r["worker_id"],
            station_id=r["station_id"],
            county_id=r["county_id"],
            steps_done=tuple(sorted(r["done"])),
        )
        for r in records
    ]


# A pending grid report has no household yet: its station hears first (step 1), then the
# station's manager (step 2, the same address) and the county.
_OVERDUE_GRID_REPORTS: LiteralString = """
MATCH (r:GridReport {status: 'PENDING'}) WHERE r.due_at <= $now
  AND ($after_id IS NULL OR r.due_at > $after_due OR (r.due_at = $after_due AND r.id > $after_id))
  AND COUNT { (x:Escalation {subject_key: r.id}) } < $steps
  AND ($all_scope OR r.township_id IN $townships)
  AND ($region_id IS NULL OR $region_id IN [r.village_id, r.township_id, r.county_id])
OPTIONAL MATCH (s:Station)-[:SERVES]->(:Region {id: r.township_id})
WITH r, min(s.id) AS station_id
RETURN r{.id, .due_at, .county_id} AS r, station_id,
       COLLECT { MATCH (x:Escalation {subject_key: r.id}) RETURN x.step } AS done
ORDER BY r.due_at, r.id LIMIT $limit
"""


async def overdue_grid_report_subjects(
    graph: Graph,
    *,
    area: PassArea,
    now: datetime,
    steps: int,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[OverdueSubject]:
    """One page, in (due, id) order, of grid reports still pending past their time limit."""
    records, _, _ = await graph.driver.execute_query(
        _OVERDUE_GRID_REPORTS,
        **area.params(),
        now=now,
        steps=steps,
        after_due=after[0] if after else None,
        after_id=after[1] if after else None,
        limit=limit,
        database_=graph.database,
    )
    return [
        OverdueSubject(
            subject_type=GRID_REPORT,
            subject_id=r["r"]["id"],
            subject_key=r["r"]["id"],
            household_id="",
            level=None,
            due_at=r["r"]["due_at"].to_native(),
            due_on=None,
            worker_id=None,
            first_kind="STATION" if r["station_id"] else "COUNTY",
            first_id=r["station_id"] or r["r"]["county_id"],
            station_id=r["station_id"],
            county_id=r["r"]["county_id"],
            steps_done=tuple(sorted(r["done"])),
        )
        for r in records
        if r["station_id"] or r["r"]["county_id"]
    ]


# ---- recording steps ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StepToRecord:
    subject: OverdueSubject
    step: int
    due: datetime  # the subject's deadline as an instant
    recipient_kind: str
    recipient_id: str
    kind: str  # notification kind
    message: str
    params: Mapping[str, object]  # what the page's message for `kind` is filled with

    @property
    def id(self) -> str:
        return f"{self.subject.subject_key}:{self.step}"


_RECORD_STEPS: LiteralString = """
UNWIND $rows AS row
MERGE (x:Escalation {id: row.id})
ON CREATE SET x.subject_type = row.subject_type, x.subject_id = row.subject_id,
              x.subject_key = row.subject_key, x.household_id = row.household_id,
              x.step = row.step, x.due_at = row.due_at, x.at = $now,
              x.recipient_kind = row.recipient_kind, x.recipient_id = row.recipient_id,
              x.fresh = true
WITH x, coalesce(x.fresh, false) AS created
REMOVE x.fresh
RETURN x.id AS id, created
"""


async def record_steps_tx(
    tx: AsyncManagedTransaction, *, steps: Sequence[StepToRecord], now: datetime
) -> list[str]:
    """Merge the steps and their notifications (same ids); return the ids new this time."""
    result = await tx.run(
        _RECORD_STEPS,
        now=now,
        rows=[
            {
                "id": s.id,
                "subject_type": s.subject.subject_type,
                "subject_id": s.subject.subject_id,
                "subject_key": s.subject.subject_key,
                "household_id": s.subject.household_id,
                "step": s.step,
                "due_at": s.due,
                "recipient_kind": s.recipient_kind,
                "recipient_id": s.recipient_id,
            }
            for s in steps
        ],
    )
    created = [str(r["id"]) async for r in result if r["created"]]
    # Step and notice commit together; both merge on the same id, so a pass racing another
    # (the cron and a manual run) or retried after a crash leaves one of each.
    for s in steps:
        await notify_tx(
            tx,
            now=now,
            notification_id=s.id,
            recipient_kind=s.recipient_kind,
            recipient_id=s.recipient_id,
            kind=s.kind,
            message=s.message,
            subject_type=SUBJECT_ENTITY.get(s.subject.subject_type, "Match"),
            subject_id=s.subject.subject_id,
            params=s.params,
        )
    return created


# ---- the overdue lists (derived at query time) --------------------------------------------


@dataclass(frozen=True, slots=True)
class OverdueItem:
    subject_type: str  # ALERT | FOLLOW_UP
    subject_id: str
    household_id: str
    level: str | None
    due_at: datetime | None
    due_on: date | None
    worker_id: str | None
    station_id: str | None
    assigned_kind: str
    assigned_id: str
    escalation_step: int  # the highest step recorded so far; 0 for none


_LIST_ALERTS: LiteralString = (
    """
MATCH (a:Alert {status: 'OPEN'})-[:ABOUT]->(h:Household)
WHERE a.due_at < $now AND ($all_scope OR h.township_id IN $townships)
OPTIONAL MATCH (w:SocialWorker {id: a.assigned_id})-[:WORKS_AT]->(ws:Station)
  WHERE a.assigned_kind = 'WORKER'
WITH a, h, w, CASE WHEN a.assigned_kind = 'STATION' THEN a.assigned_id ELSE ws.id END AS sid
WHERE ($worker_id IS NULL OR w.id = $worker_id)
  AND ($station_id IS NULL OR sid = $station_id)
  AND ($region_id IS NULL OR $region_id IN [h.village_id, h.township_id, h.county_id])
RETURN """
    + ALERT_FIELDS
    + """ AS alert, w.id AS worker_id, sid AS station_id,
       reduce(top = 0, n IN COLLECT { MATCH (x:Escalation {subject_key: a.id}) RETURN x.step } |
              CASE WHEN n > top THEN n ELSE top END) AS step
ORDER BY a.severity DESC, a.due_at, a.id LIMIT $limit
"""
)

_LIST_FOLLOW_UPS: LiteralString = """
MATCH (m:Match)-[:FOR]->(h:Household)
WHERE m.status IN ['ACTIVE', 'CLOSED'] AND m.follow_up_due < $today
  AND (m.status = 'ACTIVE' OR m.follow_up_due <= m.transition_until)
  AND ($all_scope OR h.township_id IN $townships)
  AND ($region_id IS NULL OR $region_id IN [h.village_id, h.township_id, h.county_id])
MATCH (m)-[:BY]->(w:SocialWorker)-[:WORKS_AT]->(s:Station)
WHERE ($worker_id IS NULL OR w.id = $worker_id) AND ($station_id IS NULL OR s.id = $station_id)
WITH m, h, w, s, m.id + '@' + toString(m.follow_up_due) AS key
RETURN m.id AS match_id, m.follow_up_due AS due_on, h.id AS household_id,
       w.id AS worker_id, s.id AS station_id,
       reduce(top = 0, n IN COLLECT { MATCH (x:Escalation {subject_key: key}) RETURN x.step } |
              CASE WHEN n > top THEN n ELSE top END) AS step
ORDER BY m.follow_up_due, m.id LIMIT $limit
"""


async def overdue_items(
    graph: Graph,
    *,
    viewer: Scope,
    scope: WatchScope,
    now: datetime,
    today: date,
    limit: int,
) -> tuple[list[OverdueItem], list[OverdueItem]]:
    """(overdue alerts, overdue follow-ups) in the named scope and the viewer's."""
    common = {**viewer.params(), **scope.params(), "limit": limit}
    alerts, _, _ = await graph.driver.execute_query(
        _LIST_ALERTS, now=now, **common, database_=graph.database, routing_="r"
    )
    follow_ups, _, _ = await graph.driver.execute_query(
        _LIST_FOLLOW_UPS, today=today, **common, database_=graph.database, routing_="r"
    )
    return (
        [
            OverdueItem(
                subject_type=ALERT,
                subject_id=r["alert"]["id"],
                household_id=r["alert"]["household_id"],
                level=r["alert"]["level"],
                due_at=r["alert"]["due_at"].to_native(),
                due_on=None,
                worker_id=r["worker_id"],
                station_id=r["station_id"],
                assigned_kind=r["alert"]["assigned_kind"],
                assigned_id=r["alert"]["assigned_id"],
                escalation_step=int(r["step"]),
            )
            for r in alerts
        ],
        [
            OverdueItem(
                subject_type=FOLLOW_UP,
                subject_id=r["match_id"],
                household_id=r["household_id"],
                level=None,
                due_at=None,
                due_on=r["due_on"].to_native(),
                worker_id=r["worker_id"],
                station_id=r["station_id"],
                assigned_kind="WORKER",
                assigned_id=r["worker_id"],
                escalation_step=int(r["step"]),
            )
            for r in follow_ups
        ],
    )
