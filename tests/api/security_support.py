"""A second web server for the security tests: its own Redis database (so throttled
addresses and counters do not reach the shared app) and small limits, set by environment."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import Services
from tests.support.processes import AppProcess, start_web

GUARDED_ENV = {
    "BANGFU_LOGIN_USER_FREE_FAILURES": "3",
    "BANGFU_LOGIN_ADDRESS_FREE_FAILURES": "10",
    "BANGFU_LOGIN_BACKOFF_BASE": "30",
    "BANGFU_MAX_JSON_BODY": str(64 * 1024),
    "BANGFU_MAX_UPLOAD_BODY": str(256 * 1024),
}


@pytest.fixture(scope="module")
def guarded_app(seeded: Services) -> Iterator[AppProcess]:
    base = seeded.redis.url.rsplit("/", 1)[0]
    web = start_web(
        neo4j_uri=seeded.neo4j.uri,
        redis_url=f"{base}/3",
        data_dir=seeded.root / "app",
        extra_env=GUARDED_ENV,
    )
    try:
        yield web
    finally:
        web.stop()


def client_from(address: str) -> httpx.Client:
    """A client whose connections come from `address` (any 127.x.y.z is this machine), so
    each test is its own client address for the per-address throttle."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=60)


def post(
    client: httpx.Client, url: str, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    r = client.post(url + "/graphql", json={"query": query, "variables": variables or {}})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body
