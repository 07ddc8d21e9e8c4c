"""Checks an import needs from the graph before it may write anything."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import LiteralString

from graph.driver import Graph
from graph.scope import Scope

# Villages that exist and lie in the importer's scope (their parent is a township in it).
_KNOWN_VILLAGES: LiteralString = """
UNWIND $ids AS id
MATCH (v:Region {id: id, level: 'VILLAGE'})
WHERE $all_scope OR v.parent_id IN $townships
MATCH (v)-[:PART_OF]->(t:Region)
RETURN v.id AS village, t.id AS township, t.parent_id AS county
"""

# A person belongs to one household: an ID number already in another household is refused.
_MEMBERS_ELSEWHERE: LiteralString = """
UNWIND $rows AS row
MATCH (p:Person {id_number: row.id_number})-[:MEMBER_OF]->(h:Household)
WHERE h.id <> row.household_id
RETURN row.id_number AS id_number, h.id AS household_id
"""


async def known_villages(
    graph: Graph, ids: Iterable[str], *, scope: Scope
) -> dict[str, tuple[str, str | None]]:
    """The villages that exist in scope, each with its (township, county)."""
    records, _, _ = await graph.driver.execute_query(
        _KNOWN_VILLAGES, ids=sorted(ids), **scope.params(), database_=graph.database, routing_="r"
    )
    return {r["village"]: (r["township"], r["county"]) for r in records}


async def members_of_other_households(
    graph: Graph, household_by_id_number: Mapping[str, str]
) -> dict[str, str]:
    """ID number -> the other household it already belongs to."""
    rows = [{"id_number": k, "household_id": v} for k, v in household_by_id_number.items()]
    records, _, _ = await graph.driver.execute_query(
        _MEMBERS_ELSEWHERE, rows=rows, database_=graph.database, routing_="r"
    )
    return {r["id_number"]: r["household_id"] for r in records}
