"""What `bangfu bench api` relies on: several uvicorn workers serve the same sessions, the
household page and the list cost the round trips they are meant to under concurrent
clients, and a document parsed once answers like a document parsed anew. Figures of speed
come from the bench, not from here."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator

import pytest

from server.bench.api import Processes, _measure, _process_tree, cpu_seconds
from tests.conftest import GraphQLClient, Services
from tests.support.processes import AppProcess, start_web

PAGE = "query ($first: Int!) { households(first: $first) { totalCount edges { node { id } } } }"


@pytest.fixture(scope="module")
def two_workers(seeded: Services, app: AppProcess) -> Iterator[AppProcess]:
    # The same data directory as `app`: the same signing key, so the same tokens.
    web = start_web(
        neo4j_uri=seeded.neo4j.uri,
        redis_url=seeded.redis.url,
        data_dir=seeded.root / "app",
        extra_env={"BANGFU_WEB_WORKERS": "2"},
    )
    try:
        yield web
    finally:
        web.stop()


def test_two_web_workers_serve_concurrent_clients_without_errors(
    two_workers: AppProcess,
) -> None:
    tree = _process_tree(two_workers.process.pid)
    assert len(tree) >= 3, "uvicorn's supervisor and its two workers"
    result = asyncio.run(
        _measure(
            two_workers.url,
            clients=4,
            seconds=1.5,
            password="bangfu-demo",
            processes=Processes(web=two_workers.process.pid, neo4j=None),
        )
    )
    assert result["errors"] == 0, result["first_error"]
    assert result["page_requests"] > 0 and result["list_requests"] > 0
    # The page is one read, the list three (its page, regions, workers): the scope and the
    # total are shared between requests, read again only when 2 s old or by the other
    # worker, so only some requests pay them (test_query_budget pins one request).
    assert result["cypher_per_page"] < 2, result
    assert result["cypher_per_list"] < 5, result
    assert result["page_web_cpu_ms"] > 0


def test_a_token_works_on_every_worker(two_workers: AppProcess, gql: GraphQLClient) -> None:
    client = GraphQLClient(two_workers.url)
    client.token = gql.login("coordinator")
    totals = {client.execute(PAGE, {"first": 5})["data"]["households"]["totalCount"]}
    for _ in range(9):  # new connections: the kernel spreads them over both workers
        body = GraphQLClient(two_workers.url)
        body.token = client.token
        answer = body.execute(PAGE, {"first": 5})
        assert "errors" not in answer, answer
        totals.add(answer["data"]["households"]["totalCount"])
    assert len(totals) == 1


def test_cpu_seconds_reads_this_process() -> None:
    used = cpu_seconds([os.getpid()])
    assert used is not None and used > 0


def test_a_cached_document_answers_as_a_fresh_one(gql: GraphQLClient) -> None:
    admin = gql.as_user("admin")
    first, second = admin.execute(PAGE, {"first": 3}), admin.execute(PAGE, {"first": 3})
    assert "errors" not in first
    assert first["data"] == second["data"]
    bad = "query { households(first: 3) { edges { node { noSuchField } } } }"
    errors = [admin.execute(bad, {})["errors"] for _ in range(2)]
    assert errors[0] == errors[1]
    assert "noSuchField" in errors[0][0]["message"]
    # The same text with other variables is validated against them, not answered from cache.
    assert "errors" in admin.execute(PAGE, {"first": "three"})
