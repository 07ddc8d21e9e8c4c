"""`/healthz` reports Neo4j and Redis separately, and 503 when either is down."""

from __future__ import annotations

import httpx

from server.neo4j_launcher import free_port
from server.redis_server import start_local_redis
from tests.conftest import Services
from tests.support.processes import AppProcess, start_web


def test_healthz_is_200_when_both_services_are_up(app: AppProcess) -> None:
    r = httpx.get(app.url + "/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "neo4j": "up", "redis": "up"}


def test_healthz_is_503_and_names_redis_when_redis_stops(seeded: Services) -> None:
    # given: a web server on its own Redis
    redis = start_local_redis(port=free_port(), data_dir=seeded.root / "redis-health")
    web = start_web(neo4j_uri=seeded.neo4j.uri, redis_url=redis.url, data_dir=seeded.root / "h")
    try:
        assert httpx.get(web.url + "/healthz").status_code == 200
        # when
        redis.stop()
        r = httpx.get(web.url + "/healthz", timeout=30)
        # then
        assert r.status_code == 503
        assert r.json() == {"status": "degraded", "neo4j": "up", "redis": "down"}
    finally:
        web.stop()
        redis.stop()


def test_the_app_refuses_to_start_when_neo4j_is_unreachable(seeded: Services) -> None:
    import subprocess
    import sys

    from tests.support.processes import ROOT, app_env

    env = app_env(
        neo4j_uri=f"bolt://127.0.0.1:{free_port()}",
        redis_url=seeded.redis.url,
        data_dir=seeded.root / "no-neo4j",
        port=free_port(),
    )
    done = subprocess.run(
        [sys.executable, "-m", "server.cli", "migrate"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Neo4j is not reachable" in done.stderr
    assert "NEO4J_URI" in done.stderr
