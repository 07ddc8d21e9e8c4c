"""Counts the app asks of the registry as a whole."""

from __future__ import annotations

from typing import LiteralString

from graph.driver import Graph

_COUNT_HOUSEHOLDS: LiteralString = "MATCH (h:Household) RETURN count(h) AS n"


async def count_households(graph: Graph) -> int:
    records, _, _ = await graph.driver.execute_query(
        _COUNT_HOUSEHOLDS, database_=graph.database, routing_="r"
    )
    return int(records[0]["n"])
