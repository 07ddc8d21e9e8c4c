"""Reading needs (需求) for the needs board: anonymous by construction.

A need row carries only what a charity may know about the household behind it: the
township and the tier. The household id travels along for the roles that act on it; the
GraphQL layer hides it from the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.driver import Graph
from graph.households import need_record
from graph.records import NeedRecord
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class NeedFilter:
    kind: str | None = None
    status: str | None = None
    region_id: str | None = None
    # Coarse callers may narrow by township or county only: a village is small enough that
    # kind + tier + village could point at one family.
    coarse: bool = True

    def params(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "status": self.status,
            "region_id": self.region_id,
            "coarse": self.coarse,
        }


@dataclass(frozen=True, slots=True)
class NeedRow:
    record: NeedRecord
    version: int
    township_id: str
    tier: str


_FILTER: LiteralString = """
MATCH (h:Household)-[:HAS_NEED]->(n:Need)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($kind IS NULL OR n.kind = $kind)
  AND ($status IS NULL OR n.status = $status)
  AND ($region_id IS NULL OR $region_id IN
       CASE WHEN $coarse THEN [h.township_id, h.county_id]
            ELSE [h.village_id, h.township_id, h.county_id] END)
"""
_PAGE: LiteralString = (
    _FILTER
    + """
  AND ($after IS NULL OR n.id > $after)
RETURN n, h.id AS household_id, h.township_id AS township_id, h.tier AS tier
ORDER BY n.id LIMIT $limit
"""
)
_COUNT: LiteralString = _FILTER + " RETURN count(n) AS total"

_BY_IDS: LiteralString = """
UNWIND $ids AS id
MATCH (h:Household)-[:HAS_NEED]->(n:Need {id: id})
WHERE $all_scope OR h.township_id IN $townships
RETURN n, h.id AS household_id, h.township_id AS township_id, h.tier AS tier
"""


def need_row(n: Any, *, household_id: str, township_id: str, tier: str) -> NeedRow:
    return NeedRow(
        record=need_record(household_id, n),
        version=int(n.get("version") or 1),
        township_id=township_id,
        tier=tier,
    )


def _row(r: Any) -> NeedRow:
    return need_row(
        r["n"], household_id=r["household_id"], township_id=r["township_id"], tier=r["tier"]
    )


async def need_page(
    graph: Graph, *, scope: Scope, flt: NeedFilter, after: str | None, limit: int
) -> tuple[list[NeedRow], int]:
    params = {**scope.params(), **flt.params()}
    records, _, _ = await graph.driver.execute_query(
        _PAGE, **params, after=after, limit=limit, database_=graph.database, routing_="r"
    )
    counted, _, _ = await graph.driver.execute_query(
        _COUNT, **params, database_=graph.database, routing_="r"
    )
    return [_row(r) for r in records], int(counted[0]["total"])


async def needs_by_id(graph: Graph, ids: Sequence[str], *, scope: Scope) -> list[NeedRow | None]:
    """Needs by id, in key order; a need outside the scope reads as missing."""
    records, _, _ = await graph.driver.execute_query(
        _BY_IDS, ids=list(ids), **scope.params(), database_=graph.database, routing_="r"
    )
    by_id = {r["n"]["id"]: _row(r) for r in records}
    return [by_id.get(i) for i in ids]
