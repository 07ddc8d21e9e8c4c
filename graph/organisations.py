"""Reading the social forces beyond the stations: volunteers (志愿者, 网格员), charities
(慈善组织), enterprises (企业), and declared conflicts of interest.

Scope: a volunteer is seen where their village's township is in scope; a charity or an
enterprise where one of the regions it is active in covers a township in scope (a county
covers all of its townships).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString

from graph.driver import Graph
from graph.records import CharityRecord, EnterpriseRecord, VolunteerRecord
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class VolunteerRow:
    record: VolunteerRecord
    township_id: str
    version: int


@dataclass(frozen=True, slots=True)
class CharityRow:
    record: CharityRecord
    version: int


@dataclass(frozen=True, slots=True)
class EnterpriseRow:
    record: EnterpriseRecord
    version: int


@dataclass(frozen=True, slots=True)
class DeclaredConflictRow:
    helper_id: str
    helper_kind: str  # SOCIAL_WORKER | VOLUNTEER
    household_id: str
    reason: str  # CONFLICT_REASONS
    note: str | None
    declared_at: datetime | None
    declared_by: str | None


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


# ---- volunteers -------------------------------------------------------------------------

_VOLUNTEER_FILTER: LiteralString = """
MATCH (x:Volunteer)-[:LIVES_IN]->(v:Region)
WHERE ($all_scope OR v.parent_id IN $townships)
  AND ($region_id IS NULL OR EXISTS { MATCH (v)-[:PART_OF*0..2]->(:Region {id: $region_id}) })
  AND ($kind IS NULL OR x.kind = $kind)
  AND ($search IS NULL OR x.name CONTAINS $search)
"""
_VOLUNTEER_PAGE: LiteralString = (
    _VOLUNTEER_FILTER
    + """
  AND ($after IS NULL OR x.id > $after)
RETURN x, v.parent_id AS township_id ORDER BY x.id LIMIT $limit
"""
)
_VOLUNTEER_COUNT: LiteralString = _VOLUNTEER_FILTER + " RETURN count(x) AS total"
_VOLUNTEERS_BY_ID: LiteralString = """
UNWIND $ids AS id
MATCH (x:Volunteer {id: id})-[:LIVES_IN]->(v:Region)
WHERE $all_scope OR v.parent_id IN $townships
RETURN x, v.parent_id AS township_id
"""


def volunteer_row(n: Any, township_id: str) -> VolunteerRow:
    return VolunteerRow(
        record=VolunteerRecord(
            id=n["id"],
            name=n["name"],
            village_id=n["village_id"],
            lat=float(n["lat"]),
            lon=float(n["lon"]),
            sex=n["sex"],
            phone=n.get("phone") or "",
            skills=tuple(n.get("skills") or ()),
            kind=n["kind"],
        ),
        township_id=township_id,
        version=int(n.get("version") or 1),
    )


async def volunteer_page(
    graph: Graph, *, scope: Scope, flt: OrganisationFilter, after: str | None, limit: int
) -> tuple[list[VolunteerRow], int]:
    params = {**scope.params(), **flt.params()}
    records, _, _ = await graph.driver.execute_query(
        _VOLUNTEER_PAGE, **params, after=after, limit=limit, database_=graph.database, routing_="r"
    )
    counted, _, _ = await graph.driver.execute_query(
        _VOLUNTEER_COUNT, **params, database_=graph.database, routing_="r"
    )
    rows = [volunteer_row(r["x"], r["township_id"]) for r in records]
    return rows, int(counted[0]["total"])


async def volunteers_by_id(
    graph: Graph, ids: Sequence[str], *, scope: Scope
) -> list[VolunteerRow | None]:
    records, _, _ = await graph.driver.execute_query(
        _VOLUNTEERS_BY_ID, ids=list(ids), **scope.params(), database_=graph.database, routing_="r"
    )
    by_id = {r["x"]["id"]: volunteer_row(r["x"], r["township_id"]) for r in records}
    return [by_id.get(i) for i in ids]


# ---- charities and enterprises ----------------------------------------------------------

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


# ---- conflicts of interest --------------------------------------------------------------

_CONFLICTS_OF_HOUSEHOLD: LiteralString = """
MATCH (x)-[c:CONFLICTS_WITH]->(h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
RETURN x.id AS helper_id,
       CASE WHEN x:SocialWorker THEN 'SOCIAL_WORKER' ELSE 'VOLUNTEER' END AS helper_kind,
       c
ORDER BY helper_id
"""


def declared_conflict_row(
    *, helper_id: str, helper_kind: str, household_id: str, rel: Any
) -> DeclaredConflictRow:
    at = rel.get("declared_at")
    return DeclaredConflictRow(
        helper_id=helper_id,
        helper_kind=helper_kind,
        household_id=household_id,
        reason=rel.get("reason") or "DECLARED",
        note=rel.get("note"),
        declared_at=at.to_native() if at is not None and hasattr(at, "to_native") else at,
        declared_by=rel.get("declared_by"),
    )


async def conflicts_of_household(
    graph: Graph, household_id: str, *, scope: Scope
) -> list[DeclaredConflictRow]:
    records, _, _ = await graph.driver.execute_query(
        _CONFLICTS_OF_HOUSEHOLD,
        household_id=household_id,
        **scope.params(),
        database_=graph.database,
        routing_="r",
    )
    return [
        declared_conflict_row(
            helper_id=r["helper_id"],
            helper_kind=r["helper_kind"],
            household_id=household_id,
            rel=r["c"],
        )
        for r in records
    ]
