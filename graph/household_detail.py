"""The household page in one Cypher round trip, for the casework audience only.

The page shows a household with its village and township, members, needs and responsible
worker (with the worker's station and load). Read through the loaders that is six round
trips in three waves; here it is one query whose parts are the same casework projections
the loaders use (graph/households.py, members.py, needs.py, social_workers.py), so the
loaders can be primed with what it read. Other audiences keep the loaders' projections.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.driver import Graph
from graph.households import (
    CASEWORK_HOUSEHOLD,
    FILTER,
    MATCH_ALL,
    MATCH_BY_NAME,
    PAGE_WHERE,
    HouseholdFilter,
    HouseholdRow,
    household_row,
)
from graph.members import PERSON, PersonRecord, person_record
from graph.needs import NeedRecord, need_record
from graph.regions import REGION, RegionRecord, region_record
from graph.scope import Scope
from graph.social_workers import CASEWORK_WORKER, SocialWorkerRecord, worker_record
from graph.stations import StationRecord, station_record


@dataclass(frozen=True, slots=True)
class HouseholdDetail:
    household: HouseholdRow
    village: RegionRecord | None
    township: RegionRecord | None
    members: tuple[PersonRecord, ...]
    needs: tuple[NeedRecord, ...]
    worker: SocialWorkerRecord | None
    station: StationRecord | None  # the worker's
    worker_load: tuple[int, int]  # (weighted load, households) of the worker


# A household's village and township, in the projection the regions' loader reads.
_REGIONS: LiteralString = (
    """
CALL (h) {
  OPTIONAL MATCH (r:Region {id: h.village_id})
  RETURN """
    + REGION
    + """ AS village
}
CALL (h) {
  OPTIONAL MATCH (r:Region {id: h.township_id})
  RETURN """
    + REGION
    + """ AS township
}
"""
)


_DETAIL: LiteralString = (
    """
UNWIND $ids AS id
MATCH (h:Household {id: id})
WHERE $all_scope OR h.township_id IN $townships
"""
    + _REGIONS
    + """
CALL (h) {
  OPTIONAL MATCH (p:Person)-[:MEMBER_OF]->(h)
  WITH p ORDER BY p.relation = 'HEAD' DESC, p.birth_date
  RETURN collect("""
    + PERSON
    + """) AS members
}
CALL (h) {
  OPTIONAL MATCH (h)-[:HAS_NEED]->(n:Need)
  WITH n ORDER BY n.id
  RETURN collect(n{.id, .kind, .description, .estimated_cost, .urgency, .status,
    .version}) AS needs
}
CALL (h) {
  OPTIONAL MATCH (h)<-[:FOR]-(:Match {status: 'ACTIVE'})-[:BY]->(w:SocialWorker)
    -[:WORKS_AT]->(s:Station)
  RETURN """
    + CASEWORK_WORKER
    + """, s
  LIMIT 1
}
CALL (w) {
  OPTIONAL MATCH (:SocialWorker {id: w.id})<-[:BY]-(m:Match {status: 'ACTIVE'})
  RETURN coalesce(sum(m.weight), 0) AS load, count(m) AS load_households
}
RETURN """
    + CASEWORK_HOUSEHOLD
    + """ AS h, village, township, members, needs, w, s, load, load_households
"""
)


def _detail(r: Any) -> HouseholdDetail:
    hid = r["h"]["id"]
    station = station_record(r["s"]) if r["s"] is not None else None
    worker = worker_record(r["w"], station.id) if r["w"] is not None and station else None
    return HouseholdDetail(
        household=household_row(r["h"]),
        village=region_record(r["village"]) if r["village"] is not None else None,
        township=region_record(r["township"]) if r["township"] is not None else None,
        members=tuple(person_record(hid, p) for p in r["members"]),
        needs=tuple(need_record(hid, n) for n in r["needs"]),
        worker=worker,
        station=station,
        worker_load=(int(r["load"]), int(r["load_households"])),
    )


async def household_details(
    graph: Graph, ids: Sequence[str], *, scope: Scope
) -> list[HouseholdDetail | None]:
    """Each household's page in the casework projection; None outside `scope`."""
    records, _, _ = await graph.driver.execute_query(
        _DETAIL, ids=list(ids), **scope.params(), database_=graph.database, routing_="r"
    )
    by_id = {r["h"]["id"]: _detail(r) for r in records}
    return [by_id.get(i) for i in ids]


@dataclass(frozen=True, slots=True)
class HouseholdListRow:
    """A row of the households list with what its columns show besides the household."""

    household: HouseholdRow
    village: RegionRecord | None
    township: RegionRecord | None
    worker: SocialWorkerRecord | None  # the responsible worker of the active match


# The list's page with each row's village, township and responsible worker: one round trip
# where the loaders took three, and the list's columns are then at hand (the loaders are
# primed with them), so resolving them needs no task per row.
_LIST_TAIL: LiteralString = (
    PAGE_WHERE
    + _REGIONS
    + """
CALL (h) {
  OPTIONAL MATCH (h)<-[:FOR]-(:Match {status: 'ACTIVE'})-[:BY]->(w:SocialWorker)
    -[:WORKS_AT]->(s:Station)
  RETURN """
    + CASEWORK_WORKER
    + """, s.id AS station_id
  LIMIT 1
}
RETURN """
    + CASEWORK_HOUSEHOLD
    + """ AS h, village, township, w, station_id
ORDER BY h.id
"""
)


_LIST_ALL: LiteralString = MATCH_ALL + FILTER + _LIST_TAIL


_LIST_BY_NAME: LiteralString = MATCH_BY_NAME + FILTER + _LIST_TAIL


def _list_row(r: Any) -> HouseholdListRow:
    w, station_id = r["w"], r["station_id"]
    return HouseholdListRow(
        household=household_row(r["h"]),
        village=region_record(r["village"]) if r["village"] is not None else None,
        township=region_record(r["township"]) if r["township"] is not None else None,
        worker=worker_record(w, station_id) if w is not None and station_id else None,
    )


async def household_list_page(
    graph: Graph, *, scope: Scope, flt: HouseholdFilter, after: str | None, limit: int
) -> list[HouseholdListRow]:
    """A page of the households list in the casework projection, in id order."""
    query = _LIST_BY_NAME if flt.search else _LIST_ALL
    records, _, _ = await graph.driver.execute_query(
        query,
        **scope.params(),
        **flt.params(),
        after=after,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [_list_row(r) for r in records]
