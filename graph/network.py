"""The support network as a graph to draw: who is linked to whom, one picture of the county.

Nodes are households, social workers, stations, villages, townships, charities, enterprises
and volunteers; edges are the active links between them (a responsible worker, an adoption or
a volunteer task (the marketplace's `Adoption`s and taken `CareTask`s), a worker's station, a
station's township, where a household or a volunteer lives, where an organisation works).
Three reads with explicit projections: households with their links, the helpers, the
regions. Positions are the village's (or station's, region's) point: home coordinates never
leave here, the page spreads a village's households around its point.

A label (a head of household's or a helper's name) is read only when `identity` is set; the
caller passes it from the audience (only the identity roles may ask today).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.driver import Graph

NODE_KINDS = (
    "HOUSEHOLD",
    "SOCIAL_WORKER",
    "STATION",
    "VILLAGE",
    "TOWNSHIP",
    "CHARITY",
    "ENTERPRISE",
    "VOLUNTEER",
)
# RESPONSIBLE: an active match by a social worker; ADOPTS: by a charity or an enterprise;
# TASK: by a volunteer (the last two appear once the marketplace writes such matches).
LINK_KINDS = (
    "RESPONSIBLE",
    "ADOPTS",
    "TASK",
    "WORKS_AT",
    "SERVES",
    "IN_VILLAGE",
    "LIVES_IN",
    "ACTIVE_IN",
    "PART_OF",
)


@dataclass(frozen=True, slots=True)
class NetworkFilter:
    township_id: str | None = None
    tier: str | None = None
    warning_level: str | None = None
    link_kinds: tuple[str, ...] | None = None  # None: every kind


@dataclass(frozen=True, slots=True)
class NetworkNode:
    id: str
    kind: str  # NODE_KINDS
    label: str | None  # a name: only when read with identity
    warning_level: str | None  # households
    tier: str | None  # households
    load: float  # households: weight; workers: load / limit; stations: households served
    township_id: str | None
    village_id: str | None
    lon: float | None
    lat: float | None


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    source: str
    target: str
    kind: str  # LINK_KINDS


@dataclass(frozen=True, slots=True)
class NetworkPicture:
    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]


_IN_AREA: LiteralString = """($all_scope OR t.id IN $townships)
  AND ($township_id IS NULL OR t.id = $township_id)"""

# Townships and villages in the area, with their points.
_REGIONS: LiteralString = (
    """
MATCH (t:Region {level: 'TOWNSHIP'})
WHERE """
    + _IN_AREA
    + """
OPTIONAL MATCH (v:Region {level: 'VILLAGE'})-[:PART_OF]->(t)
WITH t, collect(v {.id, .name, .lat, .lon}) AS villages
RETURN t {.id, .name, .lat, .lon} AS township, villages
"""
)

# Households of the area, filtered, with their active links. One row per household: a
# household has one responsible worker, and at most a few adoptions and tasks.
_HOUSEHOLDS: LiteralString = (
    """
MATCH (t:Region {level: 'TOWNSHIP'})
WHERE """
    + _IN_AREA
    + """
MATCH (t)<-[:PART_OF]-(v:Region)<-[:IN_VILLAGE]-(h:Household)
WHERE ($tier IS NULL OR h.tier = $tier)
  AND ($warning_level IS NULL OR h.warning_level = $warning_level)
OPTIONAL MATCH (h)<-[:FOR]-(m:Match {status: 'ACTIVE'})-[:BY]->(helper)
WITH h, t, v, collect(CASE WHEN helper IS NULL THEN null ELSE {
       id: helper.id,
       kind: CASE WHEN helper:SocialWorker THEN 'RESPONSIBLE'
                  WHEN helper:Volunteer THEN 'TASK' ELSE 'ADOPTS' END} END) AS links,
     max(m.weight) AS weight
// The marketplace's live adoptions of the household's needs, and tasks volunteers hold.
WITH h, t, v, weight, links
     + COLLECT { MATCH (h)-[:HAS_NEED]->(:Need)<-[:FOR]-(a:Adoption)-[:BY]->(o)
                 WHERE a.status IN ['CLAIMED', 'DISBURSED']
                 RETURN DISTINCT {id: o.id, kind: 'ADOPTS'} }
     + COLLECT { MATCH (ct:CareTask {status: 'TAKEN'})-[:FOR]->(h)
                 WHERE ct.volunteer_id IS NOT NULL
                 RETURN DISTINCT {id: ct.volunteer_id, kind: 'TASK'} } AS links
RETURN h.id AS id, CASE WHEN $identity THEN h.head_name END AS label,
       h.warning_level AS warning_level, h.tier AS tier, coalesce(weight, 1) AS weight,
       t.id AS township_id, v.id AS village_id, links
"""
)

# The helpers of the area: stations and their workers (with load), volunteers living there,
# organisations working there (a county-wide one counts for each of its townships).
_HELPERS: LiteralString = (
    """
MATCH (t:Region {level: 'TOWNSHIP'})
WHERE """
    + _IN_AREA
    + """
WITH collect(t) AS ts
CALL (ts) {
  UNWIND ts AS t
  MATCH (s:Station)-[:SERVES]->(t)
  WITH s, collect(DISTINCT t.id) AS served
  OPTIONAL MATCH (w:SocialWorker)-[:WORKS_AT]->(s)
  OPTIONAL MATCH (w)<-[:BY]-(m:Match {status: 'ACTIVE'})
  WITH s, served, w, count(m) AS households, coalesce(sum(m.weight), 0) AS load
  WITH s, served, collect(CASE WHEN w IS NULL THEN null ELSE {
         id: w.id, name: w.name, limit: w.caseload_limit, load: load,
         on_leave: coalesce(w.on_leave, false)} END) AS workers, sum(households) AS followed
  RETURN collect({id: s.id, name: s.name, township_ids: served, lat: s.lat, lon: s.lon,
                  followed: followed, workers: workers}) AS stations
}
CALL (ts) {
  UNWIND ts AS t
  MATCH (x:Volunteer)-[:LIVES_IN]->(v:Region)-[:PART_OF]->(t)
  RETURN collect({id: x.id, name: x.name, township_id: t.id, village_id: v.id, lat: v.lat,
                  lon: v.lon, tasks: COUNT { (x)<-[:BY]-(:Match {status: 'ACTIVE'}) }
                         + COUNT { (:CareTask {status: 'TAKEN', volunteer_id: x.id}) }})
         AS volunteers
}
CALL (ts) {
  UNWIND ts AS t
  MATCH (o)-[:ACTIVE_IN]->(r:Region)
  WHERE (o:Charity OR o:Enterprise) AND (r = t OR (t)-[:PART_OF]->(r))
  WITH o, collect(DISTINCT t) AS where
  RETURN collect({id: o.id, name: o.name,
                  kind: CASE WHEN o:Charity THEN 'CHARITY' ELSE 'ENTERPRISE' END,
                  township_ids: [x IN where | x.id], lat: where[0].lat, lon: where[0].lon,
                  adoptions: COUNT { (o)<-[:BY]-(:Match {status: 'ACTIVE'}) }
                             + COUNT { (o)<-[:BY]-(a:Adoption)
                                       WHERE a.status IN ['CLAIMED', 'DISBURSED'] }})
         AS organisations
}
RETURN stations, volunteers, organisations
"""
)


def _params(scope_params: dict[str, Any], flt: NetworkFilter, identity: bool) -> dict[str, Any]:
    return {
        **scope_params,
        "township_id": flt.township_id,
        "tier": flt.tier,
        "warning_level": flt.warning_level,
        "identity": identity,
    }


async def _picture_tx(tx: AsyncManagedTransaction, params: dict[str, Any]) -> tuple[Any, Any, Any]:
    regions = [r async for r in await tx.run(_REGIONS, params)]
    households = [r async for r in await tx.run(_HOUSEHOLDS, params)]
    helpers = await (await tx.run(_HELPERS, params)).single()
    return regions, households, helpers


async def network_picture(
    graph: Graph, *, scope_params: dict[str, Any], flt: NetworkFilter, identity: bool
) -> NetworkPicture:
    params = _params(scope_params, flt, identity)
    async with graph.read_session() as s:
        regions, households, helpers = await s.execute_read(_picture_tx, params)
    nodes: list[NetworkNode] = []
    edges: list[NetworkEdge] = []
    _add_regions(regions, identity, nodes, edges)
    _add_households(households, nodes, edges)
    if helpers is not None:
        _add_helpers(helpers, identity, nodes, edges)
    wanted = set(flt.link_kinds) if flt.link_kinds is not None else None
    # A link to something outside the picture (a worker of another township) is left out.
    present = {n.id for n in nodes}
    kept = tuple(
        e
        for e in edges
        if (wanted is None or e.kind in wanted) and e.source in present and e.target in present
    )
    return NetworkPicture(nodes=tuple(nodes), edges=kept)


def _add_regions(
    records: Sequence[Any], identity: bool, nodes: list[NetworkNode], edges: list[NetworkEdge]
) -> None:
    for r in records:
        t = r["township"]
        nodes.append(_place(t, "TOWNSHIP", t["id"], None, identity))
        for v in r["villages"]:
            nodes.append(_place(v, "VILLAGE", t["id"], v["id"], identity))
            edges.append(NetworkEdge(v["id"], t["id"], "PART_OF"))


def _place(
    n: Any, kind: str, township_id: str, village_id: str | None, identity: bool
) -> NetworkNode:
    # A region's name is public; still read through the same rule as the rest.
    return NetworkNode(
        id=n["id"],
        kind=kind,
        label=n["name"] if identity else None,
        warning_level=None,
        tier=None,
        load=0.0,
        township_id=township_id,
        village_id=village_id,
        lon=_coordinate(n.get("lon")),
        lat=_coordinate(n.get("lat")),
    )


def _coordinate(value: Any) -> float | None:
    return None if value is None else float(value)


def _add_households(
    records: Sequence[Any], nodes: list[NetworkNode], edges: list[NetworkEdge]
) -> None:
    for r in records:
        nodes.append(
            NetworkNode(
                id=r["id"],
                kind="HOUSEHOLD",
                label=r["label"],
                warning_level=r["warning_level"],
                tier=r["tier"],
                load=float(r["weight"]),
                township_id=r["township_id"],
                village_id=r["village_id"],
                lon=None,  # placed around its village on the page
                lat=None,
            )
        )
        edges.append(NetworkEdge(r["id"], r["village_id"], "IN_VILLAGE"))
        for link in r["links"]:
            edges.append(NetworkEdge(link["id"], r["id"], link["kind"]))


def _add_helpers(
    r: Any, identity: bool, nodes: list[NetworkNode], edges: list[NetworkEdge]
) -> None:
    def name(n: Any) -> str | None:
        return str(n["name"]) if identity and n.get("name") is not None else None

    for s in r["stations"]:
        township_id = s["township_ids"][0]
        nodes.append(
            NetworkNode(s["id"], "STATION", name(s), None, None, float(s["followed"]),
                        township_id, None, _coordinate(s["lon"]), _coordinate(s["lat"]))
        )  # fmt: skip
        edges.extend(NetworkEdge(s["id"], t, "SERVES") for t in s["township_ids"])
        for w in s["workers"]:
            limit = max(int(w["limit"] or 0), 1)
            nodes.append(
                NetworkNode(w["id"], "SOCIAL_WORKER", name(w), None, None,
                            round(float(w["load"]) / limit, 3), township_id, None,
                            _coordinate(s["lon"]), _coordinate(s["lat"]))
            )  # fmt: skip
            edges.append(NetworkEdge(w["id"], s["id"], "WORKS_AT"))
    for x in r["volunteers"]:
        nodes.append(
            NetworkNode(x["id"], "VOLUNTEER", name(x), None, None, float(x["tasks"]),
                        x["township_id"], x["village_id"], _coordinate(x["lon"]),
                        _coordinate(x["lat"]))
        )  # fmt: skip
        edges.append(NetworkEdge(x["id"], x["village_id"], "LIVES_IN"))
    for o in r["organisations"]:
        nodes.append(
            NetworkNode(o["id"], o["kind"], name(o), None, None, float(o["adoptions"]),
                        o["township_ids"][0], None, _coordinate(o["lon"]), _coordinate(o["lat"]))
        )  # fmt: skip
        edges.extend(NetworkEdge(o["id"], t, "ACTIVE_IN") for t in o["township_ids"])
