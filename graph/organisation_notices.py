"""Notifications of an organisation's own (addressed `ORGANISATION`, read by its users): its
claim expiring soon, a hand-over offered to it. Ids are chosen so a rerun notifies once."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import LiteralString

from neo4j import AsyncManagedTransaction

from graph.driver import Graph
from graph.notifications import notify_tx
from graph.registry_writes import execute_write

_EXPIRING: LiteralString = """
MATCH (a:Adoption {status: 'CLAIMED'})-[:FOR]->(n:Need)
WHERE date($today) <= a.expires_on <= date($until)
RETURN a.id AS id, a.org_id AS org_id, n.kind AS need_kind, toString(a.expires_on) AS expires_on
ORDER BY id
"""


async def warn_expiring_claims(
    graph: Graph, *, today: date, within_days: int, now: datetime
) -> int:
    """Tell each organisation of its claims that lapse within `within_days` (once per claim
    and deadline: a claim given a new deadline is warned again)."""

    async def write(tx: AsyncManagedTransaction) -> int:
        rows = [
            r
            async for r in await tx.run(
                _EXPIRING,
                today=today.isoformat(),
                until=(today + timedelta(days=within_days)).isoformat(),
            )
        ]
        for r in rows:
            await notify_tx(
                tx,
                now=now,
                notification_id=f"adoption:{r['id']}:expiring:{r['expires_on']}",
                recipient_kind="ORGANISATION",
                recipient_id=r["org_id"],
                kind="ADOPTION_EXPIRING",
                message="",
                subject_type="Adoption",
                subject_id=r["id"],
                params={"needKind": r["need_kind"], "expiresOn": r["expires_on"]},
            )
        return len(rows)

    warned: int = await execute_write(graph, write)
    return warned


_OFFER: LiteralString = """
MATCH (a:Adoption {id: $id})-[:FOR]->(n:Need)
MATCH (a)-[:BY]->(o)
RETURN a.transfer_to_id AS receiver, o.name AS giver, n.kind AS need_kind, a.version AS version
"""


async def tell_receiver_tx(
    tx: AsyncManagedTransaction, *, adoption_id: str, kind: str, now: datetime
) -> None:
    """The organisation a claim is offered to hears of it (once per offer: the adoption's
    version names it)."""
    r = await (await tx.run(_OFFER, id=adoption_id)).single()
    if r is None or r["receiver"] is None:
        return
    await notify_tx(
        tx,
        now=now,
        notification_id=f"adoption:{adoption_id}:{r['version']}:{kind}",
        recipient_kind="ORGANISATION",
        recipient_id=r["receiver"],
        kind=kind,
        message="",
        subject_type="Adoption",
        subject_id=adoption_id,
        params={"organisation": r["giver"], "needKind": r["need_kind"]},
    )
