"""arq worker settings: `bangfu worker` runs these (or `arq server.jobs.worker.WorkerSettings`)."""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from arq.connections import RedisSettings
from arq.worker import Function, func

from graph.driver import open_graph, verify_graph
from server.app import graph_config, redis_settings
from server.jobs.caseload import caseload_plan_job
from server.jobs.imports import import_households_job
from server.jobs.seed import seed_demo_county
from server.settings import Settings

log = logging.getLogger("bangfu.worker")


async def startup(ctx: dict[str, Any]) -> None:
    settings = Settings.from_env()
    graph = open_graph(graph_config(settings))
    await verify_graph(graph, settings.effective_neo4j_uri)
    ctx["graph"] = graph
    ctx["settings"] = settings


async def shutdown(ctx: dict[str, Any]) -> None:
    graph = ctx.get("graph")
    if graph is not None:
        await graph.close()


FUNCTIONS: list[Function] = [
    func(seed_demo_county, name="seed_demo_county", timeout=3600),
    func(import_households_job, name="import_households", timeout=3600),
    func(caseload_plan_job, name="caseload_plan", timeout=1800),
]


class WorkerSettings:
    functions: ClassVar[list[Function]] = FUNCTIONS
    on_startup = startup
    on_shutdown = shutdown
    redis_settings: ClassVar[RedisSettings] = redis_settings(Settings.from_env())
    max_jobs = 4
    # Jobs are tracked on (:Job) nodes; arq's own result keys only need to block duplicates.
    keep_result = 3600
    job_timeout = 3600
    health_check_interval = 30
