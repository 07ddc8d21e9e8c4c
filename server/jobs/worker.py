"""arq worker settings: `bangfu worker` runs these (or `arq server.jobs.worker.WorkerSettings`)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from arq.connections import RedisSettings
from arq.cron import CronJob, cron
from arq.worker import Function, func

from graph.driver import open_graph, verify_graph
from server.app import graph_config, redis_settings
from server.jobs.adoptions import adoption_cron
from server.jobs.care_offers import care_offer_cron
from server.jobs.caseload import caseload_plan_job
from server.jobs.escalation import escalation_cron
from server.jobs.exports import export_xlsx_job
from server.jobs.imports import import_households_job
from server.jobs.province import SHARD_JOB, province_shard_job
from server.jobs.rounds import station_week_rounds_job
from server.jobs.seed import seed_demo_county
from server.jobs.warnings import (
    import_indicator_events_job,
    nightly_rescore,
    rescore_households_job,
)
from server.settings import Settings

log = logging.getLogger("bangfu.worker")


async def startup(ctx: dict[str, Any]) -> None:
    settings = Settings.from_env()
    graph = open_graph(graph_config(settings))
    await verify_graph(graph, settings.effective_neo4j_uri)
    ctx["graph"] = graph
    ctx["settings"] = settings
    ctx["clock"] = settings.clock()  # the jobs' one clock, like a request's


async def shutdown(ctx: dict[str, Any]) -> None:
    graph = ctx.get("graph")
    if graph is not None:
        await graph.close()


_SETTINGS = Settings.from_env()


def timeout(seconds: int) -> int:
    """A job's timeout, capped by BANGFU_JOB_TIMEOUT: a killed worker's job runs again only
    after the longest timeout + 10 s, so tests cap it to see the rerun soon."""
    cap = _SETTINGS.job_timeout_s
    return min(seconds, cap) if cap else seconds


JobFunction = Callable[[dict[str, Any], str, dict[str, Any]], Awaitable[None]]


def tracked(job: JobFunction, name: str, seconds: int) -> Function:
    """The job with its own time limit in `ctx`, a little short of arq's timeout, so that it
    records running out of time itself (see server/jobs/tracking.py)."""
    limit = timeout(seconds)

    async def run(ctx: dict[str, Any], job_id: str, params: dict[str, Any]) -> None:
        await job({**ctx, "time_limit_s": limit * 0.9}, job_id, params)

    return func(run, name=name, timeout=limit)


FUNCTIONS: list[Function] = [
    tracked(seed_demo_county, "seed_demo_county", 3600),
    tracked(import_households_job, "import_households", 3600),
    tracked(caseload_plan_job, "caseload_plan", 1800),
    tracked(import_indicator_events_job, "import_indicator_events", 3600),
    tracked(rescore_households_job, "rescore_households", 3600),
    tracked(station_week_rounds_job, "station_week_rounds", 1800),
    tracked(export_xlsx_job, "export_xlsx", 600),
    # A province re-plan's shard (`server.province_runs`): not tracked on a (:Job) node, its
    # outcome goes to Redis for the merge.
    func(province_shard_job, name=SHARD_JOB, timeout=timeout(1800)),
]

# Escalation every five minutes; rescoring nightly at 02:30 (the worker's local time), so
# that events leaving the window lower levels without new input. arq's `unique` (default)
# keeps one run of each at a time across workers.
CRON_JOBS: list[CronJob] = [
    cron(escalation_cron, name="escalation", minute=set(range(0, 60, 5)), timeout=timeout(600)),
    cron(nightly_rescore, name="nightly_rescore", hour=2, minute=30, timeout=timeout(3600)),
    # Claims past their deadline reopen; hand-overs unanswered for 36 h approve themselves.
    cron(adoption_cron, name="adoptions", minute=set(range(2, 60, 5)), timeout=timeout(600)),
    # Care visits falling due are offered to volunteers nearby, early each morning.
    cron(care_offer_cron, name="care_offers", hour=5, minute=40, timeout=timeout(1800)),
]


class WorkerSettings:
    functions: ClassVar[list[Function]] = FUNCTIONS
    cron_jobs: ClassVar[list[CronJob]] = CRON_JOBS
    on_startup = startup
    on_shutdown = shutdown
    redis_settings: ClassVar[RedisSettings] = redis_settings(_SETTINGS)
    max_jobs = 4
    # Jobs are tracked on (:Job) nodes; arq's own result keys only need to block duplicates.
    keep_result = 3600
    job_timeout = timeout(3600)
    health_check_interval = 30
