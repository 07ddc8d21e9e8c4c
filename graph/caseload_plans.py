"""Caseload plans in the graph: the `(:CaseloadPlan)` node and its items.

Each household in a plan's scope gets one `(:PlanItem)`: NEW and MOVED items are also
`:Match` nodes with status PROPOSED (the pairing's life starts there), UNCHANGED and
LEFT_OUT items only explain the plan. Item ids are `<plan id>/<household id>`, so a retried
job rewrites the same items instead of adding more.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, AuditEntry, record_audit_many
from graph.driver import Graph
from graph.scope import Scope

BATCH = 5_000


@dataclass(frozen=True, slots=True)
class PlanRecord:
    id: str
    scope_kind: str
    scope_id: str
    scope_name: str
    townships: tuple[str, ...]
    status: str
    version: int
    is_what_if: bool
    what_if: dict[str, Any] | None
    job_id: str | None
    created_at: datetime
    created_by: str | None
    solver: str | None
    solver_version: str | None
    objective: float | None
    bound: float | None
    gap: float | None
    solve_seconds: float | None
    input_hash: str | None
    restricted_candidates: bool
    notes: tuple[str, ...]
    summary: dict[str, Any] | None
    worker_loads: tuple[dict[str, Any], ...]
    worker_versions: dict[str, int]
    decided_at: datetime | None
    decided_by: str | None
    decision_reason: str | None
    decision_key: str | None = None  # the approval's idempotency key
    activated: int = 0  # what the approval activated and transferred (for a replay)
    transferred: int = 0
    superseded_by: str | None = None  # the newer plan of the same scope
    # How much travel evening out loads may cost (matching.BalancePriority's value).
    balance_priority: str = "TRAVEL_FIRST"

    @classmethod
    def from_node(cls, n: Any) -> PlanRecord:
        def load(key: str) -> Any:
            raw = n.get(key)
            return json.loads(raw) if raw else None

        decided = n.get("decided_at")
        return cls(
            id=n["id"],
            scope_kind=n["scope_kind"],
            scope_id=n["scope_id"],
            scope_name=n.get("scope_name") or "",
            townships=tuple(n.get("townships") or ()),
            status=n["status"],
            version=int(n["version"]),
            is_what_if=bool(n.get("is_what_if")),
            what_if=load("what_if"),
            job_id=n.get("job_id"),
            created_at=n["created_at"].to_native(),
            created_by=n.get("created_by"),
            solver=n.get("solver"),
            solver_version=n.get("solver_version"),
            objective=n.get("objective"),
            bound=n.get("bound"),
            gap=n.get("gap"),
            solve_seconds=n.get("solve_seconds"),
            input_hash=n.get("input_hash"),
            restricted_candidates=bool(n.get("restricted_candidates")),
            notes=tuple(n.get("notes") or ()),
            summary=load("summary"),
            worker_loads=tuple(load("worker_loads") or ()),
            worker_versions=load("worker_versions") or {},
            decided_at=decided.to_native() if decided is not None else None,
            decided_by=n.get("decided_by"),
            decision_reason=n.get("decision_reason"),
            decision_key=n.get("decision_key"),
            activated=int(n.get("activated") or 0),
            transferred=int(n.get("transferred") or 0),
            superseded_by=n.get("superseded_by"),
            balance_priority=n.get("balance_priority") or "TRAVEL_FIRST",
        )


@dataclass(frozen=True, slots=True)
class PlanItemRecord:
    id: str
    plan_id: str
    kind: str  # NEW | MOVED | UNCHANGED | LEFT_OUT
    status: str  # PROPOSED | ACTIVE | NOT_SELECTED | REJECTED | EXPLAINS
    household_id: str
    household_version: int
    warning_level: str
    weight: int
    from_worker_id: str | None
    from_match_id: str | None
    to_worker_id: str | None
    distance_km: float | None
    reasons: tuple[str, ...]
    next_best_worker_id: str | None
    next_best_extra_km: float | None
    next_best_note: str | None
    left_out_reason: str | None
    left_out_detail: str | None
    what_would_change: str | None
    # LEFT_OUT with a current worker of the plan's own: approving the plan ends that match,
    # since the plan gave the worker's capacity to households of higher priority.
    releases_match: bool = False

    def props(self) -> dict[str, Any]:
        return {
            "plan_id": self.plan_id,
            "kind": self.kind,
            "status": self.status,
            "household_id": self.household_id,
            "household_version": self.household_version,
            "warning_level": self.warning_level,
            "weight": self.weight,
            "from_worker_id": self.from_worker_id,
            "from_match_id": self.from_match_id,
            "to_worker_id": self.to_worker_id,
            "worker_id": self.to_worker_id,
            "distance_km": self.distance_km,
            "reasons": list(self.reasons),
            "next_best_worker_id": self.next_best_worker_id,
            "next_best_extra_km": self.next_best_extra_km,
            "next_best_note": self.next_best_note,
            "left_out_reason": self.left_out_reason,
            "left_out_detail": self.left_out_detail,
            "what_would_change": self.what_would_change,
            "releases_match": self.releases_match,
        }

    @classmethod
    def from_node(cls, n: Any) -> PlanItemRecord:
        return cls(
            id=n["id"],
            plan_id=n["plan_id"],
            kind=n["kind"],
            status=n["status"],
            household_id=n["household_id"],
            household_version=int(n.get("household_version") or 1),
            warning_level=n.get("warning_level") or "NONE",
            weight=int(n.get("weight") or 1),
            from_worker_id=n.get("from_worker_id"),
            from_match_id=n.get("from_match_id"),
            to_worker_id=n.get("to_worker_id"),
            distance_km=n.get("distance_km"),
            reasons=tuple(n.get("reasons") or ()),
            next_best_worker_id=n.get("next_best_worker_id"),
            next_best_extra_km=n.get("next_best_extra_km"),
            next_best_note=n.get("next_best_note"),
            left_out_reason=n.get("left_out_reason"),
            left_out_detail=n.get("left_out_detail"),
            what_would_change=n.get("what_would_change"),
            releases_match=bool(n.get("releases_match")),
        )


# A plan and an item as `from_node` reads them: named properties, never the whole node.
PLAN_FIELDS: LiteralString = """p{.id, .scope_kind, .scope_id, .scope_name, .townships, .status,
  .version, .is_what_if, .what_if, .job_id, .created_at, .created_by, .solver, .solver_version,
  .objective, .bound, .gap, .solve_seconds, .input_hash, .restricted_candidates, .notes,
  .summary, .worker_loads, .worker_versions, .decided_at, .decided_by, .decision_reason,
  .decision_key, .activated, .transferred, .superseded_by, .balance_priority}"""
PLAN_ITEM_FIELDS: LiteralString = """i{.id, .plan_id, .kind, .status, .household_id,
  .household_version, .warning_level, .weight, .from_worker_id, .from_match_id, .to_worker_id,
  .distance_km, .reasons, .next_best_worker_id, .next_best_extra_km, .next_best_note,
  .left_out_reason, .left_out_detail, .what_would_change, .releases_match}"""

_CREATE_PLAN: LiteralString = (
    """
CREATE (p:CaseloadPlan {id: $id, scope_kind: $scope_kind, scope_id: $scope_id,
    scope_name: $scope_name, townships: $townships, status: 'COMPUTING', version: 1,
    is_what_if: $is_what_if, what_if: $what_if, job_id: $job_id, created_at: $now,
    created_by: $created_by, restricted_candidates: false, notes: [],
    balance_priority: $balance_priority})
RETURN """
    + PLAN_FIELDS
    + " AS p"
)

_PLAN_BY_ID: LiteralString = (
    """
MATCH (p:CaseloadPlan {id: $id})
WHERE $all_scope OR any(t IN p.townships WHERE t IN $townships)
RETURN """
    + PLAN_FIELDS
    + " AS p"
)

_PLANS_PAGE: LiteralString = (
    """
MATCH (p:CaseloadPlan)
WHERE ($all_scope OR any(t IN p.townships WHERE t IN $townships))
  AND ($scope_id IS NULL OR p.scope_id = $scope_id)
  AND ($after IS NULL OR p.id < $after)
RETURN """
    + PLAN_FIELDS
    + " AS p ORDER BY p.id DESC LIMIT $limit"
)
_PLANS_COUNT: LiteralString = """
MATCH (p:CaseloadPlan)
WHERE ($all_scope OR any(t IN p.townships WHERE t IN $townships))
  AND ($scope_id IS NULL OR p.scope_id = $scope_id)
RETURN count(p) AS n
"""

# A job killed after writing items runs again on data that may have changed since, so its
# pairings may differ: the items of a plan still COMPUTING are replaced, never merged into
# (a merged item would keep the first attempt's :Match label and BY edge beside the new one).
_CLEAR_ITEMS: LiteralString = """
MATCH (p:CaseloadPlan {id: $plan_id, status: 'COMPUTING'})<-[:IN_PLAN]-(i:PlanItem)
DETACH DELETE i
"""

_WRITE_ITEMS: LiteralString = """
UNWIND $rows AS row
MERGE (i:PlanItem {id: row.id})
SET i += row.props
WITH i, row
MATCH (p:CaseloadPlan {id: row.props.plan_id})
MERGE (i)-[:IN_PLAN]->(p)
"""

# Proposed pairings become Match nodes: FOR the household, BY the worker.
_LINK_PROPOSALS: LiteralString = """
UNWIND $rows AS row
MATCH (i:PlanItem {id: row.id})
SET i:Match
WITH i, row
MATCH (h:Household {id: row.household_id}), (w:SocialWorker {id: row.worker_id})
MERGE (i)-[:FOR]->(h)
MERGE (i)-[:BY]->(w)
"""

_FINISH_PLAN: LiteralString = (
    """
MATCH (p:CaseloadPlan {id: $id}) WHERE p.status = 'COMPUTING'
SET p += $props
RETURN """
    + PLAN_FIELDS
    + " AS p"
)

_FAIL_PLAN: LiteralString = """
MATCH (p:CaseloadPlan {id: $id}) WHERE p.status = 'COMPUTING'
SET p.status = 'FAILED', p.notes = $notes
"""

_ITEMS_PAGE: LiteralString = (
    """
MATCH (i:PlanItem {plan_id: $plan_id})
WHERE ($kind IS NULL OR i.kind = $kind) AND ($after IS NULL OR i.id > $after)
RETURN """
    + PLAN_ITEM_FIELDS
    + " AS i ORDER BY i.id LIMIT $limit"
)
_ITEMS_COUNT: LiteralString = """
MATCH (i:PlanItem {plan_id: $plan_id}) WHERE $kind IS NULL OR i.kind = $kind
RETURN count(i) AS n
"""


async def create_plan(
    graph: Graph,
    *,
    plan_id: str,
    scope_kind: str,
    scope_id: str,
    scope_name: str,
    townships: Sequence[str],
    what_if: dict[str, Any] | None,
    job_id: str,
    created_by: str | None,
    balance_priority: str,
    now: datetime,
) -> PlanRecord:
    records, _, _ = await graph.driver.execute_query(
        _CREATE_PLAN,
        id=plan_id,
        scope_kind=scope_kind,
        scope_id=scope_id,
        scope_name=scope_name,
        townships=list(townships),
        is_what_if=what_if is not None,
        what_if=json.dumps(what_if, sort_keys=True) if what_if is not None else None,
        job_id=job_id,
        created_by=created_by,
        balance_priority=balance_priority,
        now=now,
        database_=graph.database,
    )
    return PlanRecord.from_node(records[0]["p"])


async def plan_by_id(graph: Graph, plan_id: str, *, scope: Scope) -> PlanRecord | None:
    records, _, _ = await graph.driver.execute_query(
        _PLAN_BY_ID, id=plan_id, **scope.params(), database_=graph.database, routing_="r"
    )
    return PlanRecord.from_node(records[0]["p"]) if records else None


async def plan_page(
    graph: Graph, *, scope: Scope, scope_id: str | None, after: str | None, limit: int
) -> tuple[list[PlanRecord], int]:
    params = {**scope.params(), "scope_id": scope_id}
    records, _, _ = await graph.driver.execute_query(
        _PLANS_PAGE, **params, after=after, limit=limit, database_=graph.database, routing_="r"
    )
    counted, _, _ = await graph.driver.execute_query(
        _PLANS_COUNT, **params, database_=graph.database, routing_="r"
    )
    return [PlanRecord.from_node(r["p"]) for r in records], int(counted[0]["n"])


async def write_plan_items(
    graph: Graph, items: Sequence[PlanItemRecord], *, link_proposals: bool
) -> None:
    for plan_id in sorted({i.plan_id for i in items}):
        await graph.driver.execute_query(_CLEAR_ITEMS, plan_id=plan_id, database_=graph.database)
    rows = [{"id": i.id, "props": i.props()} for i in items]
    for start in range(0, len(rows), BATCH):
        await graph.driver.execute_query(
            _WRITE_ITEMS, rows=rows[start : start + BATCH], database_=graph.database
        )
    if not link_proposals:
        return
    proposals = [
        {"id": i.id, "household_id": i.household_id, "worker_id": i.to_worker_id}
        for i in items
        if i.kind in ("NEW", "MOVED")
    ]
    for start in range(0, len(proposals), BATCH):
        await graph.driver.execute_query(
            _LINK_PROPOSALS, rows=proposals[start : start + BATCH], database_=graph.database
        )


# A newer proposal for the same scope replaces the older ones still waiting: they are marked
# SUPERSEDED (never left 待审批) and their open proposals closed.
_SUPERSEDE_OLDER: LiteralString = """
MATCH (p:CaseloadPlan {id: $id})
MATCH (old:CaseloadPlan {scope_kind: p.scope_kind, scope_id: p.scope_id, status: 'PROPOSED'})
WHERE old.id <> p.id AND old.created_at <= p.created_at
SET old.status = 'SUPERSEDED', old.superseded_by = p.id, old.version = old.version + 1,
    old.decided_at = $now
WITH old
OPTIONAL MATCH (i:PlanItem:Match {plan_id: old.id, status: 'PROPOSED'})
SET i.status = 'NOT_SELECTED'
RETURN DISTINCT old.id AS id, old.version AS version
"""

PLANNER = "system:planner"


async def supersede_older_plans_tx(
    tx: AsyncManagedTransaction, *, plan_id: str, now: datetime
) -> list[str]:
    """Mark the scope's older waiting plans SUPERSEDED by `plan_id`, audited; their ids."""
    rows = [r async for r in await tx.run(_SUPERSEDE_OLDER, id=plan_id, now=now)]
    entries = [
        AuditEntry(
            "PLAN_SUPERSEDED",
            "CaseloadPlan",
            r["id"],
            {"status": "PROPOSED", "version": int(r["version"]) - 1},
            {"status": "SUPERSEDED", "version": int(r["version"]), "superseded_by": plan_id},
            None,
        )
        for r in rows
    ]
    await record_audit_many(tx, actor=Actor(PLANNER, "SYSTEM", now), entries=entries)
    return [r["id"] for r in rows]


async def _finish_tx(
    tx: AsyncManagedTransaction, *, plan_id: str, props: dict[str, Any], now: datetime
) -> PlanRecord | None:
    record = await (await tx.run(_FINISH_PLAN, id=plan_id, props=props)).single()
    if record is None:
        return None
    plan = PlanRecord.from_node(record["p"])
    if plan.status == "PROPOSED":
        await supersede_older_plans_tx(tx, plan_id=plan_id, now=now)
    return plan


async def finish_plan(
    graph: Graph, plan_id: str, props: dict[str, Any], *, now: datetime
) -> PlanRecord | None:
    """COMPUTING -> PROPOSED (or WHAT_IF) with the solver's figures; only once. A proposal
    supersedes the older ones of its scope still waiting for a decision."""
    bookmarks = graph.driver.execute_query_bookmark_manager
    async with graph.driver.session(database=graph.database, bookmark_manager=bookmarks) as session:
        plan: PlanRecord | None = await session.execute_write(
            _finish_tx, plan_id=plan_id, props=props, now=now
        )
        return plan


async def fail_plan(graph: Graph, plan_id: str, notes: Sequence[str]) -> None:
    await graph.driver.execute_query(
        _FAIL_PLAN, id=plan_id, notes=list(notes), database_=graph.database
    )


async def plan_items_page(
    graph: Graph, *, plan_id: str, kind: str | None, after: str | None, limit: int
) -> tuple[list[PlanItemRecord], int]:
    records, _, _ = await graph.driver.execute_query(
        _ITEMS_PAGE,
        plan_id=plan_id,
        kind=kind,
        after=after,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    counted, _, _ = await graph.driver.execute_query(
        _ITEMS_COUNT, plan_id=plan_id, kind=kind, database_=graph.database, routing_="r"
    )
    return [PlanItemRecord.from_node(r["i"]) for r in records], int(counted[0]["n"])


# The solver's input, kept beside the plan (not on it, so ordinary plan reads stay small).
_STORE_INPUT: LiteralString = """
MATCH (p:CaseloadPlan {id: $plan_id})
MERGE (i:PlanInput {plan_id: $plan_id})
SET i.data = $data, i.format = $format
MERGE (i)-[:INPUT_OF]->(p)
"""
_READ_INPUT: LiteralString = """
MATCH (i:PlanInput {plan_id: $plan_id}) RETURN i.data AS data, i.format AS format
"""
_PAIRS: LiteralString = """
MATCH (i:PlanItem {plan_id: $plan_id})
RETURN i.household_id AS household_id, i.to_worker_id AS worker_id
"""


async def store_plan_input(graph: Graph, plan_id: str, data: bytes, format: str) -> None:
    await graph.driver.execute_query(
        _STORE_INPUT, plan_id=plan_id, data=data, format=format, database_=graph.database
    )


async def plan_input(graph: Graph, plan_id: str) -> tuple[bytes, str] | None:
    records, _, _ = await graph.driver.execute_query(
        _READ_INPUT, plan_id=plan_id, database_=graph.database, routing_="r"
    )
    if not records or records[0]["data"] is None:
        return None
    return bytes(records[0]["data"]), str(records[0]["format"])


async def plan_pairs(graph: Graph, plan_id: str) -> dict[str, str | None]:
    """household id -> the worker the plan gave it (None: left out)."""
    records, _, _ = await graph.driver.execute_query(
        _PAIRS, plan_id=plan_id, database_=graph.database, routing_="r"
    )
    return {r["household_id"]: r["worker_id"] for r in records}
