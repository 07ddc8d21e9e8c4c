"""Gap analysis (缺口分析): where the support network leaves households behind.

Each gap is one read over the caller's area (`$all_scope OR t.id IN $townships`), narrowed
to one township when asked. A responsible worker counts only while active and not on leave.
Charities and enterprises adopt through the marketplace's `Adoption`s `BY` them; volunteers
hold taken `CareTask`s (and any active `Match` `BY` them). Each read runs on the graph, or in
a given transaction (the gap lists' export reads them in the one that audits it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.driver import Graph

Source = Graph | AsyncManagedTransaction

_AREA: LiteralString = """
MATCH (t:Region {level: 'TOWNSHIP'})
WHERE ($all_scope OR t.id IN $townships) AND ($township_id IS NULL OR t.id = $township_id)
"""

# A household followed by a worker who can go: an active match, the worker not on leave.
_COVERED: LiteralString = """EXISTS {
  MATCH (h)<-[:FOR]-(:Match {status: 'ACTIVE'})-[:BY]->(cw:SocialWorker)
  WHERE NOT coalesce(cw.on_leave, false) }"""

_RED_ORANGE: LiteralString = "h.warning_level IN ['RED', 'ORANGE']"


async def _read(source: Source, query: LiteralString, **params: Any) -> list[Any]:
    if isinstance(source, Graph):
        records, _, _ = await source.driver.execute_query(
            query, **params, database_=source.database, routing_="r"
        )
        return list(records)
    return [r async for r in await source.run(query, params)]


def _area(scope_params: dict[str, Any], township_id: str | None) -> dict[str, Any]:
    return {**scope_params, "township_id": township_id}


# ---- households with no active responsible worker, by village ----------------------------

_UNCOVERED: LiteralString = (
    _AREA
    + """
MATCH (t)<-[:PART_OF]-(v:Region)<-[:IN_VILLAGE]-(h:Household)
WHERE NOT """
    + _COVERED
    + """
WITH t, v, h ORDER BY CASE h.warning_level WHEN 'RED' THEN 0 WHEN 'ORANGE' THEN 1 ELSE 2 END,
     h.risk_score DESC, h.id
WITH t, v, count(h) AS uncovered,
     sum(CASE WHEN h.warning_level = 'RED' THEN 1 ELSE 0 END) AS red,
     sum(CASE WHEN h.warning_level = 'ORANGE' THEN 1 ELSE 0 END) AS orange,
     [x IN collect(h) WHERE x.warning_level IN ['RED', 'ORANGE'] | x.id] AS urgent
RETURN t.id AS township_id, v.id AS village_id, v.name AS village_name,
       COUNT { (v)<-[:IN_VILLAGE]-(:Household) } AS households, uncovered, red, orange, urgent
ORDER BY red DESC, orange DESC, uncovered DESC, village_id
LIMIT $limit
"""
)


@dataclass(frozen=True, slots=True)
class UncoveredVillage:
    township_id: str
    village_id: str
    village_name: str
    households: int
    uncovered: int
    red: int
    orange: int
    urgent_household_ids: tuple[str, ...]  # the red and orange ones, most at risk first


async def uncovered_by_village(
    graph: Source, *, scope_params: dict[str, Any], township_id: str | None, limit: int
) -> list[UncoveredVillage]:
    rows = await _read(graph, _UNCOVERED, **_area(scope_params, township_id), limit=limit)
    return [
        UncoveredVillage(
            r["township_id"],
            r["village_id"],
            r["village_name"],
            int(r["households"]),
            int(r["uncovered"]),
            int(r["red"]),
            int(r["orange"]),
            tuple(r["urgent"]),
        )  # fmt: skip
        for r in rows
    ]


# ---- single-point workers ----------------------------------------------------------------

# The households only this worker covers; colleagues at a station serving the same township,
# not on leave, whose home lies within their reach of those households' middle, and the
# room left under their limits.
_SINGLE_POINT: LiteralString = (
    _AREA
    + """
MATCH (t)<-[:SERVES]-(s:Station)<-[:WORKS_AT]-(w:SocialWorker)
WHERE NOT coalesce(w.on_leave, false)
WITH DISTINCT t, s, w
MATCH (w)<-[:BY]-(m:Match {status: 'ACTIVE'})-[:FOR]->(h:Household)
WHERE NOT EXISTS {
  MATCH (h)<-[:FOR]-(:Match {status: 'ACTIVE'})-[:BY]->(o:SocialWorker)
  WHERE o <> w AND NOT coalesce(o.on_leave, false) }
WITH t, s, w, collect(h) AS only, sum(m.weight) AS load,
     avg(h.lat) AS mid_lat, avg(h.lon) AS mid_lon
WITH t, s, w, only, load, point({latitude: mid_lat, longitude: mid_lon}) AS middle
CALL (t, w, middle) {
  MATCH (t)<-[:SERVES]-(:Station)<-[:WORKS_AT]-(c:SocialWorker)
  WHERE c <> w AND NOT coalesce(c.on_leave, false)
    AND point.distance(point({latitude: c.home_lat, longitude: c.home_lon}), middle)
        <= c.reach_km * 1000
  WITH DISTINCT c
  OPTIONAL MATCH (c)<-[:BY]-(x:Match {status: 'ACTIVE'})
  WITH c, c.caseload_limit - coalesce(sum(x.weight), 0) AS room
  RETURN count(c) AS colleagues, sum(CASE WHEN room > 0 THEN room ELSE 0 END) AS room
}
RETURN w.id AS worker_id, CASE WHEN $identity THEN w.name END AS worker_name,
       s.id AS station_id, t.id AS township_id, [h IN only | h.id] AS household_ids,
       [h IN only WHERE h.warning_level IN ['RED', 'ORANGE'] | h.id] AS urgent, load,
       colleagues, room
ORDER BY size(urgent) DESC, size(household_ids) DESC, worker_id
LIMIT $limit
"""
)


@dataclass(frozen=True, slots=True)
class SinglePointWorker:
    worker_id: str
    worker_name: str | None
    station_id: str
    township_id: str
    household_ids: tuple[str, ...]  # uncovered if this worker went on leave
    urgent_household_ids: tuple[str, ...]  # of them, the red and orange ones
    load: int  # the weight those households carry
    colleagues_in_reach: int
    colleagues_room: int  # room left under the limits of those colleagues

    @property
    def colleagues_can_absorb(self) -> bool:
        return self.colleagues_room >= self.load


async def single_point_workers(
    graph: Source,
    *,
    scope_params: dict[str, Any],
    township_id: str | None,
    identity: bool,
    limit: int,
) -> list[SinglePointWorker]:
    rows = await _read(
        graph,
        _SINGLE_POINT,
        **_area(scope_params, township_id),
        identity=identity,
        limit=limit,
    )
    return [
        SinglePointWorker(
            r["worker_id"],
            r["worker_name"],
            r["station_id"],
            r["township_id"],
            tuple(r["household_ids"]),
            tuple(r["urgent"]),
            int(r["load"] or 0),
            int(r["colleagues"]),
            int(r["room"] or 0),
        )  # fmt: skip
        for r in rows
    ]


# ---- idle capacity -----------------------------------------------------------------------

# Organisations working in the area with money or places to give, and no match begun by
# them since `$since` (an `Adoption` claimed by them).
_IDLE_ORGANISATIONS: LiteralString = (
    _AREA
    + """
MATCH (o)-[:ACTIVE_IN]->(r:Region)
WHERE (o:Charity OR o:Enterprise) AND (r = t OR (t)-[:PART_OF]->(r))
WITH DISTINCT o
WHERE (o:Charity AND coalesce(o.budget_yuan, 0) > 0)
   OR (o:Enterprise AND coalesce(o.jobs_offered, 0) > 0)
OPTIONAL MATCH (o)<-[:BY]-(a:Adoption)
WITH o, max(a.claimed_on) AS last
WHERE last IS NULL OR last < $since
WITH o, last ORDER BY coalesce(o.budget_yuan, 0) DESC, coalesce(o.jobs_offered, 0) DESC, o.id
WITH collect({id: o.id, name: o.name, kind: CASE WHEN o:Charity THEN 'CHARITY' ELSE 'ENTERPRISE'
              END, budget: coalesce(o.budget_yuan, 0), jobs: coalesce(o.jobs_offered, 0),
              last: last}) AS rows
RETURN size(rows) AS total, rows[0..$limit] AS rows
"""
)

# Volunteers living in the area with no active task.
_IDLE_VOLUNTEERS: LiteralString = (
    _AREA
    + """
MATCH (t)<-[:PART_OF]-(v:Region)<-[:LIVES_IN]-(x:Volunteer)
WHERE NOT EXISTS { MATCH (x)<-[:BY]-(:Match {status: 'ACTIVE'}) }
  AND NOT EXISTS { MATCH (:CareTask {status: 'TAKEN', volunteer_id: x.id}) }
WITH t, v, x ORDER BY t.id, v.id, x.id
WITH collect({id: x.id, name: CASE WHEN $identity THEN x.name END, kind: x.kind,
              village_id: v.id, township_id: t.id}) AS rows
RETURN size(rows) AS total, rows[0..$limit] AS rows
"""
)


@dataclass(frozen=True, slots=True)
class IdleOrganisation:
    id: str
    kind: str  # CHARITY | ENTERPRISE
    name: str
    budget_yuan: int
    jobs_offered: int
    last_adoption_on: date | None


@dataclass(frozen=True, slots=True)
class IdleVolunteer:
    id: str
    name: str | None
    kind: str
    village_id: str
    township_id: str


async def idle_organisations(
    graph: Source,
    *,
    scope_params: dict[str, Any],
    township_id: str | None,
    since: date,
    limit: int,
) -> tuple[list[IdleOrganisation], int]:
    rows = await _read(
        graph, _IDLE_ORGANISATIONS, **_area(scope_params, township_id), since=since, limit=limit
    )
    return [
        IdleOrganisation(
            o["id"],
            o["kind"],
            o["name"],
            int(o["budget"]),
            int(o["jobs"]),
            o["last"].to_native() if o["last"] is not None else None,
        )  # fmt: skip
        for o in rows[0]["rows"]
    ], int(rows[0]["total"])


async def idle_volunteers(
    graph: Source,
    *,
    scope_params: dict[str, Any],
    township_id: str | None,
    identity: bool,
    limit: int,
) -> tuple[list[IdleVolunteer], int]:
    rows = await _read(
        graph,
        _IDLE_VOLUNTEERS,
        **_area(scope_params, township_id),
        identity=identity,
        limit=limit,
    )
    return [
        IdleVolunteer(x["id"], x["name"], x["kind"], x["village_id"], x["township_id"])
        for x in rows[0]["rows"]
    ], int(rows[0]["total"])


# ---- need kinds with no provider ---------------------------------------------------------

# Open needs of a kind in a township that no charity working there funds (with budget left),
# nor, for employment, an enterprise with places.
_UNSERVED_KINDS: LiteralString = (
    _AREA
    + """
MATCH (t)<-[:PART_OF]-(:Region)<-[:IN_VILLAGE]-(h:Household)-[:HAS_NEED]->(n:Need)
WHERE n.status = 'OPEN'
WITH t, n.kind AS kind, count(n) AS open, count(DISTINCT h) AS households
WHERE NOT EXISTS {
    MATCH (c:Charity)-[:ACTIVE_IN]->(r:Region)
    WHERE (r = t OR (t)-[:PART_OF]->(r)) AND kind IN c.focus_kinds
      AND coalesce(c.budget_yuan, 0) > 0 }
  AND ('EMPLOYMENT' <> kind OR NOT EXISTS {
    MATCH (e:Enterprise)-[:ACTIVE_IN]->(r:Region)
    WHERE (r = t OR (t)-[:PART_OF]->(r)) AND coalesce(e.jobs_offered, 0) > 0 })
RETURN t.id AS township_id, t.name AS township_name, kind, open, households
ORDER BY open DESC, township_id, kind
"""
)


@dataclass(frozen=True, slots=True)
class UnservedNeedKind:
    township_id: str
    township_name: str
    kind: str  # NEED_KINDS
    open_needs: int
    households: int


async def unserved_need_kinds(
    graph: Source, *, scope_params: dict[str, Any], township_id: str | None
) -> list[UnservedNeedKind]:
    rows = await _read(graph, _UNSERVED_KINDS, **_area(scope_params, township_id))
    return [
        UnservedNeedKind(
            r["township_id"], r["township_name"], r["kind"], int(r["open"]), int(r["households"])
        )
        for r in rows
    ]


# ---- coverage per village ----------------------------------------------------------------

_VILLAGE_COVERAGE: LiteralString = (
    _AREA
    + """
MATCH (t)<-[:PART_OF]-(v:Region {level: 'VILLAGE'})
OPTIONAL MATCH (v)<-[:IN_VILLAGE]-(h:Household)
CALL (h) {
  OPTIONAL MATCH (h)<-[:FOR]-(m:Match {status: 'ACTIVE'})-[:BY]->(w:SocialWorker)
  WHERE NOT coalesce(w.on_leave, false)
  RETURN count(m) > 0 AS followed, coalesce(max(m.follow_up_due) >= $today, false) AS in_cadence
}
CALL (h) {
  OPTIONAL MATCH (h)-[:HAS_NEED]->(n:Need)
  WHERE n.status <> 'CANCELLED'
  RETURN count(n) AS counted, sum(CASE WHEN n.status = 'FULFILLED' THEN 1 ELSE 0 END) AS fulfilled
}
WITH t, v, count(h) AS households,
     sum(CASE WHEN followed THEN 1 ELSE 0 END) AS with_worker,
     sum(CASE WHEN in_cadence THEN 1 ELSE 0 END) AS in_cadence,
     sum(counted) AS needs, sum(fulfilled) AS met
RETURN t.id AS township_id, v.id AS village_id, v.name AS village_name, v.lat AS lat,
       v.lon AS lon, households, with_worker, in_cadence, needs, met
ORDER BY township_id, village_id
"""
)


@dataclass(frozen=True, slots=True)
class VillageCoverage:
    township_id: str
    village_id: str
    village_name: str
    lat: float
    lon: float
    households: int
    with_worker: int  # followed by an active worker not on leave
    visited_in_cadence: int  # of them, the follow-up not yet past
    needs: int  # not cancelled
    needs_met: int  # fulfilled


async def village_coverage(
    graph: Source, *, scope_params: dict[str, Any], township_id: str | None, today: date
) -> list[VillageCoverage]:
    rows = await _read(graph, _VILLAGE_COVERAGE, **_area(scope_params, township_id), today=today)
    return [
        VillageCoverage(
            r["township_id"],
            r["village_id"],
            r["village_name"],
            float(r["lat"]),
            float(r["lon"]),
            int(r["households"]),
            int(r["with_worker"]),
            int(r["in_cadence"]),
            int(r["needs"] or 0),
            int(r["met"] or 0),
        )  # fmt: skip
        for r in rows
    ]


# ---- 错保 / 漏保: income against the line ------------------------------------------------

# Covered (低保, 特困) with income above the line, and the reverse: income below the line in
# a tier that does not carry the guarantee. Furthest from the line first.
_ELIGIBILITY_REVIEW: LiteralString = (
    _AREA
    + """
MATCH (t)<-[:PART_OF]-(v:Region)<-[:IN_VILLAGE]-(h:Household)
WITH t, v, h, h.tier IN ['DIBAO', 'EXTREME'] AS covered,
     coalesce(h.monthly_income_per_person, 0.0) AS income
WITH t, v, h, income, CASE
       WHEN covered AND income > $line THEN 'COVERED_ABOVE_LINE'
       WHEN NOT covered AND income < $line THEN 'UNCOVERED_BELOW_LINE' END AS signal
WHERE signal IS NOT NULL
WITH signal, t, v, h, income ORDER BY abs(income - $line) DESC, h.id
WITH signal, collect({id: h.id, label: CASE WHEN $identity THEN h.head_name END,
                      tier: h.tier, income: income, village_id: v.id, village_name: v.name,
                      township_id: t.id, warning_level: h.warning_level}) AS rows
RETURN signal, size(rows) AS total, rows[0..$limit] AS rows
ORDER BY signal
"""
)


@dataclass(frozen=True, slots=True)
class EligibilitySignal:
    signal: str  # COVERED_ABOVE_LINE (错保) | UNCOVERED_BELOW_LINE (漏保)
    household_id: str
    label: str | None
    tier: str
    monthly_income_per_person: float
    village_id: str
    village_name: str
    township_id: str
    warning_level: str | None


async def eligibility_review(
    graph: Source,
    *,
    scope_params: dict[str, Any],
    township_id: str | None,
    line: float,
    identity: bool,
    limit: int,
) -> tuple[list[EligibilitySignal], dict[str, int]]:
    """The rows of both lists (each at most `limit`), and each list's total."""
    rows = await _read(
        graph,
        _ELIGIBILITY_REVIEW,
        **_area(scope_params, township_id),
        line=line,
        identity=identity,
        limit=limit,
    )
    signals = [
        EligibilitySignal(
            r["signal"],
            x["id"],
            x["label"],
            x["tier"],
            float(x["income"]),
            x["village_id"],
            x["village_name"],
            x["township_id"],
            x["warning_level"],
        )  # fmt: skip
        for r in rows
        for x in r["rows"]
    ]
    return signals, {r["signal"]: int(r["total"]) for r in rows}
