"""Approving or rejecting a caseload plan: one transaction, checked against the versions
the plan was computed on. Anything changed since refuses the whole approval with a list
of what changed; nothing is half-applied. The plan node is write-locked first, so of two
approvals racing for one plan, the second waits and then finds it decided."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, AuditEntry, record_audit_many
from graph.caseload_plans import PlanItemRecord, PlanRecord
from graph.driver import Graph

_LOCK_PLAN: LiteralString = """
MATCH (p:CaseloadPlan {id: $id})
SET p.locked_by = $tx_marker
REMOVE p.locked_by
RETURN p
"""

_PROPOSED_ITEMS: LiteralString = """
MATCH (i:PlanItem:Match {plan_id: $plan_id, status: 'PROPOSED'})
WHERE $household_ids IS NULL OR i.household_id IN $household_ids
RETURN i ORDER BY i.id
"""

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
       EXISTS { (w)-[:CONFLICTS_WITH]->(h) } AS conflict
"""

_ACTIVE_LOADS: LiteralString = """
UNWIND $worker_ids AS wid
MATCH (w:SocialWorker {id: wid})
OPTIONAL MATCH (w)<-[:BY]-(m:Match {status: 'ACTIVE'})-[:FOR]->(h:Household)
RETURN wid, collect({match_id: m.id, household_id: h.id, weight: coalesce(m.weight, 1)})
       AS matches
"""

_ACTIVATE: LiteralString = """
UNWIND $rows AS row
MATCH (i:Match {id: row.item_id})
SET i.status = 'ACTIVE', i.activated_at = datetime(), i.approved_by = $actor_id,
    i.started_on = date($today), i.follow_up_due = date($today) + duration({days: $follow_up_days}),
    i.version = 1
WITH i, row WHERE row.from_match_id IS NOT NULL
MATCH (old:Match {id: row.from_match_id})
SET old.status = 'TRANSFERRED', old.transferred_at = datetime(), old.transferred_to = i.id,
    old.transfer_reason = $reason, old.version = coalesce(old.version, 1) + 1
"""

_RELEASES: LiteralString = """
MATCH (i:PlanItem {plan_id: $plan_id, kind: 'LEFT_OUT', releases_match: true})
WHERE $household_ids IS NULL OR i.household_id IN $household_ids
OPTIONAL MATCH (m:Match {id: i.from_match_id})
RETURN i, m.status AS match_status
"""

_RELEASE: LiteralString = """
UNWIND $match_ids AS mid
MATCH (m:Match {id: mid})
SET m.status = 'RELEASED', m.released_at = datetime(), m.release_reason = $reason,
    m.version = coalesce(m.version, 1) + 1
"""

_CLOSE_UNSELECTED: LiteralString = """
MATCH (i:PlanItem:Match {plan_id: $plan_id, status: 'PROPOSED'})
SET i.status = $status
"""

_DECIDE_PLAN: LiteralString = """
MATCH (p:CaseloadPlan {id: $id})
SET p.status = $status, p.version = p.version + 1, p.decided_at = datetime(),
    p.decided_by = $actor_id, p.decision_reason = $reason
RETURN p
"""


@dataclass(frozen=True, slots=True)
class Approved:
    plan: PlanRecord
    activated: int
    transferred: int


@dataclass(frozen=True, slots=True)
class PlanChanged:
    changes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlanNotOpen:
    """Not PROPOSED (already decided, a what-if, still computing) or a stale version."""

    plan: PlanRecord
    stale_version: bool


ApproveOutcome = Approved | PlanChanged | PlanNotOpen | None


async def _lock_plan(tx: AsyncManagedTransaction, plan_id: str) -> PlanRecord | None:
    result = await tx.run(_LOCK_PLAN, id=plan_id, tx_marker=plan_id)
    record = await result.single()
    return PlanRecord.from_node(record["p"]) if record else None


def _check(
    items: list[PlanItemRecord],
    state: dict[str, Any],
    loads: dict[str, list[dict[str, Any]]],
    plan: PlanRecord,
    released: list[PlanItemRecord],
) -> list[str]:
    changes: list[str] = []
    moving_away = {i.from_match_id for i in [*items, *released] if i.from_match_id}
    added: dict[str, int] = defaultdict(int)
    limits: dict[str, int] = {}
    for item in items:
        s = state.get(item.id)
        if s is None:
            changes.append(
                f"户 {item.household_id} 或社工 {item.to_worker_id} 已不存在 / no longer exists"
            )
            continue
        if s["household_version"] != item.household_version:
            changes.append(
                f"户 {item.household_id} 的资料已修改 / household {item.household_id} changed "
                f"(version {item.household_version} → {s['household_version']})"
            )
        if s["current_worker_id"] != item.from_worker_id:
            changes.append(
                f"户 {item.household_id} 的责任社工已变为 {s['current_worker_id'] or '无'} / "
                f"household {item.household_id} is now with {s['current_worker_id'] or 'nobody'}, "
                f"planned from {item.from_worker_id or 'nobody'}"
            )
        worker = item.to_worker_id or ""
        planned_version = plan.worker_versions.get(worker)
        if planned_version is not None and s["worker_version"] != planned_version:
            changes.append(f"社工 {worker} 的资料已修改 / worker {worker} changed since the plan")
        if s["on_leave"]:
            changes.append(f"社工 {worker} 正在休假 / worker {worker} is on leave")
        if s["conflict"]:
            changes.append(
                f"社工 {worker} 与户 {item.household_id} 已申报利益冲突 / a conflict of interest "
                f"was declared between {worker} and {item.household_id}"
            )
        added[worker] += item.weight
        limits[worker] = int(s["caseload_limit"])
    for worker, extra in sorted(added.items()):
        kept = sum(
            m["weight"]
            for m in loads.get(worker, [])
            if m["match_id"] is not None and m["match_id"] not in moving_away
        )
        limit = limits.get(worker)
        if limit is not None and kept + extra > limit:
            changes.append(
                f"社工 {worker} 将超出负荷 {kept + extra}/{limit} / worker {worker} would carry "
                f"{kept + extra} of a limit of {limit}"
            )
    return changes


async def approve_plan_tx(
    tx: AsyncManagedTransaction,
    *,
    plan_id: str,
    expected_version: int,
    household_ids: list[str] | None,
    actor: Actor,
    today: date,
    follow_up_days: int,
) -> ApproveOutcome:
    plan = await _lock_plan(tx, plan_id)
    if plan is None:
        return None
    if plan.status != "PROPOSED" or plan.version != expected_version:
        return PlanNotOpen(plan=plan, stale_version=plan.status == "PROPOSED")
    result = await tx.run(_PROPOSED_ITEMS, plan_id=plan_id, household_ids=household_ids)
    items = [PlanItemRecord.from_node(r["i"]) async for r in result]
    releases = [
        (PlanItemRecord.from_node(r["i"]), r["match_status"])
        async for r in await tx.run(_RELEASES, plan_id=plan_id, household_ids=household_ids)
    ]
    stale_releases = [i for i, status in releases if status != "ACTIVE"]
    released = [i for i, _ in releases]
    if household_ids is not None:
        planned = {i.household_id for i in [*items, *released]}
        missing = sorted(set(household_ids) - planned)
        if missing:
            return PlanChanged(
                tuple(
                    f"户 {h} 在此方案中没有待批准的配对 / household {h} has no open proposal "
                    "in this plan"
                    for h in missing
                )
            )
    rows = [
        {"id": i.id, "household_id": i.household_id, "worker_id": i.to_worker_id} for i in items
    ]
    state = {
        r["item_id"]: dict(r)
        async for r in await tx.run(_CURRENT_STATE, items=rows, tx_marker=plan_id)
    }
    worker_ids = sorted({i.to_worker_id for i in items if i.to_worker_id})
    loads = {
        r["wid"]: list(r["matches"])
        async for r in await tx.run(_ACTIVE_LOADS, worker_ids=worker_ids)
    }
    changes = _check(items, state, loads, plan, released)
    changes += [
        f"户 {i.household_id} 的现有配对已变化 / household {i.household_id}'s match changed since "
        "the plan"
        for i in stale_releases
    ]
    if changes:
        return PlanChanged(tuple(changes))
    reason = f"caseload plan {plan_id}"
    await tx.run(
        _ACTIVATE,
        rows=[{"item_id": i.id, "from_match_id": i.from_match_id} for i in items],
        actor_id=actor.id,
        today=today.isoformat(),
        follow_up_days=follow_up_days,
        reason=reason,
    )
    await tx.run(
        _RELEASE, match_ids=[i.from_match_id for i in released if i.from_match_id], reason=reason
    )
    await tx.run(_CLOSE_UNSELECTED, plan_id=plan_id, status="NOT_SELECTED")
    status = "APPROVED" if household_ids is None else "PARTIALLY_APPROVED"
    decided = await (
        await tx.run(_DECIDE_PLAN, id=plan_id, status=status, actor_id=actor.id, reason=None)
    ).single()
    assert decided is not None
    entries = (
        [
            AuditEntry(
                "MATCH_ACTIVATED",
                "Match",
                i.id,
                {"status": "PROPOSED"},
                {"status": "ACTIVE", "household_id": i.household_id, "worker_id": i.to_worker_id},
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
                {"status": status, "version": plan.version + 1, "activated": len(items)},
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
    expected_version: int,
    reason: str,
    actor: Actor,
) -> PlanRecord | PlanNotOpen | None:
    plan = await _lock_plan(tx, plan_id)
    if plan is None:
        return None
    if plan.status != "PROPOSED" or plan.version != expected_version:
        return PlanNotOpen(plan=plan, stale_version=plan.status == "PROPOSED")
    await tx.run(_CLOSE_UNSELECTED, plan_id=plan_id, status="REJECTED")
    decided = await (
        await tx.run(_DECIDE_PLAN, id=plan_id, status="REJECTED", actor_id=actor.id, reason=reason)
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


async def approve_plan(graph: Graph, **kwargs: Any) -> ApproveOutcome:
    async with graph.driver.session(database=graph.database) as session:
        outcome: ApproveOutcome = await session.execute_write(approve_plan_tx, **kwargs)
        return outcome


async def reject_plan(graph: Graph, **kwargs: Any) -> PlanRecord | PlanNotOpen | None:
    async with graph.driver.session(database=graph.database) as session:
        outcome: PlanRecord | PlanNotOpen | None = await session.execute_write(
            reject_plan_tx, **kwargs
        )
        return outcome
