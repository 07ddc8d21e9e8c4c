"""Reopening support during a household's transition (渐退期): the exit is undone in one move.

A household that left assistance (`h.transition_until`, set when its match closed EXITED)
and shows a new warning gets its former worker back: a new ACTIVE match `source: 'REOPENED'`
by the worker of the exit's match, the transition ends, the exit match's monthly checks
stop. Guarded by the household's version; the rule is the caller's `decide`, which judges
the former worker against the pairing rules as they stand today (`graph.reassignment`'s
state: a conflict declared since, a full caseload, leave), and weighs the household anew.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, AuditEntry, record_audit_many
from graph.caseload_weights import Weigh
from graph.match_lifecycle import MatchRecord, reread_match
from graph.reassignment import ReassignState, pairing_state_tx
from graph.values import as_date

_READ: LiteralString = """
MATCH (h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
SET h.locked_by = $marker
REMOVE h.locked_by
WITH h
OPTIONAL MATCH (h)<-[:FOR]-(exit:Match {status: 'CLOSED', outcome: 'EXITED'})
               -[:BY]->(w:SocialWorker)
WITH h, exit, w ORDER BY exit.closed_at DESC
WITH h, head(collect({id: exit.id, worker_id: w.id})) AS last_exit
RETURN h.id AS id, coalesce(h.version, 1) AS version, h.transition_until AS transition_until,
       h.warning_level AS warning_level, h.next_review_due AS review_due, last_exit,
       EXISTS { (h)<-[:FOR]-(:Match {status: 'ACTIVE'}) } AS has_active
"""

_REOPEN: LiteralString = """
MATCH (h:Household {id: $household_id}), (w:SocialWorker {id: $worker_id})
CREATE (m:Match {id: $match_id, status: 'ACTIVE', household_id: h.id, worker_id: w.id,
                 weight: $weight, source: 'REOPENED', reason: $reason,
                 activated_at: $now, approved_by: $actor_id, started_on: date($today),
                 follow_up_due: date($follow_up_due), version: 1})
CREATE (m)-[:FOR]->(h), (m)-[:BY]->(w)
SET h.transition_until = null, h.version = coalesce(h.version, 1) + 1
WITH m
MATCH (exit:Match {id: $exit_match_id})
SET exit.follow_up_due = null, exit.reopened_by = m.id,
    exit.version = coalesce(exit.version, 1) + 1
"""


@dataclass(frozen=True, slots=True)
class ReopenState:
    household_id: str
    version: int
    transition_until: date | None
    warning_level: str | None
    review_due: date | None
    has_active_match: bool
    exit_match_id: str | None
    worker_id: str | None  # the worker of the exit's match
    # That worker and the household as the pairing rules judge them; None when the worker is
    # gone or works outside the caller's area.
    pairing: ReassignState | None


@dataclass(frozen=True, slots=True)
class Reopening:
    follow_up_due: date
    weight: int  # the household's caseload units today


async def reopen_support_tx(
    tx: AsyncManagedTransaction,
    *,
    household_id: str,
    match_id: str,
    reason: str,
    today: date,
    scope_params: dict[str, Any],
    actor: Actor,
    decide: Callable[[ReopenState], Reopening],
    weigh: Weigh,
) -> MatchRecord | None:
    r = await (
        await tx.run(_READ, household_id=household_id, marker=actor.id, **scope_params)
    ).single()
    if r is None:
        return None
    last: dict[str, Any] = r["last_exit"] or {}
    worker_id = last.get("worker_id")
    pairing = None
    if worker_id is not None:
        pairing = await pairing_state_tx(
            tx,
            household_id=household_id,
            worker_id=worker_id,
            scope_params=scope_params,
            marker=actor.id,
            weigh=weigh,
        )
    state = ReopenState(
        household_id=household_id,
        version=int(r["version"]),
        transition_until=as_date(r["transition_until"]),
        warning_level=r["warning_level"],
        review_due=as_date(r["review_due"]),
        has_active_match=bool(r["has_active"]),
        exit_match_id=last.get("id"),
        worker_id=worker_id,
        pairing=pairing,
    )
    reopening = decide(state)
    await tx.run(
        _REOPEN,
        now=actor.at,
        household_id=household_id,
        worker_id=state.worker_id,
        match_id=match_id,
        weight=reopening.weight,
        reason=reason,
        actor_id=actor.id,
        today=today.isoformat(),
        follow_up_due=reopening.follow_up_due.isoformat(),
        exit_match_id=state.exit_match_id,
    )
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                "MATCH_REOPENED",
                "Match",
                match_id,
                None,
                {
                    "status": "ACTIVE",
                    "household_id": household_id,
                    "worker_id": state.worker_id,
                    "reopens": state.exit_match_id,
                },
                reason,
            ),
            AuditEntry(
                "HOUSEHOLD_TRANSITION_ENDED",
                "Household",
                household_id,
                {"version": state.version, "transition_until": str(state.transition_until)},
                {"version": state.version + 1, "transition_until": None},
                reason,
            ),
        ],
    )
    return await reread_match(tx, match_id)
