"""Charities (慈善组织) and enterprises (企业): reading and writing them.

Scope: a charity or an enterprise is seen where one of the regions it is active in covers a
township in scope (a county covers all of its townships). `region_ids` is kept both as a
property (as `graph.county_writer` writes it) and as `ACTIVE_IN` relationships (what scope
and matching follow); both change together here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.driver import Graph
from graph.registry_writes import (
    VersionedStatements,
    node_dict,
    versioned,
    versioned_update,
)
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class CharityRecord:
    id: str
    name: str
    focus_kinds: tuple[str, ...]  # NEED_KINDS it funds
    budget_yuan: int
    region_ids: tuple[str, ...]  # regions it works in (a county covers its townships)


@dataclass(frozen=True, slots=True)
class EnterpriseRecord:
    id: str
    name: str
    sectors: tuple[str, ...]
    jobs_offered: int
    region_ids: tuple[str, ...]
    causes_supported: tuple[str, ...]  # CAUSES its 签约帮扶 addresses


@dataclass(frozen=True, slots=True)
class CharityRow:
    record: CharityRecord
    version: int


@dataclass(frozen=True, slots=True)
class EnterpriseRow:
    record: EnterpriseRecord
    version: int


@dataclass(frozen=True, slots=True)
class OrganisationFilter:
    region_id: str | None = None
    search: str | None = None
    kind: str | None = None  # volunteers: VOLUNTEER_KINDS; charities: a focus NEED_KIND
    sector: str | None = None  # enterprises
    cause: str | None = None  # enterprises: a cause it supports

    def params(self) -> dict[str, object]:
        return {
            "region_id": self.region_id,
            "search": self.search or None,
            "kind": self.kind,
            "sector": self.sector,
            "cause": self.cause,
        }


# ---- reads ------------------------------------------------------------------------------

# Shared predicates on `o` (a Charity or an Enterprise). A region filter matches an
# organisation active in that region, in a region above it, or in one below it.
_IN_SCOPE: LiteralString = """
($all_scope OR EXISTS {
    MATCH (o)-[:ACTIVE_IN]->(r:Region)
    WHERE r.id IN $townships
       OR EXISTS { MATCH (t:Region)-[:PART_OF]->(r) WHERE t.id IN $townships } })
"""


_IN_REGION: LiteralString = """
($region_id IS NULL OR EXISTS {
    MATCH (o)-[:ACTIVE_IN]->(r:Region)
    WHERE r.id = $region_id
       OR EXISTS { MATCH (:Region {id: $region_id})-[:PART_OF*1..2]->(r) }
       OR EXISTS { MATCH (r)-[:PART_OF*1..2]->(:Region {id: $region_id}) } })
AND ($search IS NULL OR o.name CONTAINS $search)
"""


_PAGE_TAIL: LiteralString = """
AND ($after IS NULL OR o.id > $after)
RETURN o ORDER BY o.id LIMIT $limit
"""


_COUNT_TAIL: LiteralString = " RETURN count(o) AS total"


_CHARITY_FILTER: LiteralString = (
    "MATCH (o:Charity) WHERE ($kind IS NULL OR $kind IN o.focus_kinds) AND "
    + _IN_SCOPE
    + " AND "
    + _IN_REGION
)


_CHARITY_PAGE: LiteralString = _CHARITY_FILTER + _PAGE_TAIL


_CHARITY_COUNT: LiteralString = _CHARITY_FILTER + _COUNT_TAIL


_CHARITIES_BY_ID: LiteralString = (
    "UNWIND $ids AS id MATCH (o:Charity {id: id}) WHERE " + _IN_SCOPE + " RETURN o"
)


_ENTERPRISE_FILTER: LiteralString = (
    "MATCH (o:Enterprise) WHERE ($sector IS NULL OR $sector IN o.sectors)"
    " AND ($cause IS NULL OR $cause IN o.causes_supported) AND " + _IN_SCOPE + " AND " + _IN_REGION
)


_ENTERPRISE_PAGE: LiteralString = _ENTERPRISE_FILTER + _PAGE_TAIL


_ENTERPRISE_COUNT: LiteralString = _ENTERPRISE_FILTER + _COUNT_TAIL


_ENTERPRISES_BY_ID: LiteralString = (
    "UNWIND $ids AS id MATCH (o:Enterprise {id: id}) WHERE " + _IN_SCOPE + " RETURN o"
)


def charity_row(n: Any) -> CharityRow:
    return CharityRow(
        record=CharityRecord(
            id=n["id"],
            name=n["name"],
            focus_kinds=tuple(n.get("focus_kinds") or ()),
            budget_yuan=int(n.get("budget_yuan") or 0),
            region_ids=tuple(n.get("region_ids") or ()),
        ),
        version=int(n.get("version") or 1),
    )


def enterprise_row(n: Any) -> EnterpriseRow:
    return EnterpriseRow(
        record=EnterpriseRecord(
            id=n["id"],
            name=n["name"],
            sectors=tuple(n.get("sectors") or ()),
            jobs_offered=int(n.get("jobs_offered") or 0),
            region_ids=tuple(n.get("region_ids") or ()),
            causes_supported=tuple(n.get("causes_supported") or ()),
        ),
        version=int(n.get("version") or 1),
    )


async def _page(
    graph: Graph,
    page: LiteralString,
    count: LiteralString,
    *,
    scope: Scope,
    flt: OrganisationFilter,
    after: str | None,
    limit: int,
) -> tuple[list[Any], int]:
    params = {**scope.params(), **flt.params()}
    records, _, _ = await graph.driver.execute_query(
        page, **params, after=after, limit=limit, database_=graph.database, routing_="r"
    )
    counted, _, _ = await graph.driver.execute_query(
        count, **params, database_=graph.database, routing_="r"
    )
    return [r["o"] for r in records], int(counted[0]["total"])


async def _by_id(
    graph: Graph, query: LiteralString, ids: Sequence[str], scope: Scope
) -> dict[str, Any]:
    records, _, _ = await graph.driver.execute_query(
        query, ids=list(ids), **scope.params(), database_=graph.database, routing_="r"
    )
    return {r["o"]["id"]: r["o"] for r in records}


async def charity_page(
    graph: Graph, *, scope: Scope, flt: OrganisationFilter, after: str | None, limit: int
) -> tuple[list[CharityRow], int]:
    nodes, total = await _page(
        graph, _CHARITY_PAGE, _CHARITY_COUNT, scope=scope, flt=flt, after=after, limit=limit
    )
    return [charity_row(n) for n in nodes], total


async def charities_by_id(
    graph: Graph, ids: Sequence[str], *, scope: Scope
) -> list[CharityRow | None]:
    nodes = await _by_id(graph, _CHARITIES_BY_ID, ids, scope)
    return [charity_row(nodes[i]) if i in nodes else None for i in ids]


async def enterprise_page(
    graph: Graph, *, scope: Scope, flt: OrganisationFilter, after: str | None, limit: int
) -> tuple[list[EnterpriseRow], int]:
    nodes, total = await _page(
        graph, _ENTERPRISE_PAGE, _ENTERPRISE_COUNT, scope=scope, flt=flt, after=after, limit=limit
    )
    return [enterprise_row(n) for n in nodes], total


async def enterprises_by_id(
    graph: Graph, ids: Sequence[str], *, scope: Scope
) -> list[EnterpriseRow | None]:
    nodes = await _by_id(graph, _ENTERPRISES_BY_ID, ids, scope)
    return [enterprise_row(nodes[i]) if i in nodes else None for i in ids]


# ---- writes -----------------------------------------------------------------------------


_CREATE_CHARITY: LiteralString = """
CREATE (o:Charity {id: $id})
SET o += $props, o.region_ids = $region_ids, o.version = 1, o.created_at = datetime(),
    o.updated_at = datetime()
WITH o
CALL (o) {
  UNWIND $region_ids AS rid
  MATCH (r:Region {id: rid})
  MERGE (o)-[:ACTIVE_IN]->(r)
}
RETURN o
"""


_CREATE_ENTERPRISE: LiteralString = """
CREATE (o:Enterprise {id: $id})
SET o += $props, o.region_ids = $region_ids, o.version = 1, o.created_at = datetime(),
    o.updated_at = datetime()
WITH o
CALL (o) {
  UNWIND $region_ids AS rid
  MATCH (r:Region {id: rid})
  MERGE (o)-[:ACTIVE_IN]->(r)
}
RETURN o
"""


_CHARITY = versioned(
    "Charity",
    bump="""
MATCH (o:Charity {id: $id})
WHERE $expected_version IS NULL OR coalesce(o.version, 1) = $expected_version
WITH o, properties(o) AS before
SET o += $props, o.version = coalesce(o.version, 1) + 1, o.updated_at = datetime()
RETURN before, o AS node
""",
    probe="MATCH (o:Charity {id: $id}) RETURN coalesce(o.version, 1) AS version",
)


_ENTERPRISE = versioned(
    "Enterprise",
    bump="""
MATCH (o:Enterprise {id: $id})
WHERE $expected_version IS NULL OR coalesce(o.version, 1) = $expected_version
WITH o, properties(o) AS before
SET o += $props, o.version = coalesce(o.version, 1) + 1, o.updated_at = datetime()
RETURN before, o AS node
""",
    probe="MATCH (o:Enterprise {id: $id}) RETURN coalesce(o.version, 1) AS version",
)


_SET_CHARITY_REGIONS: LiteralString = """
MATCH (o:Charity {id: $id})
OPTIONAL MATCH (o)-[old:ACTIVE_IN]->()
DELETE old
WITH DISTINCT o
CALL (o) {
  UNWIND $region_ids AS rid
  MATCH (r:Region {id: rid})
  MERGE (o)-[:ACTIVE_IN]->(r)
}
SET o.region_ids = $region_ids
RETURN o
"""


_SET_ENTERPRISE_REGIONS: LiteralString = """
MATCH (o:Enterprise {id: $id})
OPTIONAL MATCH (o)-[old:ACTIVE_IN]->()
DELETE old
WITH DISTINCT o
CALL (o) {
  UNWIND $region_ids AS rid
  MATCH (r:Region {id: rid})
  MERGE (o)-[:ACTIVE_IN]->(r)
}
SET o.region_ids = $region_ids
RETURN o
"""


async def _create(
    tx: AsyncManagedTransaction,
    statement: LiteralString,
    *,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: str,
    props: Mapping[str, Any],
    region_ids: Sequence[str],
) -> Any:
    record = await (
        await tx.run(statement, id=entity_id, props=dict(props), region_ids=list(region_ids))
    ).single()
    assert record is not None  # CREATE always returns its row
    await record_audit(
        tx,
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        before=None,
        after=node_dict(record["o"]),
    )
    return record["o"]


async def _update(
    tx: AsyncManagedTransaction,
    statements: VersionedStatements,
    regions: LiteralString,
    *,
    actor: Actor,
    action: str,
    entity_id: str,
    expected_version: int | None,
    props: Mapping[str, Any],
    region_ids: Sequence[str] | None,
) -> Any:
    before, node = await versioned_update(
        tx, statements, entity_id=entity_id, expected_version=expected_version, props=props
    )
    if region_ids is not None:
        record = await (await tx.run(regions, id=entity_id, region_ids=list(region_ids))).single()
        assert record is not None  # the node is locked by the version bump above
        node = record["o"]
    await record_audit(
        tx,
        actor=actor,
        action=action,
        entity_type=statements.entity,
        entity_id=entity_id,
        before=before,
        after=node_dict(node),
    )
    return node


async def create_charity_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    charity_id: str,
    props: Mapping[str, Any],
    region_ids: Sequence[str],
) -> CharityRow:
    node = await _create(
        tx,
        _CREATE_CHARITY,
        actor=actor,
        action="CREATE_CHARITY",
        entity_type="Charity",
        entity_id=charity_id,
        props=props,
        region_ids=region_ids,
    )
    return charity_row(node)


async def update_charity_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    charity_id: str,
    expected_version: int | None,
    props: Mapping[str, Any],
    region_ids: Sequence[str] | None,
) -> CharityRow:
    node = await _update(
        tx,
        _CHARITY,
        _SET_CHARITY_REGIONS,
        actor=actor,
        action="UPDATE_CHARITY",
        entity_id=charity_id,
        expected_version=expected_version,
        props=props,
        region_ids=region_ids,
    )
    return charity_row(node)


async def create_enterprise_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    enterprise_id: str,
    props: Mapping[str, Any],
    region_ids: Sequence[str],
) -> EnterpriseRow:
    node = await _create(
        tx,
        _CREATE_ENTERPRISE,
        actor=actor,
        action="CREATE_ENTERPRISE",
        entity_type="Enterprise",
        entity_id=enterprise_id,
        props=props,
        region_ids=region_ids,
    )
    return enterprise_row(node)


async def update_enterprise_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    enterprise_id: str,
    expected_version: int | None,
    props: Mapping[str, Any],
    region_ids: Sequence[str] | None,
) -> EnterpriseRow:
    node = await _update(
        tx,
        _ENTERPRISE,
        _SET_ENTERPRISE_REGIONS,
        actor=actor,
        action="UPDATE_ENTERPRISE",
        entity_id=enterprise_id,
        expected_version=expected_version,
        props=props,
        region_ids=region_ids,
    )
    return enterprise_row(node)
