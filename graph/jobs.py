"""Long-running work, as `(:Job)` nodes: status, progress and a message the UI can show.

The message is a code (`PLAN_SOLVING`) with parameters (`message_params`, JSON pairs), which
the page translates; jobs recorded before that hold composed text and no parameters.

The arq job id and the node id are the same string, so a retried job updates the node it
started rather than creating another.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, LiteralString, Protocol

from graph.driver import Graph


@dataclass(frozen=True, slots=True)
class JobText:
    """What a job says: a code the page translates and what it is filled with."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)


class ReportProgress(Protocol):
    """How a job body reports how far it is: a fraction, a code and its parameters."""

    async def __call__(self, fraction: float, message: str, /, **params: object) -> None: ...


def _params_json(params: Mapping[str, object]) -> str:
    return json.dumps([[k, None if v is None else str(v)] for k, v in params.items()])


@dataclass(frozen=True, slots=True)
class JobRecord:
    id: str
    kind: str
    status: str  # QUEUED | RUNNING | SUCCEEDED | FAILED
    progress: float
    message: str
    message_params: tuple[tuple[str, str | None], ...]
    error: str | None
    result: dict[str, Any] | None
    created_by: str | None
    created_at: datetime | None
    finished_at: datetime | None
    attempts: int

    @classmethod
    def from_node(cls, n: Any) -> JobRecord:
        result = n.get("result")
        created = n.get("created_at")
        finished = n.get("finished_at")
        return cls(
            id=n["id"],
            kind=n["kind"],
            status=n["status"],
            progress=float(n.get("progress") or 0.0),
            message=n.get("message") or "",
            message_params=tuple(tuple(p) for p in json.loads(n.get("message_params") or "[]")),
            error=n.get("error"),
            result=json.loads(result) if result else None,
            created_by=n.get("created_by"),
            created_at=created.to_native() if created is not None else None,
            finished_at=finished.to_native() if finished is not None else None,
            attempts=int(n.get("attempts") or 0),
        )


# The job as `JobRecord.from_node` reads it (its `params` stay in the graph).
JOB: LiteralString = """j{.id, .kind, .status, .progress, .message, .message_params, .error,
  .result, .created_by, .created_at, .finished_at, .attempts}"""


_CREATE: LiteralString = (
    """
MERGE (j:Job {id: $id})
ON CREATE SET j.kind = $kind, j.status = 'QUEUED', j.progress = 0.0, j.message = $message,
              j.message_params = '[]', j.params = $params, j.created_by = $created_by,
              j.created_at = $now, j.attempts = 0, j.fresh = true
WITH j, coalesce(j.fresh, false) AS created
REMOVE j.fresh
RETURN """
    + JOB
    + " AS j, created"
)

_START: LiteralString = (
    """
MATCH (j:Job {id: $id})
SET j.status = 'RUNNING', j.attempts = j.attempts + 1, j.started_at = $now,
    j.error = null
RETURN """
    + JOB
    + " AS j"
)

_PROGRESS: LiteralString = """
MATCH (j:Job {id: $id}) WHERE j.status = 'RUNNING'
SET j.progress = $progress, j.message = $message, j.message_params = $message_params
"""

_FINISH: LiteralString = """
MATCH (j:Job {id: $id})
SET j.status = $status, j.progress = CASE WHEN $status = 'SUCCEEDED' THEN 1.0 ELSE j.progress END,
    j.message = $message, j.message_params = $message_params, j.error = $error,
    j.result = $result, j.finished_at = $now
"""

_BY_ID: LiteralString = "MATCH (j:Job {id: $id}) RETURN " + JOB + " AS j"


async def create_job(
    graph: Graph,
    *,
    job_id: str,
    kind: str,
    params: dict[str, Any],
    created_by: str | None,
    now: datetime,
    message: str = "",
) -> tuple[JobRecord, bool]:
    """Create the job node unless it exists; return it and whether it was new."""
    records, _, _ = await graph.driver.execute_query(
        _CREATE,
        id=job_id,
        kind=kind,
        params=json.dumps(params, sort_keys=True),
        created_by=created_by,
        message=message,
        now=now,
        database_=graph.database,
    )
    return JobRecord.from_node(records[0]["j"]), bool(records[0]["created"])


async def mark_running(graph: Graph, job_id: str, *, now: datetime) -> JobRecord | None:
    records, _, _ = await graph.driver.execute_query(
        _START, id=job_id, now=now, database_=graph.database
    )
    return JobRecord.from_node(records[0]["j"]) if records else None


async def report_progress(
    graph: Graph, job_id: str, progress: float, message: str, params: Mapping[str, object]
) -> None:
    await graph.driver.execute_query(
        _PROGRESS,
        id=job_id,
        progress=max(0.0, min(1.0, progress)),
        message=message,
        message_params=_params_json(params),
        database_=graph.database,
    )


async def finish_job(
    graph: Graph,
    job_id: str,
    *,
    succeeded: bool,
    message: JobText,
    now: datetime,
    error: str | None = None,
    result: dict[str, Any] | None = None,
) -> None:
    await graph.driver.execute_query(
        _FINISH,
        now=now,
        id=job_id,
        status="SUCCEEDED" if succeeded else "FAILED",
        message=message.code,
        message_params=_params_json(message.params),
        error=error,
        result=json.dumps(result, ensure_ascii=False) if result is not None else None,
        database_=graph.database,
    )


async def job_by_id(graph: Graph, job_id: str) -> JobRecord | None:
    records, _, _ = await graph.driver.execute_query(
        _BY_ID, id=job_id, database_=graph.database, routing_="r"
    )
    return JobRecord.from_node(records[0]["j"]) if records else None
