"""Writing a county's registry into the graph in batched `UNWIND` transactions.

Every statement MERGEs on ids, so writing the same county twice changes nothing and a job
that dies half-way can simply run again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from datetime import datetime
from typing import Any, LiteralString

from graph.conflicts import ConflictRecord
from graph.driver import Graph
from graph.households import HouseholdRecord
from graph.jobs import ReportProgress
from graph.members import PersonRecord
from graph.needs import NeedRecord
from graph.organisations import CharityRecord, EnterpriseRecord
from graph.regions import RegionRecord
from graph.social_workers import SocialWorkerRecord
from graph.stations import StationRecord
from graph.volunteers import VolunteerRecord


@dataclass(frozen=True, slots=True)
class County:
    regions: tuple[RegionRecord, ...]
    households: tuple[HouseholdRecord, ...]
    people: tuple[PersonRecord, ...]
    needs: tuple[NeedRecord, ...]
    stations: tuple[StationRecord, ...]
    workers: tuple[SocialWorkerRecord, ...]
    volunteers: tuple[VolunteerRecord, ...]
    charities: tuple[CharityRecord, ...]
    enterprises: tuple[EnterpriseRecord, ...]
    conflicts: tuple[ConflictRecord, ...]
    county_id: str  # the COUNTY region's id


BATCH = 5_000


ProgressCallback = ReportProgress  # a code and its parameters (graph.jobs)


_REGIONS: LiteralString = """
UNWIND $rows AS row
MERGE (r:Region {id: row.id})
SET r.name = row.name, r.level = row.level, r.lat = row.lat, r.lon = row.lon,
    r.parent_id = row.parent_id
"""


_REGION_LINKS: LiteralString = """
UNWIND $rows AS row
MATCH (r:Region {id: row.id}), (p:Region {id: row.parent_id})
MERGE (r)-[:PART_OF]->(p)
"""


# An update may move the household to another village.
_UPDATE_HOUSEHOLDS: LiteralString = """
UNWIND $rows AS row
MATCH (h:Household {id: row.id}), (v:Region {id: row.props.village_id})
SET h += row.props, h.version = coalesce(h.version, 1) + 1, h.updated_at = $now
MERGE (h)-[:IN_VILLAGE]->(v)
WITH h, v
MATCH (h)-[old:IN_VILLAGE]->(o:Region) WHERE o <> v
DELETE old
"""


_CREATE_PEOPLE: LiteralString = """
UNWIND $rows AS row
MATCH (h:Household {id: row.household_id})
CREATE (p:Person {id: row.id})-[:MEMBER_OF]->(h)
SET p += row.props
"""


_UPDATE_PEOPLE: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id: row.id}), (h:Household {id: row.household_id})
SET p += row.props
MERGE (p)-[:MEMBER_OF]->(h)
"""


_NEEDS: LiteralString = """
UNWIND $rows AS row
MATCH (h:Household {id: row.household_id})
MERGE (n:Need {id: row.id})
ON CREATE SET n.version = 1, n.created_at = $now
SET n += row.props
MERGE (h)-[:HAS_NEED]->(n)
"""


_STATIONS: LiteralString = """
UNWIND $rows AS row
MATCH (t:Region {id: row.township_id})
MERGE (s:Station {id: row.id})
ON CREATE SET s.version = 1
SET s += row.props, s.township_id = row.township_id
MERGE (s)-[:SERVES]->(t)
"""


_WORKERS: LiteralString = """
UNWIND $rows AS row
MATCH (s:Station {id: row.station_id})
MERGE (w:SocialWorker {id: row.id})
ON CREATE SET w.version = 1
SET w += row.props
MERGE (w)-[:WORKS_AT]->(s)
"""


_VOLUNTEERS: LiteralString = """
UNWIND $rows AS row
MATCH (v:Region {id: row.village_id})
MERGE (x:Volunteer {id: row.id})
ON CREATE SET x.version = 1
SET x += row.props, x.village_id = row.village_id
MERGE (x)-[:LIVES_IN]->(v)
"""


_CHARITIES: LiteralString = """
UNWIND $rows AS row
MERGE (c:Charity {id: row.id})
ON CREATE SET c.version = 1
SET c += row.props
WITH c, row
UNWIND row.region_ids AS rid
MATCH (r:Region {id: rid})
MERGE (c)-[:ACTIVE_IN]->(r)
"""


_ENTERPRISES: LiteralString = """
UNWIND $rows AS row
MERGE (e:Enterprise {id: row.id})
ON CREATE SET e.version = 1
SET e += row.props
WITH e, row
UNWIND row.region_ids AS rid
MATCH (r:Region {id: rid})
MERGE (e)-[:ACTIVE_IN]->(r)
"""


_CONFLICTS: LiteralString = """
UNWIND $rows AS row
MATCH (h:Household {id: row.household_id})
MATCH (x) WHERE (x:SocialWorker OR x:Volunteer) AND x.id = row.helper_id
MERGE (x)-[c:CONFLICTS_WITH]->(h)
SET c.reason = row.reason, c.declared_at = coalesce(c.declared_at, $now)
"""


def record_props(record: Any, *, skip: Iterable[str] = ()) -> dict[str, Any]:
    """A record's fields as Neo4j properties: tuples become lists."""
    assert is_dataclass(record)
    skipped = set(skip)
    out: dict[str, Any] = {}
    for f in fields(record):
        if f.name in skipped:
            continue
        value = getattr(record, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


def _rows(records: Sequence[Any], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {**{k: getattr(r, k) for k in keys}, "props": record_props(r, skip=("id", *keys))}
        | {"id": r.id}
        for r in records
    ]


async def _write_batches(
    graph: Graph, statement: LiteralString, rows: Sequence[dict[str, Any]], **params: Any
) -> None:
    for start in range(0, len(rows), BATCH):
        await graph.driver.execute_query(
            statement, rows=list(rows[start : start + BATCH]), **params, database_=graph.database
        )


async def write_county(
    graph: Graph, county: County, progress: ProgressCallback | None = None, *, now: datetime
) -> None:
    """Upsert every node and relationship of the county, batch by batch; `now` (the
    caller's clock) stamps what is created or changed."""

    async def step(fraction: float, message: str, /, **params: object) -> None:
        if progress is not None:
            await progress(fraction, message, **params)

    await step(0.0, "COUNTY_REGIONS")
    await write_regions(graph, county.regions)
    await step(0.05, "COUNTY_STATIONS")
    await _write_batches(graph, _STATIONS, _rows(county.stations, ("township_id",)))
    await _write_batches(graph, _WORKERS, _rows(county.workers, ("station_id",)))
    await _write_batches(graph, _VOLUNTEERS, _rows(county.volunteers, ("village_id",)))
    charities = [
        {"id": c.id, "region_ids": list(c.region_ids), "props": record_props(c, skip=("id",))}
        for c in county.charities
    ]
    await _write_batches(graph, _CHARITIES, charities)
    enterprises = [
        {"id": e.id, "region_ids": list(e.region_ids), "props": record_props(e, skip=("id",))}
        for e in county.enterprises
    ]
    await _write_batches(graph, _ENTERPRISES, enterprises)
    await write_households(
        graph,
        county.households,
        county.people,
        parents=village_parents(county.regions),
        progress=step,
        start=0.1,
        end=0.85,
        now=now,
    )
    await step(0.85, "COUNTY_NEEDS")
    await _write_batches(graph, _NEEDS, _rows(county.needs, ("household_id",)), now=now)
    await step(0.95, "COUNTY_CONFLICTS")
    conflicts = [
        {"helper_id": c.helper_id, "household_id": c.household_id, "reason": c.reason}
        for c in county.conflicts
    ]
    await _write_batches(graph, _CONFLICTS, conflicts, now=now)
    await step(1.0, "COUNTY_DONE")


async def write_regions(graph: Graph, regions: Sequence[Any]) -> None:
    rows = [record_props(r) for r in regions]
    await _write_batches(graph, _REGIONS, rows)
    await _write_batches(graph, _REGION_LINKS, [r for r in rows if r["parent_id"]])


VillageParents = Mapping[str, tuple[str, str | None]]  # village id -> (township, county)


def village_parents(regions: Sequence[Any]) -> dict[str, tuple[str, str | None]]:
    parent = {r.id: r.parent_id for r in regions}
    return {
        r.id: (r.parent_id, parent.get(r.parent_id))
        for r in regions
        if r.level == "VILLAGE" and r.parent_id
    }


def _household_rows(
    households: Sequence[Any],
    heads: Mapping[str, str],
    parents: VillageParents,
    import_refs: Mapping[str, str],
) -> list[dict[str, Any]]:
    rows = []
    for h in households:
        props = record_props(h, skip=("id",))
        props["township_id"], props["county_id"] = parents[h.village_id]
        props["head_name"] = heads.get(h.id)
        if h.id in import_refs:
            props["import_ref"] = import_refs[h.id]
        rows.append({"id": h.id, "props": props})
    return rows


HOUSEHOLD_BATCH = 2_000  # households (and their ~3.3 members each) per write transaction
WRITERS = 2  # concurrent write transactions, each on its own villages


def village_groups(households: Sequence[Any], writers: int) -> list[list[Any]]:
    """Households split into `writers` groups of whole villages, about equal in size, so
    concurrent transactions never lock the same village node."""
    by_village: dict[str, list[Any]] = {}
    for h in households:
        by_village.setdefault(h.village_id, []).append(h)
    groups: list[list[Any]] = [[] for _ in range(max(1, writers))]
    for members in sorted(by_village.values(), key=len, reverse=True):
        min(groups, key=len).extend(members)
    return [g for g in groups if g]


async def write_households(
    graph: Graph,
    households: Sequence[Any],
    people: Sequence[Any],
    *,
    parents: VillageParents,
    progress: ProgressCallback | None = None,
    start: float = 0.0,
    end: float = 1.0,
    import_refs: Mapping[str, str] | None = None,
    writers: int = WRITERS,
    existing: ExistingIds | None = None,
    now: datetime,
) -> None:
    """Upsert households with their members, in batches, reporting progress between them.
    `import_refs` (household id -> the file's household ref) is kept for the next import;
    `existing` spares each batch its read of which ids exist.

    New households are created together with their members in one statement (no second
    look-up of each household by id); `writers` groups of whole villages are written
    concurrently."""
    by_household: dict[str, list[Any]] = {}
    heads: dict[str, str] = {}
    for p in people:
        by_household.setdefault(p.household_id, []).append(p)
        if p.relation == "HEAD":
            heads[p.household_id] = p.name
    total = max(len(households), 1)
    done = 0

    async def write_group(group: Sequence[Any]) -> None:
        nonlocal done
        for offset in range(0, len(group), HOUSEHOLD_BATCH):
            batch = group[offset : offset + HOUSEHOLD_BATCH]
            rows = _household_rows(batch, heads, parents, import_refs or {})
            members = [m for h in batch for m in by_household.get(h.id, [])]
            people_rows = _rows(members, ("household_id",))
            await _write_household_batch(graph, rows, people_rows, existing, now=now)
            done += len(batch)
            if progress is not None:
                await progress(
                    start + (end - start) * done / total,
                    "COUNTY_HOUSEHOLDS",
                    done=done,
                    total=total,
                )

    await asyncio.gather(*(write_group(g) for g in village_groups(households, writers)))


_EXISTING: LiteralString = """
CALL () { UNWIND $household_ids AS id MATCH (h:Household {id: id}) RETURN collect(h.id) AS hs }
CALL () { UNWIND $person_ids AS id MATCH (p:Person {id: id}) RETURN collect(p.id) AS ps }
RETURN hs, ps
"""


# village_id / township_id / county_id and head_name come in the row, computed by the
# caller: reading them here from the graph while writing the same nodes made Neo4j plan an
# Eager barrier. New and existing nodes take separate statements: CREATE is about twice as
# fast as MERGE, and the uniqueness constraints still refuse a duplicate if two writers race.
# A new household and its new members go in one pass: the household node is at hand, so no
# member looks it up by id again. Every property is named (no `SET h += row.props`): a map
# of unknown keys made the planner put three Eager barriers into the statement, each holding
# the whole batch; `tests/unit/server/test_household_writes.py` keeps these names in step
# with HouseholdRecord and PersonRecord. One `$now` (the writer's clock) for the statement.
_CREATE_HOUSEHOLDS_WITH_MEMBERS: LiteralString = """
WITH $now AS now
UNWIND $rows AS row
MATCH (v:Region {id: row.village_id})
CREATE (h:Household {
    id: row.id, village_id: row.village_id, township_id: row.township_id,
    county_id: row.county_id, tier: row.tier, dibao_class: row.dibao_class,
    causes: row.causes, special_groups: row.special_groups, size: row.size,
    monthly_income_per_person: row.monthly_income_per_person, lat: row.lat, lon: row.lon,
    address: row.address, phone: row.phone, warning_level: row.warning_level,
    risk_score: row.risk_score, next_review_due: row.next_review_due,
    needs_skills: row.needs_skills, languages: row.languages, head_name: row.head_name,
    import_ref: row.import_ref, version: 1, created_at: now, updated_at: now
})-[:IN_VILLAGE]->(v)
WITH h, row
UNWIND row.members AS m
CREATE (:Person {
    id: m.id, name: m.name, id_number: m.id_number, sex: m.sex, birth_date: m.birth_date,
    disability_grade: m.disability_grade, chronic_illness: m.chronic_illness,
    serious_illness: m.serious_illness, can_work: m.can_work, relation: m.relation,
    lives_away: m.lives_away
})-[:MEMBER_OF]->(h)
"""


@dataclass(frozen=True, slots=True)
class ExistingIds:
    """The household and person ids of a write that are already in the graph, when the
    caller has just looked them up (an import does, to reuse ids): no batch reads them."""

    households: frozenset[str]
    people: frozenset[str]


async def _existing_ids(
    graph: Graph, households: list[dict[str, Any]], people: list[dict[str, Any]]
) -> ExistingIds:
    records, _, _ = await graph.driver.execute_query(
        _EXISTING,
        household_ids=[r["id"] for r in households],
        person_ids=[r["id"] for r in people],
        database_=graph.database,
        routing_="r",
    )
    return ExistingIds(frozenset(records[0]["hs"]), frozenset(records[0]["ps"]))


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    return {**row["props"], "id": row["id"]}


async def _write_household_batch(
    graph: Graph,
    households: list[dict[str, Any]],
    people: list[dict[str, Any]],
    existing: ExistingIds | None,
    *,
    now: datetime,
) -> None:
    """Up to four writes: new households with their new members, then updates of what
    existed. Which ids exist is read first unless the caller knows."""
    known = existing or await _existing_ids(graph, households, people)
    new_people: dict[str, list[dict[str, Any]]] = {}
    for p in people:
        if p["id"] not in known.people:
            new_people.setdefault(p["household_id"], []).append(p)
    new = [
        {**_flat(r), "members": [_flat(p) for p in new_people.pop(r["id"], [])]}
        for r in households
        if r["id"] not in known.households
    ]
    if new:
        await graph.driver.execute_query(
            _CREATE_HOUSEHOLDS_WITH_MEMBERS, rows=new, now=now, database_=graph.database
        )
    old = [r for r in households if r["id"] in known.households]
    if old:
        await graph.driver.execute_query(
            _UPDATE_HOUSEHOLDS, rows=old, now=now, database_=graph.database
        )
    joining = [p for members in new_people.values() for p in members]  # new in old households
    if joining:
        await graph.driver.execute_query(_CREATE_PEOPLE, rows=joining, database_=graph.database)
    moved = [p for p in people if p["id"] in known.people]
    if moved:
        await graph.driver.execute_query(_UPDATE_PEOPLE, rows=moved, database_=graph.database)
