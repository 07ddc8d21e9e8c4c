"""Everything that happened to one household, read in three round trips, for its timeline
and its statement of help received (幸福清单).

Indicator events, alerts and escalations are written by the early-warning module; their
properties are read defensively (`.get`) so a node written by an older or newer version of
that module still shows up rather than breaking the household page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from graph.alerts import ALERT_FIELDS
from graph.audit import AuditEventRecord
from graph.audit_log import AUDIT_EVENT, audit_record
from graph.driver import Graph
from graph.households import CASEWORK_HOUSEHOLD, HouseholdRow, household_row
from graph.match_lifecycle import MATCH_FIELDS, MatchRecord, match_record
from graph.scope import Scope
from graph.values import as_date, as_datetime
from graph.visits import VISIT, VisitRecord, visit_record

# NOT_SELECTED proposals were alternatives a plan's approval passed over: not history.
# Every read names the properties its facts use (the projections beside their records).
_HISTORY: LiteralString = (
    """
MATCH (h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
RETURN """
    + CASEWORK_HOUSEHOLD
    + """ AS household, h.exited_on AS exited_on, h.transition_until AS transition_until,
  COLLECT { MATCH (m:Match)-[:FOR]->(h) WHERE m.status <> 'NOT_SELECTED'
            OPTIONAL MATCH (m)-[:BY]->(w:SocialWorker)
            OPTIONAL MATCH (w)-[:WORKS_AT]->(s:Station)
            OPTIONAL MATCH (m)-[:IN_PLAN]->(p:CaseloadPlan)
            RETURN {m: """
    + MATCH_FIELDS
    + """, worker_id: w.id, worker_name: w.name, station_id: s.id,
                    station_name: s.name, proposed_at: p.created_at,
                    proposed_by: p.created_by} } AS matches,
  COLLECT { MATCH (v:Visit)-[:OF]->(:Match)-[:FOR]->(h) RETURN """
    + VISIT
    + """ } AS visits,
  COLLECT { MATCH (h)-[:HAS_NEED]->(n:Need)
            RETURN {n: n{.id, .kind, .status, .description, .estimated_cost, .created_at,
                         .reported_by, .resolved_at, .resolved_by},
                    orgs: COLLECT { MATCH (o)-->(n) WHERE o:Charity OR o:Enterprise
                                    RETURN o.name },
                    pledger: COLLECT { MATCH (c:Charity) WHERE c.id = n.pledged_by
                                       RETURN c.name },
                    adopters: COLLECT { MATCH (n)<-[:FOR]-(:Adoption {status: 'FULFILLED'})
                                              -[:BY]->(o)
                                        RETURN o.name }} } AS needs,
  COLLECT { MATCH (a:Alert)-[:ABOUT]->(h) RETURN """
    + ALERT_FIELDS
    + """ } AS alerts,
  COLLECT { MATCH (e:IndicatorEvent)-[:CONCERNS]->(h)
            RETURN e{.id, .kind, .amount, .occurred_on, .recorded_at, .reported_by,
                     .source} } AS events,
  COLLECT { MATCH (x:Escalation {household_id: h.id})
            RETURN x{.id, .at, .step, .subject_type, .subject_id, .recipient_kind} }
    AS escalations,
  COLLECT { MATCH (t:CareTask {status: 'DONE'})-[:FOR]->(h)
            OPTIONAL MATCH (vol:Volunteer {id: t.volunteer_id})
            RETURN {t: t{.id, .kind, .what, .done_on, .recorded_at, .minutes, .note},
                    volunteer: vol.name} } AS care_tasks,
  COLLECT { MATCH (x:JobProposal)-[:HELPS]->(h)
            WHERE x.status IN ['CONSENTED', 'HIRED', 'LEFT', 'DECLINED']
            MATCH (j:JobPosting {id: x.posting_id})
            OPTIONAL MATCH (e:Enterprise {id: j.enterprise_id})
            RETURN {x: x{.id, .status, .updated_at}, title: j.title, kind: j.kind,
                    enterprise: e.name} } AS job_outcomes
"""
)

_NEED_AUDIT: LiteralString = (
    """
MATCH (a:AuditEvent) WHERE a.entity_id IN $need_ids AND a.entity_type = 'Need'
RETURN """
    + AUDIT_EVENT
    + """ AS event ORDER BY a.at, a.id
"""
)

_USER_NAMES: LiteralString = """
MATCH (u:User) WHERE u.id IN $ids
RETURN u.id AS id, coalesce(u.display_name, u.username) AS name
"""


@dataclass(frozen=True, slots=True)
class MatchFact:
    record: MatchRecord
    worker_name: str | None
    station_name: str | None
    proposed_at: datetime | None  # when the plan that proposed it was made
    proposed_by: str | None
    approved_by: str | None
    closed_by: str | None
    rejected_by: str | None
    reject_reason: str | None
    transfer_reason: str | None
    source: str | None  # PROPOSAL / MANUAL / None for plan approvals
    reason: str | None


@dataclass(frozen=True, slots=True)
class NeedFact:
    id: str
    kind: str
    description: str
    estimated_cost: int
    status: str
    created_at: datetime | None
    reported_by: str | None
    resolved_at: datetime | None
    resolved_by: str | None
    organisations: tuple[str, ...]  # the charity or enterprise behind it, when recorded


@dataclass(frozen=True, slots=True)
class AlertFact:
    id: str
    level: str
    status: str
    raised_at: datetime | None
    due_at: datetime | None
    resolved_at: datetime | None
    resolved_by_visit: str | None
    indicators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EventFact:
    id: str
    kind: str
    occurred_on: date | None
    recorded_at: datetime | None
    amount: int | None
    source: str
    reported_by: str | None


@dataclass(frozen=True, slots=True)
class EscalationFact:
    id: str
    subject_type: str
    subject_id: str
    step: int
    at: datetime | None
    recipient_kind: str | None


@dataclass(frozen=True, slots=True)
class CareTaskFact:
    """A care task a volunteer did (graph/care_tasks.py)."""

    id: str
    kind: str
    what: str
    done_on: date | None
    recorded_at: datetime | None
    volunteer_name: str | None
    minutes: int | None
    note: str | None


@dataclass(frozen=True, slots=True)
class JobOutcomeFact:
    """Where a member's job or training proposal stands (graph/job_postings.py)."""

    id: str
    status: str  # CONSENTED | HIRED | LEFT | DECLINED
    at: datetime | None
    posting_title: str
    posting_kind: str
    enterprise: str | None


@dataclass(frozen=True, slots=True)
class HouseholdHistory:
    household: HouseholdRow
    exited_on: date | None
    transition_until: date | None
    matches: tuple[MatchFact, ...]
    visits: tuple[VisitRecord, ...]
    needs: tuple[NeedFact, ...]
    need_audit: tuple[AuditEventRecord, ...]  # needs' creation and every change, in order
    alerts: tuple[AlertFact, ...]
    events: tuple[EventFact, ...]
    escalations: tuple[EscalationFact, ...]
    user_names: Mapping[str, str]
    care_tasks: tuple[CareTaskFact, ...] = ()
    job_outcomes: tuple[JobOutcomeFact, ...] = ()


def _match_fact(row: Mapping[str, Any], household_id: str) -> MatchFact:
    m = row["m"]
    return MatchFact(
        record=match_record(
            m, household_id=household_id, worker_id=row["worker_id"], station_id=row["station_id"]
        ),
        worker_name=row["worker_name"],
        station_name=row["station_name"],
        proposed_at=as_datetime(row["proposed_at"]),
        proposed_by=row["proposed_by"],
        approved_by=m.get("approved_by"),
        closed_by=m.get("closed_by"),
        rejected_by=m.get("rejected_by"),
        reject_reason=m.get("reject_reason"),
        transfer_reason=m.get("transfer_reason"),
        source=m.get("source"),
        reason=m.get("reason"),
    )


def _need_fact(row: Mapping[str, Any]) -> NeedFact:
    n = row["n"]
    return NeedFact(
        id=n["id"],
        kind=n.get("kind") or "",
        description=n.get("description") or "",
        estimated_cost=int(n.get("estimated_cost") or 0),
        status=n.get("status") or "OPEN",
        created_at=as_datetime(n.get("created_at")),
        reported_by=n.get("reported_by"),
        resolved_at=as_datetime(n.get("resolved_at")),
        resolved_by=n.get("resolved_by"),
        organisations=tuple(
            dict.fromkeys(o for o in [*row["orgs"], *row["pledger"], *row.get("adopters", [])] if o)
        ),
    )


def _alert_fact(a: Any) -> AlertFact:
    return AlertFact(
        id=a["id"],
        level=a.get("level") or "NONE",
        status=a.get("status") or "OPEN",
        raised_at=as_datetime(a.get("raised_at")),
        due_at=as_datetime(a.get("due_at")),
        resolved_at=as_datetime(a.get("resolved_at")),
        resolved_by_visit=a.get("resolved_by_visit"),
        indicators=tuple(a.get("indicators") or ()),
    )


def _event_fact(e: Any) -> EventFact:
    amount = e.get("amount")
    return EventFact(
        id=e["id"],
        kind=e.get("kind") or "",
        occurred_on=as_date(e.get("occurred_on")),
        recorded_at=as_datetime(e.get("recorded_at")),
        amount=int(amount) if amount is not None else None,
        source=e.get("source") or "",
        reported_by=e.get("reported_by"),
    )


def _escalation_fact(x: Any) -> EscalationFact:
    return EscalationFact(
        id=x["id"],
        subject_type=x.get("subject_type") or "",
        subject_id=x.get("subject_id") or "",
        step=int(x.get("step") or 0),
        at=as_datetime(x.get("at")),
        recipient_kind=x.get("recipient_kind"),
    )


def _care_task_fact(row: Mapping[str, Any]) -> CareTaskFact:
    t = row["t"]
    minutes = t.get("minutes")
    return CareTaskFact(
        id=t["id"],
        kind=t.get("kind") or "",
        what=t.get("what") or "",
        done_on=as_date(t.get("done_on")),
        recorded_at=as_datetime(t.get("recorded_at")),
        volunteer_name=row["volunteer"],
        minutes=int(minutes) if minutes is not None else None,
        note=t.get("note"),
    )


def _people(
    matches: list[MatchFact],
    visits: list[VisitRecord],
    needs: list[NeedFact],
    events: list[EventFact],
    audit: list[AuditEventRecord],
) -> set[str]:
    ids: set[str] = set()
    for f in matches:
        ids.update(x for x in (f.proposed_by, f.approved_by, f.closed_by, f.rejected_by) if x)
    ids.update(v.recorded_by for v in visits)
    ids.update(x for n in needs for x in (n.reported_by, n.resolved_by) if x)
    ids.update(e.reported_by for e in events if e.reported_by)
    ids.update(a.actor_id for a in audit)
    return ids


async def household_history(
    graph: Graph, household_id: str, *, scope: Scope
) -> HouseholdHistory | None:
    """None when the household does not exist or lies outside the scope."""
    records, _, _ = await graph.driver.execute_query(
        _HISTORY,
        household_id=household_id,
        **scope.params(),
        database_=graph.database,
        routing_="r",
    )
    if not records:
        return None
    r = records[0]
    matches = [_match_fact(row, household_id) for row in r["matches"]]
    visits = [visit_record(v) for v in r["visits"]]
    needs = [_need_fact(row) for row in r["needs"]]
    events = [_event_fact(e) for e in r["events"]]
    audit_rows, _, _ = await graph.driver.execute_query(
        _NEED_AUDIT, need_ids=[n.id for n in needs], database_=graph.database, routing_="r"
    )
    audit = [audit_record(a["event"]) for a in audit_rows]
    names, _, _ = await graph.driver.execute_query(
        _USER_NAMES,
        ids=sorted(_people(matches, visits, needs, events, audit)),
        database_=graph.database,
        routing_="r",
    )
    return HouseholdHistory(
        household=household_row(r["household"]),
        exited_on=as_date(r["exited_on"]),
        transition_until=as_date(r["transition_until"]),
        matches=tuple(matches),
        visits=tuple(visits),
        needs=tuple(needs),
        need_audit=tuple(audit),
        alerts=tuple(_alert_fact(a) for a in r["alerts"]),
        events=tuple(events),
        escalations=tuple(_escalation_fact(x) for x in r["escalations"]),
        user_names={n["id"]: n["name"] for n in names},
        care_tasks=tuple(_care_task_fact(row) for row in r["care_tasks"]),
        job_outcomes=tuple(
            JobOutcomeFact(
                id=row["x"]["id"],
                status=row["x"]["status"],
                at=as_datetime(row["x"].get("updated_at")),
                posting_title=row["title"] or "",
                posting_kind=row["kind"] or "JOB",
                enterprise=row["enterprise"],
            )
            for row in r["job_outcomes"]
        ),
    )


_NAMES_BY_ID: LiteralString = """
UNWIND $ids AS id
OPTIONAL MATCH (u:User {id: id})
RETURN id, coalesce(u.display_name, u.username) AS name
"""


async def user_names_by_id(graph: Graph, ids: list[str]) -> list[str | None]:
    """Display names of users (who recorded a visit, who closed a match), in key order."""
    records, _, _ = await graph.driver.execute_query(
        _NAMES_BY_ID, ids=ids, database_=graph.database, routing_="r"
    )
    by_id = {r["id"]: r["name"] for r in records}
    return [by_id.get(i) for i in ids]
