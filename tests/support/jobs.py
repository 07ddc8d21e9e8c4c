"""Waiting for a job the real worker runs, recording the progress seen on the way."""

from __future__ import annotations

import time
from typing import Any, Protocol

JOB = (
    "query ($id: ID!) { job(id: $id) { id kind status progress message"
    " messageParams { name value } error result attempts } }"
)


class Executes(Protocol):
    def execute(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]: ...


def wait_for_job(
    client: Executes, job_id: str, timeout: float = 180
) -> tuple[dict[str, Any], list[tuple[str, float]]]:
    seen: list[tuple[str, float]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.execute(JOB, {"id": job_id})["data"]["job"]
        seen.append((job["status"], job["progress"]))
        if job["status"] in ("SUCCEEDED", "FAILED"):
            return job, seen
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish: {seen[-5:]}")
