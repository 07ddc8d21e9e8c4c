"""Session-wide real services: an embedded Neo4j and a redis-server on free ports, with
throw-away data, a small demo county, the web server and an arq worker as processes."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.driver import Graph, GraphConfig, open_graph
from server.neo4j_launcher import EmbeddedNeo4j, free_port, start_embedded_neo4j
from server.redis_server import LocalRedis, start_local_redis
from tests.support.processes import AppProcess, app_env, start_process, start_web

TEST_HOUSEHOLDS = 400
TEST_SEED = 7
OUTPUT_DIR = Path(__file__).resolve().parent / "output"


@dataclass
class Services:
    neo4j: EmbeddedNeo4j
    redis: LocalRedis
    root: Path


@pytest.fixture(scope="session")
def services() -> Iterator[Services]:
    root = Path(tempfile.mkdtemp(prefix="bangfu-test-"))
    neo4j = start_embedded_neo4j(port=free_port(), data_dir=root / "neo4j", heap="1g")
    try:
        redis = start_local_redis(port=free_port(), data_dir=root / "redis")
    except Exception:
        neo4j.stop()
        raise
    try:
        yield Services(neo4j=neo4j, redis=redis, root=root)
    finally:
        redis.stop()
        neo4j.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def seeded(services: Services) -> Services:
    """Migrations, a small demo county and the demo users, through the app's own code."""

    async def prepare() -> None:
        from server.cli import _prepare
        from server.settings import Settings

        env = app_env(
            neo4j_uri=services.neo4j.uri,
            redis_url=services.redis.url,
            data_dir=services.root / "app",
            port=0,
        )
        env["BANGFU_DEMO_HOUSEHOLDS"] = str(TEST_HOUSEHOLDS)
        env["BANGFU_DEMO_SEED"] = str(TEST_SEED)
        await _prepare(Settings.from_env(env), seed=True)

    asyncio.run(prepare())
    return services


@pytest.fixture(scope="session")
def app(seeded: Services) -> Iterator[AppProcess]:
    web = start_web(
        neo4j_uri=seeded.neo4j.uri, redis_url=seeded.redis.url, data_dir=seeded.root / "app"
    )
    env = app_env(
        neo4j_uri=seeded.neo4j.uri,
        redis_url=seeded.redis.url,
        data_dir=seeded.root / "app",
        port=0,
    )
    worker = start_process("worker", env, seeded.root / "app" / "worker.log")
    try:
        yield web
    finally:
        worker.terminate()
        try:
            worker.wait(15)
        except Exception:
            worker.kill()
        web.stop()


@pytest.fixture
async def graph(seeded: Services) -> AsyncIterator[Graph]:
    g = open_graph(GraphConfig(uri=seeded.neo4j.uri, auth=None, database=None))
    try:
        yield g
    finally:
        await g.close()


class GraphQLClient:
    def __init__(self, url: str) -> None:
        self.url = url + "/graphql"
        self.token: str | None = None

    def execute(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        headers = {}
        bearer = token or self.token
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        r = httpx.post(
            self.url,
            json={"query": query, "variables": variables or {}},
            headers=headers,
            timeout=60,
        )
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        return body

    def login(self, username: str, password: str = "bangfu-demo") -> str:
        body = self.execute(LOGIN, {"u": username, "p": password})
        result = body["data"]["login"]
        assert result["__typename"] == "LoginSuccess", result
        token: str = result["token"]
        return token

    def as_user(self, username: str) -> GraphQLClient:
        client = GraphQLClient(self.url.removesuffix("/graphql"))
        client.token = self.login(username)
        return client


def own_cypher_queries(body: dict[str, Any]) -> int:
    """The Cypher round trips a request paid for itself: reads shared with other requests for
    a moment (server/shared_reads.py) are paid by whichever request misses first, so a test
    pinning N+1 behaviour compares what is left, exactly."""
    extensions = body["extensions"]
    return int(extensions["cypherQueries"]) - int(extensions["cypherShared"])


LOGIN = """
mutation ($u: String!, $p: String!) {
  login(username: $u, password: $p) {
    __typename
    ... on LoginSuccess { token user { username role } }
    ... on UserError { message field code }
  }
}
"""


@pytest.fixture(scope="session")
def gql(app: AppProcess) -> GraphQLClient:
    return GraphQLClient(app.url)


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    return OUTPUT_DIR
