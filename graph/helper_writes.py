"""Writing the people who help: stations (社工站), social workers (社工), volunteers (志愿者).

Properties are the ones `graph.county_writer` writes, so created and generated helpers read
alike: a station carries `township_id` and `SERVES` its township, a worker `WORKS_AT` a
station, a volunteer carries `village_id` and `LIVES_IN` the village.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.organisations import VolunteerRow, volunteer_row
from graph.records import SocialWorkerRecord, StationRecord
from graph.registry_writes import EntityMissing, node_dict, versioned, versioned_update
from graph.social_workers import worker_record
from graph.stations import station_record

# ---- stations ---------------------------------------------------------------------------

_CREATE_STATION: LiteralString = """
MATCH (t:Region {id: $township_id, level: 'TOWNSHIP'})
CREATE (s:Station {id: $id})
SET s += $props, s.township_id = t.id, s.version = 1, s.created_at = datetime(),
    s.updated_at = datetime()
CREATE (s)-[:SERVES]->(t)
RETURN s
"""

_STATION = versioned(
    "Station",
    bump="""
MATCH (s:Station {id: $id})
WHERE $expected_version IS NULL OR coalesce(s.version, 1) = $expected_version
WITH s, properties(s) AS before
SET s += $props, s.version = coalesce(s.version, 1) + 1, s.updated_at = datetime()
RETURN before, s AS node
""",
    probe="MATCH (s:Station {id: $id}) RETURN coalesce(s.version, 1) AS version",
)

_MOVE_STATION: LiteralString = """
MATCH (s:Station {id: $id}), (t:Region {id: $township_id, level: 'TOWNSHIP'})
OPTIONAL MATCH (s)-[old:SERVES]->()
DELETE old
WITH DISTINCT s, t
MERGE (s)-[:SERVES]->(t)
SET s.township_id = t.id
RETURN s
"""


async def create_station_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    station_id: str,
    township_id: str,
    props: Mapping[str, Any],
) -> StationRecord:
    record = await (
        await tx.run(_CREATE_STATION, id=station_id, township_id=township_id, props=dict(props))
    ).single()
    if record is None:
        raise EntityMissing("Region", township_id)
    await record_audit(
        tx,
        actor=actor,
        action="CREATE_STATION",
        entity_type="Station",
        entity_id=station_id,
        before=None,
        after=node_dict(record["s"]),
    )
    return station_record(record["s"])


async def update_station_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    station_id: str,
    expected_version: int | None,
    props: Mapping[str, Any],
    township_id: str | None,
) -> StationRecord:
    before, node = await versioned_update(
        tx, _STATION, entity_id=station_id, expected_version=expected_version, props=props
    )
    if township_id is not None and township_id != before.get("township_id"):
        moved = await (await tx.run(_MOVE_STATION, id=station_id, township_id=township_id)).single()
        if moved is None:
            raise EntityMissing("Region", township_id)
        node = moved["s"]
    await record_audit(
        tx,
        actor=actor,
        action="UPDATE_STATION",
        entity_type="Station",
        entity_id=station_id,
        before=before,
        after=node_dict(node),
    )
    return station_record(node)


# ---- social workers ---------------------------------------------------------------------

_CREATE_WORKER: LiteralString = """
MATCH (s:Station {id: $station_id})
CREATE (w:SocialWorker {id: $id})
SET w += $props, w.version = 1, w.created_at = datetime(), w.updated_at = datetime()
CREATE (w)-[:WORKS_AT]->(s)
RETURN w, s.id AS station_id
"""

_WORKER = versioned(
    "SocialWorker",
    bump="""
MATCH (w:SocialWorker {id: $id})
WHERE $expected_version IS NULL OR coalesce(w.version, 1) = $expected_version
WITH w, properties(w) AS before
SET w += $props, w.version = coalesce(w.version, 1) + 1, w.updated_at = datetime()
RETURN before, w AS node
""",
    probe="MATCH (w:SocialWorker {id: $id}) RETURN coalesce(w.version, 1) AS version",
)

_WORKER_STATION: LiteralString = """
MATCH (w:SocialWorker {id: $id})-[:WORKS_AT]->(s:Station) RETURN w, s.id AS station_id
"""

_MOVE_WORKER: LiteralString = """
MATCH (w:SocialWorker {id: $id}), (s:Station {id: $station_id})
OPTIONAL MATCH (w)-[old:WORKS_AT]->()
DELETE old
WITH DISTINCT w, s
MERGE (w)-[:WORKS_AT]->(s)
RETURN w, s.id AS station_id
"""


async def create_social_worker_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    worker_id: str,
    station_id: str,
    props: Mapping[str, Any],
) -> SocialWorkerRecord:
    record = await (
        await tx.run(_CREATE_WORKER, id=worker_id, station_id=station_id, props=dict(props))
    ).single()
    if record is None:
        raise EntityMissing("Station", station_id)
    await record_audit(
        tx,
        actor=actor,
        action="CREATE_SOCIAL_WORKER",
        entity_type="SocialWorker",
        entity_id=worker_id,
        before=None,
        after={**node_dict(record["w"]), "station_id": station_id},
    )
    return worker_record(record["w"], station_id)


async def update_social_worker_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    worker_id: str,
    expected_version: int | None,
    props: Mapping[str, Any],
    station_id: str | None,
) -> SocialWorkerRecord:
    before, _ = await versioned_update(
        tx, _WORKER, entity_id=worker_id, expected_version=expected_version, props=props
    )
    current = await (await tx.run(_WORKER_STATION, id=worker_id)).single()
    assert current is not None  # every worker works at a station
    old_station = current["station_id"]
    if station_id is not None and station_id != old_station:
        current = await (await tx.run(_MOVE_WORKER, id=worker_id, station_id=station_id)).single()
        if current is None:
            raise EntityMissing("Station", station_id)
    await record_audit(
        tx,
        actor=actor,
        action="UPDATE_SOCIAL_WORKER",
        entity_type="SocialWorker",
        entity_id=worker_id,
        before={**before, "station_id": old_station},
        after={**node_dict(current["w"]), "station_id": current["station_id"]},
    )
    return worker_record(current["w"], current["station_id"])


# ---- volunteers -------------------------------------------------------------------------

_CREATE_VOLUNTEER: LiteralString = """
MATCH (v:Region {id: $village_id, level: 'VILLAGE'})
CREATE (x:Volunteer {id: $id})
SET x += $props, x.village_id = v.id, x.version = 1, x.created_at = datetime(),
    x.updated_at = datetime()
CREATE (x)-[:LIVES_IN]->(v)
RETURN x, v.parent_id AS township_id
"""

_VOLUNTEER = versioned(
    "Volunteer",
    bump="""
MATCH (x:Volunteer {id: $id})
WHERE $expected_version IS NULL OR coalesce(x.version, 1) = $expected_version
WITH x, properties(x) AS before
SET x += $props, x.version = coalesce(x.version, 1) + 1, x.updated_at = datetime()
RETURN before, x AS node
""",
    probe="MATCH (x:Volunteer {id: $id}) RETURN coalesce(x.version, 1) AS version",
)

_MOVE_VOLUNTEER: LiteralString = """
MATCH (x:Volunteer {id: $id}), (v:Region {id: $village_id, level: 'VILLAGE'})
OPTIONAL MATCH (x)-[old:LIVES_IN]->()
DELETE old
WITH DISTINCT x, v
MERGE (x)-[:LIVES_IN]->(v)
SET x.village_id = v.id
RETURN x, v.parent_id AS township_id
"""

_VOLUNTEER_PLACE: LiteralString = """
MATCH (x:Volunteer {id: $id})-[:LIVES_IN]->(v:Region) RETURN x, v.parent_id AS township_id
"""


async def create_volunteer_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    volunteer_id: str,
    village_id: str,
    props: Mapping[str, Any],
) -> VolunteerRow:
    record = await (
        await tx.run(_CREATE_VOLUNTEER, id=volunteer_id, village_id=village_id, props=dict(props))
    ).single()
    if record is None:
        raise EntityMissing("Region", village_id)
    await record_audit(
        tx,
        actor=actor,
        action="CREATE_VOLUNTEER",
        entity_type="Volunteer",
        entity_id=volunteer_id,
        before=None,
        after=node_dict(record["x"]),
    )
    return volunteer_row(record["x"], record["township_id"])


async def update_volunteer_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    volunteer_id: str,
    expected_version: int | None,
    props: Mapping[str, Any],
    village_id: str | None,
) -> VolunteerRow:
    before, _ = await versioned_update(
        tx, _VOLUNTEER, entity_id=volunteer_id, expected_version=expected_version, props=props
    )
    moving = village_id is not None and village_id != before.get("village_id")
    statement = _MOVE_VOLUNTEER if moving else _VOLUNTEER_PLACE
    record = await (await tx.run(statement, id=volunteer_id, village_id=village_id)).single()
    if record is None:
        raise EntityMissing("Region", village_id or "")
    await record_audit(
        tx,
        actor=actor,
        action="UPDATE_VOLUNTEER",
        entity_type="Volunteer",
        entity_id=volunteer_id,
        before=before,
        after=node_dict(record["x"]),
    )
    return volunteer_row(record["x"], record["township_id"])
