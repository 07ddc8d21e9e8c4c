"""Needs (需求): the needs board (anonymous by construction), writes, and closing the loop.

Reads are role-aware projections (`graph.audience.Audience`). Every audience reads a need
card: the need's own fields and, of the household behind it, only its village, tier,
causes and size band. The household id is returned by the Cypher for the casework audience
alone; for volunteers, charities and enterprises the query returns null in its place.

Writes: creation (always OPEN) and guarded changes of fields and status.

Closing the loop (闭环): whoever reported a need hears when it is fulfilled or cancelled.

A need's reporter is `n.reported_by` (a user id) when the path that created it recorded
one, else the actor of its CREATE_NEED audit entry, so needs created before `reported_by`
existed still find their way back.

Call `need_resolved_tx` inside the transaction that moves a need to FULFILLED or CANCELLED
(the visit flow does; `update_need_tx` does, right after its audit).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audience import SIZE_BAND, Audience
from graph.audit import Actor, record_audit
from graph.driver import Graph
from graph.notifications import notify_tx
from graph.registry_writes import EntityMissing, VersionMismatch
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class NeedRecord:
    id: str
    household_id: str | None  # None in every projection but the casework one
    kind: str  # NEED_KINDS
    description: str  # Chinese, names nobody: charities read it without seeing who it is
    estimated_cost: int  # yuan
    urgency: str  # LOW | MEDIUM | HIGH
    status: str  # OPEN | PLEDGED | FULFILLED | CANCELLED


# The need's own fields, named; what a need card shows of it.
_NEED: LiteralString = """n{.id, .kind, .description, .estimated_cost, .urgency, .status,
  .version} AS n"""


# What a need card shows of the household behind it.
_CARD_CONTEXT: LiteralString = (
    """h.township_id AS township_id, h.village_id AS village_id, h.tier AS tier,
  h.causes AS causes, """
    + SIZE_BAND
    + " AS size_band, "
)


# The two projections of a need row, shared with the marketplace's board (graph/market.py);
# `need_row` reads either.
CASEWORK_NEED: LiteralString = _CARD_CONTEXT + "h.id AS household_id, " + _NEED


CARD_NEED: LiteralString = _CARD_CONTEXT + "null AS household_id, " + _NEED


_NEEDS_BY_HOUSEHOLD_HEAD: LiteralString = """
UNWIND $ids AS id
MATCH (h:Household {id: id})-[:HAS_NEED]->(n:Need)
WITH id, h, n ORDER BY n.id
RETURN id, """


_NEEDS_BY_HOUSEHOLD: LiteralString = _NEEDS_BY_HOUSEHOLD_HEAD + CASEWORK_NEED


_CARDS_BY_HOUSEHOLD: LiteralString = _NEEDS_BY_HOUSEHOLD_HEAD + CARD_NEED


def _need_query(audience: Audience, casework: LiteralString, card: LiteralString) -> LiteralString:
    return casework if audience is Audience.CASEWORK else card


def need_record(household_id: str | None, n: Any) -> NeedRecord:
    return NeedRecord(
        id=n["id"],
        household_id=household_id,
        kind=n["kind"],
        description=n.get("description") or "",
        estimated_cost=int(n.get("estimated_cost") or 0),
        urgency=n.get("urgency") or "MEDIUM",
        status=n.get("status") or "OPEN",
    )


async def needs_by_household(
    graph: Graph, ids: Sequence[str], *, audience: Audience
) -> list[list[NeedRecord]]:
    query = _need_query(audience, _NEEDS_BY_HOUSEHOLD, _CARDS_BY_HOUSEHOLD)
    records, _, _ = await graph.driver.execute_query(
        query, ids=list(ids), database_=graph.database, routing_="r"
    )
    grouped: dict[str, list[NeedRecord]] = {i: [] for i in ids}
    for r in records:
        grouped[r["id"]].append(need_record(r["household_id"], r["n"]))
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
    """A need card: the need, and of its household only village, tier, causes, size band."""

    record: NeedRecord
    version: int
    township_id: str
    tier: str
    village_id: str = ""
    causes: tuple[str, ...] = ()
    size_band: str = ""


_FILTER: LiteralString = """
MATCH (h:Household)-[:HAS_NEED]->(n:Need)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($status IS NULL OR n.status = $status)
  AND ($region_id IS NULL OR $region_id IN
       CASE WHEN $coarse THEN [h.township_id, h.county_id]
            ELSE [h.village_id, h.township_id, h.county_id] END)
"""


_PAGE_HEAD: LiteralString = (
    _FILTER
    + """
  AND ($after IS NULL OR n.id > $after)
WITH h, n ORDER BY n.id LIMIT $limit
RETURN """
)


_PAGE: LiteralString = _PAGE_HEAD + CASEWORK_NEED


_CARD_PAGE: LiteralString = _PAGE_HEAD + CARD_NEED


_COUNT: LiteralString = _FILTER + " RETURN count(n) AS total"


_BY_IDS_HEAD: LiteralString = """
UNWIND $ids AS id
MATCH (h:Household)-[:HAS_NEED]->(n:Need {id: id})
WHERE $all_scope OR h.township_id IN $townships
RETURN """


_BY_IDS: LiteralString = _BY_IDS_HEAD + CASEWORK_NEED


_CARDS_BY_IDS: LiteralString = _BY_IDS_HEAD + CARD_NEED


def need_row(r: Any) -> NeedRow:
    """A row read with CASEWORK_NEED or CARD_NEED."""
    return NeedRow(
        record=need_record(r["household_id"], r["n"]),
        version=int(r["n"].get("version") or 1),
        township_id=r["township_id"],
        tier=r["tier"],
        village_id=r["village_id"] or "",
        causes=tuple(r["causes"] or ()),
        size_band=r["size_band"],
    )


async def need_page(
    graph: Graph,
    *,
    scope: Scope,
    flt: NeedFilter,
    after: str | None,
    limit: int,
    audience: Audience,
) -> tuple[list[NeedRow], int]:
    params = {**scope.params(), **flt.params()}
    query = _need_query(audience, _PAGE, _CARD_PAGE)
    records, _, _ = await graph.driver.execute_query(
        query,
        **params,
        after=after,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    counted, _, _ = await graph.driver.execute_query(
        _COUNT, **params, database_=graph.database, routing_="r"
    )
    return [need_row(r) for r in records], int(counted[0]["total"])


async def needs_by_id(
    graph: Graph, ids: Sequence[str], *, scope: Scope, audience: Audience
) -> list[NeedRow | None]:
    """Needs by id, in key order; a need outside the scope reads as missing."""
    query = _need_query(audience, _BY_IDS, _CARDS_BY_IDS)
    records, _, _ = await graph.driver.execute_query(
        query,
        ids=list(ids),
        **scope.params(),
        database_=graph.database,
        routing_="r",
    )
    by_id = {r["n"]["id"]: need_row(r) for r in records}
    return [by_id.get(i) for i in ids]


FINAL = frozenset({"FULFILLED", "CANCELLED"})


_MARK_REPORTED: LiteralString = """
MATCH (n:Need {id: $need_id})
SET n.reported_by = coalesce(n.reported_by, $reporter_id)
"""


# resolved_* are written once: a final need never changes again.
_RESOLVED: LiteralString = """
MATCH (n:Need {id: $need_id})
SET n.resolved_at = coalesce(n.resolved_at, $now),
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
    r = await (await tx.run(_RESOLVED, now=actor.at, need_id=need_id, actor_id=actor.id)).single()
    reporter = r["reporter"] if r else None
    if reporter is None or reporter == actor.id:
        return None
    assert r is not None
    await notify_tx(
        tx,
        now=actor.at,
        notification_id=f"need-resolved:{need_id}",
        recipient_kind="USER",
        recipient_id=reporter,
        kind="REPORT_RESOLVED",
        message=f"the need you reported ({r['kind']}) was {status.lower()}",
        subject_type="Need",
        subject_id=need_id,
        params={"needKind": r["kind"], "status": status},
    )
    return str(reporter)


# ---- writes -----------------------------------------------------------------------------


_CREATE_NEED: LiteralString = (
    """
MATCH (h:Household {id: $household_id})
CREATE (n:Need {id: $id})
SET n += $props, n.status = 'OPEN', n.version = 1, n.created_at = $now,
    n.updated_at = $now
CREATE (h)-[:HAS_NEED]->(n)
RETURN properties(n) AS after, """
    + CASEWORK_NEED
)


# The caller checked the transition against the state it read; matching on that state's
# version and status here makes the check hold at commit time too.
_UPDATE_NEED: LiteralString = (
    """
MATCH (h:Household)-[:HAS_NEED]->(n:Need {id: $id})
WHERE coalesce(n.version, 1) = $expected_version AND n.status = $expected_status
WITH h, n, properties(n) AS before
SET n += $props, n.version = coalesce(n.version, 1) + 1, n.updated_at = $now
RETURN before, properties(n) AS after, """
    + CASEWORK_NEED
)


# Locks the need first, as claiming does: an adoption cannot open between the caller's check
# of what this reads and the write.
_LOCK_UNADOPTED: LiteralString = """
MATCH (n:Need {id: $id})
SET n.locked_by = $marker
REMOVE n.locked_by
RETURN EXISTS { MATCH (a:Adoption)-[:FOR]->(n) WHERE a.status IN ['CLAIMED', 'DISBURSED'] }
       AS adopted
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
        await tx.run(
            _CREATE_NEED, now=actor.at, id=need_id, household_id=household_id, props=dict(props)
        )
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
        after={**dict(record["after"]), "household_id": household_id},
    )
    return need_row(record)


@dataclass(frozen=True, slots=True)
class NeedHeld:
    """What a change of a need depends on, read under its lock."""

    adopted: bool  # an organisation's adoption of it is CLAIMED or DISBURSED


async def update_need_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    need_id: str,
    expected_version: int,
    expected_status: str,
    props: Mapping[str, Any],
    decide: Callable[[NeedHeld], None],
) -> NeedRow:
    """`decide` raises to refuse, on what was read under the need's lock."""
    lock = await (await tx.run(_LOCK_UNADOPTED, id=need_id, marker=actor.id)).single()
    decide(NeedHeld(adopted=bool(lock is not None and lock["adopted"])))
    record = await (
        await tx.run(
            _UPDATE_NEED,
            now=actor.at,
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
        after={**dict(record["after"]), "household_id": household_id},
    )
    # Closing the loop: whoever reported the need is told when it is finished.
    if props.get("status") in FINAL:  # the statuses that close the loop
        await need_resolved_tx(tx, need_id=need_id, status=props["status"], actor=actor)
    return need_row(record)
