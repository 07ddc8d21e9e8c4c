"""The needs marketplace (需求广场): need cards with the filters helpers use, sorted by
urgency, and open needs counted per village for the map.

Cards are the anonymous projection of `graph.needs` (village, tier, causes, size band; the
household id only for the casework audience). A village filter narrows no further than the
card itself already shows (its village), so outside roles may use it here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.audience import Audience
from graph.driver import Graph
from graph.needs import CARD_NEED, CASEWORK_NEED, NeedRow, need_row
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class MarketFilter:
    kinds: tuple[str, ...] = ()
    township_id: str | None = None
    village_id: str | None = None
    urgency: str | None = None
    cause: str | None = None
    min_cost: int | None = None
    max_cost: int | None = None
    status: str | None = "OPEN"

    def params(self) -> dict[str, object]:
        return {
            "kinds": list(self.kinds) or None,
            "township_id": self.township_id,
            "village_id": self.village_id,
            "urgency": self.urgency,
            "cause": self.cause,
            "min_cost": self.min_cost,
            "max_cost": self.max_cost,
            "status": self.status,
        }


_FILTER: LiteralString = """
MATCH (h:Household)-[:HAS_NEED]->(n:Need)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($status IS NULL OR n.status = $status)
  AND ($kinds IS NULL OR n.kind IN $kinds)
  AND ($township_id IS NULL OR h.township_id = $township_id)
  AND ($village_id IS NULL OR h.village_id = $village_id)
  AND ($urgency IS NULL OR n.urgency = $urgency)
  AND ($cause IS NULL OR $cause IN h.causes)
  AND ($min_cost IS NULL OR n.estimated_cost >= $min_cost)
  AND ($max_cost IS NULL OR n.estimated_cost <= $max_cost)
"""

# Most urgent first, then the earliest due, then by id: one text key, so a cursor is a key.
_SORTED_HEAD: LiteralString = (
    _FILTER
    + """
WITH h, n, CASE n.urgency WHEN 'HIGH' THEN '0' WHEN 'MEDIUM' THEN '1' ELSE '2' END
           + coalesce(toString(n.due_on), '9999-12-31') + '|' + n.id AS sort_key
WHERE $after IS NULL OR sort_key > $after
WITH h, n, sort_key ORDER BY sort_key LIMIT $limit
RETURN sort_key, """
)

_CASEWORK_PAGE: LiteralString = _SORTED_HEAD + CASEWORK_NEED
# What an allocation needs of each card, in the board's order: nothing identifying.
_ALLOCATION_ITEMS: LiteralString = (
    _SORTED_HEAD
    + """n.id AS id, h.village_id AS village_id, h.township_id AS township_id,
       n.kind AS kind, n.estimated_cost AS cost, n.urgency AS urgency"""
)
_CARD_PAGE: LiteralString = _SORTED_HEAD + CARD_NEED
_COUNT: LiteralString = _FILTER + " RETURN count(n) AS total"


@dataclass(frozen=True, slots=True)
class MarketNeed:
    row: NeedRow
    sort_key: str
    due_on: str | None


async def market_need_page(
    graph: Graph,
    *,
    scope: Scope,
    flt: MarketFilter,
    after: str | None,
    limit: int,
    audience: Audience,
) -> tuple[list[MarketNeed], int]:
    params = {**scope.params(), **flt.params()}
    query = _CASEWORK_PAGE if audience is Audience.CASEWORK else _CARD_PAGE
    records, _, _ = await graph.driver.execute_query(
        query, **params, after=after, limit=limit, database_=graph.database, routing_="r"
    )
    counted, _, _ = await graph.driver.execute_query(
        _COUNT, **params, database_=graph.database, routing_="r"
    )
    return [_market(r) for r in records], int(counted[0]["total"])


def _market(r: Any) -> MarketNeed:
    return MarketNeed(row=need_row(r), sort_key=r["sort_key"], due_on=None)


_DUE: LiteralString = """
UNWIND $ids AS id MATCH (n:Need {id: id}) RETURN id, toString(n.due_on) AS due_on
"""


async def due_dates(graph: Graph, ids: Sequence[str]) -> list[str | None]:
    """The due date of each need (a day), in key order; None where none was set."""
    records, _, _ = await graph.driver.execute_query(
        _DUE, ids=list(ids), database_=graph.database, routing_="r"
    )
    by_id = {r["id"]: r["due_on"] for r in records}
    return [by_id.get(i) for i in ids]


@dataclass(frozen=True, slots=True)
class VillageCount:
    village_id: str
    name: str
    township_id: str
    lat: float
    lon: float
    open_needs: int
    high_urgency: int


# The village's own point (its centre), never a house.
_VILLAGE_COUNTS: LiteralString = (
    _FILTER
    + """
WITH h.village_id AS village_id, count(n) AS open_needs,
     count(CASE WHEN n.urgency = 'HIGH' THEN 1 END) AS high_urgency
MATCH (v:Region {id: village_id})
RETURN v.id AS id, v.name AS name, v.parent_id AS township_id, v.lat AS lat, v.lon AS lon,
       open_needs, high_urgency
ORDER BY id
"""
)


async def village_counts(graph: Graph, *, scope: Scope, flt: MarketFilter) -> list[VillageCount]:
    params = {**scope.params(), **flt.params()}
    records, _, _ = await graph.driver.execute_query(
        _VILLAGE_COUNTS,
        params,
        database_=graph.database,
        routing_="r",
    )
    return [
        VillageCount(
            village_id=r["id"],
            name=r["name"] or "",
            township_id=r["township_id"] or "",
            lat=float(r["lat"] or 0.0),
            lon=float(r["lon"] or 0.0),
            open_needs=int(r["open_needs"]),
            high_urgency=int(r["high_urgency"]),
        )
        for r in records
    ]


@dataclass(frozen=True, slots=True)
class AllocationNeed:
    id: str
    village_id: str
    township_id: str
    kind: str
    cost: int
    urgency: str


async def allocation_needs(
    graph: Graph, *, scope: Scope, flt: MarketFilter, limit: int
) -> list[AllocationNeed]:
    """The first `limit` needs of the board (most urgent first), as the fair allocation
    sees them: a card's six facts, without the card (a page of 5,000 full cards took
    0.6 s of the recommendation's 0.65 s)."""
    params = {**scope.params(), **flt.params()}
    records, _, _ = await graph.driver.execute_query(
        _ALLOCATION_ITEMS,
        params,
        after=None,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [
        AllocationNeed(
            id=r["id"],
            village_id=r["village_id"] or "",
            township_id=r["township_id"] or "",
            kind=r["kind"],
            cost=int(r["cost"] or 0),
            urgency=r["urgency"] or "MEDIUM",
        )
        for r in records
    ]
