"""The uploaded file a job works on: read from its own Redis key, deleted when done."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from graph.jobs import JobText
from server.jobs.tracking import JobFailed

UPLOAD_GONE = JobText("UPLOAD_GONE")


@contextlib.asynccontextmanager
async def uploaded_file(
    ctx: dict[str, Any], params: dict[str, Any]
) -> AsyncIterator[dict[str, Any]]:
    """`params` with the file's bytes as `data` (None when expired). The key is deleted
    when the job ends, succeeded or failed; a worker killed mid-way leaves it for the rerun
    until its lifetime ends."""
    key = params.get("upload_key")
    if key is None:  # queued before uploads had their own key
        yield params
        return
    redis = ctx["redis"]
    try:
        yield {**params, "data": await redis.get(key)}
    finally:
        await redis.delete(key)


def upload_data(params: dict[str, Any]) -> bytes:
    data = params.get("data")
    if not isinstance(data, bytes):
        raise JobFailed(UPLOAD_GONE)
    return data
