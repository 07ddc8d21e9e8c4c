"""Reading the region hierarchy: county → township → village."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graph.driver import Graph
from graph.records import RegionRecord

_LIST: LiteralString = """
MATCH (r:Region)
WHERE ($level IS NULL OR r.level = $level) AND ($parent_id IS NULL OR r.parent_id = $parent_id)
RETURN r ORDER BY r.id
"""
_BY_IDS: LiteralString = "UNWIND $ids AS id MATCH (r:Region {id: id}) RETURN r"


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
