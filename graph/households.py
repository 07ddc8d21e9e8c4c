"""Reading households: filtered pages, look-ups by id, and their members and needs.

Identity (names, ID numbers, phones, addresses) is returned in separate projections so
that a query serving a charity never reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from graph.driver import Graph
from graph.records import HouseholdRecord, NeedRecord, PersonRecord
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class HouseholdFilter:
    region_id: str | None = None
    tier: str | None = None
    dibao_class: str | None = None
    cause: str | None = None
    warning_level: str | None = None
    has_no_worker: bool | None = None
    search: str | None = None

    def params(self) -> dict[str, Any]:
        return {
            "region_id": self.region_id,
            "tier": self.tier,
            "dibao_class": self.dibao_class,
            "cause": self.cause,
            "warning_level": self.warning_level,
            "has_no_worker": self.has_no_worker,
            "search": self.search or None,
        }


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    """A household as the graph holds it, with its version and place in the hierarchy."""

    record: HouseholdRecord
    township_id: str
    county_id: str | None
    head_name: str | None
    version: int


# Each predicate is inert when its parameter is null, so one parameterised query serves
# every combination of filters.
_FILTER: LiteralString = """
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($region_id IS NULL OR $region_id IN [h.village_id, h.township_id, h.county_id])
  AND ($tier IS NULL OR h.tier = $tier)
  AND ($dibao_class IS NULL OR h.dibao_class = $dibao_class)
  AND ($cause IS NULL OR $cause IN h.causes)
  AND ($warning_level IS NULL OR h.warning_level = $warning_level)
  AND ($has_no_worker IS NULL
       OR $has_no_worker = (NOT EXISTS { MATCH (h)<-[:FOR]-(:Match {status: 'ACTIVE'}) }))
"""

_MATCH_ALL: LiteralString = "MATCH (h:Household) "
# A name search starts from the text index on Person.name.
_MATCH_BY_NAME: LiteralString = """
MATCH (p:Person) WHERE p.name CONTAINS $search
MATCH (p)-[:MEMBER_OF]->(h:Household)
WITH DISTINCT h
"""

_PAGE_TAIL: LiteralString = """
  AND ($after IS NULL OR h.id > $after)
RETURN h AS h ORDER BY h.id LIMIT $limit
"""
_COUNT_TAIL: LiteralString = " RETURN count(h) AS n"

_PAGE_ALL: LiteralString = _MATCH_ALL + _FILTER + _PAGE_TAIL
_PAGE_BY_NAME: LiteralString = _MATCH_BY_NAME + _FILTER + _PAGE_TAIL
_COUNT_ALL: LiteralString = _MATCH_ALL + _FILTER + _COUNT_TAIL
_COUNT_BY_NAME: LiteralString = _MATCH_BY_NAME + _FILTER + _COUNT_TAIL

_BY_IDS: LiteralString = """
UNWIND $ids AS id
MATCH (h:Household {id: id})
WHERE $all_scope OR h.township_id IN $townships
RETURN h
"""

_MEMBERS_BY_HOUSEHOLD: LiteralString = """
UNWIND $ids AS id
MATCH (p:Person)-[:MEMBER_OF]->(:Household {id: id})
RETURN id, p ORDER BY p.relation = 'HEAD' DESC, p.birth_date
"""

_NEEDS_BY_HOUSEHOLD: LiteralString = """
UNWIND $ids AS id
MATCH (:Household {id: id})-[:HAS_NEED]->(n:Need)
RETURN id, n ORDER BY n.id
"""


def _date(value: Any) -> date | None:
    native = value.to_native() if hasattr(value, "to_native") else value
    return native if isinstance(native, date) else None


def household_row(n: Any) -> HouseholdRow:
    record = HouseholdRecord(
        id=n["id"],
        village_id=n["village_id"],
        tier=n["tier"],
        dibao_class=n.get("dibao_class"),
        causes=tuple(n.get("causes") or ()),
        special_groups=tuple(n.get("special_groups") or ()),
        size=int(n.get("size") or 0),
        monthly_income_per_person=float(n.get("monthly_income_per_person") or 0.0),
        lat=float(n["lat"]),
        lon=float(n["lon"]),
        address=n.get("address") or "",
        phone=n.get("phone") or "",
        warning_level=n.get("warning_level") or "NONE",
        risk_score=float(n.get("risk_score") or 0.0),
        next_review_due=_date(n.get("next_review_due")),
        needs_skills=tuple(n.get("needs_skills") or ()),
        languages=tuple(n.get("languages") or ()),
    )
    return HouseholdRow(
        record=record,
        township_id=n["township_id"],
        county_id=n.get("county_id"),
        head_name=n.get("head_name"),
        version=int(n.get("version") or 1),
    )


def person_record(household_id: str, n: Any) -> PersonRecord:
    grade = n.get("disability_grade")
    return PersonRecord(
        id=n["id"],
        household_id=household_id,
        name=n["name"],
        id_number=n["id_number"],
        sex=n["sex"],
        birth_date=_date(n["birth_date"]) or date.min,
        disability_grade=int(grade) if grade is not None else None,
        chronic_illness=bool(n.get("chronic_illness")),
        serious_illness=bool(n.get("serious_illness")),
        can_work=bool(n.get("can_work")),
        relation=n["relation"],
        lives_away=bool(n.get("lives_away")),
    )


def need_record(household_id: str, n: Any) -> NeedRecord:
    return NeedRecord(
        id=n["id"],
        household_id=household_id,
        kind=n["kind"],
        description=n.get("description") or "",
        estimated_cost=int(n.get("estimated_cost") or 0),
        urgency=n.get("urgency") or "MEDIUM",
        status=n.get("status") or "OPEN",
    )


async def household_page(
    graph: Graph, *, scope: Scope, flt: HouseholdFilter, after: str | None, limit: int
) -> list[HouseholdRow]:
    query = _PAGE_BY_NAME if flt.search else _PAGE_ALL
    records, _, _ = await graph.driver.execute_query(
        query,
        **scope.params(),
        **flt.params(),
        after=after,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [household_row(r["h"]) for r in records]


async def household_count(graph: Graph, *, scope: Scope, flt: HouseholdFilter) -> int:
    query = _COUNT_BY_NAME if flt.search else _COUNT_ALL
    records, _, _ = await graph.driver.execute_query(
        query, **scope.params(), **flt.params(), database_=graph.database, routing_="r"
    )
    return int(records[0]["n"])


async def households_by_id(
    graph: Graph, ids: Sequence[str], *, scope: Scope
) -> list[HouseholdRow | None]:
    records, _, _ = await graph.driver.execute_query(
        _BY_IDS, ids=list(ids), **scope.params(), database_=graph.database, routing_="r"
    )
    by_id = {r["h"]["id"]: household_row(r["h"]) for r in records}
    return [by_id.get(i) for i in ids]


async def members_by_household(graph: Graph, ids: Sequence[str]) -> list[list[PersonRecord]]:
    records, _, _ = await graph.driver.execute_query(
        _MEMBERS_BY_HOUSEHOLD, ids=list(ids), database_=graph.database, routing_="r"
    )
    grouped: dict[str, list[PersonRecord]] = {i: [] for i in ids}
    for r in records:
        grouped[r["id"]].append(person_record(r["id"], r["p"]))
    return [grouped[i] for i in ids]


async def needs_by_household(graph: Graph, ids: Sequence[str]) -> list[list[NeedRecord]]:
    records, _, _ = await graph.driver.execute_query(
        _NEEDS_BY_HOUSEHOLD, ids=list(ids), database_=graph.database, routing_="r"
    )
    grouped: dict[str, list[NeedRecord]] = {i: [] for i in ids}
    for r in records:
        grouped[r["id"]].append(need_record(r["id"], r["n"]))
    return [grouped[i] for i in ids]
