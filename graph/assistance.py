"""救急难: temporary assistance requests (临时救助) and the station manager's decision.

`(:TemporaryAssistance {id, household_id, amount_yuan, reason, status, requested_by,
requested_on, requested_at, decided_by, decided_on, decided_at, note, version})
-[:FOR]->(:Household)`. In scope when its household is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, AuditEntry, record_audit_many
from graph.driver import Graph
from graph.values import as_date


@dataclass(frozen=True, slots=True)
class AssistanceRecord:
    id: str
    household_id: str
    amount_yuan: int
    reason: str
    status: str
    requested_on: date
    decided_on: date | None
    note: str | None
    version: int


# The request as `_record` reads it: named properties, never the whole node.
_FIELDS: LiteralString = """a{.id, .household_id, .amount_yuan, .reason, .status, .requested_on,
  .decided_on, .note, .version}"""


def _record(n: Any) -> AssistanceRecord:
    requested = as_date(n["requested_on"])
    assert requested is not None
    return AssistanceRecord(
        id=n["id"],
        household_id=n["household_id"],
        amount_yuan=int(n["amount_yuan"]),
        reason=n["reason"],
        status=n["status"],
        requested_on=requested,
        decided_on=as_date(n.get("decided_on")),
        note=n.get("note"),
        version=int(n.get("version") or 1),
    )


_OF_HOUSEHOLD: LiteralString = (
    """
MATCH (a:TemporaryAssistance)-[:FOR]->(h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
WITH a ORDER BY a.requested_at DESC
RETURN """
    + _FIELDS
    + " AS a"
)


async def assistance_of_household(
    graph: Graph, *, household_id: str, scope_params: dict[str, Any]
) -> list[AssistanceRecord]:
    records, _, _ = await graph.driver.execute_query(
        _OF_HOUSEHOLD,
        household_id=household_id,
        **scope_params,
        database_=graph.database,
        routing_="r",
    )
    return [_record(r["a"]) for r in records]


_CREATE: LiteralString = (
    """
MATCH (h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
CREATE (a:TemporaryAssistance)
SET a = $props, a.household_id = h.id, a.status = 'REQUESTED',
    a.requested_on = date($today), a.requested_at = $now, a.version = 1
CREATE (a)-[:FOR]->(h)
RETURN """
    + _FIELDS
    + " AS a"
)


async def request_assistance_tx(
    tx: AsyncManagedTransaction,
    *,
    household_id: str,
    props: dict[str, Any],
    today: date,
    scope_params: dict[str, Any],
    actor: Actor,
) -> AssistanceRecord | None:
    r = await (
        await tx.run(
            _CREATE,
            now=actor.at,
            household_id=household_id,
            props={**props, "requested_by": actor.id},
            today=today.isoformat(),
            **scope_params,
        )
    ).single()
    if r is None:
        return None
    record = _record(r["a"])
    after = {"household_id": household_id, "amount_yuan": record.amount_yuan}
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                "ASSISTANCE_REQUESTED", "TemporaryAssistance", record.id, None, after, record.reason
            )
        ],
    )
    return record


_LOCK: LiteralString = (
    """
MATCH (a:TemporaryAssistance {id: $id})-[:FOR]->(h:Household)
WHERE $all_scope OR h.township_id IN $townships
SET a.locked_by = $marker
REMOVE a.locked_by
RETURN """
    + _FIELDS
    + " AS a"
)

_DECIDE: LiteralString = (
    """
MATCH (a:TemporaryAssistance {id: $id})
SET a.status = $status, a.note = $note, a.decided_by = $actor_id, a.decided_on = date($today),
    a.decided_at = $now, a.version = a.version + 1
RETURN """
    + _FIELDS
    + " AS a"
)


async def decide_assistance_tx(
    tx: AsyncManagedTransaction,
    *,
    assistance_id: str,
    note: str | None,
    today: date,
    scope_params: dict[str, Any],
    actor: Actor,
    decide: Callable[[AssistanceRecord], str],
) -> AssistanceRecord | None:
    r = await (await tx.run(_LOCK, id=assistance_id, marker=actor.id, **scope_params)).single()
    if r is None:
        return None
    before = _record(r["a"])
    status = decide(before)
    w = await (
        await tx.run(
            _DECIDE,
            now=actor.at,
            id=assistance_id,
            status=status,
            note=note,
            actor_id=actor.id,
            today=today.isoformat(),
        )
    ).single()
    assert w is not None
    after = _record(w["a"])
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                f"ASSISTANCE_{status}",
                "TemporaryAssistance",
                assistance_id,
                {"status": before.status, "version": before.version},
                {"status": status, "amount_yuan": after.amount_yuan, "version": after.version},
                note,
            )
        ],
    )
    return after
