"""Charities (慈善组织) and enterprises (企业): reading and writing them.

Scope: a charity or an enterprise is seen where one of the regions it is active in covers a
township in scope (a county covers all of its townships). `region_ids` is kept both as a
property (as `graph.county_writer` writes it) and as `ACTIVE_IN` relationships (what scope
and matching follow); both change together here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, LiteralString

from graph.driver import Graph
from graph.registry_writes import BUMP_BEFORE_TAIL, PROBE_TAIL, EntityWrites, versioned
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
WITH o ORDER BY o.id LIMIT $limit
RETURN """


# What `charity_row` and `enterprise_row` read.
_CHARITY: LiteralString = "o{.id, .name, .focus_kinds, .budget_yuan, .region_ids, .version} AS o"


_ENTERPRISE: LiteralString = """o{.id, .name, .sectors, .jobs_offered, .region_ids,
  .causes_supported, .version} AS o"""


_COUNT_TAIL: LiteralString = " RETURN count(o) AS total"


_CHARITY_FILTER: LiteralString = (
    "MATCH (o:Charity) WHERE ($kind IS NULL OR $kind IN o.focus_kinds) AND "
    + _IN_SCOPE
    + " AND "
    + _IN_REGION
)


_CHARITY_PAGE: LiteralString = _CHARITY_FILTER + _PAGE_TAIL + _CHARITY


_CHARITY_COUNT: LiteralString = _CHARITY_FILTER + _COUNT_TAIL


_CHARITIES_BY_ID: LiteralString = (
    "UNWIND $ids AS id MATCH (o:Charity {id: id}) WHERE " + _IN_SCOPE + " RETURN " + _CHARITY
)


_ENTERPRISE_FILTER: LiteralString = (
    "MATCH (o:Enterprise) WHERE ($sector IS NULL OR $sector IN o.sectors)"
    " AND ($cause IS NULL OR $cause IN o.causes_supported) AND " + _IN_SCOPE + " AND " + _IN_REGION
)


_ENTERPRISE_PAGE: LiteralString = _ENTERPRISE_FILTER + _PAGE_TAIL + _ENTERPRISE


_ENTERPRISE_COUNT: LiteralString = _ENTERPRISE_FILTER + _COUNT_TAIL


_ENTERPRISES_BY_ID: LiteralString = (
    "UNWIND $ids AS id MATCH (o:Enterprise {id: id}) WHERE " + _IN_SCOPE + " RETURN " + _ENTERPRISE
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


# ---- writes (the Python around them is graph.registry_writes.*_entity_tx) --------------


# After `CREATE (o:Label {id: $id})`: the properties and an ACTIVE_IN for each region.
_CREATE_TAIL: LiteralString = """
SET o += $props, o.region_ids = $region_ids, o.version = 1, o.created_at = $now,
    o.updated_at = $now
WITH o
CALL (o) {
  UNWIND $region_ids AS rid
  MATCH (r:Region {id: rid})
  MERGE (o)-[:ACTIVE_IN]->(r)
}
RETURN o.id AS id
"""


# After `MATCH (o:Label {id: $id})`: the regions replaced, relationships and property.
_SET_REGIONS_TAIL: LiteralString = """
OPTIONAL MATCH (o)-[old:ACTIVE_IN]->()
DELETE old
WITH DISTINCT o
CALL (o) {
  UNWIND $region_ids AS rid
  MATCH (r:Region {id: rid})
  MERGE (o)-[:ACTIVE_IN]->(r)
}
SET o.region_ids = $region_ids
RETURN o.id AS id
"""


# After `MATCH (o:Label {id: $id})`: the node locked and read (graph.registry_writes).
_READ_TAIL: LiteralString = """
SET o.locked_by = $marker REMOVE o.locked_by
RETURN properties(o) AS after, coalesce(o.version, 1) AS version, o.region_ids AS region_ids, """


_CREATE_CHARITY: LiteralString = "CREATE (o:Charity {id: $id})" + _CREATE_TAIL


_CREATE_ENTERPRISE: LiteralString = "CREATE (o:Enterprise {id: $id})" + _CREATE_TAIL


_SET_CHARITY_REGIONS: LiteralString = "MATCH (o:Charity {id: $id})" + _SET_REGIONS_TAIL


_SET_ENTERPRISE_REGIONS: LiteralString = "MATCH (o:Enterprise {id: $id})" + _SET_REGIONS_TAIL


_READ_CHARITY: LiteralString = "MATCH (o:Charity {id: $id})" + _READ_TAIL + _CHARITY


_READ_ENTERPRISE: LiteralString = "MATCH (o:Enterprise {id: $id})" + _READ_TAIL + _ENTERPRISE


CHARITY_WRITES: Final[EntityWrites[CharityRow]] = EntityWrites(
    versioned=versioned(
        "Charity",
        bump="MATCH (n:Charity {id: $id})" + BUMP_BEFORE_TAIL,
        probe="MATCH (n:Charity {id: $id})" + PROBE_TAIL,
    ),
    create_action="CREATE_CHARITY",
    update_action="UPDATE_CHARITY",
    create=_CREATE_CHARITY,
    move=_SET_CHARITY_REGIONS,
    read=_READ_CHARITY,
    link_key="region_ids",
    link_label="Region",
    link_is_property=True,
    row=lambda r: charity_row(r["o"]),
)


ENTERPRISE_WRITES: Final[EntityWrites[EnterpriseRow]] = EntityWrites(
    versioned=versioned(
        "Enterprise",
        bump="MATCH (n:Enterprise {id: $id})" + BUMP_BEFORE_TAIL,
        probe="MATCH (n:Enterprise {id: $id})" + PROBE_TAIL,
    ),
    create_action="CREATE_ENTERPRISE",
    update_action="UPDATE_ENTERPRISE",
    create=_CREATE_ENTERPRISE,
    move=_SET_ENTERPRISE_REGIONS,
    read=_READ_ENTERPRISE,
    link_key="region_ids",
    link_label="Region",
    link_is_property=True,
    row=lambda r: enterprise_row(r["o"]),
)
