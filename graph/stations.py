"""Social work stations (社工站): reading them with the counts shown beside them, and writing them.

A station carries `township_id` and `SERVES` its township, as `graph.county_writer` writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, LiteralString

from graph.driver import Graph
from graph.registry_writes import BUMP_BEFORE_TAIL, PROBE_TAIL, EntityWrites, versioned
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class StationRecord:
    id: str
    name: str
    township_id: str
    lat: float
    lon: float
    phone: str


# What `station_record` reads.
STATION: LiteralString = "s{.id, .name, .township_id, .lat, .lon, .phone} AS s"


_PAGE: LiteralString = (
    """
MATCH (s:Station)
WHERE ($all_scope OR s.township_id IN $townships) AND ($after IS NULL OR s.id > $after)
WITH s ORDER BY s.id LIMIT $limit
RETURN """
    + STATION
)


_COUNT: LiteralString = """
MATCH (s:Station) WHERE $all_scope OR s.township_id IN $townships
RETURN count(s) AS n
"""


_BY_IDS: LiteralString = "UNWIND $ids AS id MATCH (s:Station {id: id}) RETURN " + STATION


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


# ---- writes (the Python around them is graph.registry_writes.*_entity_tx) --------------
_CREATE_STATION: LiteralString = """
MATCH (t:Region {id: $township_id, level: 'TOWNSHIP'})
CREATE (s:Station {id: $id})
SET s += $props, s.township_id = t.id, s.version = 1, s.created_at = $now,
    s.updated_at = $now
CREATE (s)-[:SERVES]->(t)
RETURN s.id AS id
"""


_MOVE_STATION: LiteralString = """
MATCH (s:Station {id: $id}), (t:Region {id: $township_id, level: 'TOWNSHIP'})
OPTIONAL MATCH (s)-[old:SERVES]->()
DELETE old
WITH DISTINCT s, t
MERGE (s)-[:SERVES]->(t)
SET s.township_id = t.id
RETURN s.id AS id
"""


_READ_STATION: LiteralString = (
    """
MATCH (s:Station {id: $id})
SET s.locked_by = $marker REMOVE s.locked_by
RETURN properties(s) AS after, coalesce(s.version, 1) AS version,
  s.township_id AS township_id, """
    + STATION
)


STATION_WRITES: Final[EntityWrites[StationRecord]] = EntityWrites(
    versioned=versioned(
        "Station",
        bump="MATCH (n:Station {id: $id})" + BUMP_BEFORE_TAIL,
        probe="MATCH (n:Station {id: $id})" + PROBE_TAIL,
    ),
    create_action="CREATE_STATION",
    update_action="UPDATE_STATION",
    create=_CREATE_STATION,
    move=_MOVE_STATION,
    read=_READ_STATION,
    link_key="township_id",
    link_label="Region",
    link_is_property=True,
    row=lambda r: station_record(r["s"]),
)
