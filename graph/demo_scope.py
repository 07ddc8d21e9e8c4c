"""Where the demo users' scopes point: the county, a station, one of its workers, ..."""

from __future__ import annotations

from typing import LiteralString

from graph.driver import Graph

_DEMO_SCOPES: LiteralString = """
OPTIONAL MATCH (c:Region {level: 'COUNTY'}) WITH c ORDER BY c.id LIMIT 1
OPTIONAL MATCH (s:Station) WITH c, s ORDER BY s.id LIMIT 1
OPTIONAL MATCH (w:SocialWorker)-[:WORKS_AT]->(s) WITH c, s, w ORDER BY w.id LIMIT 1
OPTIONAL MATCH (ch:Charity) WITH c, s, w, ch ORDER BY ch.id LIMIT 1
OPTIONAL MATCH (e:Enterprise) WITH c, s, w, ch, e ORDER BY e.id LIMIT 1
OPTIONAL MATCH (v:Volunteer) WITH c, s, w, ch, e, v ORDER BY v.id LIMIT 1
RETURN c.id AS county, s.id AS station, w.id AS worker, ch.id AS charity,
       e.id AS enterprise, v.id AS volunteer
"""


async def demo_scope_ids(graph: Graph) -> dict[str, str | None]:
    records, _, _ = await graph.driver.execute_query(
        _DEMO_SCOPES, database_=graph.database, routing_="r"
    )
    return dict(records[0]) if records else {}
