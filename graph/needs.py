"""Needs (需求): the needs board (anonymous by construction), writes, and closing the loop.

A need row carries only what a charity may know about the household behind it: the
township and the tier. The household id travels along for the roles that act on it; the
GraphQL layer hides it from the others.

Writes: creation (always OPEN) and guarded changes of fields and status.

Closing the loop (闭环): whoever reported a need hears when it is fulfilled or cancelled.

A need's reporter is `n.reported_by` (a user id) when the path that created it recorded
one, else the actor of its CREATE_NEED audit entry, so needs created before `reported_by`
existed still find their way back.

Call `need_resolved_tx` inside the transaction that moves a need to FULFILLED or CANCELLED
(the visit flow does; `update_need_tx` does, right after its audit).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.driver import Graph
from graph.notifications import notify_tx
from graph.registry_writes import EntityMissing, VersionMismatch, node_dict
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class NeedRecord:
    id: str
    household_id: str
    kind: str  # NEED_KINDS
    description: str  # Chinese, names nobody: charities read it without seeing who it is
    estimated_cost: int  # yuan
    urgency: str  # LOW | MEDIUM | HIGH
    status: str  # OPEN | PLEDGED | FULFILLED | CANCELLED


_NEEDS_BY_HOUSEHOLD: LiteralString = """
UNWIND $ids AS id
MATCH (:Household {id: id})-[:HAS_NEED]->(n:Need)
RETURN id, n ORDER BY n.id
"""


def need_record(household_id: str, n: Any) -> NeedRecord:
    return NeedRecord(
        id=n["id"],
        household_id=household_id,
        kind=n["kind"],
        description=n.get("description") or "",
        estimated_cost=int(n.get("estimated_cost") or 0),
        urgency=n.get("urgency") or "MEDIUM",
        status=n.get("status") or "OPEN",
    )


async def needs_by_household(graph: Graph, ids: Sequence[str]) -> list[list[NeedRecord]]:
    records, _, _ = await graph.driver.execute_query(
        _NEEDS_BY_HOUSEHOLD, ids=list(ids), database_=graph.database, routing_="r"
    )
    grouped: dict[str, list[NeedRecord]] = {i: [] for i in ids}
    for r in records:
        grouped[r["id"]].append(need_record(r["id"], r["n"]))
    return [grouped[i] for i in ids]


@dataclass(frozen=True, slots=True)
class NeedFilter:
    kind: str | None = None
    status: str | None = None
    region_id: str | None = None
    # Coarse callers may narrow by township or county only: a village is small enough that
    # kind + tier + village could point at one family.
    coarse: bool = True

    def params(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "status": self.status,
            "region_id": self.region_id,
            "coarse": self.coarse,
        }


@dataclass(frozen=True, slots=True)
class NeedRow:
    record: NeedRecord
    version: int
    township_id: str
    tier: str


_FILTER: LiteralString = """
MATCH (h:Household)-[:HAS_NEED]->(n:Need)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($status IS NULL OR n.status = $status)
  AND ($region_id IS NULL OR $region_id IN
       CASE WHEN $coarse THEN [h.township_id, h.county_id]
            ELSE [h.village_id, h.township_id, h.county_id] END)
"""


_PAGE: LiteralString = (
    _FILTER
    + """
  AND ($after IS NULL OR n.id > $after)
RETURN n, h.id AS household_id, h.township_id AS township_id, h.tier AS tier
ORDER BY n.id LIMIT $limit
"""
)


_COUNT: LiteralString = _FILTER + " RETURN count(n) AS total"


_BY_IDS: LiteralString = """
UNWIND $ids AS id
MATCH (h:Household)-[:HAS_NEED]->(n:Need {id: id})
WHERE $all_scope OR h.township_id IN $townships
RETURN n, h.id AS household_id, h.township_id AS township_id, h.tier AS tier
"""


def need_row(n: Any, *, household_id: str, township_id: str, tier: str) -> NeedRow:
    return NeedRow(
        record=need_record(household_id, n),
        version=int(n.get("version") or 1),
        township_id=township_id,
        tier=tier,
    )


def _row(r: Any) -> NeedRow:
    return need_row(
        r["n"], household_id=r["household_id"], township_id=r["township_id"], tier=r["tier"]
    )


async def need_page(
    graph: Graph, *, scope: Scope, flt: NeedFilter, after: str | None, limit: int
) -> tuple[list[NeedRow], int]:
    params = {**scope.params(), **flt.params()}
    records, _, _ = await graph.driver.execute_query(
        _PAGE, **params, after=after, limit=limit, database_=graph.database, routing_="r"
    )
    counted, _, _ = await graph.driver.execute_query(
        _COUNT, **params, database_=graph.database, routing_="r"
    )
    return [_row(r) for r in records], int(counted[0]["total"])


async def needs_by_id(graph: Graph, ids: Sequence[str], *, scope: Scope) -> list[NeedRow | None]:
    """Needs by id, in key order; a need outside the scope reads as missing."""
    records, _, _ = await graph.driver.execute_query(
        _BY_IDS, ids=list(ids), **scope.params(), database_=graph.database, routing_="r"
    )
    by_id = {r["n"]["id"]: _row(r) for r in records}
    return [by_id.get(i) for i in ids]


FINAL = {"FULFILLED": ("已完成", "fulfilled"), "CANCELLED": ("已取消", "cancelled")}


_MARK_REPORTED: LiteralString = """
MATCH (n:Need {id: $need_id})
SET n.reported_by = coalesce(n.reported_by, $reporter_id)
"""


# resolved_* are written once: a final need never changes again.
_RESOLVED: LiteralString = """
MATCH (n:Need {id: $need_id})
SET n.resolved_at = coalesce(n.resolved_at, datetime()),
    n.resolved_by = coalesce(n.resolved_by, $actor_id)
WITH n
OPTIONAL MATCH (a:AuditEvent {entity_id: n.id, action: 'CREATE_NEED'})
WITH n, a ORDER BY a.at
WITH n, collect(a.actor_id) AS creators
RETURN coalesce(n.reported_by, head(creators)) AS reporter, n.kind AS kind
"""


async def mark_reported_tx(tx: AsyncManagedTransaction, *, need_id: str, reporter_id: str) -> None:
    """Record who reported a need (for creation paths that do not set `reported_by`)."""
    await tx.run(_MARK_REPORTED, need_id=need_id, reporter_id=reporter_id)


async def need_resolved_tx(
    tx: AsyncManagedTransaction, *, need_id: str, status: str, actor: Actor
) -> str | None:
    """Stamp who resolved the need and tell its reporter (once: the notification id is the
    need's). Returns the notified user id, or None when nobody needed telling (no reporter,
    or the reporter resolved it themselves)."""
    if status not in FINAL:
        return None
    r = await (await tx.run(_RESOLVED, need_id=need_id, actor_id=actor.id)).single()
    reporter = r["reporter"] if r else None
    if reporter is None or reporter == actor.id:
        return None
    zh, en = FINAL[status]
    assert r is not None
    await notify_tx(
        tx,
        notification_id=f"need-resolved:{need_id}",
        recipient_kind="USER",
        recipient_id=reporter,
        kind="REPORT_RESOLVED",
        message=f"您报告的需求{zh} / the need you reported ({r['kind']}) was {en}",
        subject_type="Need",
        subject_id=need_id,
    )
    return str(reporter)


# ---- writes -----------------------------------------------------------------------------


_CREATE_NEED: LiteralString = """
MATCH (h:Household {id: $household_id})
CREATE (n:Need {id: $id})
SET n += $props, n.status = 'OPEN', n.version = 1, n.created_at = datetime(),
    n.updated_at = datetime()
CREATE (h)-[:HAS_NEED]->(n)
RETURN n, h.id AS household_id, h.township_id AS township_id, h.tier AS tier
"""


# The caller checked the transition against the state it read; matching on that state's
# version and status here makes the check hold at commit time too.
_UPDATE_NEED: LiteralString = """
MATCH (h:Household)-[:HAS_NEED]->(n:Need {id: $id})
WHERE coalesce(n.version, 1) = $expected_version AND n.status = $expected_status
WITH h, n, properties(n) AS before
SET n += $props, n.version = coalesce(n.version, 1) + 1, n.updated_at = datetime()
RETURN before, n, h.id AS household_id, h.township_id AS township_id, h.tier AS tier
"""


_PROBE_NEED: LiteralString = """
MATCH (n:Need {id: $id}) RETURN coalesce(n.version, 1) AS version
"""


async def create_need_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    need_id: str,
    household_id: str,
    props: Mapping[str, Any],
) -> NeedRow:
    record = await (
        await tx.run(_CREATE_NEED, id=need_id, household_id=household_id, props=dict(props))
    ).single()
    if record is None:
        raise EntityMissing("Household", household_id)
    await record_audit(
        tx,
        actor=actor,
        action="CREATE_NEED",
        entity_type="Need",
        entity_id=need_id,
        before=None,
        after={**node_dict(record["n"]), "household_id": household_id},
    )
    return _row(record)


async def update_need_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    need_id: str,
    expected_version: int,
    expected_status: str,
    props: Mapping[str, Any],
) -> NeedRow:
    record = await (
        await tx.run(
            _UPDATE_NEED,
            id=need_id,
            expected_version=expected_version,
            expected_status=expected_status,
            props=dict(props),
        )
    ).single()
    if record is None:
        probe = await (await tx.run(_PROBE_NEED, id=need_id)).single()
        if probe is None:
            raise EntityMissing("Need", need_id)
        raise VersionMismatch("Need", need_id, int(probe["version"]))
    household_id = record["household_id"]
    await record_audit(
        tx,
        actor=actor,
        action="UPDATE_NEED",
        entity_type="Need",
        entity_id=need_id,
        before={**dict(record["before"]), "household_id": household_id},
        after={**node_dict(record["n"]), "household_id": household_id},
    )
    # Closing the loop: whoever reported the need is told when it is finished.
    if props.get("status") in FINAL:  # the statuses that close the loop
        await need_resolved_tx(tx, need_id=need_id, status=props["status"], actor=actor)
    return _row(record)
