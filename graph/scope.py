"""What part of the county a user may see, as a list of township ids.

Scope is enforced in Cypher (`h.township_id IN $townships`), never by filtering in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.driver import Graph


@dataclass(frozen=True, slots=True)
class Scope:
    townships: tuple[str, ...] | None  # None: the whole database (administrators)

    @property
    def unrestricted(self) -> bool:
        return self.townships is None

    def params(self) -> dict[str, Any]:
        return {"all_scope": self.townships is None, "townships": list(self.townships or ())}


EVERYWHERE = Scope(townships=None)
NOWHERE = Scope(townships=())

_BY_COUNTY: LiteralString = """
MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF]->(:Region {id: $id})
RETURN collect(t.id) AS townships
"""
_BY_STATION: LiteralString = """
MATCH (:Station {id: $id})-[:SERVES]->(t:Region) RETURN collect(t.id) AS townships
"""
_BY_WORKER: LiteralString = """
MATCH (:SocialWorker {id: $id})-[:WORKS_AT]->(:Station)-[:SERVES]->(t:Region)
RETURN collect(t.id) AS townships
"""
_BY_VOLUNTEER: LiteralString = """
MATCH (:Volunteer {id: $id})-[:LIVES_IN]->(:Region)-[:PART_OF]->(t:Region)
RETURN collect(t.id) AS townships
"""
# An organisation works in regions that are townships or whole counties.
_BY_ORGANISATION: LiteralString = """
MATCH (o {id: $id})-[:ACTIVE_IN]->(r:Region)
WHERE o:Charity OR o:Enterprise
MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF*0..1]->(r)
RETURN collect(DISTINCT t.id) AS townships
"""

_QUERY_BY_KIND: dict[str, LiteralString] = {
    "COUNTY": _BY_COUNTY,
    "STATION": _BY_STATION,
    "SELF:SOCIAL_WORKER": _BY_WORKER,
    "SELF:VOLUNTEER": _BY_VOLUNTEER,
    "ORGANISATION": _BY_ORGANISATION,
}


async def resolve_scope(graph: Graph, *, role: str, kind: str, scope_id: str | None) -> Scope:
    if role == "ADMIN" and scope_id is None:
        return EVERYWHERE
    key = f"SELF:{role}" if kind == "SELF" else kind
    query = _QUERY_BY_KIND.get(key)
    if query is None or scope_id is None:
        return NOWHERE
    records, _, _ = await graph.driver.execute_query(
        query, id=scope_id, database_=graph.database, routing_="r"
    )
    return Scope(townships=tuple(sorted(records[0]["townships"]))) if records else NOWHERE
