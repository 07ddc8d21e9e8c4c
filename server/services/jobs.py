"""Starting long work: a `(:Job)` node first, then the arq job with the same id."""

from __future__ import annotations

from typing import Any

from arq.connections import ArqRedis

from graph.driver import Graph
from graph.jobs import JobRecord, create_job


async def start_job(
    graph: Graph,
    arq: ArqRedis,
    *,
    job_id: str,
    function: str,
    params: dict[str, Any],
    created_by: str | None,
    message: str = "排队中 / queued",
    payload: dict[str, Any] | None = None,
) -> JobRecord:
    """Idempotent: the same job id returns the existing job and enqueues nothing twice
    (arq refuses a second job with an id it still holds). `params` are recorded on the job
    node; `payload` (e.g. an uploaded file) only travels to the worker."""
    record, created = await create_job(
        graph, job_id=job_id, kind=function, params=params, created_by=created_by, message=message
    )
    if created or record.status == "QUEUED":
        await arq.enqueue_job(function, job_id, {**params, **(payload or {})}, _job_id=job_id)
    return record
