"""Every query document the frontend sends has a pinned budget of Cypher round trips, run
as the role whose page sends it on the test county, and its reads are routed to followers
on a cluster; its time is reported (tests/output/query_budget.json), bounded only
generously since the machine is shared. The same table and measurement give the demo
county's figures: `bangfu bench documents`.

A new document in frontend/src/**/*.graphql.ts needs a row in BUDGETS
(server/bench/ui_documents.py): measure it (`cypherQueries` in the response's extensions)
and pin what it costs.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from graph.driver import GraphConfig, open_graph
from server.bench.api import HttpClient
from server.bench.documents import measure_document, measure_documents
from server.bench.ui_documents import BUDGETS, FRAGMENTS, QUERIES, with_fragments
from server.roles import DEMO_USERNAMES, Role
from tests.api.permission_matrix_support import Places, places_of
from tests.conftest import GraphQLClient, Services
from tests.support.processes import AppProcess

SLOW_S = 5.0  # a generous bound: the figure that matters is the one reported


@dataclass
class Runner:
    url: str
    tokens: dict[Role, str]
    places: dict[Role, Places]
    figures: dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
async def runner(app: AppProcess, seeded: Services, output_dir: Path) -> AsyncIterator[Runner]:
    graph = open_graph(GraphConfig(uri=seeded.neo4j.uri, auth=None, database=None))
    try:
        places = await places_of(graph)
    finally:
        await graph.close()
    client = GraphQLClient(app.url)
    tokens = {
        role: client.login(DEMO_USERNAMES[role]) for role in {b.role for b in BUDGETS.values()}
    }
    run = Runner(app.url, tokens, places, {})
    yield run
    (output_dir / "query_budget.json").write_text(json.dumps(run.figures, indent=1) + "\n")


def test_every_frontend_query_has_a_budget() -> None:
    assert len(QUERIES) >= 40, "the frontend documents were not found"
    missing = sorted(set(QUERIES) - set(BUDGETS))
    assert not missing, f"add rows to BUDGETS in server/bench/ui_documents.py for {missing}"


@pytest.mark.parametrize("name", sorted(BUDGETS))
async def test_query_stays_within_its_round_trips(name: str, runner: Runner) -> None:
    if name not in QUERIES:
        pytest.skip(f"{name} is no longer a frontend document")
    budget = BUDGETS[name]
    document = with_fragments(QUERIES[name], FRAGMENTS)
    variables = budget.variables(runner.places[budget.role])
    client = HttpClient(runner.url)
    try:
        # The first run plans the Cypher; the cheapest of three is the figure.
        figure = await measure_document(
            client, document, variables, runner.tokens[budget.role], repeats=3
        )
    finally:
        await client.close()
    assert not figure.errors, figure.errors
    runner.figures[name] = {
        "cypher": figure.cypher,
        "own_cypher": figure.own_cypher,
        "budget": budget.cypher,
        "on_leader": figure.on_leader,
        "ms": min(figure.ms),
    }
    cypher, on_leader = figure.own_cypher, figure.on_leader
    assert cypher <= budget.cypher, f"{name}: {cypher} Cypher round trips, budget {budget.cypher}"
    assert on_leader <= budget.on_leader, f"{name}: {on_leader} round trips not routed to readers"
    assert min(figure.ms) < SLOW_S * 1000


async def test_the_documents_bench_finds_its_ids_through_the_api_and_sends_every_document(
    app: AppProcess,
) -> None:
    # when: the bench's own run, ids found as each role's pages list them
    result = await measure_documents(app.url, "bangfu-demo", repeats=1)
    # then: every frontend document answered without an error, within its budget
    assert result["documents"] == len(set(BUDGETS) & set(QUERIES))
    assert result["with_errors"] == [], {
        n: result["per_document"][n]["first_error"] for n in result["with_errors"]
    }
    assert result["over_budget"] == []
    assert {"household", "station", "worker", "township", "village"} <= set(
        result["ids_found"]["COORDINATOR"]
    )
    assert "household" in result["ids_found"]["SOCIAL_WORKER"]
    household = result["per_document"]["Household"]
    assert household["role"] == "COORDINATOR" and household["cypher"] >= 1
