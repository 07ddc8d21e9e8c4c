"""An arq worker that runs only province shards: `python -m server.jobs.province_worker`.

The bench starts N of these on one Redis. It needs no Neo4j (its shards generate their
county); the app's own worker (`server.jobs.worker`) runs the same job function with the
graph in its context, for a real province.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

from arq.connections import RedisSettings
from arq.worker import Function, func, run_worker

from server.jobs.province import SHARD_JOB, province_shard_job, ready_key
from server.settings import Settings


async def announce(ctx: dict[str, Any]) -> None:
    # The bench starts its clock once every worker has said it is ready.
    await ctx["redis"].set(ready_key(os.getpid()), "1", ex=3600)


class ProvinceWorkerSettings:
    functions: ClassVar[list[Function]] = [func(province_shard_job, name=SHARD_JOB, timeout=1800)]
    on_startup = announce
    redis_settings: ClassVar[RedisSettings] = RedisSettings.from_dsn(
        Settings.from_env().effective_redis_url
    )
    # One shard at a time: a shard uses the process's core fully, and a second one would
    # only double its memory.
    max_jobs = 1
    poll_delay = 0.1
    keep_result = 3600
    health_check_interval = 30


def main() -> None:
    run_worker(ProvinceWorkerSettings)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
