"""Reading the region hierarchy: county → township → village.

Also: do the regions a write names exist, at which level, in which townships.
And for an import: the villages that exist in the importer's scope.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.driver import Graph
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class RegionRecord:
    id: str
    name: str
    level: str  # COUNTY | TOWNSHIP | VILLAGE
    parent_id: str | None
    lat: float
    lon: float


# The region as `region_record` reads it.
REGION: LiteralString = "r{.id, .name, .level, .parent_id, .lat, .lon}"

_LIST: LiteralString = (
    """
MATCH (r:Region)
WHERE ($level IS NULL OR r.level = $level) AND ($parent_id IS NULL OR r.parent_id = $parent_id)
RETURN """
    + REGION
    + """ AS r ORDER BY r.id
"""
)


_BY_IDS: LiteralString = "UNWIND $ids AS id MATCH (r:Region {id: id}) RETURN " + REGION + " AS r"


def region_record(n: Any) -> RegionRecord:
    return RegionRecord(
        id=n["id"],
        name=n["name"],
        level=n["level"],
        parent_id=n.get("parent_id"),
        lat=float(n["lat"]),
        lon=float(n["lon"]),
    )


async def list_regions(
    graph: Graph, *, level: str | None, parent_id: str | None
) -> list[RegionRecord]:
    records, _, _ = await graph.driver.execute_query(
        _LIST, level=level, parent_id=parent_id, database_=graph.database, routing_="r"
    )
    return [region_record(r["r"]) for r in records]


async def regions_by_id(graph: Graph, ids: Sequence[str]) -> list[RegionRecord | None]:
    records, _, _ = await graph.driver.execute_query(
        _BY_IDS, ids=list(ids), database_=graph.database, routing_="r"
    )
    by_id = {r["r"]["id"]: region_record(r["r"]) for r in records}
    return [by_id.get(i) for i in ids]


# ---- regions: do referenced regions exist, at which level, in which townships ----------
@dataclass(frozen=True, slots=True)
class RegionPlace:
    id: str
    level: str
    # The townships the region covers: itself, its parent (a village) or its children.
    townships: tuple[str, ...]


_REGION_PLACES: LiteralString = """
UNWIND $ids AS id
MATCH (r:Region {id: id})
OPTIONAL MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF]->(r)
WITH r, collect(t.id) AS children
RETURN r.id AS id, r.level AS level,
       CASE r.level WHEN 'VILLAGE' THEN [r.parent_id] WHEN 'TOWNSHIP' THEN [r.id]
            ELSE children END AS townships
"""


async def region_places(graph: Graph, ids: Sequence[str]) -> dict[str, RegionPlace]:
    records, _, _ = await graph.driver.execute_query(
        _REGION_PLACES, ids=list(ids), database_=graph.database, routing_="r"
    )
    return {
        r["id"]: RegionPlace(r["id"], r["level"], tuple(t for t in r["townships"] if t))
        for r in records
    }


# Villages that exist and lie in the importer's scope (their parent is a township in it).
_KNOWN_VILLAGES: LiteralString = """
UNWIND $ids AS id
MATCH (v:Region {id: id, level: 'VILLAGE'})
WHERE $all_scope OR v.parent_id IN $townships
MATCH (v)-[:PART_OF]->(t:Region)
RETURN v.id AS village, t.id AS township, t.parent_id AS county
"""


async def known_villages(
    graph: Graph, ids: Iterable[str], *, scope: Scope
) -> dict[str, tuple[str, str | None]]:
    """The villages that exist in scope, each with its (township, county)."""
    records, _, _ = await graph.driver.execute_query(
        _KNOWN_VILLAGES, ids=sorted(ids), **scope.params(), database_=graph.database, routing_="r"
    )
    return {r["village"]: (r["township"], r["county"]) for r in records}
