"""First-responder intake (首问负责): a walk-in or hotline request and who owns it.

`(:Intake {id, channel, summary, township_id, household_id, owner_id, received_by,
received_at, received_on, due_on, status, outcome, result_id, note, closed_at, version})`.
The township places it in a scope; the owner is a user (the one who received it, until it
is handed over). Escalation reads open intakes past their day (`overdue_intake_subjects`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, AuditEntry, record_audit_many
from graph.driver import Graph
from graph.escalation import OverdueSubject
from graph.notifications import notify_tx
from graph.registry_writes import EntityMissing
from graph.values import as_date, as_datetime

INTAKE = "INTAKE"


@dataclass(frozen=True, slots=True)
class IntakeRecord:
    id: str
    channel: str
    summary: str
    township_id: str
    household_id: str | None
    owner_id: str
    received_by: str
    received_at: datetime | None
    due_on: date
    status: str
    outcome: str | None
    result_id: str | None
    note: str | None
    version: int


def _record(n: Any) -> IntakeRecord:
    due = as_date(n["due_on"])
    assert due is not None
    return IntakeRecord(
        id=n["id"],
        channel=n["channel"],
        summary=n["summary"],
        township_id=n["township_id"],
        household_id=n.get("household_id"),
        owner_id=n["owner_id"],
        received_by=n["received_by"],
        received_at=as_datetime(n.get("received_at")),
        due_on=due,
        status=n["status"],
        outcome=n.get("outcome"),
        result_id=n.get("result_id"),
        note=n.get("note"),
        version=int(n.get("version") or 1),
    )


# The intake as `_record` reads it.
INTAKE_FIELDS: LiteralString = """i{.id, .channel, .summary, .township_id, .household_id, .owner_id,
  .received_by, .received_at, .due_on, .status, .outcome, .result_id, .note, .version}"""

# ---- reads --------------------------------------------------------------------------------

_PAGE: LiteralString = (
    """
MATCH (i:Intake)
WHERE ($all_scope OR i.township_id IN $townships)
  AND ($owner_id IS NULL OR i.owner_id = $owner_id)
  AND ($open_only = false OR i.status = 'OPEN')
WITH i ORDER BY i.due_on, i.id LIMIT $limit
RETURN """
    + INTAKE_FIELDS
    + " AS i"
)


async def intake_list(
    graph: Graph, *, scope_params: dict[str, Any], owner_id: str | None, open_only: bool, limit: int
) -> list[IntakeRecord]:
    records, _, _ = await graph.driver.execute_query(
        _PAGE,
        **scope_params,
        owner_id=owner_id,
        open_only=open_only,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [_record(r["i"]) for r in records]


# The requests a household's story starts from: about it, or registered as it (首问 → 新户).
_OF_HOUSEHOLD: LiteralString = (
    """
MATCH (h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
MATCH (i:Intake)
WHERE i.household_id = h.id OR (i.outcome = 'HOUSEHOLD' AND i.result_id = h.id)
RETURN """
    + INTAKE_FIELDS
    + """ AS i
ORDER BY i.received_at DESC LIMIT $limit
"""
)


async def intakes_of_household(
    graph: Graph, *, household_id: str, scope_params: dict[str, Any], limit: int
) -> list[IntakeRecord]:
    records, _, _ = await graph.driver.execute_query(
        _OF_HOUSEHOLD,
        household_id=household_id,
        **scope_params,
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [_record(r["i"]) for r in records]


# ---- record -------------------------------------------------------------------------------

_PLACE: LiteralString = """
MATCH (t:Region {id: $township_id, level: 'TOWNSHIP'})
WHERE $all_scope OR t.id IN $townships
OPTIONAL MATCH (h:Household {id: $household_id}) WHERE h.township_id = t.id
RETURN t.id AS township_id, h.id AS household_id
"""

_CREATE: LiteralString = (
    """
CREATE (i:Intake)
SET i = $props, i.received_at = $now, i.received_on = date($received_on),
    i.due_on = date($due_on), i.status = 'OPEN', i.version = 1
RETURN """
    + INTAKE_FIELDS
    + " AS i"
)


@dataclass(frozen=True, slots=True)
class NewIntake:
    id: str
    channel: str
    summary: str
    township_id: str
    household_id: str | None
    received_on: date
    due_on: date


async def record_intake_tx(
    tx: AsyncManagedTransaction, *, intake: NewIntake, scope_params: dict[str, Any], actor: Actor
) -> IntakeRecord:
    place = await (
        await tx.run(
            _PLACE,
            township_id=intake.township_id,
            household_id=intake.household_id,
            **scope_params,
        )
    ).single()
    # Outside the caller's scope reads as missing.
    if place is None:
        raise EntityMissing("Region", intake.township_id, "township_id")
    if intake.household_id is not None and place["household_id"] is None:
        raise EntityMissing("Household", intake.household_id, "household_id")
    props = {
        "id": intake.id,
        "channel": intake.channel,
        "summary": intake.summary,
        "township_id": intake.township_id,
        "household_id": intake.household_id,
        "owner_id": actor.id,
        "received_by": actor.id,
    }
    r = await (
        await tx.run(
            _CREATE,
            now=actor.at,
            props=props,
            received_on=intake.received_on.isoformat(),
            due_on=intake.due_on.isoformat(),
        )
    ).single()
    assert r is not None
    record = _record(r["i"])
    after = {"channel": record.channel, "owner_id": actor.id, "due_on": str(record.due_on)}
    await record_audit_many(
        tx, actor=actor, entries=[AuditEntry("INTAKE_RECORDED", "Intake", record.id, None, after)]
    )
    return record


# ---- hand over, close ---------------------------------------------------------------------

_LOCK: LiteralString = (
    """
MATCH (i:Intake {id: $intake_id})
WHERE $all_scope OR i.township_id IN $townships
SET i.locked_by = $marker
REMOVE i.locked_by
RETURN """
    + INTAKE_FIELDS
    + " AS i"
)

_USER: LiteralString = """
MATCH (u:User {id: $user_id}) WHERE coalesce(u.active, true)
RETURN u.role AS role
"""

_HAND_OVER: LiteralString = (
    """
MATCH (i:Intake {id: $intake_id})
SET i.owner_id = $to_user_id, i.version = i.version + 1
RETURN """
    + INTAKE_FIELDS
    + " AS i"
)

# What an intake became must exist, in the caller's area.
_RESULT: LiteralString = """
OPTIONAL MATCH (h:Household {id: $result_id})
  WHERE $outcome = 'HOUSEHOLD' AND ($all_scope OR h.township_id IN $townships)
OPTIONAL MATCH (nh:Household)-[:HAS_NEED]->(n:Need {id: $result_id})
  WHERE $outcome = 'NEED' AND ($all_scope OR nh.township_id IN $townships)
OPTIONAL MATCH (e:IndicatorEvent {id: $result_id}) WHERE $outcome = 'EVENT'
OPTIONAL MATCH (eh:Household {id: e.household_id})
  WHERE $all_scope OR eh.township_id IN $townships
RETURN coalesce(h.id, n.id, CASE WHEN eh IS NULL THEN null ELSE e.id END) AS found
"""

_CLOSE: LiteralString = (
    """
MATCH (i:Intake {id: $intake_id})
SET i.status = 'CLOSED', i.outcome = $outcome, i.result_id = $result_id, i.note = $note,
    i.closed_at = $now, i.closed_by = $actor_id, i.version = i.version + 1
RETURN """
    + INTAKE_FIELDS
    + " AS i"
)


@dataclass(frozen=True, slots=True)
class HandOverState:
    intake: IntakeRecord
    to_user_role: str | None  # None: no such active user


async def _locked(
    tx: AsyncManagedTransaction, intake_id: str, scope_params: dict[str, Any], actor: Actor
) -> IntakeRecord | None:
    r = await (await tx.run(_LOCK, intake_id=intake_id, marker=actor.id, **scope_params)).single()
    return _record(r["i"]) if r else None


async def hand_over_intake_tx(
    tx: AsyncManagedTransaction,
    *,
    intake_id: str,
    to_user_id: str,
    note: str | None,
    scope_params: dict[str, Any],
    actor: Actor,
    decide: Callable[[HandOverState], None],
) -> IntakeRecord | None:
    before = await _locked(tx, intake_id, scope_params, actor)
    if before is None:
        return None
    user = await (await tx.run(_USER, user_id=to_user_id)).single()
    decide(HandOverState(before, user["role"] if user else None))
    r = await (await tx.run(_HAND_OVER, intake_id=intake_id, to_user_id=to_user_id)).single()
    assert r is not None
    after = _record(r["i"])
    await notify_tx(
        tx,
        now=actor.at,
        notification_id=f"{intake_id}:owner:{after.version}",
        recipient_kind="USER",
        recipient_id=to_user_id,
        kind="INTAKE_HANDED_OVER",
        message="INTAKE_HANDED_OVER",  # a code: the page says it from kind and params
        subject_type="Intake",
        subject_id=intake_id,
        params={"dueOn": after.due_on.isoformat()},
    )
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                "INTAKE_HANDED_OVER",
                "Intake",
                intake_id,
                {"owner_id": before.owner_id, "version": before.version},
                {"owner_id": to_user_id, "version": after.version},
                note,
            )
        ],
    )
    return after


async def close_intake_tx(
    tx: AsyncManagedTransaction,
    *,
    intake_id: str,
    outcome: str,
    result_id: str | None,
    note: str | None,
    scope_params: dict[str, Any],
    actor: Actor,
    decide: Callable[[IntakeRecord, bool], None],
) -> IntakeRecord | None:
    """`decide(intake, result_found)` raises to refuse."""
    before = await _locked(tx, intake_id, scope_params, actor)
    if before is None:
        return None
    found = False
    if result_id is not None:
        r = await (
            await tx.run(_RESULT, result_id=result_id, outcome=outcome, **scope_params)
        ).single()
        found = r is not None and r["found"] is not None
    decide(before, found)
    written = await (
        await tx.run(
            _CLOSE,
            now=actor.at,
            intake_id=intake_id,
            outcome=outcome,
            result_id=result_id,
            note=note,
            actor_id=actor.id,
        )
    ).single()
    assert written is not None
    after = _record(written["i"])
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                "INTAKE_CLOSED",
                "Intake",
                intake_id,
                {"status": before.status, "version": before.version},
                {"status": "CLOSED", "outcome": outcome, "result_id": result_id},
                note,
            )
        ],
    )
    return after


# ---- escalation: open intakes past their day -----------------------------------------------

# Step 1 reminds the owner (a user), step 2 the station of the township, step 3 the county.
_OVERDUE: LiteralString = """
MATCH (i:Intake {status: 'OPEN'}) WHERE i.due_on < $today
  AND ($all_scope OR i.township_id IN $townships)
  AND ($after_id IS NULL OR i.due_on > $after_due
       OR (i.due_on = $after_due AND i.id > $after_id))
  AND COUNT { (x:Escalation {subject_key: i.id}) } < $steps
MATCH (t:Region {id: i.township_id})-[:PART_OF]->(c:Region)
WHERE $region_id IS NULL OR $region_id IN [t.id, c.id]
OPTIONAL MATCH (s:Station)-[:SERVES]->(t)
WITH i, c, min(s.id) AS station_id
RETURN i.id AS id, i.due_on AS due_on, i.owner_id AS owner_id, i.household_id AS household_id,
       c.id AS county_id, station_id,
       COLLECT { MATCH (x:Escalation {subject_key: i.id}) RETURN x.step } AS done
ORDER BY i.due_on, i.id LIMIT $limit
"""


async def overdue_intake_subjects(
    graph: Graph,
    *,
    area_params: dict[str, Any],
    today: date,
    steps: int,
    after: tuple[date, str] | None,
    limit: int,
) -> list[OverdueSubject]:
    records, _, _ = await graph.driver.execute_query(
        _OVERDUE,
        **area_params,
        today=today,
        steps=steps,
        after_due=after[0] if after else None,
        after_id=after[1] if after else None,
        limit=limit,
        database_=graph.database,
    )
    return [
        OverdueSubject(
            subject_type=INTAKE,
            subject_id=r["id"],
            subject_key=r["id"],
            household_id=r["household_id"] or "",
            level=None,
            due_at=None,
            due_on=as_date(r["due_on"]),
            worker_id=None,
            first_kind="USER",
            first_id=r["owner_id"],
            station_id=r["station_id"],
            county_id=r["county_id"],
            steps_done=tuple(sorted(r["done"])),
        )
        for r in records
    ]
