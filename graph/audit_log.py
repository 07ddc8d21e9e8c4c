"""Reading the audit log (审计日志) for the supervision layer: filtered, newest first.

`graph.audit` writes the entries; this module only reads them. Pages are keyed on
(at, id), the order they are shown in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString

from graph.audit import AuditEventRecord
from graph.driver import Graph
from graph.inbox import PageKey

# The audit event as `audit_record` reads it: named properties, not the whole node.
AUDIT_EVENT: LiteralString = """a{.id, .action, .actor_id, .actor_role, .at, .entity_id,
  .entity_type, .before, .after, .reason}"""

_FILTER: LiteralString = """
MATCH (a:AuditEvent)
WHERE ($entity_id IS NULL OR a.entity_id = $entity_id)
  AND ($entity_type IS NULL OR a.entity_type = $entity_type)
  AND ($actor_id IS NULL OR a.actor_id = $actor_id)
  AND ($action IS NULL OR a.action = $action)
  AND ($from IS NULL OR a.at >= $from)
  AND ($to IS NULL OR a.at < $to)
"""
_PAGE: LiteralString = (
    _FILTER
    + """
  AND ($after_at IS NULL OR a.at < $after_at OR (a.at = $after_at AND a.id < $after_id))
WITH a ORDER BY a.at DESC, a.id DESC LIMIT $limit
OPTIONAL MATCH (u:User {id: a.actor_id})
RETURN """
    + AUDIT_EVENT
    + """ AS event, u.display_name AS actor_name ORDER BY a.at DESC, a.id DESC
"""
)
_COUNT: LiteralString = _FILTER + " RETURN count(a) AS n"


@dataclass(frozen=True, slots=True)
class AuditFilter:
    entity_id: str | None = None
    entity_type: str | None = None
    actor_id: str | None = None
    action: str | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive

    def params(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "entity_type": self.entity_type,
            "actor_id": self.actor_id,
            "action": self.action,
            "from": self.since,
            "to": self.until,
        }


def _loads(raw: Any) -> dict[str, Any] | None:
    if not raw:
        return None
    value = json.loads(raw)
    return value if isinstance(value, dict) else {"value": value}


def audit_record(a: Any, actor_name: str | None = None) -> AuditEventRecord:
    return AuditEventRecord(
        id=a["id"],
        at=a["at"].to_native(),
        actor_id=a["actor_id"],
        actor_role=a["actor_role"],
        action=a["action"],
        entity_type=a["entity_type"],
        entity_id=a["entity_id"],
        before=_loads(a.get("before")),
        after=_loads(a.get("after")),
        reason=a.get("reason"),
        actor_name=actor_name,
    )


async def audit_page(
    graph: Graph, *, flt: AuditFilter, after: PageKey | None, limit: int
) -> tuple[list[AuditEventRecord], int]:
    records, _, _ = await graph.driver.execute_query(
        _PAGE,
        **flt.params(),
        after_at=after.at if after else None,
        after_id=after.id if after else None,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    counted, _, _ = await graph.driver.execute_query(
        _COUNT, **flt.params(), database_=graph.database, routing_="r"
    )
    return [audit_record(r["event"], r["actor_name"]) for r in records], int(counted[0]["n"])
