"""Schema migrations are idempotent and leave a version marker."""

from __future__ import annotations

from graph.driver import Graph
from graph.migrations import CURRENT_VERSION, apply_migrations, schema_version
from tests.support.clock import app_now

SHOW_CONSTRAINTS = "SHOW CONSTRAINTS YIELD name RETURN 'c:' + name AS name"
SHOW_INDEXES = "SHOW INDEXES YIELD name RETURN 'i:' + name AS name"


async def _schema(graph: Graph) -> list[str]:
    names = []
    for statement in (SHOW_CONSTRAINTS, SHOW_INDEXES):
        records, _, _ = await graph.driver.execute_query(statement)
        names += [r["name"] for r in records]
    return sorted(names)


async def test_applying_migrations_twice_changes_nothing(graph: Graph) -> None:
    # given: the test session's start-up applied them once
    assert await schema_version(graph) == CURRENT_VERSION
    before = await _schema(graph)
    # when
    applied = await apply_migrations(graph, now=app_now())
    # then
    assert applied == []
    assert await _schema(graph) == before
    assert "c:household_id" in before and "c:person_id_number" in before


async def test_a_fresh_marker_reapplies_every_statement_without_error(graph: Graph) -> None:
    # given: the marker is lost (as if an older version had run) — statements are IF NOT EXISTS
    before = await _schema(graph)
    await graph.driver.execute_query("MATCH (v:SchemaVersion) SET v.version = 0")
    # when
    applied = await apply_migrations(graph, now=app_now())
    # then
    assert applied == [m for m in range(1, CURRENT_VERSION + 1)]
    assert await _schema(graph) == before
    assert await schema_version(graph) == CURRENT_VERSION
