"""Manual reassignment of one household to another worker, in one transaction.

The caller's `decide` sees the locked current state and applies the rules (hard rules,
override), raising to refuse; the transaction then ends the old match and starts the new one
with what `decide` returned.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.alerts import move_open_alerts_tx
from graph.audit import Actor, record_audit
from graph.caseload_weights import Weigh, load_of
from graph.conflicts import ConflictRecord
from graph.households import CASEWORK_HOUSEHOLD, HouseholdRow, household_row
from graph.social_workers import CASEWORK_WORKER, SocialWorkerRecord, worker_record

_STATE: LiteralString = (
    """
MATCH (h:Household {id: $household_id}), (w:SocialWorker {id: $worker_id})-[:WORKS_AT]->(s:Station)
WHERE $all_scope OR (h.township_id IN $townships AND s.township_id IN $townships)
SET h.locked_by = $marker, w.locked_by = $marker
REMOVE h.locked_by, w.locked_by
WITH h, w, s
OPTIONAL MATCH (h)<-[:FOR]-(m:Match {status: 'ACTIVE'})-[:BY]->(cw:SocialWorker)
OPTIONAL MATCH (w)<-[:BY]-(other:Match {status: 'ACTIVE'})-[:FOR]->(oh:Household)
WHERE oh.id <> h.id
RETURN """
    + CASEWORK_HOUSEHOLD
    + " AS h, "
    + CASEWORK_WORKER
    + """, s.id AS station_id, m.id AS match_id, cw.id AS current_worker_id,
       collect(oh{.dibao_class, .warning_level}) AS households_elsewhere,
       EXISTS { (w)-[:CONFLICTS_WITH]->(h) } AS conflict,
       [(h)<-[:ABOUT]-(al:Alert {status: 'OPEN'}) | al.due_at] AS alert_dues
"""
)

_REASSIGN: LiteralString = """
MATCH (h:Household {id: $household_id}), (w:SocialWorker {id: $worker_id})
CREATE (m:Match {id: $match_id, status: 'ACTIVE', household_id: h.id, worker_id: w.id,
                 weight: $weight, source: 'MANUAL', override: $override, reason: $reason,
                 activated_at: $now, approved_by: $actor_id, started_on: date($today),
                 follow_up_due: date($follow_up_due), version: 1})
CREATE (m)-[:FOR]->(h), (m)-[:BY]->(w)
SET h.version = coalesce(h.version, 1) + 1
WITH m
OPTIONAL MATCH (old:Match {id: $old_match_id})
SET old.status = 'TRANSFERRED', old.transferred_at = $now, old.transferred_to = m.id,
    old.transfer_reason = $reason, old.version = coalesce(old.version, 1) + 1
"""


@dataclass(frozen=True, slots=True)
class ReassignState:
    household: HouseholdRow
    worker: SocialWorkerRecord
    current_worker_id: str | None
    current_match_id: str | None
    load_elsewhere: int
    conflicts: tuple[ConflictRecord, ...]
    alert_dues: tuple[datetime, ...] = ()  # the household's open alerts' deadlines


@dataclass(frozen=True, slots=True)
class NewPairing:
    """What the caller's rules decided the new match carries."""

    weight: int
    overridden_rules: tuple[str, ...]  # empty when no rule was overridden
    first_visit_due: date | None = None  # the service's decision; judging alone leaves it None


@dataclass(frozen=True, slots=True)
class Reassigned:
    match_id: str
    household_id: str
    pairing: NewPairing


async def pairing_state_tx(
    tx: AsyncManagedTransaction,
    *,
    household_id: str,
    worker_id: str,
    scope_params: dict[str, Any],
    marker: str,
    weigh: Weigh,
) -> ReassignState | None:
    """The household and the worker, locked, with what the pairing rules judge: the worker's
    load elsewhere, a declared conflict, the household's current match. None when either is
    missing or outside the scope."""
    result = await tx.run(
        _STATE, household_id=household_id, worker_id=worker_id, marker=marker, **scope_params
    )
    r = await result.single()
    if r is None or r["h"] is None:
        return None
    return ReassignState(
        household=household_row(r["h"]),
        worker=worker_record(r["w"], r["station_id"]),
        current_worker_id=r["current_worker_id"],
        current_match_id=r["match_id"],
        load_elsewhere=load_of(r["households_elsewhere"], weigh),
        conflicts=(ConflictRecord(worker_id, household_id, "DECLARED"),) if r["conflict"] else (),
        alert_dues=tuple(d.to_native() for d in r["alert_dues"] or ()),
    )


async def reassign_tx(
    tx: AsyncManagedTransaction,
    *,
    household_id: str,
    worker_id: str,
    scope_params: dict[str, Any],
    decide: Callable[[ReassignState], NewPairing],
    actor: Actor,
    reason: str,
    today: date,
    weigh: Weigh,
) -> Reassigned | None:
    state = await pairing_state_tx(
        tx,
        household_id=household_id,
        worker_id=worker_id,
        scope_params=scope_params,
        marker=actor.id,
        weigh=weigh,
    )
    if state is None:
        return None
    pairing = decide(state)
    assert pairing.first_visit_due is not None, "the service decides the first visit's day"
    match_id = f"match-{uuid.uuid4().hex}"
    await tx.run(
        _REASSIGN,
        now=actor.at,
        household_id=household_id,
        worker_id=worker_id,
        match_id=match_id,
        weight=pairing.weight,
        override=bool(pairing.overridden_rules),
        reason=reason,
        actor_id=actor.id,
        today=today.isoformat(),
        follow_up_due=pairing.first_visit_due.isoformat(),
        old_match_id=state.current_match_id,
    )
    await move_open_alerts_tx(tx, moves=[(household_id, worker_id)], actor=actor, reason=reason)
    await record_audit(
        tx,
        actor=actor,
        action="MATCH_REASSIGNED",
        entity_type="Household",
        entity_id=household_id,
        before={"worker_id": state.current_worker_id, "match_id": state.current_match_id},
        after={
            "worker_id": worker_id,
            "match_id": match_id,
            "override": bool(pairing.overridden_rules),
            "overridden_rules": list(pairing.overridden_rules),
        },
        reason=reason,
    )
    return Reassigned(match_id=match_id, household_id=household_id, pairing=pairing)
