"""`bangfu bench province`: a province's caseload re-plan, one arq job per county shard,
over N worker processes on one Redis, merged into one plan with a gap per county.

Each county is the demo county's generator at H/C households and W/C workers with its own
seed, generated inside the worker that solves it (the job's payload is the seed and the
county's index: see `server.jobs.province`). With several county counts (`--counties
1,5,10,30`) every count is a row of `growth`, run with fresh worker processes (so each
row's peak memory is its own); the headline figures are the largest count's.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from arq import create_pool
from arq.connections import ArqRedis, RedisSettings

from server.jobs.province import ready_key
from server.neo4j_launcher import free_port
from server.province_runs import ProvinceRun, run_province
from server.redis_server import LocalRedis, start_local_redis

GAP_TARGET = 0.005  # each county within 0.5 % of its bound

SHARD_PAYLOAD = (
    "generated in the worker from (seed, county index): a ~200-byte job instead of a "
    "county's problem (1-2 MB compressed), and no county ever held by the coordinator; a "
    "county that splits by reach leaves its other parts in Redis as canonical JSON + zlib"
)


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _start_workers(n: int, redis_url: str, log_dir: Path) -> list[subprocess.Popen[bytes]]:
    env = {**os.environ, "REDIS_URL": redis_url}
    procs = []
    for i in range(n):
        log = (log_dir / f"worker-{i}.log").open("ab")
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "server.jobs.province_worker"],
                env=env,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        )
    return procs


def _stop_workers(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in procs:
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


async def _wait_ready(redis: ArqRedis, procs: list[subprocess.Popen[bytes]]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        dead = [p.pid for p in procs if p.poll() is not None]
        if dead:
            raise RuntimeError(f"province workers {dead} exited at start (see their logs)")
        ready = [await redis.exists(ready_key(p.pid)) for p in procs]
        if all(ready):
            return
        await asyncio.sleep(0.1)
    raise TimeoutError("province workers did not start within 120 s")


def county_specs(
    counties: int, households: int, workers: int, seed: int, *, clusters: int = 1
) -> list[dict[str, Any]]:
    """`households` and `workers` per county."""
    return [
        {
            "county": f"county-{i:02d}",
            "source": "synthetic",
            "seed": seed,
            "index": i,
            "households": households,
            "workers": workers,
            "clusters": clusters,
        }
        for i in range(counties)
    ]


async def province_row(
    redis_url: str,
    *,
    counties: int,
    households: int,
    workers: int,
    processes: int,
    seed: int,
    clusters: int = 1,
    min_shard_households: int | None = None,
    log_dir: Path,
) -> tuple[ProvinceRun, list[float]]:
    """One run with fresh worker processes; `households`/`workers` per county."""
    redis = await create_pool(RedisSettings.from_dsn(redis_url))
    procs = _start_workers(processes, redis_url, log_dir)
    try:
        await _wait_ready(redis, procs)
        load = _load()
        specs = county_specs(counties, households, workers, seed, clusters=clusters)
        if min_shard_households is not None:
            specs = [{**s, "min_shard_households": min_shard_households} for s in specs]
        run = await run_province(redis, f"bench-{uuid.uuid4().hex[:12]}", specs)
        return run, load
    finally:
        _stop_workers(procs)
        await redis.aclose()


def row_figures(run: ProvinceRun, processes: int, load: list[float]) -> dict[str, Any]:
    plan, records = run.plan, run.records
    by_pid: dict[int, float] = {}
    for r in records.values():
        by_pid[r["pid"]] = max(by_pid.get(r["pid"], 0.0), r["peak_rss_mb"])
    cpu = sum(r["cpu_seconds"] for r in records.values())
    return {
        "counties": len(plan.counties),
        "households": plan.households,
        "workers": sum(c.workers for c in plan.counties),
        "worker_processes": processes,
        "seconds": round(run.seconds, 2),
        "assigned": plan.assigned,
        "shards": len(records),
        "mean_county_gap": plan.mean_county_gap,
        "worst_county_gap": plan.worst_county_gap,
        "peak_rss_mb_per_worker": max(by_pid.values(), default=0.0),
        "peak_rss_mb_by_worker": sorted(by_pid.values()),
        "cpu_seconds": round(cpu, 2),
        # Shards' CPU spread over the processes: the wall time a quiet machine would take.
        "cpu_bound_seconds": round(cpu / processes, 2),
        "mean_shard_job_seconds": round(
            sum(r["job_seconds"] for r in records.values()) / max(len(records), 1), 2
        ),
        "load_average_at_start": load,
    }


def run_province_bench(
    *,
    households: int,
    workers: int,
    counties: list[int],
    processes: int = 2,
    seed: int = 1,
    clusters: int = 1,
    min_shard_households: int | None = None,
) -> dict[str, Any]:
    """`households` and `workers` for the whole province at the largest county count."""
    if not counties or min(counties) < 1 or processes < 1:
        raise ValueError("counties and processes must be >= 1")
    top = max(counties)
    per_h, per_w = households // top, workers // top
    local: LocalRedis | None = None
    with tempfile.TemporaryDirectory(prefix="bangfu-province-") as tmp:
        redis_url = os.environ.get("REDIS_URL")
        if not redis_url:
            local = start_local_redis(port=free_port(), data_dir=Path(tmp) / "redis")
            redis_url = local.url
        try:
            rows = []
            runs = []
            for c in sorted(set(counties)):
                run, load = asyncio.run(
                    province_row(
                        redis_url,
                        counties=c,
                        households=per_h,
                        workers=per_w,
                        processes=processes,
                        seed=seed,
                        clusters=clusters,
                        min_shard_households=min_shard_households,
                        log_dir=Path(tmp),
                    )
                )
                rows.append(row_figures(run, processes, load))
                runs.append(run)
        finally:
            if local is not None:
                local.stop()
    head, run = rows[-1], runs[-1]
    return {
        **head,
        "counties_within_target": sum(1 for c in run.plan.counties if c.gap <= GAP_TARGET),
        "gap_target": GAP_TARGET,
        "worst_county_gap_pct": round(100 * run.plan.worst_county_gap, 4),
        "mean_county_gap_pct": round(100 * run.plan.mean_county_gap, 4),
        "households_per_county": per_h,
        "workers_per_county": per_w,
        "seed": seed,
        "shard_payload": SHARD_PAYLOAD,
        "load_average_at_end": _load(),
        "shard_rows": [_shard_row(r) for r in sorted(run.records.values(), key=_order)],
        "growth": rows,
    }


def _order(r: dict[str, Any]) -> tuple[str, int]:
    return (r["county"], r["part"])


def _shard_row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "shard": f"{r['county']}#{r['part']}",
        "households": r["households"],
        "workers": r["workers"],
        "assigned": r["assigned"],
        "gap_pct": round(100 * r["gap"], 4),
        "gap_level": r["gap_level"],
        "load_seconds": round(r["load_seconds"], 2),
        "solve_seconds": round(r["solve_seconds"], 2),
        "job_seconds": round(r["job_seconds"], 2),
        "cpu_seconds": round(r["cpu_seconds"], 2),
        "peak_rss_mb": r["peak_rss_mb"],
        "pid": r["pid"],
        "job_try": r["job_try"],
    }
