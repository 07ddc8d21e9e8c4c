"""Starting long work: a `(:Job)` node first, then the arq job with the same id.

An uploaded file (with identity in it) does not travel in the arq job: arq keeps a job's
arguments with its result for an hour. It waits under its own key, with a short lifetime,
and the job deletes it when it has finished with it (`server.jobs.uploads`).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Final

from arq.connections import ArqRedis
from redis.exceptions import RedisError

from graph.driver import Graph
from graph.jobs import JobRecord, JobText, create_job, finish_job
from server.services.errors import QueueUnavailable

log = logging.getLogger("bangfu.jobs")

# Codes the page translates (frontend `serverText.ts`).
QUEUE_DOWN_MESSAGE = JobText("QUEUE_UNAVAILABLE")
QUEUED_MESSAGE = "QUEUED"


# Kept under the name the job callers use; one domain error, mapped in server.graphql.errors.
JobQueueUnavailable = QueueUnavailable


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
    now: datetime,
    message: str = QUEUED_MESSAGE,
    upload: bytes | None = None,
    upload_ttl_s: int = 900,
) -> JobRecord:
    """Idempotent: the same job id returns the existing job and enqueues nothing twice
    (arq refuses a second job with an id it still holds). `params` are recorded on the job
    node; `upload` (a file's bytes) waits for the worker under `upload_key(job_id)`.

    Raises JobQueueUnavailable when Redis is down; the job node is then FAILED, so no job
    is left QUEUED that no worker will ever see."""
    record, created = await create_job(
        graph,
        job_id=job_id,
        kind=function,
        params=params,
        created_by=created_by,
        message=message,
        now=now,
    )
    if created or record.status == "QUEUED":
        extra: dict[str, Any] = {}
        try:
            if upload is not None:
                await arq.set(upload_key(job_id), upload, ex=upload_ttl_s)
                extra["upload_key"] = upload_key(job_id)
            await arq.enqueue_job(function, job_id, {**params, **extra}, _job_id=job_id)
        except (RedisError, OSError) as exc:
            log.warning("job %s not enqueued: %s", job_id, type(exc).__name__)
            await finish_job(
                graph,
                job_id,
                succeeded=False,
                message=QUEUE_DOWN_MESSAGE,
                now=now,
                error=f"JOB_QUEUE_UNAVAILABLE: {type(exc).__name__}",
            )
            raise JobQueueUnavailable(job_id) from exc
    return record
