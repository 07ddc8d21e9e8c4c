"""Referrals (转介): a household handed to another agency for one thing, by a day.

`(:Referral {id, household_id, target_kind, department, target_id, target_name, request,
sent_on, due_on, status, note, feedback, from_station_id, created_by, created_at,
answered_at, answered_by, completed_at, version})-[:FOR]->(:Household)`, and for a station
or a charity `-[:TO]->(:Station|:Charity)`. The sending station is the one serving the
household's township. A referral is in the caller's scope when its household is, or when it
was sent to a station of the caller's area (the receiving station answers it, but sees only
the request, not who the household is, unless the household is in its area too).
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
from graph.registry_writes import EntityMissing
from graph.values import as_date, as_datetime

REFERRAL = "REFERRAL"


@dataclass(frozen=True, slots=True)
class ReferralRecord:
    id: str
    household_id: str
    target_kind: str
    department: str | None
    target_id: str | None
    target_name: str | None
    request: str
    sent_on: date
    due_on: date
    status: str
    note: str | None  # why it was refused, or what the receiver said on accepting
    feedback: str | None
    from_station_id: str | None
    created_by: str
    created_at: datetime | None
    answered_at: datetime | None
    completed_at: datetime | None
    version: int


def _record(r: Any) -> ReferralRecord:
    n = r["r"]
    sent = as_date(n["sent_on"])
    due = as_date(n["due_on"])
    assert sent is not None and due is not None
    return ReferralRecord(
        id=n["id"],
        household_id=n["household_id"],
        target_kind=n["target_kind"],
        department=n.get("department"),
        target_id=n.get("target_id"),
        target_name=n.get("target_name"),
        request=n["request"],
        sent_on=sent,
        due_on=due,
        status=n["status"],
        note=n.get("note"),
        feedback=n.get("feedback"),
        from_station_id=n.get("from_station_id"),
        created_by=n["created_by"],
        created_at=as_datetime(n.get("created_at")),
        answered_at=as_datetime(n.get("answered_at")),
        completed_at=as_datetime(n.get("completed_at")),
        version=int(n.get("version") or 1),
    )


# The explicit projection every read returns: the referral's properties `_record` reads,
# nothing of the household beyond its id.
REFERRAL_FIELDS: LiteralString = """r{.id, .household_id, .target_kind, .department, .target_id,
  .target_name, .request, .sent_on, .due_on, .status, .note, .feedback, .from_station_id,
  .created_by, .created_at, .answered_at, .completed_at, .version}"""

_RETURN: LiteralString = " RETURN " + REFERRAL_FIELDS + " AS r"

_IN_SCOPE: LiteralString = """
MATCH (r:Referral)-[:FOR]->(h:Household)
WHERE ($all_scope OR h.township_id IN $townships
       OR EXISTS { (r)-[:TO]->(:Station)-[:SERVES]->(t:Region) WHERE t.id IN $townships })
"""

# ---- reads --------------------------------------------------------------------------------

_OF_HOUSEHOLD: LiteralString = (
    """
MATCH (r:Referral)-[:FOR]->(h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
WITH r ORDER BY r.sent_on DESC, r.created_at DESC
"""
    + _RETURN
)

# A station's lists: 转办清单 (what it sent) and 反馈清单 (what it was sent, to answer).
_OF_STATION: LiteralString = (
    _IN_SCOPE
    + """
  AND (($direction = 'SENT' AND r.from_station_id = $station_id)
       OR ($direction = 'RECEIVED' AND r.target_kind = 'STATION' AND r.target_id = $station_id))
  AND ($open_only = false OR r.status IN ['SENT', 'ACCEPTED'])
WITH r ORDER BY r.due_on, r.id LIMIT $limit
"""
    + _RETURN
)


async def referrals_of_household(
    graph: Graph, *, household_id: str, scope_params: dict[str, Any]
) -> list[ReferralRecord]:
    records, _, _ = await graph.driver.execute_query(
        _OF_HOUSEHOLD,
        household_id=household_id,
        **scope_params,
        database_=graph.database,
        routing_="r",
    )
    return [_record(r) for r in records]


async def referrals_of_station(
    graph: Graph,
    *,
    station_id: str,
    direction: str,
    open_only: bool,
    scope_params: dict[str, Any],
    limit: int,
) -> list[ReferralRecord]:
    records, _, _ = await graph.driver.execute_query(
        _OF_STATION,
        station_id=station_id,
        direction=direction,
        open_only=open_only,
        limit=limit,
        **scope_params,
        database_=graph.database,
        routing_="r",
    )
    return [_record(r) for r in records]


# ---- create -------------------------------------------------------------------------------

_LOCK_HOUSEHOLD: LiteralString = """
MATCH (h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
SET h.locked_by = $marker
REMOVE h.locked_by
WITH h
OPTIONAL MATCH (s:Station)-[:SERVES]->(:Region {id: h.township_id})
RETURN h.id AS id, min(s.id) AS station_id
"""

_TARGET: LiteralString = """
OPTIONAL MATCH (s:Station {id: $target_id}) WHERE $kind = 'STATION'
OPTIONAL MATCH (c:Charity {id: $target_id}) WHERE $kind = 'CHARITY'
RETURN coalesce(s.name, c.name) AS name
"""

_CREATE: LiteralString = (
    """
MATCH (h:Household {id: $household_id})
CREATE (r:Referral)
SET r = $props, r.sent_on = date($sent_on), r.due_on = date($due_on), r.status = 'SENT',
    r.created_at = $now, r.version = 1
CREATE (r)-[:FOR]->(h)
WITH r
OPTIONAL MATCH (s:Station {id: r.target_id}) WHERE r.target_kind = 'STATION'
OPTIONAL MATCH (c:Charity {id: r.target_id}) WHERE r.target_kind = 'CHARITY'
FOREACH (t IN [x IN [s, c] WHERE x IS NOT NULL] | CREATE (r)-[:TO]->(t))
"""
    + _RETURN
)


@dataclass(frozen=True, slots=True)
class NewReferral:
    id: str
    household_id: str
    target_kind: str
    department: str | None
    target_id: str | None
    request: str
    sent_on: date
    due_on: date


async def create_referral_tx(
    tx: AsyncManagedTransaction,
    *,
    referral: NewReferral,
    scope_params: dict[str, Any],
    actor: Actor,
) -> ReferralRecord | None:
    """None when the household is not in scope; EntityMissing when the target is unknown."""
    locked = await (
        await tx.run(
            _LOCK_HOUSEHOLD,
            household_id=referral.household_id,
            marker=actor.id,
            **scope_params,
        )
    ).single()
    if locked is None:
        return None
    name: str | None = None
    if referral.target_id is not None:
        found = await (
            await tx.run(_TARGET, kind=referral.target_kind, target_id=referral.target_id)
        ).single()
        name = found["name"] if found else None
        if name is None:
            raise EntityMissing(referral.target_kind.title(), referral.target_id)
    props = {
        "id": referral.id,
        "household_id": referral.household_id,
        "target_kind": referral.target_kind,
        "department": referral.department,
        "target_id": referral.target_id,
        "target_name": name,
        "request": referral.request,
        "from_station_id": locked["station_id"],
        "created_by": actor.id,
    }
    r = await (
        await tx.run(
            _CREATE,
            now=actor.at,
            household_id=referral.household_id,
            props=props,
            sent_on=referral.sent_on.isoformat(),
            due_on=referral.due_on.isoformat(),
        )
    ).single()
    assert r is not None
    record = _record(r)
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                "REFERRAL_SENT",
                "Referral",
                record.id,
                None,
                {
                    "household_id": record.household_id,
                    "target_kind": record.target_kind,
                    "department": record.department,
                    "target_id": record.target_id,
                    "due_on": record.due_on.isoformat(),
                },
            )
        ],
    )
    return record


# ---- answer: accept, refuse, feedback ------------------------------------------------------

_LOCK: LiteralString = (
    """
MATCH (r:Referral {id: $referral_id})-[:FOR]->(h:Household)
WHERE $all_scope OR h.township_id IN $townships
   OR EXISTS { (r)-[:TO]->(:Station)-[:SERVES]->(t:Region) WHERE t.id IN $townships }
SET r.locked_by = $marker
REMOVE r.locked_by
"""
    + _RETURN
)

_ANSWER: LiteralString = (
    """
MATCH (r:Referral {id: $referral_id})
SET r.status = $status, r.version = r.version + 1,
    r.note = CASE WHEN $status IN ['ACCEPTED', 'REFUSED'] THEN $note ELSE r.note END,
    r.feedback = CASE WHEN $status = 'COMPLETED' THEN $note ELSE r.feedback END,
    r.answered_at = CASE WHEN $status IN ['ACCEPTED', 'REFUSED'] THEN $now
                         ELSE r.answered_at END,
    r.answered_by = CASE WHEN $status IN ['ACCEPTED', 'REFUSED'] THEN $actor_id
                         ELSE r.answered_by END,
    r.completed_at = CASE WHEN $status = 'COMPLETED' THEN $now ELSE r.completed_at END
"""
    + _RETURN
)


async def answer_referral_tx(
    tx: AsyncManagedTransaction,
    *,
    referral_id: str,
    note: str | None,
    scope_params: dict[str, Any],
    actor: Actor,
    decide: Callable[[ReferralRecord], str],
) -> ReferralRecord | None:
    """Lock the referral, let `decide` name its new status (or raise), write and audit."""
    r = await (
        await tx.run(_LOCK, referral_id=referral_id, marker=actor.id, **scope_params)
    ).single()
    if r is None:
        return None
    before = _record(r)
    status = decide(before)
    written = await (
        await tx.run(
            _ANSWER,
            now=actor.at,
            referral_id=referral_id,
            status=status,
            note=note,
            actor_id=actor.id,
        )
    ).single()
    assert written is not None
    after = _record(written)
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                f"REFERRAL_{status}",
                "Referral",
                referral_id,
                {"status": before.status, "version": before.version},
                {"status": after.status, "version": after.version},
                note,
            )
        ],
    )
    return after


# ---- escalation: open referrals past their day ---------------------------------------------

# Step 1 goes to who must act: the receiving station, or (a department, a charity, outside
# the platform) the sending station that must chase them; step 2 to the sending station,
# step 3 to the county.
_OVERDUE: LiteralString = """
MATCH (r:Referral) WHERE r.status IN ['SENT', 'ACCEPTED'] AND r.due_on < $today
  AND ($after_id IS NULL OR r.due_on > $after_due
       OR (r.due_on = $after_due AND r.id > $after_id))
  AND COUNT { (x:Escalation {subject_key: r.id}) } < $steps
MATCH (r)-[:FOR]->(h:Household)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($region_id IS NULL OR $region_id IN [h.village_id, h.township_id, h.county_id])
RETURN r.id AS id, r.due_on AS due_on, h.id AS household_id, h.county_id AS county_id,
       r.from_station_id AS station_id,
       CASE WHEN r.target_kind = 'STATION' THEN r.target_id ELSE r.from_station_id END AS first,
       COLLECT { MATCH (x:Escalation {subject_key: r.id}) RETURN x.step } AS done
ORDER BY r.due_on, r.id LIMIT $limit
"""


async def overdue_referral_subjects(
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
    out = []
    for r in records:
        if r["first"] is None and r["county_id"] is None:
            continue
        out.append(
            OverdueSubject(
                subject_type=REFERRAL,
                subject_id=r["id"],
                subject_key=r["id"],
                household_id=r["household_id"],
                level=None,
                due_at=None,
                due_on=as_date(r["due_on"]),
                worker_id=None,
                first_kind="STATION" if r["first"] else "COUNTY",
                first_id=r["first"] or r["county_id"],
                station_id=r["station_id"],
                county_id=r["county_id"],
                steps_done=tuple(sorted(r["done"])),
            )
        )
    return out
