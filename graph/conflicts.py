"""Declaring and removing conflicts of interest (回避): a social worker or volunteer who
must never be paired with a household (优亲厚友).

A declaration locks the household first and reads whether the pair is already declared;
the caller's `decide` refuses a second declaration, so two concurrent declarations of the
same pair make one relationship, and the second is told so.

Also reading the conflicts declared on a household.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.driver import Graph
from graph.registry_writes import EntityMissing
from graph.scope import Scope


@dataclass(frozen=True, slots=True)
class ConflictRecord:
    helper_id: str  # a social worker or volunteer id
    household_id: str
    reason: str  # KINSHIP | DECLARED


@dataclass(frozen=True, slots=True)
class DeclaredConflictRow:
    helper_id: str
    helper_kind: str  # SOCIAL_WORKER | VOLUNTEER
    household_id: str
    reason: str  # CONFLICT_REASONS
    note: str | None
    declared_at: datetime | None
    declared_by: str | None


# ---- reads ------------------------------------------------------------------------------
_CONFLICTS_OF_HOUSEHOLD: LiteralString = """
MATCH (x)-[c:CONFLICTS_WITH]->(h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
RETURN x.id AS helper_id,
       CASE WHEN x:SocialWorker THEN 'SOCIAL_WORKER' ELSE 'VOLUNTEER' END AS helper_kind,
       c{.reason, .note, .declared_at, .declared_by} AS c
ORDER BY helper_id
"""


def declared_conflict_row(
    *, helper_id: str, helper_kind: str, household_id: str, rel: Any
) -> DeclaredConflictRow:
    at = rel.get("declared_at")
    return DeclaredConflictRow(
        helper_id=helper_id,
        helper_kind=helper_kind,
        household_id=household_id,
        reason=rel.get("reason") or "DECLARED",
        note=rel.get("note"),
        declared_at=at.to_native() if at is not None and hasattr(at, "to_native") else at,
        declared_by=rel.get("declared_by"),
    )


async def conflicts_of_household(
    graph: Graph, household_id: str, *, scope: Scope
) -> list[DeclaredConflictRow]:
    records, _, _ = await graph.driver.execute_query(
        _CONFLICTS_OF_HOUSEHOLD,
        household_id=household_id,
        **scope.params(),
        database_=graph.database,
        routing_="r",
    )
    return [
        declared_conflict_row(
            helper_id=r["helper_id"],
            helper_kind=r["helper_kind"],
            household_id=household_id,
            rel=r["c"],
        )
        for r in records
    ]


_DECLARED_LOCKED: LiteralString = """
OPTIONAL MATCH (w:SocialWorker {id: $helper_id})
OPTIONAL MATCH (v:Volunteer {id: $helper_id})
WITH coalesce(w, v) AS helper
MATCH (h:Household {id: $household_id})
WHERE helper IS NOT NULL
SET h.locked_by = $marker
REMOVE h.locked_by
RETURN EXISTS { (helper)-[:CONFLICTS_WITH]->(h) } AS declared
"""


@dataclass(frozen=True, slots=True)
class DeclarationState:
    """The pair as it stands, the household locked."""

    already_declared: bool


_DECLARE: LiteralString = """
OPTIONAL MATCH (w:SocialWorker {id: $helper_id})
OPTIONAL MATCH (v:Volunteer {id: $helper_id})
WITH coalesce(w, v) AS helper
MATCH (h:Household {id: $household_id})
WHERE helper IS NOT NULL
MERGE (helper)-[c:CONFLICTS_WITH]->(h)
ON CREATE SET c.id = $id, c.reason = $reason, c.note = $note, c.declared_at = $now,
              c.declared_by = $declared_by
RETURN c{.reason, .note, .declared_at, .declared_by} AS c, properties(c) AS after,
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


# ---- writes -----------------------------------------------------------------------------


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
    decide: Callable[[DeclarationState], None],
) -> DeclaredConflictRow:
    locked = await (
        await tx.run(
            _DECLARED_LOCKED, helper_id=helper_id, household_id=household_id, marker=actor.id
        )
    ).single()
    if locked is None:
        raise EntityMissing("Household", household_id)
    decide(DeclarationState(already_declared=bool(locked["declared"])))
    record = await (
        await tx.run(
            _DECLARE,
            now=actor.at,
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
    after = {**dict(record["after"]), "helper_id": helper_id, "household_id": household_id}
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
