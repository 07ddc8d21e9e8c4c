"""The coordinator's dashboard: the figures of one region (county, township or village).

One read transaction, five statements: the region itself, its parts (townships of a county,
villages of a township) with coverage and overdue follow-ups, the stations serving it with
their workers' loads, alerts by week and level with the time to the first visit, and needs
by kind and status. Every statement filters by the caller's scope in Cypher and returns
named counts only: no household, person or worker property leaves this module.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.driver import Graph
from graph.scope import Scope

ALERT_WEEKS = 12


@dataclass(frozen=True, slots=True)
class RegionRef:
    id: str
    name: str
    level: str  # COUNTY | TOWNSHIP | VILLAGE


@dataclass(frozen=True, slots=True)
class Coverage:
    """Households of one region part and how far they are followed."""

    region: RegionRef
    households: int
    assigned: int  # with an active responsible worker
    red: int
    orange: int
    red_unassigned: int
    orange_unassigned: int
    active_matches: int
    overdue: int  # active matches whose follow-up date has passed


@dataclass(frozen=True, slots=True)
class WorkerLoad:
    load: int  # weighted (see Match.weight)
    limit: int


@dataclass(frozen=True, slots=True)
class StationFigures:
    id: str
    name: str
    township_ids: tuple[str, ...]
    households: int
    assigned: int
    red_unassigned: int
    overdue: int
    workers: tuple[WorkerLoad, ...]


@dataclass(frozen=True, slots=True)
class AlertWeek:
    week: date  # the Monday
    level: str
    count: int


@dataclass(frozen=True, slots=True)
class FirstVisit:
    """Alerts of one level and how soon a visit followed them."""

    level: str
    alerts: int
    visited: int
    median_hours: float | None
    within_1d: int
    within_3d: int
    within_7d: int
    later: int


@dataclass(frozen=True, slots=True)
class NeedFigures:
    kind: str
    status: str
    count: int
    estimated_cost: int  # yuan, the needs' own estimates


@dataclass(frozen=True, slots=True)
class DashboardFigures:
    region: RegionRef
    path: tuple[RegionRef, ...]  # from the county down to the region's parent
    parts: tuple[Coverage, ...]
    stations: tuple[StationFigures, ...]
    alert_weeks: tuple[AlertWeek, ...]
    first_visits: tuple[FirstVisit, ...]
    needs: tuple[NeedFigures, ...]


# The region, the townships it covers, and its ancestors; `visible` when any of its
# townships lies in the caller's scope.
_REGION: LiteralString = """
MATCH (r:Region {id: $region_id})
OPTIONAL MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF]->(r)
WITH r, CASE r.level WHEN 'VILLAGE' THEN [r.parent_id] WHEN 'TOWNSHIP' THEN [r.id]
          ELSE collect(t.id) END AS townships
OPTIONAL MATCH (r)-[:PART_OF*1..2]->(up:Region)
WITH r, townships, up ORDER BY CASE up.level WHEN 'COUNTY' THEN 0 ELSE 1 END
RETURN r{.id, .name, .level} AS region, townships,
       [u IN collect(up) | u{.id, .name, .level}] AS path,
       $all_scope OR any(x IN townships WHERE x IN $townships) AS visible
"""

# The caller's default region: the county its townships belong to.
_HOME: LiteralString = """
MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF]->(c:Region {level: 'COUNTY'})
WHERE $all_scope OR t.id IN $townships
RETURN c.id AS id ORDER BY c.id LIMIT 1
"""

_IN_REGION: LiteralString = """
WHERE ($all_scope OR h.township_id IN $townships)
  AND $region_id IN [h.village_id, h.township_id, h.county_id]
"""

_PARTS: LiteralString = (
    "MATCH (h:Household)"
    + _IN_REGION
    + """
WITH h, CASE $level WHEN 'COUNTY' THEN h.township_id ELSE h.village_id END AS part,
     [(h)<-[:FOR]-(m:Match {status: 'ACTIVE'}) | m.follow_up_due] AS dues
WITH part, h.warning_level AS level, size(dues) > 0 AS assigned,
     size([d IN dues WHERE d < $today]) AS overdue, size(dues) AS active
WITH part, count(*) AS households,
     sum(CASE WHEN assigned THEN 1 ELSE 0 END) AS assigned,
     sum(CASE WHEN level = 'RED' THEN 1 ELSE 0 END) AS red,
     sum(CASE WHEN level = 'ORANGE' THEN 1 ELSE 0 END) AS orange,
     sum(CASE WHEN level = 'RED' AND NOT assigned THEN 1 ELSE 0 END) AS red_unassigned,
     sum(CASE WHEN level = 'ORANGE' AND NOT assigned THEN 1 ELSE 0 END) AS orange_unassigned,
     sum(active) AS active_matches, sum(overdue) AS overdue
MATCH (p:Region {id: part})
RETURN p{.id, .name, .level} AS region, households, assigned, red, orange, red_unassigned,
       orange_unassigned, active_matches, overdue
ORDER BY p.name, p.id
"""
)

# Stations serving the region's townships; their households (in the region only, so a
# village drill-down counts the village) and every worker's weighted load and limit.
_STATIONS: LiteralString = """
MATCH (s:Station)-[:SERVES]->(t:Region {level: 'TOWNSHIP'})
WHERE ($all_scope OR t.id IN $townships) AND t.id IN $region_townships
WITH s, collect(t.id) AS ts
OPTIONAL MATCH (h:Household)
WHERE h.township_id IN ts AND $region_id IN [h.village_id, h.township_id, h.county_id]
WITH s, ts, h, [(h)<-[:FOR]-(m:Match {status: 'ACTIVE'}) | m.follow_up_due] AS dues
WITH s, ts, count(h) AS households,
     sum(CASE WHEN size(dues) > 0 THEN 1 ELSE 0 END) AS assigned,
     sum(CASE WHEN h.warning_level = 'RED' AND size(dues) = 0 THEN 1 ELSE 0 END)
       AS red_unassigned,
     sum(size([d IN dues WHERE d < $today])) AS overdue
RETURN s.id AS id, s.name AS name, ts AS townships, households, assigned, red_unassigned,
       overdue,
       [(s)<-[:WORKS_AT]-(w:SocialWorker) |
          [coalesce(w.caseload_limit, 0),
           reduce(total = 0, x IN [(w)<-[:BY]-(m:Match {status: 'ACTIVE'}) | m.weight] |
                  total + coalesce(x, 1))]] AS workers
ORDER BY s.name, s.id
"""

_ALERT_WEEKS: LiteralString = """
MATCH (a:Alert) WHERE a.raised_at >= $since
MATCH (a)-[:ABOUT]->(h:Household)"""
_ALERT_WEEKS_TAIL: LiteralString = """
RETURN date(date.truncate('week', a.raised_at)) AS week, a.level AS level, count(*) AS n
ORDER BY week, level
"""

_FIRST_VISITS_TAIL: LiteralString = """
WITH a, [(h)<-[:FOR]-(:Match)<-[:OF]-(v:Visit) WHERE v.visited_at >= a.raised_at |
         v.visited_at] AS after
WITH a, CASE WHEN size(after) = 0 THEN null
        ELSE duration.inSeconds(a.raised_at,
             reduce(first = after[0], x IN after | CASE WHEN x < first THEN x ELSE first END)
             ).seconds / 3600.0 END AS hours
RETURN a.level AS level, count(*) AS alerts, count(hours) AS visited,
       percentileCont(hours, 0.5) AS median_hours,
       sum(CASE WHEN hours <= 24 THEN 1 ELSE 0 END) AS within_1d,
       sum(CASE WHEN hours > 24 AND hours <= 72 THEN 1 ELSE 0 END) AS within_3d,
       sum(CASE WHEN hours > 72 AND hours <= 168 THEN 1 ELSE 0 END) AS within_7d,
       sum(CASE WHEN hours > 168 THEN 1 ELSE 0 END) AS later
ORDER BY level
"""

_NEEDS: LiteralString = (
    "MATCH (h:Household)-[:HAS_NEED]->(n:Need)"
    + _IN_REGION
    + """
RETURN n.kind AS kind, n.status AS status, count(n) AS n,
       sum(coalesce(n.estimated_cost, 0)) AS cost
ORDER BY kind, status
"""
)

STATEMENTS: dict[str, LiteralString] = {
    "parts": _PARTS,
    "stations": _STATIONS,
    "alert_weeks": _ALERT_WEEKS + _IN_REGION + _ALERT_WEEKS_TAIL,
    "first_visits": _ALERT_WEEKS + _IN_REGION + _FIRST_VISITS_TAIL,
    "needs": _NEEDS,
}


def _ref(d: Any) -> RegionRef:
    return RegionRef(id=d["id"], name=d["name"], level=d["level"])


def _day(value: Any) -> date:
    return value.to_native() if hasattr(value, "to_native") else value  # type: ignore[no-any-return]


async def home_region(graph: Graph, scope: Scope) -> str | None:
    records, _, _ = await graph.driver.execute_query(
        _HOME, scope.params(), database_=graph.database, routing_="r"
    )
    return str(records[0]["id"]) if records else None


async def figures_tx(
    tx: AsyncManagedTransaction, params: dict[str, Any]
) -> DashboardFigures | None:
    head = await (await tx.run(_REGION, params)).single()
    if head is None or not head["visible"]:
        return None
    region = _ref(head["region"])
    params = {**params, "level": region.level, "region_townships": head["townships"]}
    rows = {}
    for name, statement in STATEMENTS.items():
        rows[name] = [r async for r in await tx.run(statement, params)]
    return DashboardFigures(
        region=region,
        path=tuple(_ref(p) for p in head["path"]),
        parts=tuple(
            Coverage(
                region=_ref(r["region"]),
                households=r["households"],
                assigned=r["assigned"],
                red=r["red"],
                orange=r["orange"],
                red_unassigned=r["red_unassigned"],
                orange_unassigned=r["orange_unassigned"],
                active_matches=r["active_matches"],
                overdue=r["overdue"],
            )
            for r in rows["parts"]
        ),
        stations=tuple(
            StationFigures(
                id=r["id"],
                name=r["name"],
                township_ids=tuple(r["townships"]),
                households=r["households"],
                assigned=r["assigned"],
                red_unassigned=r["red_unassigned"],
                overdue=r["overdue"],
                workers=tuple(WorkerLoad(load=int(w[1]), limit=int(w[0])) for w in r["workers"]),
            )
            for r in rows["stations"]
        ),
        alert_weeks=tuple(
            AlertWeek(week=_day(r["week"]), level=r["level"], count=r["n"])
            for r in rows["alert_weeks"]
        ),
        first_visits=tuple(
            FirstVisit(
                level=r["level"],
                alerts=r["alerts"],
                visited=r["visited"],
                median_hours=r["median_hours"],
                within_1d=r["within_1d"],
                within_3d=r["within_3d"],
                within_7d=r["within_7d"],
                later=r["later"],
            )
            for r in rows["first_visits"]
        ),
        needs=tuple(
            NeedFigures(kind=r["kind"], status=r["status"], count=r["n"], estimated_cost=r["cost"])
            for r in rows["needs"]
        ),
    )


def dashboard_params(scope: Scope, region_id: str, today: date, since: datetime) -> dict[str, Any]:
    return {**scope.params(), "region_id": region_id, "today": today, "since": since}


async def dashboard_figures(
    graph: Graph, scope: Scope, *, region_id: str, today: date, since: datetime
) -> DashboardFigures | None:
    """None when the region does not exist or lies wholly outside the caller's scope."""
    params = dashboard_params(scope, region_id, today, since)
    async with graph.read_session() as s:
        return await s.execute_read(figures_tx, params)


async def time_statements(
    graph: Graph, scope: Scope, *, region_id: str, today: date, since: datetime
) -> dict[str, float]:
    """Seconds each statement takes on its own (the roll-up bench), the region read first."""
    params = dashboard_params(scope, region_id, today, since)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    records, _, _ = await graph.driver.execute_query(
        _REGION, params, database_=graph.database, routing_="r"
    )
    timings["region"] = time.perf_counter() - started
    head = records[0]
    params = {**params, "level": head["region"]["level"], "region_townships": head["townships"]}
    for name, statement in STATEMENTS.items():
        started = time.perf_counter()
        await graph.driver.execute_query(statement, params, database_=graph.database, routing_="r")
        timings[name] = time.perf_counter() - started
    return timings


async def region_visible(graph: Graph, scope: Scope, region_id: str) -> bool:
    """The region exists and some of it lies in the caller's scope."""
    records, _, _ = await graph.driver.execute_query(
        _REGION,
        {**scope.params(), "region_id": region_id},
        database_=graph.database,
        routing_="r",
    )
    return bool(records) and bool(records[0]["visible"])
