"""Declaring and removing conflicts of interest (回避): a social worker or volunteer who
must never be paired with a household (优亲厚友).

`MERGE` on the relationship between two bound nodes locks both, so two concurrent
declarations of the same pair make one relationship, and the second is told so.
"""

from __future__ import annotations

from typing import LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.organisations import DeclaredConflictRow, declared_conflict_row
from graph.registry_writes import EntityMissing, RuleBroken, node_dict

_DECLARE: LiteralString = """
OPTIONAL MATCH (w:SocialWorker {id: $helper_id})
OPTIONAL MATCH (v:Volunteer {id: $helper_id})
WITH coalesce(w, v) AS helper
MATCH (h:Household {id: $household_id})
WHERE helper IS NOT NULL
MERGE (helper)-[c:CONFLICTS_WITH]->(h)
ON CREATE SET c.id = $id, c.reason = $reason, c.note = $note, c.declared_at = datetime(),
              c.declared_by = $declared_by
RETURN c, coalesce(c.id = $id, false) AS created,
       CASE WHEN helper:SocialWorker THEN 'SOCIAL_WORKER' ELSE 'VOLUNTEER' END AS helper_kind
"""

_REMOVE: LiteralString = """
OPTIONAL MATCH (w:SocialWorker {id: $helper_id})
OPTIONAL MATCH (v:Volunteer {id: $helper_id})
WITH coalesce(w, v) AS helper
MATCH (helper)-[c:CONFLICTS_WITH]->(h:Household {id: $household_id})
WITH c, properties(c) AS before,
     CASE WHEN helper:SocialWorker THEN 'SOCIAL_WORKER' ELSE 'VOLUNTEER' END AS helper_kind
DELETE c
RETURN before, helper_kind
"""


def _audit_id(declaration_id: str | None, helper_id: str, household_id: str) -> str:
    # Generated conflicts (the demo county, imports) carry no id of their own.
    return declaration_id or f"{helper_id}->{household_id}"


async def declare_conflict_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    declaration_id: str,
    helper_id: str,
    household_id: str,
    reason: str,
    note: str | None,
) -> DeclaredConflictRow:
    record = await (
        await tx.run(
            _DECLARE,
            id=declaration_id,
            helper_id=helper_id,
            household_id=household_id,
            reason=reason,
            note=note,
            declared_by=actor.id,
        )
    ).single()
    if record is None:
        raise EntityMissing("Household", household_id)
    if not record["created"]:
        raise RuleBroken(
            "ALREADY_DECLARED", "This conflict of interest is already declared.", "household_id"
        )
    after = {**node_dict(record["c"]), "helper_id": helper_id, "household_id": household_id}
    await record_audit(
        tx,
        actor=actor,
        action="DECLARE_CONFLICT",
        entity_type="ConflictOfInterest",
        entity_id=declaration_id,
        before=None,
        after=after,
    )
    return declared_conflict_row(
        helper_id=helper_id,
        helper_kind=record["helper_kind"],
        household_id=household_id,
        rel=record["c"],
    )


async def remove_conflict_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    helper_id: str,
    household_id: str,
    reason: str | None,
) -> DeclaredConflictRow:
    record = await (await tx.run(_REMOVE, helper_id=helper_id, household_id=household_id)).single()
    if record is None:
        raise EntityMissing("ConflictOfInterest", f"{helper_id}->{household_id}")
    before = dict(record["before"])
    await record_audit(
        tx,
        actor=actor,
        action="REMOVE_CONFLICT",
        entity_type="ConflictOfInterest",
        entity_id=_audit_id(before.get("id"), helper_id, household_id),
        before={**before, "helper_id": helper_id, "household_id": household_id},
        after=None,
        reason=reason,
    )
    return declared_conflict_row(
        helper_id=helper_id,
        helper_kind=record["helper_kind"],
        household_id=household_id,
        rel=before,
    )
