"""Notifications: reminders, escalations and "your report was resolved" messages.

A notification is addressed to a user, a worker, a station (its managers) or a county (its
coordinators); a user sees those addressed to them or to what their scope names (pages of
them are read in graph/inbox.py). Ids are chosen by the caller so that re-running a job
(escalation, reminders) notifies once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.driver import Graph

RECIPIENT_KINDS = ("USER", "WORKER", "STATION", "COUNTY", "ORGANISATION")


@dataclass(frozen=True, slots=True)
class NotificationRecord:
    id: str
    recipient_kind: str
    recipient_id: str
    kind: str  # e.g. ALERT_REMINDER, ALERT_ESCALATED, FOLLOW_UP_OVERDUE, REPORT_RESOLVED
    message: str  # composed text of older notices; pages translate `kind` with `params`
    params: tuple[tuple[str, str | None], ...]  # what the message for `kind` is filled with
    subject_type: str
    subject_id: str
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def from_node(cls, n: Any) -> NotificationRecord:
        read = n.get("read_at")
        return cls(
            id=n["id"],
            recipient_kind=n["recipient_kind"],
            recipient_id=n["recipient_id"],
            kind=n["kind"],
            message=n["message"],
            params=tuple(json.loads(n.get("params") or "[]")),
            subject_type=n["subject_type"],
            subject_id=n["subject_id"],
            created_at=n["created_at"].to_native(),
            read_at=read.to_native() if read is not None else None,
        )


# The notification as `NotificationRecord` reads it: named properties, not the whole node.
NOTIFICATION: LiteralString = """n{.id, .recipient_kind, .recipient_id, .kind, .message,
  .params, .subject_type, .subject_id, .created_at, .read_at}"""


_NOTIFY: LiteralString = """
MERGE (n:Notification {id: $id})
ON CREATE SET n.recipient_kind = $recipient_kind, n.recipient_id = $recipient_id,
              n.kind = $kind, n.message = $message, n.params = $params,
              n.subject_type = $subject_type,
              n.subject_id = $subject_id, n.created_at = $now
"""

_MARK_READ: LiteralString = (
    """
MATCH (n:Notification {id: $id}) WHERE [n.recipient_kind, n.recipient_id] IN $recipients
SET n.read_at = coalesce(n.read_at, $now)
RETURN """
    + NOTIFICATION
    + """ AS n
"""
)


async def notify_tx(
    tx: AsyncManagedTransaction,
    *,
    notification_id: str,
    recipient_kind: str,
    recipient_id: str,
    kind: str,
    message: str,
    subject_type: str,
    subject_id: str,
    now: datetime,
    params: Mapping[str, object] | None = None,
) -> None:
    """Idempotent: the same id never notifies twice. `params` (stored as JSON pairs) fill
    the page's message for `kind`."""
    if recipient_kind not in RECIPIENT_KINDS:
        raise ValueError(f"unknown recipient kind {recipient_kind!r}")
    await tx.run(
        _NOTIFY,
        id=notification_id,
        now=now,
        recipient_kind=recipient_kind,
        recipient_id=recipient_id,
        kind=kind,
        message=message,
        subject_type=subject_type,
        subject_id=subject_id,
        params=json.dumps(
            [[k, None if v is None else str(v)] for k, v in (params or {}).items()],
            ensure_ascii=False,
        ),
    )


def recipients_of(
    *, user_id: str, role: str, scope_kind: str, scope_id: str | None
) -> list[list[str]]:
    """The addresses a user reads: their own, and the one their role and scope name."""
    out = [["USER", user_id]]
    if scope_id is not None:
        if role == "SOCIAL_WORKER" and scope_kind == "SELF":
            out.append(["WORKER", scope_id])
        elif role == "STATION_MANAGER" and scope_kind == "STATION":
            out.append(["STATION", scope_id])
        elif role in ("COORDINATOR", "ADMIN") and scope_kind == "COUNTY":
            out.append(["COUNTY", scope_id])
        elif role in ("CHARITY", "ENTERPRISE") and scope_kind == "ORGANISATION":
            out.append(["ORGANISATION", scope_id])
    return out


async def mark_read(
    graph: Graph, *, notification_id: str, recipients: list[list[str]], now: datetime
) -> NotificationRecord | None:
    records, _, _ = await graph.driver.execute_query(
        _MARK_READ, id=notification_id, recipients=recipients, now=now, database_=graph.database
    )
    return NotificationRecord.from_node(records[0]["n"]) if records else None
