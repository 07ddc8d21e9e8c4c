"""Social workers (社工): reading them, their stations and current caseload, and writing them.

A worker `WORKS_AT` a station, as `graph.county_writer` writes it.

Reads for GraphQL are role-aware projections (`graph.audience.Audience`): the identity roles
read a `SocialWorkerRecord` (with phone, ID number and home coordinates); every other
audience reads a `WorkerProfile`, whose Cypher never returns those properties.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, LiteralString

from graph.audience import Audience
from graph.driver import Graph
from graph.households import CASEWORK_HOUSEHOLD, HouseholdRow, household_row
from graph.registry_writes import BUMP_BEFORE_TAIL, PROBE_TAIL, EntityWrites, versioned
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class SocialWorkerRecord:
    id: str
    station_id: str
    name: str
    sex: str
    phone: str
    id_number: str
    home_lat: float
    home_lon: float
    caseload_limit: int  # weighted units, see matching.caseload_weights
    reach_km: float
    travel_mode: str  # WALK | BIKE | EBIKE | BUS | CAR
    skills: tuple[str, ...]
    languages: tuple[str, ...]  # codes from LANGUAGES or free dialect names


@dataclass(frozen=True, slots=True)
class WorkerProfile:
    """A worker as anyone signed in may know them: no phone, ID number or home."""

    id: str
    station_id: str
    name: str
    sex: str
    caseload_limit: int
    reach_km: float
    travel_mode: str
    skills: tuple[str, ...]
    languages: tuple[str, ...]


_CASEWORK_WORKER: LiteralString = """w{.id, .name, .sex, .phone, .id_number, .home_lat,
  .home_lon, .caseload_limit, .reach_km, .travel_mode, .skills, .languages} AS w"""


# For reads in other modules that build a `SocialWorkerRecord` (accepting a match).
CASEWORK_WORKER: LiteralString = _CASEWORK_WORKER

_PROFILE_WORKER: LiteralString = """w{.id, .name, .sex, .caseload_limit, .reach_km,
  .travel_mode, .skills, .languages} AS w"""


_FILTER: LiteralString = """
MATCH (w:SocialWorker)-[:WORKS_AT]->(s:Station)
WHERE ($all_scope OR s.township_id IN $townships)
  AND ($station_id IS NULL OR s.id = $station_id)
  AND ($search IS NULL OR w.name CONTAINS $search)
"""


_PAGE_HEAD: LiteralString = (
    _FILTER
    + """
  AND ($after IS NULL OR w.id > $after)
WITH w, s ORDER BY w.id LIMIT $limit
RETURN s.id AS station_id, """
)


_PAGE: LiteralString = _PAGE_HEAD + _CASEWORK_WORKER


_PROFILE_PAGE: LiteralString = _PAGE_HEAD + _PROFILE_WORKER


_COUNT: LiteralString = _FILTER + " RETURN count(w) AS n"


_BY_IDS_HEAD: LiteralString = """
UNWIND $ids AS id
MATCH (w:SocialWorker {id: id})-[:WORKS_AT]->(s:Station)
RETURN s.id AS station_id, """


_BY_IDS: LiteralString = _BY_IDS_HEAD + _CASEWORK_WORKER


_PROFILES_BY_IDS: LiteralString = _BY_IDS_HEAD + _PROFILE_WORKER


# The weighted load of a worker: the weights of the households they actively follow.
_LOAD_BY_WORKER: LiteralString = """
UNWIND $ids AS id
OPTIONAL MATCH (:SocialWorker {id: id})<-[:BY]-(m:Match {status: 'ACTIVE'})
RETURN id, coalesce(sum(m.weight), 0) AS load, count(m) AS households
"""


_WORKER_BY_HOUSEHOLD_HEAD: LiteralString = """
UNWIND $ids AS id
MATCH (:Household {id: id})<-[:FOR]-(m:Match {status: 'ACTIVE'})-[:BY]->(w:SocialWorker)
MATCH (w)-[:WORKS_AT]->(s:Station)
RETURN id, s.id AS station_id, """


_WORKER_BY_HOUSEHOLD: LiteralString = _WORKER_BY_HOUSEHOLD_HEAD + _CASEWORK_WORKER


_PROFILE_BY_HOUSEHOLD: LiteralString = _WORKER_BY_HOUSEHOLD_HEAD + _PROFILE_WORKER


def worker_record(n: Any, station_id: str) -> SocialWorkerRecord:
    return SocialWorkerRecord(
        id=n["id"],
        station_id=station_id,
        name=n["name"],
        sex=n["sex"],
        phone=n.get("phone") or "",
        id_number=n.get("id_number") or "",
        home_lat=float(n["home_lat"]),
        home_lon=float(n["home_lon"]),
        caseload_limit=int(n["caseload_limit"]),
        reach_km=float(n["reach_km"]),
        travel_mode=n["travel_mode"],
        skills=tuple(n.get("skills") or ()),
        languages=tuple(n.get("languages") or ()),
    )


def worker_profile(n: Any, station_id: str) -> WorkerProfile:
    return WorkerProfile(
        id=n["id"],
        station_id=station_id,
        name=n["name"],
        sex=n["sex"],
        caseload_limit=int(n["caseload_limit"]),
        reach_km=float(n["reach_km"]),
        travel_mode=n["travel_mode"],
        skills=tuple(n.get("skills") or ()),
        languages=tuple(n.get("languages") or ()),
    )


WorkerRead = SocialWorkerRecord | WorkerProfile


def _read(audience: Audience, n: Any, station_id: str) -> WorkerRead:
    if audience is Audience.CASEWORK:
        return worker_record(n, station_id)
    return worker_profile(n, station_id)


async def worker_page(
    graph: Graph,
    *,
    scope: Scope,
    station_id: str | None,
    search: str | None,
    after: str | None,
    limit: int,
    audience: Audience,
) -> tuple[list[WorkerRead], int]:
    params = {**scope.params(), "station_id": station_id, "search": search or None}
    page = _PAGE if audience is Audience.CASEWORK else _PROFILE_PAGE
    records, _, _ = await graph.driver.execute_query(
        page, **params, after=after, limit=limit, database_=graph.database, routing_="r"
    )
    counted, _, _ = await graph.driver.execute_query(
        _COUNT, **params, database_=graph.database, routing_="r"
    )
    rows = [_read(audience, r["w"], r["station_id"]) for r in records]
    return rows, int(counted[0]["n"])


async def workers_by_id(graph: Graph, ids: Sequence[str]) -> list[SocialWorkerRecord | None]:
    records, _, _ = await graph.driver.execute_query(
        _BY_IDS, ids=list(ids), database_=graph.database, routing_="r"
    )
    by_id = {r["w"]["id"]: worker_record(r["w"], r["station_id"]) for r in records}
    return [by_id.get(i) for i in ids]


async def worker_reads_by_id(
    graph: Graph, ids: Sequence[str], *, audience: Audience
) -> list[WorkerRead | None]:
    """Workers by id in the audience's projection (the loaders' look-up)."""
    query = _BY_IDS if audience is Audience.CASEWORK else _PROFILES_BY_IDS
    records, _, _ = await graph.driver.execute_query(
        query, ids=list(ids), database_=graph.database, routing_="r"
    )
    by_id = {r["w"]["id"]: _read(audience, r["w"], r["station_id"]) for r in records}
    return [by_id.get(i) for i in ids]


async def load_by_worker(graph: Graph, ids: Sequence[str]) -> list[tuple[int, int]]:
    """(weighted load, number of households) per worker id."""
    records, _, _ = await graph.driver.execute_query(
        _LOAD_BY_WORKER, ids=list(ids), database_=graph.database, routing_="r"
    )
    by_id = {r["id"]: (int(r["load"]), int(r["households"])) for r in records}
    return [by_id.get(i, (0, 0)) for i in ids]


async def worker_by_household(
    graph: Graph, ids: Sequence[str], *, audience: Audience
) -> list[WorkerRead | None]:
    query = _WORKER_BY_HOUSEHOLD if audience is Audience.CASEWORK else _PROFILE_BY_HOUSEHOLD
    records, _, _ = await graph.driver.execute_query(
        query, ids=list(ids), database_=graph.database, routing_="r"
    )
    by_id = {r["id"]: _read(audience, r["w"], r["station_id"]) for r in records}
    return [by_id.get(i) for i in ids]


_HOUSEHOLDS_BY_WORKER: LiteralString = (
    """
UNWIND $ids AS id
MATCH (:SocialWorker {id: id})<-[:BY]-(:Match {status: 'ACTIVE'})-[:FOR]->(h:Household)
WITH id, h ORDER BY h.id
RETURN id, """
    + CASEWORK_HOUSEHOLD
    + " AS h"
)


async def households_by_worker(graph: Graph, ids: Sequence[str]) -> list[list[HouseholdRow]]:
    """The households each worker actively follows (casework: the identity roles only)."""
    records, _, _ = await graph.driver.execute_query(
        _HOUSEHOLDS_BY_WORKER, ids=list(ids), database_=graph.database, routing_="r"
    )
    grouped: dict[str, list[HouseholdRow]] = {i: [] for i in ids}
    for r in records:
        grouped[r["id"]].append(household_row(r["h"]))
    return [grouped[i] for i in ids]


# ---- writes (the Python around them is graph.registry_writes.*_entity_tx) --------------
_CREATE_WORKER: LiteralString = """
MATCH (s:Station {id: $station_id})
CREATE (w:SocialWorker {id: $id})
SET w += $props, w.version = 1, w.created_at = $now, w.updated_at = $now
CREATE (w)-[:WORKS_AT]->(s)
RETURN w.id AS id
"""


_READ_WORKER: LiteralString = (
    """
MATCH (w:SocialWorker {id: $id})-[:WORKS_AT]->(s:Station)
SET w.locked_by = $marker REMOVE w.locked_by
RETURN properties(w) AS after, coalesce(w.version, 1) AS version, s.id AS station_id, """
    + _CASEWORK_WORKER
)


_MOVE_WORKER: LiteralString = """
MATCH (w:SocialWorker {id: $id}), (s:Station {id: $station_id})
OPTIONAL MATCH (w)-[old:WORKS_AT]->()
DELETE old
WITH DISTINCT w, s
MERGE (w)-[:WORKS_AT]->(s)
RETURN w.id AS id
"""


# The station is a relationship, not a property: `read` gives it to the audit entry.
SOCIAL_WORKER_WRITES: Final[EntityWrites[SocialWorkerRecord]] = EntityWrites(
    versioned=versioned(
        "SocialWorker",
        bump="MATCH (n:SocialWorker {id: $id})" + BUMP_BEFORE_TAIL,
        probe="MATCH (n:SocialWorker {id: $id})" + PROBE_TAIL,
    ),
    create_action="CREATE_SOCIAL_WORKER",
    update_action="UPDATE_SOCIAL_WORKER",
    create=_CREATE_WORKER,
    move=_MOVE_WORKER,
    read=_READ_WORKER,
    link_key="station_id",
    link_label="Station",
    link_is_property=False,
    row=lambda r: worker_record(r["w"], r["station_id"]),
)
