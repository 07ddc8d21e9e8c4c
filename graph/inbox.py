"""A user's notifications, newest first, a page at a time.

Pages are keyed on (created_at, id) so that caller-chosen ids (`reminder:...`,
`resolved:...`) do not disturb the order the way an id-only cursor would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString

from graph.driver import Graph
from graph.notifications import NOTIFICATION, NotificationRecord

_FILTER: LiteralString = """
MATCH (n:Notification)
WHERE [n.recipient_kind, n.recipient_id] IN $recipients
  AND (NOT $unread_only OR n.read_at IS NULL)
"""
_PAGE: LiteralString = (
    _FILTER
    + """
  AND ($after_at IS NULL OR n.created_at < $after_at
       OR (n.created_at = $after_at AND n.id < $after_id))
RETURN """
    + NOTIFICATION
    + """ AS notice ORDER BY n.created_at DESC, n.id DESC LIMIT $limit
"""
)
_COUNT: LiteralString = _FILTER + " RETURN count(n) AS n"


@dataclass(frozen=True, slots=True)
class PageKey:
    at: datetime
    id: str


async def notification_page(
    graph: Graph,
    *,
    recipients: list[list[str]],
    unread_only: bool,
    after: PageKey | None,
    limit: int,
) -> tuple[list[NotificationRecord], int]:
    params: dict[str, Any] = {"recipients": recipients, "unread_only": unread_only}
    records, _, _ = await graph.driver.execute_query(
        _PAGE,
        **params,
        after_at=after.at if after else None,
        after_id=after.id if after else None,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    counted, _, _ = await graph.driver.execute_query(
        _COUNT, **params, database_=graph.database, routing_="r"
    )
    return [NotificationRecord.from_node(r["notice"]) for r in records], int(counted[0]["n"])
