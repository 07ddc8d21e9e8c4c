"""A real province's path: county shards read from Neo4j by the app's own arq worker (the
snapshot a county plan reads), merged from Redis; the same job function as the bench's."""

from __future__ import annotations

import uuid

from arq import create_pool
from arq.connections import RedisSettings

from matching.province import ShardKey
from server.demo.shape import AREA_CODE
from server.province_runs import run_province, shard_pairings
from tests.conftest import TEST_HOUSEHOLDS, Services
from tests.support.processes import AppProcess


async def test_the_app_worker_plans_a_county_shard_from_the_graph(
    app: AppProcess, seeded: Services
) -> None:
    pool = await create_pool(RedisSettings.from_dsn(seeded.redis.url))
    try:
        county = f"rg-{AREA_CODE}"
        run = f"test-{uuid.uuid4().hex[:8]}"
        result = await run_province(
            pool, run, [{"county": county, "source": "graph"}], timeout_s=120
        )
        [outcome] = result.plan.counties
        # Other tests may have registered households in the test county before this one.
        assert outcome.county == county and outcome.households >= TEST_HOUSEHOLDS
        assert outcome.workers > 0 and outcome.assigned > 0
        assert outcome.gap <= 0.005
        pairs = await shard_pairings(pool, run, ShardKey(county, 0))
        assert len(pairs) == outcome.assigned
        assert len({h for h, _ in pairs}) == len(pairs)
        assert all(h.startswith("hh-") for h, _ in pairs)
    finally:
        await pool.aclose()
