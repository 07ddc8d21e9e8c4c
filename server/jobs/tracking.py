"""Running a job body with its `(:Job)` node kept up to date.

arq runs a job again if its worker died mid-way (after the job timeout), so a body must be
idempotent; this wrapper only records attempts, progress and the outcome.

arq cancels a job at its timeout without a trace in the graph (the Job would stay RUNNING
for ever), so the body runs under the job's own, shorter limit, `ctx["time_limit_s"]`, and
running out of it is recorded as a failure.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from graph.driver import Graph
from graph.jobs import JobText, finish_job, mark_running, report_progress
from server.clock import Clock

log = logging.getLogger("bangfu.jobs")


@dataclass(frozen=True, slots=True)
class Progress:
    """Hands a job body a way to report how far it is."""

    graph: Graph
    job_id: str

    async def __call__(self, fraction: float, message: str, /, **params: object) -> None:
        """`message` is a code the page translates (`PLAN_SOLVING`), `params` fill it."""
        await report_progress(self.graph, self.job_id, fraction, message, params)


class JobFailed(Exception):
    """A job body refuses its input: recorded as FAILED with this message, not retried."""

    def __init__(self, message: JobText | str, result: dict[str, Any] | None = None) -> None:
        self.text = message if isinstance(message, JobText) else JobText(message)
        super().__init__(self.text.code)
        self.result = result


# A body returns what the job says when it has finished (a `JobText`; a plain code is
# read as one without parameters) and its result.
JobBody = Callable[
    [Graph, Progress, dict[str, Any]], Awaitable[tuple[JobText | str, dict[str, Any]]]
]
GiveUp = Callable[[Graph, dict[str, Any]], Awaitable[None]]

TIMED_OUT = JobText("TIMED_OUT")
INTERNAL_ERROR = JobText("INTERNAL_ERROR")


async def run_tracked(
    ctx: dict[str, Any],
    job_id: str,
    body: JobBody,
    params: dict[str, Any],
    *,
    on_timeout: GiveUp | None = None,
) -> None:
    """`on_timeout` undoes what the body leaves waiting (a plan still COMPUTING, say)."""
    graph: Graph = ctx["graph"]
    clock: Clock = ctx["clock"]
    if await mark_running(graph, job_id, now=clock.now()) is None:
        log.warning("job %s has no Job node; nothing to do", job_id)
        return
    deadline = asyncio.timeout(ctx.get("time_limit_s"))
    try:
        async with deadline:
            message, result = await body(graph, Progress(graph, job_id), params)
    except TimeoutError:
        if not deadline.expired():
            raise
        log.warning("job %s ran out of time", job_id)
        if on_timeout is not None:
            await on_timeout(graph, params)
        await finish_job(
            graph,
            job_id,
            succeeded=False,
            message=TIMED_OUT,
            error="TIMED_OUT",
            now=clock.now(),
        )
        raise
    except JobFailed as exc:
        await finish_job(
            graph,
            job_id,
            succeeded=False,
            message=exc.text,
            error=exc.text.code,
            result=exc.result,
            now=clock.now(),
        )
        return
    except Exception as exc:
        log.exception("job %s failed", job_id)
        await finish_job(
            graph,
            job_id,
            succeeded=False,
            message=INTERNAL_ERROR,
            error=f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}",
            now=clock.now(),
        )
        raise
    text = message if isinstance(message, JobText) else JobText(message)
    await finish_job(graph, job_id, succeeded=True, message=text, result=result, now=clock.now())
