"""Running a province re-plan: one arq job per county on the shared Redis, waiting for
every shard (a county's first job says how many it was cut into), and the merge.

Any number of workers on any machines may take the jobs; this side only enqueues and
reads outcomes, so it holds no county in memory.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Any

from arq.connections import ArqRedis
from arq.jobs import Job

from matching.province import ProvincePlan, ShardKey, merge_shards
from server.jobs.province import (
    SHARD_JOB,
    decode_pairings,
    job_id,
    outcome_of,
    outcomes_key,
    pairings_key,
)


class ShardFailed(RuntimeError):
    """A shard's job raised; the message names the shard and the error."""


@dataclass(frozen=True, slots=True)
class ProvinceRun:
    run: str
    plan: ProvincePlan
    records: dict[str, dict[str, Any]]  # shard id -> its outcome and measurements
    seconds: float  # from the first enqueue to the last outcome


async def enqueue_counties(redis: ArqRedis, run: str, specs: list[dict[str, Any]]) -> int:
    """One job per county (part 0); returns how many were new (a repeat enqueues none)."""
    fresh = 0
    for spec in specs:
        key = ShardKey(str(spec["county"]), 0)
        job = await redis.enqueue_job(SHARD_JOB, {**spec, "run": run}, _job_id=job_id(run, key))
        fresh += job is not None
    return fresh


async def shard_records(redis: ArqRedis, run: str) -> dict[str, dict[str, Any]]:
    raw = await redis.hgetall(outcomes_key(run))  # type: ignore[misc]
    return {k.decode(): json.loads(v) for k, v in raw.items()}


def expected_shards(counties: list[str], records: dict[str, dict[str, Any]]) -> set[str]:
    """Part 0 of every county, and every part a county's first job reported."""
    out = {ShardKey(c, 0).id for c in counties}
    for r in records.values():
        out |= {ShardKey(r["county"], k).id for k in range(int(r["parts"]))}
    return out


async def wait_for_province(
    redis: ArqRedis, run: str, counties: list[str], *, timeout_s: float, poll_s: float = 0.2
) -> dict[str, dict[str, Any]]:
    deadline = time.monotonic() + timeout_s
    checked = 0.0
    while True:
        records = await shard_records(redis, run)
        missing = expected_shards(counties, records) - records.keys()
        if not missing:
            return records
        if time.monotonic() - checked > 1.0:  # failures: a job's result says so
            checked = time.monotonic()
            for shard in sorted(missing):
                county, part = shard.rsplit("#", 1)
                info = await Job(job_id(run, ShardKey(county, int(part))), redis).result_info()
                if info is not None and not info.success:
                    raise ShardFailed(f"shard {shard}: {info.result!r}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"province run {run}: shards {sorted(missing)[:5]} unfinished")
        await asyncio.sleep(poll_s)


async def run_province(
    redis: ArqRedis, run: str, specs: list[dict[str, Any]], *, timeout_s: float = 3600.0
) -> ProvinceRun:
    started = time.perf_counter()
    await enqueue_counties(redis, run, specs)
    counties = [str(s["county"]) for s in specs]
    records = await wait_for_province(redis, run, counties, timeout_s=timeout_s)
    seconds = time.perf_counter() - started
    plan = merge_shards(outcome_of(r) for r in records.values())
    return ProvinceRun(run=run, plan=plan, records=records, seconds=seconds)


async def shard_pairings(redis: ArqRedis, run: str, key: ShardKey) -> list[tuple[str, str]]:
    data = await redis.get(pairings_key(run, key))
    if data is None:
        raise LookupError(f"shard {key.id} of run {run} has no pairings")
    return decode_pairings(data)
