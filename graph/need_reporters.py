"""Closing the loop (闭环): whoever reported a need hears when it is fulfilled or cancelled.

A need's reporter is `n.reported_by` (a user id) when the path that created it recorded
one, else the actor of its CREATE_NEED audit entry, so needs created before `reported_by`
existed still find their way back.

Call `need_resolved_tx` inside the transaction that moves a need to FULFILLED or CANCELLED
(the visit flow does; `graph.need_writes.update_need_tx` should, right after its audit).
"""

from __future__ import annotations

from typing import LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor
from graph.notifications import notify_tx

FINAL = {"FULFILLED": ("已完成", "fulfilled"), "CANCELLED": ("已取消", "cancelled")}

_MARK_REPORTED: LiteralString = """
MATCH (n:Need {id: $need_id})
SET n.reported_by = coalesce(n.reported_by, $reporter_id)
"""

# resolved_* are written once: a final need never changes again.
_RESOLVED: LiteralString = """
MATCH (n:Need {id: $need_id})
SET n.resolved_at = coalesce(n.resolved_at, datetime()),
    n.resolved_by = coalesce(n.resolved_by, $actor_id)
WITH n
OPTIONAL MATCH (a:AuditEvent {entity_id: n.id, action: 'CREATE_NEED'})
WITH n, a ORDER BY a.at
WITH n, collect(a.actor_id) AS creators
RETURN coalesce(n.reported_by, head(creators)) AS reporter, n.kind AS kind
"""


async def mark_reported_tx(tx: AsyncManagedTransaction, *, need_id: str, reporter_id: str) -> None:
    """Record who reported a need (for creation paths that do not set `reported_by`)."""
    await tx.run(_MARK_REPORTED, need_id=need_id, reporter_id=reporter_id)


async def need_resolved_tx(
    tx: AsyncManagedTransaction, *, need_id: str, status: str, actor: Actor
) -> str | None:
    """Stamp who resolved the need and tell its reporter (once: the notification id is the
    need's). Returns the notified user id, or None when nobody needed telling (no reporter,
    or the reporter resolved it themselves)."""
    if status not in FINAL:
        return None
    r = await (await tx.run(_RESOLVED, need_id=need_id, actor_id=actor.id)).single()
    reporter = r["reporter"] if r else None
    if reporter is None or reporter == actor.id:
        return None
    zh, en = FINAL[status]
    assert r is not None
    await notify_tx(
        tx,
        notification_id=f"need-resolved:{need_id}",
        recipient_kind="USER",
        recipient_id=reporter,
        kind="REPORT_RESOLVED",
        message=f"您报告的需求{zh} / the need you reported ({r['kind']}) was {en}",
        subject_type="Need",
        subject_id=need_id,
    )
    return str(reporter)
