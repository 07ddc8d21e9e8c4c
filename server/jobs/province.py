"""A province re-plan's shard as an arq job: one county (or one group of it), solved alone.

One job function serves the bench and a real province. The county's problem comes from
where the job's spec says:

- `source: "graph"` (a real province): the county's snapshot from Neo4j, read like a
  county plan's (`graph.caseload_snapshot`), in the worker that runs the job;
- `source: "synthetic"` (the bench): generated in the worker from (seed, county index),
  so the job's payload is ~200 bytes instead of a county's problem (~1-2 MB compressed)
  and the coordinator never holds a county in memory or generates 30 in a row;
- part k >= 1 of a county that splits: the problem as compact bytes (canonical JSON +
  zlib, `encode_problem`) that the county's first job left in Redis.

The county's first job (part 0) splits the problem by reach (`matching.province`), leaves
the other parts in Redis and enqueues a job for each, then solves part 0 itself: a county
that does not split costs no copy at all. Each shard writes its pairings (compressed) and
then its outcome to Redis under its key, overwriting: a job that runs again (its worker
died) or is enqueued twice (arq's job id per shard blocks that while it is queued or its
result kept) leaves one outcome per shard, which is all the merge reads.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import time
import zlib
from dataclasses import asdict, replace
from typing import Any, Final

from arq.connections import ArqRedis

from matching import (
    BalancePriority,
    CaseloadPlan,
    CaseloadProblem,
    CaseloadSettings,
    assign_caseload,
    check_caseload,
    settings_for_balance,
)
from matching.province import (
    DEFAULT_MIN_SHARD_HOUSEHOLDS,
    ShardKey,
    ShardOutcome,
    shard_outcome,
    split_by_reach,
)

SHARD_JOB: Final = "province_shard"
_TTL_S: Final = 24 * 3600  # a run's keys outlive any merge of it
_PREFIX: Final = "bangfu:province"


def job_id(run: str, key: ShardKey) -> str:
    """arq's job id for a shard: the same shard of the same run is never queued twice."""
    return f"{_PREFIX}:{run}:job:{key.id}"


def outcomes_key(run: str) -> str:
    return f"{_PREFIX}:{run}:outcomes"


def pairings_key(run: str, key: ShardKey) -> str:
    return f"{_PREFIX}:{run}:pairings:{key.id}"


def input_key(run: str, key: ShardKey) -> str:
    return f"{_PREFIX}:{run}:input:{key.id}"


def ready_key(pid: int) -> str:
    return f"{_PREFIX}:ready:{pid}"


def encode_pairings(plan: CaseloadPlan) -> bytes:
    text = "".join(f"{p.household_id}\t{p.worker_id}\n" for p in plan.pairings)
    return zlib.compress(text.encode(), 1)


def decode_pairings(data: bytes) -> list[tuple[str, str]]:
    lines = zlib.decompress(data).decode().splitlines()
    return [(h, w) for h, w in (line.split("\t") for line in lines)]


def synthetic_county_problem(
    *, seed: int, index: int, households: int, workers: int, clusters: int = 1
) -> CaseloadProblem:
    """County `index` of a synthetic province: the demo county's generator with its own
    seed. `clusters` > 1 builds it from that many pieces 3 degrees of longitude apart (a
    county cut by mountains), which no reach joins."""
    from server.caseload_facts import county_problem
    from server.demo.county import generate_county

    settings = CaseloadSettings(seed=seed)
    pieces = []
    for c in range(clusters):
        county = generate_county(
            households=households // clusters,
            seed=seed * 1000 + index * 10 + c,
            workers=workers // clusters,
        )
        problem = county_problem(county, settings)
        pieces.append(problem if clusters == 1 else _moved(problem, f"c{c}-", 3.0 * c))
    if clusters == 1:
        return pieces[0]
    return CaseloadProblem(
        workers=tuple(w for p in pieces for w in p.workers),
        households=tuple(h for p in pieces for h in p.households),
        conflicts=frozenset(c for p in pieces for c in p.conflicts),
        settings=settings,
    )


def _moved(problem: CaseloadProblem, prefix: str, east_deg: float) -> CaseloadProblem:
    def at(p: Any) -> Any:
        return None if p is None else replace(p, lon=p.lon + east_deg)

    return CaseloadProblem(
        workers=tuple(
            replace(w, id=prefix + w.id, home=at(w.home), station_id=prefix + w.station_id)
            for w in problem.workers
        ),
        households=tuple(
            replace(h, id=prefix + h.id, location=at(h.location)) for h in problem.households
        ),
        conflicts=frozenset((prefix + w, prefix + h) for w, h in problem.conflicts),
        settings=problem.settings,
    )


async def _graph_county_problem(ctx: dict[str, Any], county_id: str) -> CaseloadProblem:
    """A real county: the snapshot a county plan reads, the default balance choice."""
    from graph.caseload_snapshot import read_snapshot, resolve_plan_scope
    from matching.caseload_weights import caseload_weight
    from server.services.caseload import build_problem

    graph = ctx["graph"]
    scope = await resolve_plan_scope(graph, "COUNTY", county_id)
    if scope is None:
        raise LookupError(f"county {county_id} does not exist")
    snapshot = await read_snapshot(graph, scope, weigh=caseload_weight)
    settings = settings_for_balance(BalancePriority.TRAVEL_FIRST)
    return build_problem(snapshot, None, {}, settings)


async def _county_problem(ctx: dict[str, Any], spec: dict[str, Any]) -> CaseloadProblem:
    if spec["source"] == "graph":
        return await _graph_county_problem(ctx, spec["county"])
    if spec["source"] == "synthetic":
        return await asyncio.to_thread(
            synthetic_county_problem,
            seed=int(spec["seed"]),
            index=int(spec["index"]),
            households=int(spec["households"]),
            workers=int(spec["workers"]),
            clusters=int(spec.get("clusters", 1)),
        )
    raise ValueError(f"unknown shard source {spec['source']!r}")


async def province_shard_job(ctx: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """Solve one shard and leave its pairings and outcome in Redis; returns the outcome."""
    from server.services.caseload import decode_problem, encode_problem

    redis: ArqRedis = ctx["redis"]
    run, county, part = str(spec["run"]), str(spec["county"]), int(spec.get("part", 0))
    key = ShardKey(county, part)
    started, cpu = time.perf_counter(), time.process_time()
    if part == 0:
        problem = await _county_problem(ctx, spec)
        least = int(spec.get("min_shard_households", DEFAULT_MIN_SHARD_HOUSEHOLDS))
        shards = await asyncio.to_thread(split_by_reach, problem, min_households=least)
        parts = len(shards)
        for k, shard in enumerate(shards[1:], start=1):
            other = ShardKey(county, k)
            data = await asyncio.to_thread(encode_problem, shard)
            await redis.set(input_key(run, other), data, ex=_TTL_S)
            follow = {**spec, "part": k, "parts": parts, "source": "redis"}
            await redis.enqueue_job(SHARD_JOB, follow, _job_id=job_id(run, other))
        mine = shards[0]
        del problem, shards
    else:
        data = await redis.get(input_key(run, key))
        if data is None:
            raise LookupError(f"shard {key.id} of run {run}: its input is gone from Redis")
        mine = await asyncio.to_thread(decode_problem, data)
        parts = int(spec["parts"])
    loaded = time.perf_counter() - started
    plan = await asyncio.to_thread(assign_caseload, mine)
    violations = await asyncio.to_thread(check_caseload, mine, plan)
    if violations:
        raise RuntimeError(f"shard {key.id} broke hard rules: {violations[0].code}")
    outcome = shard_outcome(key, parts, mine, plan)
    record = outcome_record(
        outcome,
        load_seconds=loaded,
        job_seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu,
        job_try=int(ctx.get("job_try", 1)),
        payload_bytes=len(json.dumps(spec)),
    )
    # Pairings first: an outcome in the hash means the shard is complete.
    await redis.set(pairings_key(run, key), encode_pairings(plan), ex=_TTL_S)
    await redis.hset(outcomes_key(run), key.id, json.dumps(record))  # type: ignore[misc]
    await redis.expire(outcomes_key(run), _TTL_S)
    return record


def outcome_record(outcome: ShardOutcome, **measured: float | int) -> dict[str, Any]:
    """The outcome as JSON, with what this process measured (its peak memory so far)."""
    return {
        **asdict(outcome),
        **measured,
        "pid": os.getpid(),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1),
    }


def outcome_of(record: dict[str, Any]) -> ShardOutcome:
    fields = ShardOutcome.__dataclass_fields__
    return ShardOutcome(**{k: v for k, v in record.items() if k in fields})
