"""Writing needs: creation (always OPEN) and guarded changes of fields and status."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.need_reporters import need_resolved_tx
from graph.needs import NeedRow, need_row
from graph.registry_writes import EntityMissing, VersionMismatch, node_dict

# Allowed status changes (DESIGN.md): OPEN → PLEDGED → FULFILLED, OPEN/PLEDGED → CANCELLED,
# and PLEDGED → OPEN when a pledge lapses. FULFILLED and CANCELLED are final.
NEED_TRANSITIONS: Mapping[str, frozenset[str]] = {
    "OPEN": frozenset({"PLEDGED", "CANCELLED"}),
    "PLEDGED": frozenset({"FULFILLED", "CANCELLED", "OPEN"}),
    "FULFILLED": frozenset(),
    "CANCELLED": frozenset(),
}
FINAL_STATUSES = frozenset({"FULFILLED", "CANCELLED"})

_CREATE_NEED: LiteralString = """
MATCH (h:Household {id: $household_id})
CREATE (n:Need {id: $id})
SET n += $props, n.status = 'OPEN', n.version = 1, n.created_at = datetime(),
    n.updated_at = datetime()
CREATE (h)-[:HAS_NEED]->(n)
RETURN n, h.id AS household_id, h.township_id AS township_id, h.tier AS tier
"""

# The caller checked the transition against the state it read; matching on that state's
# version and status here makes the check hold at commit time too.
_UPDATE_NEED: LiteralString = """
MATCH (h:Household)-[:HAS_NEED]->(n:Need {id: $id})
WHERE coalesce(n.version, 1) = $expected_version AND n.status = $expected_status
WITH h, n, properties(n) AS before
SET n += $props, n.version = coalesce(n.version, 1) + 1, n.updated_at = datetime()
RETURN before, n, h.id AS household_id, h.township_id AS township_id, h.tier AS tier
"""

_PROBE_NEED: LiteralString = """
MATCH (n:Need {id: $id}) RETURN coalesce(n.version, 1) AS version
"""


async def create_need_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    need_id: str,
    household_id: str,
    props: Mapping[str, Any],
) -> NeedRow:
    record = await (
        await tx.run(_CREATE_NEED, id=need_id, household_id=household_id, props=dict(props))
    ).single()
    if record is None:
        raise EntityMissing("Household", household_id)
    await record_audit(
        tx,
        actor=actor,
        action="CREATE_NEED",
        entity_type="Need",
        entity_id=need_id,
        before=None,
        after={**node_dict(record["n"]), "household_id": household_id},
    )
    return _row(record)


async def update_need_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    need_id: str,
    expected_version: int,
    expected_status: str,
    props: Mapping[str, Any],
) -> NeedRow:
    record = await (
        await tx.run(
            _UPDATE_NEED,
            id=need_id,
            expected_version=expected_version,
            expected_status=expected_status,
            props=dict(props),
        )
    ).single()
    if record is None:
        probe = await (await tx.run(_PROBE_NEED, id=need_id)).single()
        if probe is None:
            raise EntityMissing("Need", need_id)
        raise VersionMismatch("Need", need_id, int(probe["version"]))
    household_id = record["household_id"]
    await record_audit(
        tx,
        actor=actor,
        action="UPDATE_NEED",
        entity_type="Need",
        entity_id=need_id,
        before={**dict(record["before"]), "household_id": household_id},
        after={**node_dict(record["n"]), "household_id": household_id},
    )
    # Closing the loop: whoever reported the need is told when it is finished.
    if props.get("status") in FINAL_STATUSES:
        await need_resolved_tx(tx, need_id=need_id, status=props["status"], actor=actor)
    return _row(record)


def _row(record: Any) -> NeedRow:
    return need_row(
        record["n"],
        household_id=record["household_id"],
        township_id=record["township_id"],
        tier=record["tier"],
    )
