"""Case conferences (个案会商) and their decisions.

`(:Conference {id, household_id, township_id, station_id, convened_by, held_on, topic,
participants (JSON: name, agency_kind, agency_name, role), status, notes, close_note,
created_at, held_at, closed_at, version})-[:FOR]->(:Household)` and
`(:ConferenceDecision {id, conference_id, household_id, what, owner_worker_id, owner_name,
due_on, status, done_note, done_at, created_at, version})-[:OF]->(:Conference)`, with
`-[:OWNED_BY]->(:SocialWorker)` when a worker carries it out. A conference is in the
caller's scope when its household is. Participants are agency staff, never the household.
The decisions' own reads and moves are in `graph.conference_decisions`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, AuditEntry, record_audit_many
from graph.driver import Graph
from graph.registry_writes import EntityMissing
from graph.values import as_date, as_datetime


@dataclass(frozen=True, slots=True)
class ParticipantRecord:
    name: str
    agency_kind: str
    agency_name: str
    role: str | None


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    id: str
    conference_id: str
    household_id: str
    what: str
    owner_worker_id: str | None
    owner_name: str  # the worker's name, or the name given in words
    due_on: date
    status: str
    done_note: str | None
    done_at: datetime | None
    created_at: datetime | None
    version: int


@dataclass(frozen=True, slots=True)
class ConferenceRecord:
    id: str
    household_id: str
    station_id: str | None
    convened_by: str
    held_on: date
    topic: str
    participants: tuple[ParticipantRecord, ...]
    status: str
    notes: str | None
    close_note: str | None
    created_at: datetime | None
    held_at: datetime | None
    closed_at: datetime | None
    version: int
    decisions: tuple[DecisionRecord, ...] = ()


# The named properties every read returns (never the whole node).
_C: LiteralString = """c{.id, .household_id, .station_id, .convened_by, .held_on, .topic,
  .participants, .status, .notes, .close_note, .created_at, .held_at, .closed_at, .version}"""
DECISION_FIELDS: LiteralString = """d{.id, .conference_id, .household_id, .what, .owner_worker_id,
  .owner_name, .due_on, .status, .done_note, .done_at, .created_at, .version}"""
_WITH_DECISIONS: LiteralString = (
    " RETURN "
    + _C
    + " AS c, COLLECT { MATCH (d:ConferenceDecision)-[:OF]->(c) RETURN "
    + DECISION_FIELDS
    + " } AS ds"
)


def decision_record(d: Any) -> DecisionRecord:
    due = as_date(d["due_on"])
    assert due is not None
    return DecisionRecord(
        id=d["id"],
        conference_id=d["conference_id"],
        household_id=d["household_id"],
        what=d["what"],
        owner_worker_id=d.get("owner_worker_id"),
        owner_name=d.get("owner_name") or "",
        due_on=due,
        status=d["status"],
        done_note=d.get("done_note"),
        done_at=as_datetime(d.get("done_at")),
        created_at=as_datetime(d.get("created_at")),
        version=int(d.get("version") or 1),
    )


def _record(c: Any, decisions: Sequence[Any] = ()) -> ConferenceRecord:
    held = as_date(c["held_on"])
    assert held is not None
    return ConferenceRecord(
        id=c["id"],
        household_id=c["household_id"],
        station_id=c.get("station_id"),
        convened_by=c["convened_by"],
        held_on=held,
        topic=c["topic"],
        participants=tuple(
            ParticipantRecord(p["name"], p["agency_kind"], p["agency_name"], p.get("role"))
            for p in json.loads(c.get("participants") or "[]")
        ),
        status=c["status"],
        notes=c.get("notes"),
        close_note=c.get("close_note"),
        created_at=as_datetime(c.get("created_at")),
        held_at=as_datetime(c.get("held_at")),
        closed_at=as_datetime(c.get("closed_at")),
        version=int(c.get("version") or 1),
        decisions=tuple(
            sorted((decision_record(d) for d in decisions), key=lambda d: (d.due_on, d.id))
        ),
    )


# ---- reads --------------------------------------------------------------------------------

_OF_HOUSEHOLD: LiteralString = (
    """
MATCH (c:Conference)-[:FOR]->(h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
WITH c ORDER BY c.held_on DESC, c.created_at DESC LIMIT $limit
"""
    + _WITH_DECISIONS
)


async def conferences_of_household(
    graph: Graph, *, household_id: str, scope_params: dict[str, Any], limit: int
) -> list[ConferenceRecord]:
    records, _, _ = await graph.driver.execute_query(
        _OF_HOUSEHOLD,
        household_id=household_id,
        limit=limit,
        **scope_params,
        database_=graph.database,
        routing_="r",
    )
    return [_record(r["c"], r["ds"]) for r in records]


# ---- convene ------------------------------------------------------------------------------

_LOCK_HOUSEHOLD: LiteralString = """
MATCH (h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
SET h.locked_by = $marker
REMOVE h.locked_by
WITH h
OPTIONAL MATCH (s:Station)-[:SERVES]->(:Region {id: h.township_id})
RETURN h.township_id AS township_id, min(s.id) AS station_id
"""

_CREATE: LiteralString = (
    """
MATCH (h:Household {id: $household_id})
CREATE (c:Conference)
SET c = $props, c.held_on = date($held_on), c.status = 'SCHEDULED', c.created_at = $now,
    c.version = 1
CREATE (c)-[:FOR]->(h)
RETURN """
    + _C
    + " AS c"
)


@dataclass(frozen=True, slots=True)
class NewConference:
    id: str
    household_id: str
    held_on: date
    topic: str
    participants: tuple[ParticipantRecord, ...]


async def convene_conference_tx(
    tx: AsyncManagedTransaction,
    *,
    conference: NewConference,
    scope_params: dict[str, Any],
    actor: Actor,
) -> ConferenceRecord | None:
    """None when the household is not in scope."""
    locked = await (
        await tx.run(
            _LOCK_HOUSEHOLD,
            household_id=conference.household_id,
            marker=actor.id,
            **scope_params,
        )
    ).single()
    if locked is None:
        return None
    participants = [
        {"name": p.name, "agency_kind": p.agency_kind, "agency_name": p.agency_name, "role": p.role}
        for p in conference.participants
    ]
    props = {
        "id": conference.id,
        "household_id": conference.household_id,
        "township_id": locked["township_id"],
        "station_id": locked["station_id"],
        "convened_by": actor.id,
        "topic": conference.topic,
        "participants": json.dumps(participants, ensure_ascii=False),
    }
    r = await (
        await tx.run(
            _CREATE,
            now=actor.at,
            household_id=conference.household_id,
            props=props,
            held_on=conference.held_on.isoformat(),
        )
    ).single()
    assert r is not None
    record = _record(r["c"])
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                "CONFERENCE_CONVENED",
                "Conference",
                record.id,
                None,
                {
                    "household_id": record.household_id,
                    "held_on": record.held_on.isoformat(),
                    "participants": len(participants),
                },
            )
        ],
    )
    return record


# ---- the moves: record as held, close or cancel, a decision done ---------------------------

_LOCK: LiteralString = (
    """
MATCH (c:Conference {id: $conference_id})-[:FOR]->(h:Household)
WHERE $all_scope OR h.township_id IN $townships
SET c.locked_by = $marker
REMOVE c.locked_by
"""
    + _WITH_DECISIONS
)

# A worker who owns a decision works in the caller's area.
_OWNERS: LiteralString = """
UNWIND $ids AS id
MATCH (w:SocialWorker {id: id})-[:WORKS_AT]->(:Station)-[:SERVES]->(t:Region)
WHERE $all_scope OR t.id IN $townships
RETURN DISTINCT w.id AS id, w.name AS name
"""

_HELD: LiteralString = """
MATCH (c:Conference {id: $conference_id})
SET c.status = 'HELD', c.notes = $notes, c.held_at = $now, c.version = c.version + 1
WITH c
UNWIND $decisions AS row
CREATE (d:ConferenceDecision)
SET d = row, d.due_on = date(row.due_on), d.status = 'OPEN', d.created_at = $now,
    d.version = 1
CREATE (d)-[:OF]->(c)
WITH d
OPTIONAL MATCH (w:SocialWorker {id: d.owner_worker_id})
FOREACH (x IN CASE WHEN w IS NULL THEN [] ELSE [w] END | CREATE (d)-[:OWNED_BY]->(x))
"""

_CLOSE: LiteralString = """
MATCH (c:Conference {id: $conference_id})
SET c.status = $status, c.close_note = $note, c.closed_at = $now, c.version = c.version + 1
"""

_RELOAD: LiteralString = "MATCH (c:Conference {id: $conference_id})" + _WITH_DECISIONS


@dataclass(frozen=True, slots=True)
class NewDecision:
    id: str
    what: str
    owner_worker_id: str | None
    owner_name: str | None
    due_on: date


async def _locked(
    tx: AsyncManagedTransaction, conference_id: str, scope_params: dict[str, Any], actor: Actor
) -> ConferenceRecord | None:
    r = await (
        await tx.run(_LOCK, conference_id=conference_id, marker=actor.id, **scope_params)
    ).single()
    return None if r is None else _record(r["c"], r["ds"])


async def _reload(tx: AsyncManagedTransaction, conference_id: str) -> ConferenceRecord:
    r = await (await tx.run(_RELOAD, conference_id=conference_id)).single()
    assert r is not None
    return _record(r["c"], r["ds"])


async def record_conference_tx(
    tx: AsyncManagedTransaction,
    *,
    conference_id: str,
    notes: str,
    decisions: Sequence[NewDecision],
    scope_params: dict[str, Any],
    actor: Actor,
    decide: Callable[[ConferenceRecord], None],
) -> ConferenceRecord | None:
    """Lock the conference, let `decide` refuse (it raises), check the owners, write the
    notes and the decisions, audit; None when the conference is not in scope."""
    before = await _locked(tx, conference_id, scope_params, actor)
    if before is None:
        return None
    decide(before)
    wanted = sorted({d.owner_worker_id for d in decisions if d.owner_worker_id})
    names = {r["id"]: r["name"] async for r in await tx.run(_OWNERS, ids=wanted, **scope_params)}
    for worker_id in wanted:
        if worker_id not in names:
            raise EntityMissing("SocialWorker", worker_id)
    rows = [
        {
            "id": d.id,
            "conference_id": conference_id,
            "household_id": before.household_id,
            "what": d.what,
            "owner_worker_id": d.owner_worker_id,
            "owner_name": names[d.owner_worker_id] if d.owner_worker_id else d.owner_name,
            "due_on": d.due_on.isoformat(),
        }
        for d in decisions
    ]
    await tx.run(_HELD, now=actor.at, conference_id=conference_id, notes=notes, decisions=rows)
    after = await _reload(tx, conference_id)
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                "CONFERENCE_HELD",
                "Conference",
                conference_id,
                {"status": before.status, "version": before.version},
                {"status": after.status, "version": after.version, "decisions": len(rows)},
            ),
            *(
                AuditEntry(
                    "CONFERENCE_DECISION_RECORDED",
                    "ConferenceDecision",
                    str(row["id"]),
                    None,
                    {
                        "conference_id": conference_id,
                        "owner_worker_id": row["owner_worker_id"],
                        "due_on": row["due_on"],
                    },
                )
                for row in rows
            ),
        ],
    )
    return after


async def close_conference_tx(
    tx: AsyncManagedTransaction,
    *,
    conference_id: str,
    note: str | None,
    scope_params: dict[str, Any],
    actor: Actor,
    decide: Callable[[ConferenceRecord], str],
) -> ConferenceRecord | None:
    """Lock, let `decide` name the new status (CLOSED or CANCELLED) or raise, write, audit."""
    before = await _locked(tx, conference_id, scope_params, actor)
    if before is None:
        return None
    status = decide(before)
    await tx.run(_CLOSE, now=actor.at, conference_id=conference_id, status=status, note=note)
    after = await _reload(tx, conference_id)
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                f"CONFERENCE_{status}",
                "Conference",
                conference_id,
                {"status": before.status, "version": before.version},
                {"status": after.status, "version": after.version},
                note,
            )
        ],
    )
    return after
