"""Case conference decisions (个案会商议定事项) as tasks: the open ones a user follows up,
one marked done, and those past their day for the escalation pass. The nodes are described
in `graph.conferences`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, AuditEntry, record_audit_many
from graph.conferences import DECISION_FIELDS, DecisionRecord, decision_record
from graph.driver import Graph
from graph.escalation import OverdueSubject
from graph.values import as_date

CONFERENCE_DECISION = "CONFERENCE_DECISION"

# Open decisions, earliest due first: a worker's own, or (no worker) those of conferences the
# user convened that nobody on the platform owns (the convener chases them).
_DECISIONS: LiteralString = (
    """
MATCH (d:ConferenceDecision)-[:OF]->(c:Conference)-[:FOR]->(h:Household)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($open_only = false OR d.status = 'OPEN')
  AND ($mine = false OR d.owner_worker_id = $worker_id
       OR (d.owner_worker_id IS NULL AND c.convened_by = $user_id))
WITH d ORDER BY d.due_on, d.id LIMIT $limit
RETURN """
    + DECISION_FIELDS
    + " AS d"
)


async def conference_decisions(
    graph: Graph,
    *,
    scope_params: dict[str, Any],
    mine: bool,
    worker_id: str | None,
    user_id: str,
    open_only: bool,
    limit: int,
) -> list[DecisionRecord]:
    records, _, _ = await graph.driver.execute_query(
        _DECISIONS,
        mine=mine,
        worker_id=worker_id,
        user_id=user_id,
        open_only=open_only,
        limit=limit,
        **scope_params,
        database_=graph.database,
        routing_="r",
    )
    return [decision_record(r["d"]) for r in records]


_LOCK_DECISION: LiteralString = (
    """
MATCH (d:ConferenceDecision {id: $decision_id})-[:OF]->(c:Conference)-[:FOR]->(h:Household)
WHERE $all_scope OR h.township_id IN $townships
SET d.locked_by = $marker
REMOVE d.locked_by
RETURN c.status AS conference_status, """
    + DECISION_FIELDS
    + " AS d"
)

_DONE: LiteralString = (
    """
MATCH (d:ConferenceDecision {id: $decision_id})
SET d.status = 'DONE', d.done_note = $note, d.done_at = $now, d.done_by = $actor_id,
    d.version = d.version + 1
RETURN """
    + DECISION_FIELDS
    + " AS d"
)


async def complete_decision_tx(
    tx: AsyncManagedTransaction,
    *,
    decision_id: str,
    note: str,
    scope_params: dict[str, Any],
    actor: Actor,
    decide: Callable[[str, DecisionRecord], None],
) -> DecisionRecord | None:
    """Lock the decision, let `decide` (conference status, decision) refuse, mark it done."""
    r = await (
        await tx.run(_LOCK_DECISION, decision_id=decision_id, marker=actor.id, **scope_params)
    ).single()
    if r is None:
        return None
    before = decision_record(r["d"])
    decide(r["conference_status"], before)
    written = await (
        await tx.run(_DONE, now=actor.at, decision_id=decision_id, note=note, actor_id=actor.id)
    ).single()
    assert written is not None
    after = decision_record(written["d"])
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                "CONFERENCE_DECISION_DONE",
                "ConferenceDecision",
                decision_id,
                {"status": before.status, "version": before.version},
                {"status": after.status, "version": after.version},
                note,
            )
        ],
    )
    return after


# ---- escalation: open decisions past their day ---------------------------------------------

# Step 1 goes to the owner (a worker) or, for an owner outside the platform, to the user who
# convened the conference (who must chase them); step 2 to the household's station; step 3
# to the county.
_OVERDUE: LiteralString = """
MATCH (d:ConferenceDecision {status: 'OPEN'}) WHERE d.due_on < $today
  AND ($after_id IS NULL OR d.due_on > $after_due
       OR (d.due_on = $after_due AND d.id > $after_id))
  AND COUNT { (x:Escalation {subject_key: d.id}) } < $steps
MATCH (d)-[:OF]->(c:Conference {status: 'HELD'})-[:FOR]->(h:Household)
WHERE ($all_scope OR h.township_id IN $townships)
  AND ($region_id IS NULL OR $region_id IN [h.village_id, h.township_id, h.county_id])
RETURN d.id AS id, d.due_on AS due_on, h.id AS household_id, h.county_id AS county_id,
       c.station_id AS station_id, d.owner_worker_id AS worker_id, c.convened_by AS convener,
       COLLECT { MATCH (x:Escalation {subject_key: d.id}) RETURN x.step } AS done
ORDER BY d.due_on, d.id LIMIT $limit
"""


async def overdue_decision_subjects(
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
            subject_type=CONFERENCE_DECISION,
            subject_id=r["id"],
            subject_key=r["id"],
            household_id=r["household_id"],
            level=None,
            due_at=None,
            due_on=as_date(r["due_on"]),
            worker_id=r["worker_id"],
            first_kind="WORKER" if r["worker_id"] else "USER",
            first_id=r["worker_id"] or r["convener"],
            station_id=r["station_id"],
            county_id=r["county_id"],
            steps_done=tuple(sorted(r["done"])),
        )
        for r in records
    ]
