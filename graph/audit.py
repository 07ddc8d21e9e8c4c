"""The audit log: one `(:AuditEvent)` per change, written in the changing transaction.

Call `record_audit` inside the same transaction function that makes the change, so the
change and its audit entry commit or roll back together.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.driver import Graph

_RECORD: LiteralString = """
CREATE (a:AuditEvent {id: $id, at: $now, actor_id: $actor_id, actor_role: $actor_role,
                      action: $action, entity_type: $entity_type, entity_id: $entity_id,
                      before: $before, after: $after, reason: $reason})
"""

_RECENT: LiteralString = """
MATCH (a:AuditEvent)
WHERE ($entity_id IS NULL OR a.entity_id = $entity_id)
  AND ($before_at IS NULL OR a.at < $before_at)
RETURN a{.id, .at, .actor_id, .actor_role, .action, .entity_type, .entity_id, .before, .after,
         .reason} AS a
ORDER BY a.at DESC, a.id DESC LIMIT $limit
"""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change, in which role, and when. `at` is the injected clock's instant
    (`ctx.clock.now()`, arq `ctx["clock"].now()`): the change's audit event and every
    timestamp it writes take it as `$now`, so Cypher never reads the database's clock."""

    id: str
    role: str
    at: datetime

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("an actor's instant must be timezone-aware")
        # Neo4j is sent UTC only (see server/clock.py: a named zone broke the connection).
        object.__setattr__(self, "at", self.at.astimezone(UTC))


@dataclass(frozen=True, slots=True)
class AuditEventRecord:
    id: str
    at: datetime
    actor_id: str
    actor_role: str
    action: str
    entity_type: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None
    actor_name: str | None = None  # the account's display name, when the log is read


def _json(value: dict[str, Any] | None) -> str | None:
    return (
        None
        if value is None
        else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    )


async def record_audit(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str | None = None,
) -> None:
    await tx.run(
        _RECORD,
        id=f"audit-{uuid.uuid4().hex}",
        actor_id=actor.id,
        actor_role=actor.role,
        now=actor.at,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        before=_json(before),
        after=_json(after),
        reason=reason,
    )


async def recent_audit_events(
    graph: Graph, *, entity_id: str | None, before_at: datetime | None, limit: int
) -> list[AuditEventRecord]:
    records, _, _ = await graph.driver.execute_query(
        _RECENT,
        entity_id=entity_id,
        before_at=before_at,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    out = []
    for r in records:
        a = r["a"]
        out.append(
            AuditEventRecord(
                id=a["id"],
                at=a["at"].to_native(),
                actor_id=a["actor_id"],
                actor_role=a["actor_role"],
                action=a["action"],
                entity_type=a["entity_type"],
                entity_id=a["entity_id"],
                before=json.loads(a["before"]) if a.get("before") else None,
                after=json.loads(a["after"]) if a.get("after") else None,
                reason=a.get("reason"),
            )
        )
    return out


_RECORD_MANY: LiteralString = """
UNWIND $events AS e
CREATE (a:AuditEvent {id: e.id, at: $now, actor_id: $actor_id, actor_role: $actor_role,
                      action: e.action, entity_type: e.entity_type, entity_id: e.entity_id,
                      before: e.before, after: e.after, reason: e.reason})
"""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    action: str
    entity_type: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None = None


async def record_audit_many(
    tx: AsyncManagedTransaction, *, actor: Actor, entries: list[AuditEntry]
) -> None:
    """Many audit events in one statement, inside the caller's transaction."""
    if not entries:
        return
    await tx.run(
        _RECORD_MANY,
        actor_id=actor.id,
        actor_role=actor.role,
        now=actor.at,
        events=[
            {
                "id": f"audit-{uuid.uuid4().hex}",
                "action": e.action,
                "entity_type": e.entity_type,
                "entity_id": e.entity_id,
                "before": _json(e.before),
                "after": _json(e.after),
                "reason": e.reason,
            }
            for e in entries
        ],
    )
