"""Volunteers (志愿者, 网格员): reading and writing them.

A volunteer carries `village_id` and `LIVES_IN` the village, as `graph.county_writer` writes
it; they are seen where their village's township is in scope. Their phone and home are
identity: only the casework audience's projection reads them (`graph.audience.Audience`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audience import Audience
from graph.audit import Actor
from graph.driver import Graph
from graph.organisations import OrganisationFilter
from graph.registry_writes import (
    BUMP_BEFORE_TAIL,
    PROBE_TAIL,
    EntityWrites,
    audited_row,
    versioned,
    versioned_update,
)
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class VolunteerRecord:
    id: str
    name: str
    village_id: str
    lat: float | None  # their home; None: not read for this audience
    lon: float | None
    sex: str
    phone: str | None  # None: not read for this audience
    skills: tuple[str, ...]
    kind: str  # VOLUNTEER_KINDS
    # 网格员 role (VILLAGE_CADRE / GRID_MEMBER / PARTY_MEMBER): may report for their villages.
    grid_role: str | None = None
    available_weekdays: tuple[int, ...] = ()  # 1 = Monday; empty: not declared
    available_windows: tuple[str, ...] = ()  # 'HH:MM-HH:MM'; empty: any time
    radius_km: float | None = None  # how far they will go for a care task


@dataclass(frozen=True, slots=True)
class VolunteerRow:
    record: VolunteerRecord
    township_id: str
    version: int


# ---- reads ------------------------------------------------------------------------------

# What `volunteer_row` reads (with `v.parent_id AS township_id`): with the phone and home for
# the casework audience, without them for every other.
_VOLUNTEER: LiteralString = """x{.id, .name, .village_id, .lat, .lon, .sex, .phone, .skills,
  .kind, .grid_role, .available_weekdays, .available_windows, .radius_km, .version} AS x"""
_PROFILE: LiteralString = """x{.id, .name, .village_id, .sex, .skills, .kind, .grid_role,
  .available_weekdays, .available_windows, .radius_km, .version} AS x"""

_VOLUNTEER_FILTER: LiteralString = """
MATCH (x:Volunteer)-[:LIVES_IN]->(v:Region)
WHERE ($all_scope OR v.parent_id IN $townships)
  AND ($region_id IS NULL OR EXISTS { MATCH (v)-[:PART_OF*0..2]->(:Region {id: $region_id}) })
  AND ($kind IS NULL OR x.kind = $kind)
  AND ($search IS NULL OR x.name CONTAINS $search)
"""


_PAGE_HEAD: LiteralString = (
    _VOLUNTEER_FILTER
    + """
  AND ($after IS NULL OR x.id > $after)
WITH x, v ORDER BY x.id LIMIT $limit
RETURN v.parent_id AS township_id, """
)
_VOLUNTEER_PAGE: LiteralString = _PAGE_HEAD + _VOLUNTEER
_PROFILE_PAGE: LiteralString = _PAGE_HEAD + _PROFILE


_VOLUNTEER_COUNT: LiteralString = _VOLUNTEER_FILTER + " RETURN count(x) AS total"


_BY_ID_HEAD: LiteralString = """
UNWIND $ids AS id
MATCH (x:Volunteer {id: id})-[:LIVES_IN]->(v:Region)
WHERE $all_scope OR v.parent_id IN $townships
RETURN v.parent_id AS township_id, """
_VOLUNTEERS_BY_ID: LiteralString = _BY_ID_HEAD + _VOLUNTEER
_PROFILES_BY_ID: LiteralString = _BY_ID_HEAD + _PROFILE


def volunteer_row(n: Any, township_id: str) -> VolunteerRow:
    return VolunteerRow(
        record=VolunteerRecord(
            id=n["id"],
            name=n["name"],
            village_id=n["village_id"],
            lat=float(n["lat"]) if n.get("lat") is not None else None,
            lon=float(n["lon"]) if n.get("lon") is not None else None,
            sex=n["sex"],
            phone=n.get("phone"),
            skills=tuple(n.get("skills") or ()),
            kind=n["kind"],
            grid_role=n.get("grid_role"),
            available_weekdays=tuple(int(d) for d in n.get("available_weekdays") or ()),
            available_windows=tuple(n.get("available_windows") or ()),
            radius_km=float(n["radius_km"]) if n.get("radius_km") is not None else None,
        ),
        township_id=township_id,
        version=int(n.get("version") or 1),
    )


async def volunteer_page(
    graph: Graph,
    *,
    scope: Scope,
    flt: OrganisationFilter,
    after: str | None,
    limit: int,
    audience: Audience,
) -> tuple[list[VolunteerRow], int]:
    params = {**scope.params(), **flt.params()}
    page = _VOLUNTEER_PAGE if audience is Audience.CASEWORK else _PROFILE_PAGE
    records, _, _ = await graph.driver.execute_query(
        page, **params, after=after, limit=limit, database_=graph.database, routing_="r"
    )
    counted, _, _ = await graph.driver.execute_query(
        _VOLUNTEER_COUNT, **params, database_=graph.database, routing_="r"
    )
    rows = [volunteer_row(r["x"], r["township_id"]) for r in records]
    return rows, int(counted[0]["total"])


async def volunteers_by_id(
    graph: Graph, ids: Sequence[str], *, scope: Scope, audience: Audience
) -> list[VolunteerRow | None]:
    query = _VOLUNTEERS_BY_ID if audience is Audience.CASEWORK else _PROFILES_BY_ID
    records, _, _ = await graph.driver.execute_query(
        query, ids=list(ids), **scope.params(), database_=graph.database, routing_="r"
    )
    by_id = {r["x"]["id"]: volunteer_row(r["x"], r["township_id"]) for r in records}
    return [by_id.get(i) for i in ids]


# ---- writes (the Python around them is graph.registry_writes.*_entity_tx) --------------
_CREATE_VOLUNTEER: LiteralString = """
MATCH (v:Region {id: $village_id, level: 'VILLAGE'})
CREATE (x:Volunteer {id: $id})
SET x += $props, x.village_id = v.id, x.version = 1, x.created_at = $now,
    x.updated_at = $now
CREATE (x)-[:LIVES_IN]->(v)
RETURN x.id AS id
"""


_MOVE_VOLUNTEER: LiteralString = """
MATCH (x:Volunteer {id: $id}), (v:Region {id: $village_id, level: 'VILLAGE'})
OPTIONAL MATCH (x)-[old:LIVES_IN]->()
DELETE old
WITH DISTINCT x, v
MERGE (x)-[:LIVES_IN]->(v)
SET x.village_id = v.id
RETURN x.id AS id
"""


_READ_VOLUNTEER: LiteralString = (
    """
MATCH (x:Volunteer {id: $id})-[:LIVES_IN]->(v:Region)
SET x.locked_by = $marker REMOVE x.locked_by
RETURN properties(x) AS after, coalesce(x.version, 1) AS version, x.village_id AS village_id,
  v.parent_id AS township_id, """
    + _VOLUNTEER
)


VOLUNTEER_WRITES: Final[EntityWrites[VolunteerRow]] = EntityWrites(
    versioned=versioned(
        "Volunteer",
        bump="MATCH (n:Volunteer {id: $id})" + BUMP_BEFORE_TAIL,
        probe="MATCH (n:Volunteer {id: $id})" + PROBE_TAIL,
    ),
    create_action="CREATE_VOLUNTEER",
    update_action="UPDATE_VOLUNTEER",
    create=_CREATE_VOLUNTEER,
    move=_MOVE_VOLUNTEER,
    read=_READ_VOLUNTEER,
    link_key="village_id",
    link_label="Region",
    link_is_property=True,
    row=lambda r: volunteer_row(r["x"], r["township_id"]),
)


# ---- availability (volunteers declare it themselves; editors may too) ---------------------


async def set_availability_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    volunteer_id: str,
    expected_version: int,
    props: dict[str, Any],
) -> VolunteerRow:
    """Weekdays, time windows and radius: a versioned update of the volunteer, audited."""
    writes = VOLUNTEER_WRITES
    before, _ = await versioned_update(
        tx,
        writes.versioned,
        now=actor.at,
        entity_id=volunteer_id,
        expected_version=expected_version,
        props=props,
    )
    return await audited_row(
        tx,
        writes,
        actor=actor,
        action="SET_VOLUNTEER_AVAILABILITY",
        entity_id=volunteer_id,
        before=before,
    )
