"""Synthetic visits and alerts over households that already have active matches: the
dashboard roll-up bench (`bangfu bench dashboard`) needs a county with history, and the demo
county has none. Never called by the app; writes with `UNWIND $rows`, no audit (bench data).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from graph.driver import Graph

_ACTIVE: LiteralString = """
MATCH (m:Match {status: 'ACTIVE'})-[:FOR]->(h:Household)
RETURN m.id AS match_id, h.id AS household_id, m.started_at AS started ORDER BY m.id
"""

_VISITS: LiteralString = """
UNWIND $rows AS row
MATCH (m:Match {id: row.match_id})
CREATE (v:Visit {id: row.id, match_id: row.match_id, household_id: row.household_id,
                 visited_at: row.visited_at, outcome: 'OK', bench: true})
CREATE (v)-[:OF]->(m)
SET m.follow_up_due = row.follow_up_due
"""

_ALERTS: LiteralString = """
UNWIND $rows AS row
MATCH (h:Household {id: row.household_id})
CREATE (a:Alert {id: row.id, household_id: h.id, level: row.level, severity: row.severity,
                 raised_at: row.raised_at, due_at: row.due_at, status: 'OPEN', version: 1,
                 bench: true})
CREATE (a)-[:ABOUT]->(h)
SET h.warning_level = row.level
"""


async def active_matches(graph: Graph) -> list[dict[str, Any]]:
    records, _, _ = await graph.driver.execute_query(
        _ACTIVE, database_=graph.database, routing_="r"
    )
    return [dict(r) for r in records]


async def write_activity(
    graph: Graph, visits: Sequence[dict[str, Any]], alerts: Sequence[dict[str, Any]]
) -> None:
    for start in range(0, len(visits), 5000):
        await graph.driver.execute_query(
            _VISITS, rows=list(visits[start : start + 5000]), database_=graph.database
        )
    for start in range(0, len(alerts), 5000):
        await graph.driver.execute_query(
            _ALERTS, rows=list(alerts[start : start + 5000]), database_=graph.database
        )
