"""Indicator events (预警指标事件): what other departments and workers report about a household.

`(:IndicatorEvent {id, key, kind, household_id, person_id, occurred_on, amount, source,
external_id, reported_by, recorded_at})-[:CONCERNS]->(:Household)`. An event is merged on a
deterministic key, so a feed sent twice, or a form submitted twice, records it once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.driver import Graph
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event to record; `key` and `id` come from `event_key` / `event_id`."""

    key: str
    kind: str
    household_id: str
    person_id: str | None
    occurred_on: date
    amount: int | None
    source: str
    external_id: str | None


@dataclass(frozen=True, slots=True)
class IndicatorEventRecord:
    id: str
    key: str
    kind: str
    household_id: str
    person_id: str | None
    occurred_on: date
    amount: int | None
    source: str
    external_id: str | None
    reported_by: str | None
    recorded_at: datetime

    @classmethod
    def from_node(cls, n: Any) -> IndicatorEventRecord:
        amount = n.get("amount")
        return cls(
            id=n["id"],
            key=n["key"],
            kind=n["kind"],
            household_id=n["household_id"],
            person_id=n.get("person_id"),
            occurred_on=n["occurred_on"].to_native(),
            amount=int(amount) if amount is not None else None,
            source=n.get("source") or "",
            external_id=n.get("external_id"),
            reported_by=n.get("reported_by"),
            recorded_at=n["recorded_at"].to_native(),
        )


# The event as `IndicatorEventRecord.from_node` reads it: named properties, not the node.
EVENT: LiteralString = """e{.id, .key, .kind, .household_id, .person_id, .occurred_on, .amount,
  .source, .external_id, .reported_by, .recorded_at}"""


def event_key(
    *,
    source: str,
    external_id: str | None,
    kind: str,
    subject: str,
    occurred_on: date,
    amount: int | None,
) -> str:
    """The sender's own id when it gives one; otherwise the facts themselves, without the
    source, so the same hospital stay reported by the feed and by a worker is one event.
    `subject` is the person's ID number, or `household:<id>` for a household-wide event."""
    if external_id:
        return f"{source}:{external_id}"
    facts = f"{kind}|{subject}|{occurred_on.isoformat()}|{'' if amount is None else amount}"
    return "facts:" + hashlib.sha256(facts.encode()).hexdigest()


def event_id(key: str) -> str:
    return "ev-" + hashlib.sha256(key.encode()).hexdigest()[:20]


# ---- writing -----------------------------------------------------------------------------

_RECORD: LiteralString = (
    """
UNWIND $rows AS row
MATCH (h:Household {id: row.household_id})
MERGE (e:IndicatorEvent {key: row.key})
ON CREATE SET e.id = row.id, e.kind = row.kind, e.household_id = row.household_id,
              e.person_id = row.person_id, e.occurred_on = row.occurred_on,
              e.amount = row.amount, e.source = row.source, e.external_id = row.external_id,
              e.reported_by = $reported_by, e.recorded_at = $now, e.fresh = true
MERGE (e)-[:CONCERNS]->(h)
WITH e, coalesce(e.fresh, false) AS created
REMOVE e.fresh
RETURN """
    + EVENT
    + " AS e, created"
)


async def record_events_tx(
    tx: AsyncManagedTransaction, *, events: Sequence[NewEvent], reported_by: str, now: datetime
) -> list[tuple[IndicatorEventRecord, bool]]:
    """Merge the events; each comes back with whether this call created it."""
    result = await tx.run(
        _RECORD,
        reported_by=reported_by,
        now=now,
        rows=[
            {
                "key": e.key,
                "id": event_id(e.key),
                "kind": e.kind,
                "household_id": e.household_id,
                "person_id": e.person_id,
                "occurred_on": e.occurred_on,
                "amount": e.amount,
                "source": e.source,
                "external_id": e.external_id,
            }
            for e in events
        ],
    )
    return [(IndicatorEventRecord.from_node(r["e"]), bool(r["created"])) async for r in result]


# ---- reading -----------------------------------------------------------------------------

# Only people of households in the caller's scope: an ID number elsewhere reads as unknown.
_PEOPLE_BY_ID_NUMBER: LiteralString = """
UNWIND $id_numbers AS id_number
MATCH (p:Person {id_number: id_number})-[:MEMBER_OF]->(h:Household)
WHERE $all_scope OR h.township_id IN $townships
RETURN id_number, p.id AS person_id, h.id AS household_id
"""

_EVENTS_SINCE: LiteralString = (
    """
UNWIND $ids AS id
MATCH (e:IndicatorEvent {household_id: id})
WHERE e.occurred_on >= $since
RETURN id, """
    + EVENT
    + """ AS e ORDER BY e.occurred_on, e.id
"""
)

_BY_HOUSEHOLD: LiteralString = (
    """
MATCH (h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
MATCH (e:IndicatorEvent)-[:CONCERNS]->(h)
RETURN """
    + EVENT
    + """ AS e ORDER BY e.occurred_on DESC, e.id LIMIT $limit
"""
)


@dataclass(frozen=True, slots=True)
class PersonRef:
    person_id: str
    household_id: str


async def people_by_id_number(
    graph: Graph, id_numbers: Sequence[str], *, scope: Scope
) -> dict[str, PersonRef]:
    records, _, _ = await graph.driver.execute_query(
        _PEOPLE_BY_ID_NUMBER,
        id_numbers=sorted(set(id_numbers)),
        **scope.params(),
        database_=graph.database,
        routing_="r",
    )
    return {
        r["id_number"]: PersonRef(person_id=r["person_id"], household_id=r["household_id"])
        for r in records
    }


async def events_since_tx(
    tx: AsyncManagedTransaction, *, household_ids: Sequence[str], since: date
) -> dict[str, list[IndicatorEventRecord]]:
    """Each household's events on or after `since` (the scoring window), oldest first."""
    result = await tx.run(_EVENTS_SINCE, ids=list(household_ids), since=since)
    grouped: dict[str, list[IndicatorEventRecord]] = {i: [] for i in household_ids}
    async for r in result:
        grouped[r["id"]].append(IndicatorEventRecord.from_node(r["e"]))
    return grouped


async def events_of_household(
    graph: Graph, *, household_id: str, scope: Scope, limit: int
) -> list[IndicatorEventRecord]:
    """Newest first; empty when the household is unknown or outside the scope."""
    records, _, _ = await graph.driver.execute_query(
        _BY_HOUSEHOLD,
        household_id=household_id,
        **scope.params(),
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [IndicatorEventRecord.from_node(r["e"]) for r in records]
