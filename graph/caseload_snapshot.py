"""A consistent read of what the caseload optimiser needs for one scope.

One read transaction, so workers, households, current matches and conflicts are seen at
the same moment; versions travel with the snapshot so that approval can tell whether
anything changed since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.caseload_weights import Weigh, load_of
from graph.conflicts import ConflictRecord
from graph.driver import Graph
from graph.households import HouseholdRow, household_row
from graph.social_workers import SocialWorkerRecord, worker_record


@dataclass(frozen=True, slots=True)
class PlanScope:
    kind: str  # STATION | TOWNSHIP | COUNTY
    id: str
    name: str
    townships: tuple[str, ...]
    station_id: str | None  # STATION scope: only this station's workers


@dataclass(frozen=True, slots=True)
class CurrentMatch:
    # No weight: a worker's load counts each household at its weight today, from the household
    # (`matching.caseload_weights.caseload_weight`), never the stale one stored on the match.
    match_id: str
    worker_id: str


@dataclass(frozen=True, slots=True)
class CaseloadSnapshot:
    scope: PlanScope
    workers: tuple[SocialWorkerRecord, ...]
    worker_versions: dict[str, int]
    households: tuple[HouseholdRow, ...]
    current: dict[str, CurrentMatch]  # household id -> its active match today
    conflicts: tuple[ConflictRecord, ...]
    # Units each worker already carries for households outside the scope (a county plan gave
    # them a neighbouring township's household): the plan must leave room for them, as the
    # approval counts every active match of the worker.
    load_elsewhere: dict[str, int] = field(default_factory=dict)


_STATION_SCOPE: LiteralString = """
MATCH (s:Station {id: $id})-[:SERVES]->(t:Region)
RETURN s.name AS name, collect(t.id) AS townships
"""
_TOWNSHIP_SCOPE: LiteralString = """
MATCH (t:Region {id: $id, level: 'TOWNSHIP'}) RETURN t.name AS name, [t.id] AS townships
"""
_COUNTY_SCOPE: LiteralString = """
MATCH (c:Region {id: $id, level: 'COUNTY'})
OPTIONAL MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF]->(c)
RETURN c.name AS name, collect(t.id) AS townships
"""
_SCOPE_QUERIES: dict[str, LiteralString] = {
    "STATION": _STATION_SCOPE,
    "TOWNSHIP": _TOWNSHIP_SCOPE,
    "COUNTY": _COUNTY_SCOPE,
}

# Workers and households as the optimiser reads them (`server.caseload_facts`): places,
# limits, skills, weights and priorities. No name, phone, ID number or address leaves Neo4j
# for a plan; the records' identity fields stay empty.
_PLANNING_WORKER: LiteralString = """w{.id, .sex, .home_lat, .home_lon, .caseload_limit,
  .reach_km, .travel_mode, .skills, .languages}"""
_PLANNING_HOUSEHOLD: LiteralString = """h{.id, .village_id, .township_id, .tier, .dibao_class,
  .special_groups, .lat, .lon, .warning_level, .needs_skills, .languages, .version}"""

_WORKERS: LiteralString = (
    """
MATCH (w:SocialWorker)-[:WORKS_AT]->(s:Station)
WHERE s.township_id IN $townships AND ($station_id IS NULL OR s.id = $station_id)
OPTIONAL MATCH (w)<-[:BY]-(:Match {status: 'ACTIVE'})-[:FOR]->(o:Household)
WHERE NOT o.township_id IN $townships
WITH w, s, collect(o {.dibao_class, .warning_level}) AS elsewhere
RETURN """
    + _PLANNING_WORKER
    + """ AS w, s.id AS station_id, coalesce(w.version, 1) AS version, elsewhere
ORDER BY w.id
"""
)

_HOUSEHOLDS: LiteralString = (
    """
MATCH (h:Household) WHERE h.township_id IN $townships
OPTIONAL MATCH (h)<-[:FOR]-(m:Match {status: 'ACTIVE'})-[:BY]->(w:SocialWorker)
RETURN """
    + _PLANNING_HOUSEHOLD
    + """ AS h, m.id AS match_id, w.id AS worker_id ORDER BY h.id
"""
)

_CONFLICTS: LiteralString = """
MATCH (w:SocialWorker)-[c:CONFLICTS_WITH]->(h:Household)
WHERE h.township_id IN $townships
RETURN w.id AS helper_id, h.id AS household_id, c.reason AS reason
"""


async def resolve_plan_scope(graph: Graph, kind: str, scope_id: str) -> PlanScope | None:
    query = _SCOPE_QUERIES.get(kind)
    if query is None:
        return None
    records, _, _ = await graph.driver.execute_query(
        query, id=scope_id, database_=graph.database, routing_="r"
    )
    if not records or records[0]["name"] is None:
        return None
    return PlanScope(
        kind=kind,
        id=scope_id,
        name=records[0]["name"],
        townships=tuple(sorted(records[0]["townships"])),
        station_id=scope_id if kind == "STATION" else None,
    )


async def _snapshot_tx(
    tx: AsyncManagedTransaction, scope: PlanScope, weigh: Weigh
) -> CaseloadSnapshot:
    params: dict[str, Any] = {"townships": list(scope.townships), "station_id": scope.station_id}
    workers = [r async for r in await tx.run(_WORKERS, params)]
    households = [r async for r in await tx.run(_HOUSEHOLDS, params)]
    conflicts = [r async for r in await tx.run(_CONFLICTS, params)]
    current = {
        r["h"]["id"]: CurrentMatch(r["match_id"], r["worker_id"])
        for r in households
        if r["match_id"] is not None
    }
    return CaseloadSnapshot(
        scope=scope,
        workers=tuple(worker_record({"name": "", **r["w"]}, r["station_id"]) for r in workers),
        worker_versions={r["w"]["id"]: int(r["version"]) for r in workers},
        households=tuple(household_row(r["h"]) for r in households),
        current=current,
        load_elsewhere={r["w"]["id"]: load_of(r["elsewhere"], weigh) for r in workers},
        conflicts=tuple(
            ConflictRecord(
                helper_id=r["helper_id"],
                household_id=r["household_id"],
                reason=r["reason"] or "DECLARED",
            )
            for r in conflicts
        ),
    )


async def read_snapshot(graph: Graph, scope: PlanScope, *, weigh: Weigh) -> CaseloadSnapshot:
    """`weigh`: the caseload weight rule, for each worker's load outside the scope."""
    # The shared bookmark manager: on a cluster the follower waits for this process's writes.
    async with graph.driver.session(
        database=graph.database,
        default_access_mode="READ",
        bookmark_manager=graph.driver.execute_query_bookmark_manager,
    ) as s:
        return await s.execute_read(_snapshot_tx, scope, weigh)
