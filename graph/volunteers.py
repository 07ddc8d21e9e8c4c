"""Volunteers (志愿者, 网格员): reading and writing them.

A volunteer carries `village_id` and `LIVES_IN` the village, as `graph.county_writer` writes
it; they are seen where their village's township is in scope.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.driver import Graph
from graph.organisations import OrganisationFilter
from graph.registry_writes import EntityMissing, node_dict, versioned, versioned_update
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class VolunteerRecord:
    id: str
    name: str
    village_id: str
    lat: float
    lon: float
    sex: str
    phone: str
    skills: tuple[str, ...]
    kind: str  # VOLUNTEER_KINDS


@dataclass(frozen=True, slots=True)
class VolunteerRow:
    record: VolunteerRecord
    township_id: str
    version: int


# ---- reads ------------------------------------------------------------------------------
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


# ---- writes -----------------------------------------------------------------------------
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
