"""arq worker settings: `bangfu worker` runs these (or `arq server.jobs.worker.WorkerSettings`)."""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from arq.connections import RedisSettings
from arq.cron import CronJob, cron
from arq.worker import Function, func

from graph.driver import open_graph, verify_graph
from server.app import graph_config, redis_settings
from server.jobs.caseload import caseload_plan_job
from server.jobs.escalation import escalation_cron
from server.jobs.imports import import_households_job
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


FUNCTIONS: list[Function] = [
    func(seed_demo_county, name="seed_demo_county", timeout=3600),
    func(import_households_job, name="import_households", timeout=3600),
    func(caseload_plan_job, name="caseload_plan", timeout=1800),
    func(import_indicator_events_job, name="import_indicator_events", timeout=3600),
    func(rescore_households_job, name="rescore_households", timeout=3600),
]

# Escalation every five minutes; rescoring nightly at 02:30 (the worker's local time), so
# that events leaving the window lower levels without new input. arq's `unique` (default)
# keeps one run of each at a time across workers.
CRON_JOBS: list[CronJob] = [
    cron(escalation_cron, name="escalation", minute=set(range(0, 60, 5)), timeout=600),
    cron(nightly_rescore, name="nightly_rescore", hour=2, minute=30, timeout=3600),
]


class WorkerSettings:
    functions: ClassVar[list[Function]] = FUNCTIONS
    cron_jobs: ClassVar[list[CronJob]] = CRON_JOBS
    on_startup = startup
    on_shutdown = shutdown
    redis_settings: ClassVar[RedisSettings] = redis_settings(Settings.from_env())
    max_jobs = 4
    # Jobs are tracked on (:Job) nodes; arq's own result keys only need to block duplicates.
    keep_result = 3600
    job_timeout = 3600
    health_check_interval = 30
