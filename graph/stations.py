"""Reading social work stations (社工站) and the counts shown beside them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graph.driver import Graph
from graph.records import StationRecord
from graph.scope import Scope

_PAGE: LiteralString = """
MATCH (s:Station)
WHERE ($all_scope OR s.township_id IN $townships) AND ($after IS NULL OR s.id > $after)
RETURN s ORDER BY s.id LIMIT $limit
"""
_COUNT: LiteralString = """
MATCH (s:Station) WHERE $all_scope OR s.township_id IN $townships
RETURN count(s) AS n
"""
_BY_IDS: LiteralString = """
UNWIND $ids AS id MATCH (s:Station {id: id}) RETURN s
"""
_COUNTS_BY_STATION: LiteralString = """
UNWIND $ids AS id
MATCH (s:Station {id: id})
RETURN id,
       COUNT { (s)<-[:WORKS_AT]-(:SocialWorker) } AS workers,
       COUNT { (s)-[:SERVES]->(:Region)<-[:PART_OF]-(:Region)<-[:IN_VILLAGE]-(:Household) }
         AS households
"""


def station_record(n: Any) -> StationRecord:
    return StationRecord(
        id=n["id"],
        name=n["name"],
        township_id=n["township_id"],
        lat=float(n["lat"]),
        lon=float(n["lon"]),
        phone=n.get("phone") or "",
    )


async def station_page(
    graph: Graph, *, scope: Scope, after: str | None, limit: int
) -> tuple[list[StationRecord], int]:
    records, _, _ = await graph.driver.execute_query(
        _PAGE, **scope.params(), after=after, limit=limit, database_=graph.database, routing_="r"
    )
    counted, _, _ = await graph.driver.execute_query(
        _COUNT, **scope.params(), database_=graph.database, routing_="r"
    )
    return [station_record(r["s"]) for r in records], int(counted[0]["n"])


async def stations_by_id(graph: Graph, ids: Sequence[str]) -> list[StationRecord | None]:
    records, _, _ = await graph.driver.execute_query(
        _BY_IDS, ids=list(ids), database_=graph.database, routing_="r"
    )
    by_id = {r["s"]["id"]: station_record(r["s"]) for r in records}
    return [by_id.get(i) for i in ids]


async def counts_by_station(graph: Graph, ids: Sequence[str]) -> list[tuple[int, int]]:
    """(workers, households) per station id."""
    records, _, _ = await graph.driver.execute_query(
        _COUNTS_BY_STATION, ids=list(ids), database_=graph.database, routing_="r"
    )
    by_id = {r["id"]: (int(r["workers"]), int(r["households"])) for r in records}
    return [by_id.get(i, (0, 0)) for i in ids]
