"""Matches (配对) one at a time: reading them, and moving one along its life.

`(:Match {id, status, household_id, worker_id, weight, started_on, follow_up_due,
activated_at, last_visit_at, last_contact_at, outcome, closed_at, closed_on, close_note,
transition_months, version})-[:FOR]->(:Household)`, `-[:BY]->(:SocialWorker)`.

Each transaction function locks the match (and what it changes) first, reads the state,
hands it to the caller's `decide` (the rules live in `matching.lifecycle` and the services;
`decide` raises to refuse, which rolls everything back), then writes the change and its
audit entries together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.alerts import move_open_alerts_tx
from graph.audit import Actor, AuditEntry, record_audit_many
from graph.caseload_weights import Weigh, load_of
from graph.driver import Graph
from graph.households import CASEWORK_HOUSEHOLD, HouseholdRow, household_row
from graph.registry_writes import EntityMissing
from graph.scope import Scope
from graph.social_workers import CASEWORK_WORKER, SocialWorkerRecord, worker_record
from graph.values import as_date, as_datetime


@dataclass(frozen=True, slots=True)
class MatchRecord:
    id: str
    status: str
    household_id: str
    worker_id: str | None
    station_id: str | None
    weight: int
    started_on: date | None
    follow_up_due: date | None
    activated_at: datetime | None
    last_visit_at: datetime | None
    last_contact_at: datetime | None
    outcome: str | None
    close_note: str | None
    closed_at: datetime | None
    transition_months: int | None
    transferred_at: datetime | None
    rejected_at: datetime | None
    plan_id: str | None
    version: int
    transition_until: date | None = None  # closed by an exit: checked until this day

    def overdue(self, today: date) -> bool:
        """Derived at query time, never stored: an active match past its follow-up date."""
        watched = self.status == "ACTIVE" or (
            self.transition_until is not None and self.status == "CLOSED"
        )
        return (
            watched
            and self.follow_up_due is not None
            and self.follow_up_due <= (self.transition_until or self.follow_up_due)
            and self.follow_up_due < today
        )


def match_record(
    m: Any, *, household_id: str, worker_id: str | None, station_id: str | None
) -> MatchRecord:
    months = m.get("transition_months")
    return MatchRecord(
        id=m["id"],
        status=m["status"],
        household_id=household_id,
        worker_id=worker_id,
        station_id=station_id,
        weight=int(m.get("weight") or 1),
        started_on=as_date(m.get("started_on")),
        follow_up_due=as_date(m.get("follow_up_due")),
        activated_at=as_datetime(m.get("activated_at")),
        last_visit_at=as_datetime(m.get("last_visit_at")),
        last_contact_at=as_datetime(m.get("last_contact_at")),
        outcome=m.get("outcome"),
        close_note=m.get("close_note"),
        closed_at=as_datetime(m.get("closed_at")),
        transition_months=int(months) if months is not None else None,
        transferred_at=as_datetime(m.get("transferred_at")),
        rejected_at=as_datetime(m.get("rejected_at")),
        plan_id=m.get("plan_id"),
        version=int(m.get("version") or 1),
        transition_until=as_date(m.get("transition_until")),
    )


def _record(r: Any) -> MatchRecord:
    return match_record(
        r["m"], household_id=r["household_id"], worker_id=r["worker_id"], station_id=r["station_id"]
    )


# ---- reads -------------------------------------------------------------------------------

# The match as `match_record` and the timeline read it: named properties, not the node.
MATCH_FIELDS: LiteralString = """m{.id, .status, .weight, .started_on, .follow_up_due,
  .activated_at, .last_visit_at, .last_contact_at, .outcome, .close_note, .closed_at,
  .transition_months, .transferred_at, .rejected_at, .plan_id, .version, .approved_by,
  .closed_by, .rejected_by, .reject_reason, .transfer_reason, .source, .reason,
  .transition_until}"""

# A match is in scope when its household is.
_RETURN_MATCH: LiteralString = (
    """
OPTIONAL MATCH (m)-[:BY]->(w:SocialWorker)
OPTIONAL MATCH (w)-[:WORKS_AT]->(s:Station)
RETURN """
    + MATCH_FIELDS
    + """ AS m, h.id AS household_id, w.id AS worker_id, s.id AS station_id
"""
)

_BY_IDS: LiteralString = (
    """
UNWIND $ids AS id
MATCH (m:Match {id: id})-[:FOR]->(h:Household)
WHERE $all_scope OR h.township_id IN $townships
"""
    + _RETURN_MATCH
)

# Sorted by follow-up date, then id: the order a worker's day is planned in. The key is a
# string so that one cursor covers both (ISO dates sort as text).
_FILTER: LiteralString = """
MATCH (m:Match)-[:FOR]->(h:Household)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($household_id IS NULL OR h.id = $household_id)
  AND ($status IS NULL OR m.status = $status)
  AND ($overdue IS NULL OR $overdue = (m.status = 'ACTIVE' AND m.follow_up_due < date($today)))
  AND ($worker_id IS NULL OR EXISTS { (m)-[:BY]->(:SocialWorker {id: $worker_id}) })
  AND ($station_id IS NULL
       OR EXISTS { (m)-[:BY]->(:SocialWorker)-[:WORKS_AT]->(:Station {id: $station_id}) })
WITH m, h, coalesce(toString(m.follow_up_due), '9999-12-31') + '|' + m.id AS key
"""
_PAGE: LiteralString = (
    _FILTER
    + """
WHERE $after IS NULL OR key > $after
WITH m, h, key ORDER BY key LIMIT $limit
"""
    + _RETURN_MATCH
    + ", key"
)
_COUNT: LiteralString = _FILTER + " RETURN count(m) AS n"


@dataclass(frozen=True, slots=True)
class MatchFilter:
    household_id: str | None = None
    worker_id: str | None = None
    station_id: str | None = None
    status: str | None = None
    overdue: bool | None = None

    def params(self) -> dict[str, Any]:
        return {
            "household_id": self.household_id,
            "worker_id": self.worker_id,
            "station_id": self.station_id,
            "status": self.status,
            "overdue": self.overdue,
        }


def page_key(r: MatchRecord) -> str:
    """The cursor of a match in `match_page`'s order."""
    due = r.follow_up_due.isoformat() if r.follow_up_due else "9999-12-31"
    return f"{due}|{r.id}"


async def matches_by_id(
    graph: Graph, ids: Sequence[str], *, scope: Scope
) -> list[MatchRecord | None]:
    records, _, _ = await graph.driver.execute_query(
        _BY_IDS, ids=list(ids), **scope.params(), database_=graph.database, routing_="r"
    )
    by_id = {r["m"]["id"]: _record(r) for r in records}
    return [by_id.get(i) for i in ids]


async def match_page(
    graph: Graph, *, scope: Scope, flt: MatchFilter, today: date, after: str | None, limit: int
) -> tuple[list[MatchRecord], int]:
    params = {**scope.params(), **flt.params(), "today": today.isoformat()}
    records, _, _ = await graph.driver.execute_query(
        _PAGE, **params, after=after, limit=limit, database_=graph.database, routing_="r"
    )
    counted, _, _ = await graph.driver.execute_query(
        _COUNT, **params, database_=graph.database, routing_="r"
    )
    return [_record(r) for r in records], int(counted[0]["n"])


# ---- the locked state a transition is decided on -----------------------------------------

_LOCK: LiteralString = """
MATCH (m:Match {id: $match_id})-[:FOR]->(h:Household)
WHERE $all_scope OR h.township_id IN $townships
SET m.locked_by = $marker, h.locked_by = $marker
REMOVE m.locked_by, h.locked_by
WITH m, h
OPTIONAL MATCH (m)-[:IN_PLAN]->(p:CaseloadPlan)
WITH m, h, p.status AS plan_status
"""
_READ_LOCKED: LiteralString = (
    _LOCK + _RETURN_MATCH + ", " + CASEWORK_HOUSEHOLD + " AS h, plan_status"
)


@dataclass(frozen=True, slots=True)
class MatchState:
    match: MatchRecord
    household: HouseholdRow
    plan_status: str | None  # the status of the plan that proposed it, if one did


async def read_locked(
    tx: AsyncManagedTransaction, *, match_id: str, scope_params: dict[str, Any], marker: str
) -> MatchState | None:
    """The match and its household, write-locked for the rest of the transaction; None when
    the match does not exist or its household lies outside the scope."""
    result = await tx.run(_READ_LOCKED, match_id=match_id, marker=marker, **scope_params)
    r = await result.single()
    if r is None:
        return None
    return MatchState(
        match=_record(r), household=household_row(r["h"]), plan_status=r["plan_status"]
    )


# ---- accept: PROPOSED -> ACTIVE ------------------------------------------------------------

# The target worker is locked too: their load is checked against their limit.
_ACCEPT_FACTS: LiteralString = (
    """
MATCH (m:Match {id: $match_id})-[:BY]->(w:SocialWorker)-[:WORKS_AT]->(s:Station)
MATCH (m)-[:FOR]->(h:Household)
SET w.locked_by = $marker
REMOVE w.locked_by
WITH m, h, w, s
OPTIONAL MATCH (h)<-[:FOR]-(cur:Match {status: 'ACTIVE'})-[:BY]->(cw:SocialWorker)
OPTIONAL MATCH (w)<-[:BY]-(other:Match {status: 'ACTIVE'})-[:FOR]->(oh:Household)
WHERE oh.id <> h.id
RETURN """
    + CASEWORK_WORKER
    + """, s.id AS station_id, cur.id AS current_match_id, cw.id AS current_worker_id,
       collect(oh{.dibao_class, .warning_level}) AS households_elsewhere,
       EXISTS { (w)-[:CONFLICTS_WITH]->(h) } AS conflict
"""
)

_ACTIVATE: LiteralString = """
MATCH (m:Match {id: $match_id})
SET m.status = 'ACTIVE', m.activated_at = $now, m.approved_by = $actor_id,
    m.started_on = date($today), m.follow_up_due = date($follow_up_due), m.weight = $weight,
    m.source = coalesce(m.source, 'PROPOSAL'), m.version = coalesce(m.version, 1) + 1
WITH m
OPTIONAL MATCH (old:Match {id: $old_match_id})
SET old.status = 'TRANSFERRED', old.transferred_at = $now, old.transferred_to = m.id,
    old.transfer_reason = $reason, old.version = coalesce(old.version, 1) + 1
"""


@dataclass(frozen=True, slots=True)
class AcceptState:
    state: MatchState
    worker: SocialWorkerRecord
    current_match_id: str | None  # the household's active match, which acceptance ends
    current_worker_id: str | None
    load_elsewhere: int
    conflict: bool


@dataclass(frozen=True, slots=True)
class Activation:
    weight: int
    follow_up_due: date


async def accept_match_tx(
    tx: AsyncManagedTransaction,
    *,
    match_id: str,
    scope_params: dict[str, Any],
    actor: Actor,
    today: date,
    decide: Callable[[AcceptState], Activation],
    weigh: Weigh,
) -> MatchRecord | None:
    state = await read_locked(tx, match_id=match_id, scope_params=scope_params, marker=actor.id)
    if state is None:
        return None
    r = await (await tx.run(_ACCEPT_FACTS, match_id=match_id, marker=actor.id)).single()
    if r is None:  # a proposal whose worker has gone cannot be accepted
        raise EntityMissing("SocialWorker", state.match.worker_id or "?")
    facts = AcceptState(
        state=state,
        worker=worker_record(r["w"], r["station_id"]),
        current_match_id=r["current_match_id"],
        current_worker_id=r["current_worker_id"],
        load_elsewhere=load_of(r["households_elsewhere"], weigh),
        conflict=bool(r["conflict"]),
    )
    activation = decide(facts)
    reason = f"match {match_id} accepted"
    await tx.run(
        _ACTIVATE,
        now=actor.at,
        match_id=match_id,
        actor_id=actor.id,
        today=today.isoformat(),
        follow_up_due=activation.follow_up_due.isoformat(),
        weight=activation.weight,
        old_match_id=facts.current_match_id,
        reason=reason,
    )
    m = state.match
    # Its open alerts follow the household to the worker who now visits it.
    await move_open_alerts_tx(
        tx, moves=[(m.household_id, facts.worker.id)], actor=actor, reason=reason
    )
    entries = [
        AuditEntry(
            "MATCH_ACTIVATED",
            "Match",
            match_id,
            {"status": m.status, "version": m.version},
            {
                "status": "ACTIVE",
                "version": m.version + 1,
                "household_id": m.household_id,
                "worker_id": m.worker_id,
                "follow_up_due": activation.follow_up_due.isoformat(),
            },
        )
    ]
    if facts.current_match_id:
        entries.append(
            AuditEntry(
                "MATCH_TRANSFERRED",
                "Match",
                facts.current_match_id,
                {"status": "ACTIVE", "worker_id": facts.current_worker_id},
                {"status": "TRANSFERRED", "transferred_to": match_id},
                reason,
            )
        )
    await record_audit_many(tx, actor=actor, entries=entries)
    return await _reread(tx, match_id)


# ---- reject: PROPOSED -> REJECTED, close: ACTIVE -> CLOSED ---------------------------------

_REJECT: LiteralString = """
MATCH (m:Match {id: $match_id})
SET m.status = 'REJECTED', m.rejected_at = $now, m.rejected_by = $actor_id,
    m.reject_reason = $reason, m.version = coalesce(m.version, 1) + 1
"""

# An exit starts the household's transition period; its version moves because it changed.
_CLOSE: LiteralString = """
MATCH (m:Match {id: $match_id})-[:FOR]->(h:Household)
SET m.status = 'CLOSED', m.outcome = $outcome, m.closed_at = $now,
    m.closed_on = date($today), m.closed_by = $actor_id, m.close_note = $note,
    m.transition_months = $transition_months, m.version = coalesce(m.version, 1) + 1,
    m.transition_until = date($transition_until), m.follow_up_due = date($follow_up_due)
FOREACH (_ IN CASE WHEN $transition_until IS NULL THEN [] ELSE [1] END |
    SET h.transition_until = date($transition_until), h.exited_on = date($today),
        h.version = coalesce(h.version, 1) + 1)
"""

_REREAD: LiteralString = (
    """
MATCH (m:Match {id: $match_id})-[:FOR]->(h:Household)
"""
    + _RETURN_MATCH
)


@dataclass(frozen=True, slots=True)
class Closing:
    outcome: str
    note: str | None
    transition_months: int | None
    transition_until: date | None
    follow_up_due: date | None = None  # an exit: the first transition check (渐退期回访)


async def _reread(tx: AsyncManagedTransaction, match_id: str) -> MatchRecord:
    r = await (await tx.run(_REREAD, match_id=match_id)).single()
    assert r is not None  # locked by this transaction
    return _record(r)


async def reread_match(tx: AsyncManagedTransaction, match_id: str) -> MatchRecord:
    """A match written in this transaction, as it now is."""
    return await _reread(tx, match_id)


async def reject_match_tx(
    tx: AsyncManagedTransaction,
    *,
    match_id: str,
    scope_params: dict[str, Any],
    actor: Actor,
    reason: str,
    decide: Callable[[MatchState], None],
) -> MatchRecord | None:
    state = await read_locked(tx, match_id=match_id, scope_params=scope_params, marker=actor.id)
    if state is None:
        return None
    decide(state)
    await tx.run(_REJECT, now=actor.at, match_id=match_id, actor_id=actor.id, reason=reason)
    m = state.match
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                "MATCH_REJECTED",
                "Match",
                match_id,
                {"status": m.status, "version": m.version},
                {"status": "REJECTED", "version": m.version + 1},
                reason,
            )
        ],
    )
    return await _reread(tx, match_id)


async def close_match_tx(
    tx: AsyncManagedTransaction,
    *,
    match_id: str,
    scope_params: dict[str, Any],
    actor: Actor,
    today: date,
    decide: Callable[[MatchState], Closing],
) -> MatchRecord | None:
    state = await read_locked(tx, match_id=match_id, scope_params=scope_params, marker=actor.id)
    if state is None:
        return None
    closing = decide(state)
    until = closing.transition_until.isoformat() if closing.transition_until else None
    await tx.run(
        _CLOSE,
        now=actor.at,
        match_id=match_id,
        outcome=closing.outcome,
        today=today.isoformat(),
        actor_id=actor.id,
        note=closing.note,
        transition_months=closing.transition_months,
        transition_until=until,
        follow_up_due=closing.follow_up_due.isoformat() if closing.follow_up_due else None,
    )
    m = state.match
    entries = [
        AuditEntry(
            "MATCH_CLOSED",
            "Match",
            match_id,
            {"status": m.status, "version": m.version},
            {
                "status": "CLOSED",
                "version": m.version + 1,
                "outcome": closing.outcome,
                "transition_months": closing.transition_months,
            },
            closing.note,
        )
    ]
    if until:
        entries.append(
            AuditEntry(
                "HOUSEHOLD_TRANSITION_STARTED",
                "Household",
                m.household_id,
                {"version": state.household.version},
                {
                    "version": state.household.version + 1,
                    "exited_on": today.isoformat(),
                    "transition_until": until,
                },
                closing.note,
            )
        )
    await record_audit_many(tx, actor=actor, entries=entries)
    return await _reread(tx, match_id)
