"""Approving or rejecting a caseload plan in one transaction.

The plan node is write-locked first, so of two approvals racing for one plan, the second
waits and then finds it decided. The transaction then locks and reads what approval
depends on (`ApprovalState`) and hands it to the caller's `decide`, which holds the rules
(`matching.approval`, via `server.services.caseload`) and raises to refuse: nothing is
half-applied. This module only reads and writes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import LiteralString

from neo4j import AsyncManagedTransaction

from graph.alerts import move_open_alerts_tx
from graph.audit import Actor, AuditEntry, record_audit_many
from graph.caseload_plans import PLAN_FIELDS, PLAN_ITEM_FIELDS, PlanItemRecord, PlanRecord
from graph.caseload_weights import Weigh, refresh_match_weights_tx

_LOCK_PLAN: LiteralString = (
    """
MATCH (p:CaseloadPlan {id: $id})
SET p.locked_by = $tx_marker
REMOVE p.locked_by
RETURN """
    + PLAN_FIELDS
    + " AS p"
)

_PROPOSED_ITEMS: LiteralString = (
    """
MATCH (i:PlanItem:Match {plan_id: $plan_id, status: 'PROPOSED'})
WHERE $household_ids IS NULL OR i.household_id IN $household_ids
RETURN """
    + PLAN_ITEM_FIELDS
    + " AS i ORDER BY i.id"
)

# Locks each household and target worker, and reads what approval must re-check.
_CURRENT_STATE: LiteralString = """
UNWIND $items AS it
MATCH (h:Household {id: it.household_id}), (w:SocialWorker {id: it.worker_id})
SET h.locked_by = $tx_marker, w.locked_by = $tx_marker
REMOVE h.locked_by, w.locked_by
WITH it, h, w
OPTIONAL MATCH (h)<-[:FOR]-(m:Match {status: 'ACTIVE'})-[:BY]->(cw:SocialWorker)
RETURN it.id AS item_id, coalesce(h.version, 1) AS household_version, m.id AS match_id,
       cw.id AS current_worker_id, coalesce(w.version, 1) AS worker_version,
       w.caseload_limit AS caseload_limit, coalesce(w.on_leave, false) AS on_leave,
       EXISTS { (w)-[:CONFLICTS_WITH]->(h) } AS conflict,
       coalesce(h.warning_level, 'NONE') AS warning_level, h.dibao_class AS dibao_class,
       [(h)<-[:ABOUT]-(al:Alert {status: 'OPEN'}) | al.due_at] AS alert_dues
"""

# A worker's load counts each household at its weight today (`weigh`), as the plan
# did, never the weight stored on the match (written when the match began or last refreshed).
_ACTIVE_LOADS: LiteralString = """
UNWIND $worker_ids AS wid
MATCH (w:SocialWorker {id: wid})
OPTIONAL MATCH (w)<-[:BY]-(m:Match {status: 'ACTIVE'})-[:FOR]->(h:Household)
RETURN wid, collect({match_id: m.id, household_id: h.id, dibao_class: h.dibao_class,
                     warning_level: h.warning_level}) AS matches
"""

_ACTIVATE: LiteralString = """
UNWIND $rows AS row
MATCH (i:Match {id: row.item_id})
SET i.status = 'ACTIVE', i.activated_at = $now, i.approved_by = $actor_id,
    i.started_on = date($today), i.follow_up_due = date(row.follow_up_due),
    i.version = 1, i.weight = row.weight
WITH i, row WHERE row.from_match_id IS NOT NULL
MATCH (old:Match {id: row.from_match_id})
SET old.status = 'TRANSFERRED', old.transferred_at = $now, old.transferred_to = i.id,
    old.transfer_reason = $reason, old.version = coalesce(old.version, 1) + 1
"""

_RELEASES: LiteralString = (
    """
MATCH (i:PlanItem {plan_id: $plan_id, kind: 'LEFT_OUT', releases_match: true})
WHERE $household_ids IS NULL OR i.household_id IN $household_ids
OPTIONAL MATCH (m:Match {id: i.from_match_id})
RETURN """
    + PLAN_ITEM_FIELDS
    + " AS i, m.status AS match_status"
)

_RELEASE: LiteralString = """
UNWIND $match_ids AS mid
MATCH (m:Match {id: mid})
SET m.status = 'RELEASED', m.released_at = $now, m.release_reason = $reason,
    m.version = coalesce(m.version, 1) + 1
"""

_CLOSE_UNSELECTED: LiteralString = """
MATCH (i:PlanItem:Match {plan_id: $plan_id, status: 'PROPOSED'})
SET i.status = $status
"""

# A station's part of a plan: the households of the townships it serves (a county plan is
# reviewed and approved station by station).
_STATION_PART: LiteralString = """
MATCH (:Station {id: $station_id})-[:SERVES]->(t:Region)
WITH collect(t.id) AS ts
MATCH (i:PlanItem {plan_id: $plan_id})
WHERE i.status = 'PROPOSED' OR (i.kind = 'LEFT_OUT' AND i.releases_match = true)
MATCH (h:Household {id: i.household_id}) WHERE h.township_id IN ts
RETURN collect(DISTINCT i.household_id) AS ids
"""

# Every open proposal of the plan, in any station's part.
_OPEN_ITEMS: LiteralString = """
MATCH (i:PlanItem:Match {plan_id: $plan_id, status: 'PROPOSED'}) RETURN count(i) AS n
"""

# One station's part approved, others still open: the plan stays PROPOSED at a new version.
_PART_APPROVED: LiteralString = (
    """
MATCH (p:CaseloadPlan {id: $id})
SET p.version = p.version + 1,
    p.approved_stations = coalesce(p.approved_stations, []) + [$station_id]
RETURN """
    + PLAN_FIELDS
    + " AS p"
)

_DECIDE_PLAN: LiteralString = (
    """
MATCH (p:CaseloadPlan {id: $id})
SET p.status = $status, p.version = p.version + 1, p.decided_at = $now,
    p.decided_by = $actor_id, p.decision_reason = $reason, p.decision_key = $key,
    p.activated = $activated, p.transferred = $transferred
RETURN """
    + PLAN_FIELDS
    + " AS p"
)


@dataclass(frozen=True, slots=True)
class Approved:
    plan: PlanRecord
    activated: int
    transferred: int


@dataclass(frozen=True, slots=True)
class ProposalNow:
    """A proposal's household and target worker as they are now, under lock."""

    household_version: int
    current_worker_id: str | None
    worker_version: int
    caseload_limit: int
    on_leave: bool
    conflict: bool
    warning_level: str = "NONE"
    alert_dues: tuple[datetime, ...] = ()  # the household's open alerts' deadlines
    weight: int = 1  # the household's caseload weight today (`weigh`)


@dataclass(frozen=True, slots=True)
class ApprovalState:
    plan: PlanRecord
    proposals: tuple[PlanItemRecord, ...]  # open proposals (of the selection); none unless
    # the plan is PROPOSED
    now: Mapping[str, ProposalNow]  # by plan item id; absent: household or worker gone
    releases: tuple[tuple[PlanItemRecord, str | None], ...]  # (item, its match's status now)
    # worker: (match id, its household's weight today), of each target worker's active matches
    active_loads: Mapping[str, tuple[tuple[str, int], ...]]
    # the households of those matches: an approval brings their stored weights up to date
    counted_households: frozenset[str] = frozenset()
    open_items: int = 0  # the plan's open proposals, in every station's part


@dataclass(frozen=True, slots=True)
class ApprovalDecision:
    # APPROVED | PARTIALLY_APPROVED; PROPOSED: a station's part approved, other parts open
    status: str
    reason: str  # written on the matches it activates, transfers and releases
    # by plan item id, for every proposal it activates: when the first visit is due, and the
    # weight the match starts with
    first_visits: Mapping[str, date] = field(default_factory=dict)
    weights: Mapping[str, int] = field(default_factory=dict)
    # Households whose proposal (or release) changed since the plan: left out, not approved.
    set_aside: frozenset[str] = frozenset()
    # The caller's idempotency key: the same key again finds this decision and changes nothing.
    key: str | None = None


async def _lock_plan(tx: AsyncManagedTransaction, plan_id: str) -> PlanRecord | None:
    result = await tx.run(_LOCK_PLAN, id=plan_id, tx_marker=plan_id)
    record = await result.single()
    return PlanRecord.from_node(record["p"]) if record else None


async def _read_state(
    tx: AsyncManagedTransaction, plan: PlanRecord, household_ids: list[str] | None, weigh: Weigh
) -> ApprovalState:
    if plan.status != "PROPOSED":  # nothing of a decided plan (or a what-if) is read
        return ApprovalState(plan=plan, proposals=(), now={}, releases=(), active_loads={})
    result = await tx.run(_PROPOSED_ITEMS, plan_id=plan.id, household_ids=household_ids)
    items = [PlanItemRecord.from_node(r["i"]) async for r in result]
    releases = [
        (PlanItemRecord.from_node(r["i"]), r["match_status"])
        async for r in await tx.run(_RELEASES, plan_id=plan.id, household_ids=household_ids)
    ]
    rows = [
        {"id": i.id, "household_id": i.household_id, "worker_id": i.to_worker_id} for i in items
    ]
    now = {
        r["item_id"]: ProposalNow(
            household_version=int(r["household_version"]),
            current_worker_id=r["current_worker_id"],
            worker_version=int(r["worker_version"]),
            caseload_limit=int(r["caseload_limit"]),
            on_leave=bool(r["on_leave"]),
            conflict=bool(r["conflict"]),
            warning_level=str(r["warning_level"]),
            alert_dues=tuple(d.to_native() for d in r["alert_dues"] or ()),
            weight=weigh(r["dibao_class"], r["warning_level"]),
        )
        async for r in await tx.run(_CURRENT_STATE, items=rows, tx_marker=plan.id)
    }
    open_items = await (await tx.run(_OPEN_ITEMS, plan_id=plan.id)).single()
    worker_ids = sorted({i.to_worker_id for i in items if i.to_worker_id})
    loads: dict[str, tuple[tuple[str, int], ...]] = {}
    counted: set[str] = set()
    async for r in await tx.run(_ACTIVE_LOADS, worker_ids=worker_ids):
        matches = [m for m in r["matches"] if m["match_id"] is not None]
        loads[r["wid"]] = tuple(
            (m["match_id"], weigh(m["dibao_class"], m["warning_level"])) for m in matches
        )
        counted |= {m["household_id"] for m in matches}
    return ApprovalState(
        plan=plan,
        proposals=tuple(items),
        now=now,
        releases=tuple(releases),
        active_loads=loads,
        counted_households=frozenset(counted),
        open_items=int(open_items["n"]) if open_items else 0,
    )


async def approve_plan_tx(
    tx: AsyncManagedTransaction,
    *,
    plan_id: str,
    household_ids: list[str] | None,
    actor: Actor,
    today: date,
    decide: Callable[[ApprovalState], ApprovalDecision],
    weigh: Weigh,
    station_id: str | None = None,
) -> Approved | None:
    """None when the plan does not exist; `decide` raises to refuse. With `station_id`, only
    that station's part (the households of its townships) is approved and the rest of the plan
    stays open for the other stations; the plan is APPROVED when no part is left."""
    plan = await _lock_plan(tx, plan_id)
    if plan is None:
        return None
    if station_id is not None:
        part = await (await tx.run(_STATION_PART, station_id=station_id, plan_id=plan_id)).single()
        household_ids = list(part["ids"]) if part else []
    state = await _read_state(tx, plan, household_ids, weigh)
    decision = decide(state)
    items = [i for i in state.proposals if i.household_id not in decision.set_aside]
    released = [i for i, _ in state.releases if i.household_id not in decision.set_aside]
    reason = decision.reason
    rows = [
        {
            "item_id": i.id,
            "from_match_id": i.from_match_id,
            "follow_up_due": decision.first_visits[i.id].isoformat(),
            "weight": decision.weights[i.id],
        }
        for i in items
    ]
    await tx.run(
        _ACTIVATE,
        now=actor.at,
        rows=rows,
        actor_id=actor.id,
        today=today.isoformat(),
        reason=reason,
    )
    moves = [(i.household_id, i.to_worker_id) for i in items if i.to_worker_id]
    await move_open_alerts_tx(tx, moves=moves, actor=actor, reason=reason)
    await tx.run(
        _RELEASE,
        now=actor.at,
        match_ids=[i.from_match_id for i in released if i.from_match_id],
        reason=reason,
    )
    # Matches made before weights were kept up to date (those still active after the moves and
    # releases): the loads other pages sum from them agree with the check again.
    await refresh_match_weights_tx(
        tx,
        household_ids=sorted(state.counted_households),
        actor=actor,
        weigh=weigh,
        reason=reason,
    )
    status = decision.status
    if station_id is None:
        await tx.run(_CLOSE_UNSELECTED, plan_id=plan_id, status="NOT_SELECTED")
    if status == "PROPOSED":
        decided = await (await tx.run(_PART_APPROVED, id=plan_id, station_id=station_id)).single()
    else:
        decided = await (
            await tx.run(
                _DECIDE_PLAN,
                now=actor.at,
                id=plan_id,
                status=status,
                actor_id=actor.id,
                reason=None,
                key=decision.key,
                activated=len(items),
                transferred=sum(1 for i in items if i.from_match_id),
            )
        ).single()
    assert decided is not None
    entries = (
        [
            AuditEntry(
                "MATCH_ACTIVATED",
                "Match",
                i.id,
                {"status": "PROPOSED"},
                {
                    "status": "ACTIVE",
                    "household_id": i.household_id,
                    "worker_id": i.to_worker_id,
                    "weight": decision.weights[i.id],
                },
                reason,
            )
            for i in items
        ]
        + [
            AuditEntry(
                "MATCH_TRANSFERRED",
                "Match",
                i.from_match_id,
                {"status": "ACTIVE"},
                {"status": "TRANSFERRED", "transferred_to": i.id},
                reason,
            )
            for i in items
            if i.from_match_id
        ]
        + [
            AuditEntry(
                "PLAN_DECIDED",
                "CaseloadPlan",
                plan_id,
                {"status": "PROPOSED", "version": plan.version},
                {
                    "status": status,
                    "version": plan.version + 1,
                    "activated": len(items),
                    "station_id": station_id,
                    "set_aside": sorted(decision.set_aside),
                },
                None,
            )
        ]
    )
    await record_audit_many(tx, actor=actor, entries=entries)
    return Approved(
        plan=PlanRecord.from_node(decided["p"]),
        activated=len(items),
        transferred=sum(1 for i in items if i.from_match_id),
    )


async def reject_plan_tx(
    tx: AsyncManagedTransaction,
    *,
    plan_id: str,
    reason: str,
    actor: Actor,
    decide: Callable[[PlanRecord], None],
) -> PlanRecord | None:
    """None when the plan does not exist; `decide` raises to refuse."""
    plan = await _lock_plan(tx, plan_id)
    if plan is None:
        return None
    decide(plan)
    await tx.run(_CLOSE_UNSELECTED, plan_id=plan_id, status="REJECTED")
    decided = await (
        await tx.run(
            _DECIDE_PLAN,
            now=actor.at,
            id=plan_id,
            status="REJECTED",
            actor_id=actor.id,
            reason=reason,
            key=None,
            activated=0,
            transferred=0,
        )
    ).single()
    assert decided is not None
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                "PLAN_DECIDED",
                "CaseloadPlan",
                plan_id,
                {"status": "PROPOSED", "version": plan.version},
                {"status": "REJECTED", "version": plan.version + 1},
                reason,
            )
        ],
    )
    return PlanRecord.from_node(decided["p"])
