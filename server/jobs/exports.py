"""An Excel export as an arq job: read (audited), write the workbook, leave it in Redis for
the download (`server.export_download`) for an hour."""

from __future__ import annotations

from functools import partial
from typing import Any

from arq.connections import ArqRedis

from graph.driver import Graph
from graph.jobs import JobText
from server.clock import Clock
from server.jobs.tracking import Progress, run_tracked
from server.services.exports import (
    EXPORT_TTL_S,
    build_export,
    download_path,
    export_key,
    request_of,
)


async def _export_body(
    graph: Graph,
    progress: Progress,
    params: dict[str, Any],
    *,
    clock: Clock,
    redis: ArqRedis,
    job_id: str,
) -> tuple[JobText, dict[str, Any]]:
    now = clock.now()
    request = request_of(job_id, params, now=now)
    data, rows, filename = await build_export(
        graph, request, progress, now=now, today=clock.today()
    )
    await progress(0.9, "EXPORT_STORING")
    await redis.set(export_key(job_id), data, ex=EXPORT_TTL_S)
    return (
        JobText("EXPORTED", {"rows": rows}),
        {"rows": rows, "filename": filename, "download": download_path(job_id)},
    )


async def export_xlsx_job(ctx: dict[str, Any], job_id: str, params: dict[str, Any]) -> None:
    body = partial(_export_body, clock=ctx["clock"], redis=ctx["redis"], job_id=job_id)
    await run_tracked(ctx, job_id, body, params)
