"""Starting long work: a `(:Job)` node first, then the arq job with the same id.

An uploaded file (with identity in it) does not travel in the arq job: arq keeps a job's
arguments with its result for an hour. It waits under its own key, with a short lifetime,
and the job deletes it when it has finished with it (`server.jobs.uploads`).
"""

from __future__ import annotations

from typing import Any, Final

from arq.connections import ArqRedis

from graph.driver import Graph
from graph.jobs import JobRecord, create_job

UPLOAD_PREFIX: Final = "bangfu:upload"


def upload_key(job_id: str) -> str:
    return f"{UPLOAD_PREFIX}:{job_id}"


async def start_job(
    graph: Graph,
    arq: ArqRedis,
    *,
    job_id: str,
    function: str,
    params: dict[str, Any],
    created_by: str | None,
    message: str = "排队中 / queued",
    upload: bytes | None = None,
    upload_ttl_s: int = 900,
) -> JobRecord:
    """Idempotent: the same job id returns the existing job and enqueues nothing twice
    (arq refuses a second job with an id it still holds). `params` are recorded on the job
    node; `upload` (a file's bytes) waits for the worker under `upload_key(job_id)`."""
    record, created = await create_job(
        graph, job_id=job_id, kind=function, params=params, created_by=created_by, message=message
    )
    if created or record.status == "QUEUED":
        extra: dict[str, Any] = {}
        if upload is not None:
            await arq.set(upload_key(job_id), upload, ex=upload_ttl_s)
            extra["upload_key"] = upload_key(job_id)
        await arq.enqueue_job(function, job_id, {**params, **extra}, _job_id=job_id)
    return record
