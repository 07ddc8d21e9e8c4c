"""Writing charities (慈善组织) and enterprises (企业) with the regions they are active in.

`region_ids` is kept both as a property (as `graph.county_writer` writes it) and as
`ACTIVE_IN` relationships (what scope and matching follow); both change together here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.organisations import CharityRow, EnterpriseRow, charity_row, enterprise_row
from graph.registry_writes import (
    VersionedStatements,
    node_dict,
    versioned,
    versioned_update,
)

_CREATE_CHARITY: LiteralString = """
CREATE (o:Charity {id: $id})
SET o += $props, o.region_ids = $region_ids, o.version = 1, o.created_at = datetime(),
    o.updated_at = datetime()
WITH o
CALL (o) {
  UNWIND $region_ids AS rid
  MATCH (r:Region {id: rid})
  MERGE (o)-[:ACTIVE_IN]->(r)
}
RETURN o
"""

_CREATE_ENTERPRISE: LiteralString = """
CREATE (o:Enterprise {id: $id})
SET o += $props, o.region_ids = $region_ids, o.version = 1, o.created_at = datetime(),
    o.updated_at = datetime()
WITH o
CALL (o) {
  UNWIND $region_ids AS rid
  MATCH (r:Region {id: rid})
  MERGE (o)-[:ACTIVE_IN]->(r)
}
RETURN o
"""

_CHARITY = versioned(
    "Charity",
    bump="""
MATCH (o:Charity {id: $id})
WHERE $expected_version IS NULL OR coalesce(o.version, 1) = $expected_version
WITH o, properties(o) AS before
SET o += $props, o.version = coalesce(o.version, 1) + 1, o.updated_at = datetime()
RETURN before, o AS node
""",
    probe="MATCH (o:Charity {id: $id}) RETURN coalesce(o.version, 1) AS version",
)

_ENTERPRISE = versioned(
    "Enterprise",
    bump="""
MATCH (o:Enterprise {id: $id})
WHERE $expected_version IS NULL OR coalesce(o.version, 1) = $expected_version
WITH o, properties(o) AS before
SET o += $props, o.version = coalesce(o.version, 1) + 1, o.updated_at = datetime()
RETURN before, o AS node
""",
    probe="MATCH (o:Enterprise {id: $id}) RETURN coalesce(o.version, 1) AS version",
)

_SET_CHARITY_REGIONS: LiteralString = """
MATCH (o:Charity {id: $id})
OPTIONAL MATCH (o)-[old:ACTIVE_IN]->()
DELETE old
WITH DISTINCT o
CALL (o) {
  UNWIND $region_ids AS rid
  MATCH (r:Region {id: rid})
  MERGE (o)-[:ACTIVE_IN]->(r)
}
SET o.region_ids = $region_ids
RETURN o
"""

_SET_ENTERPRISE_REGIONS: LiteralString = """
MATCH (o:Enterprise {id: $id})
OPTIONAL MATCH (o)-[old:ACTIVE_IN]->()
DELETE old
WITH DISTINCT o
CALL (o) {
  UNWIND $region_ids AS rid
  MATCH (r:Region {id: rid})
  MERGE (o)-[:ACTIVE_IN]->(r)
}
SET o.region_ids = $region_ids
RETURN o
"""


async def _create(
    tx: AsyncManagedTransaction,
    statement: LiteralString,
    *,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: str,
    props: Mapping[str, Any],
    region_ids: Sequence[str],
) -> Any:
    record = await (
        await tx.run(statement, id=entity_id, props=dict(props), region_ids=list(region_ids))
    ).single()
    assert record is not None  # CREATE always returns its row
    await record_audit(
        tx,
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        before=None,
        after=node_dict(record["o"]),
    )
    return record["o"]


async def _update(
    tx: AsyncManagedTransaction,
    statements: VersionedStatements,
    regions: LiteralString,
    *,
    actor: Actor,
    action: str,
    entity_id: str,
    expected_version: int | None,
    props: Mapping[str, Any],
    region_ids: Sequence[str] | None,
) -> Any:
    before, node = await versioned_update(
        tx, statements, entity_id=entity_id, expected_version=expected_version, props=props
    )
    if region_ids is not None:
        record = await (await tx.run(regions, id=entity_id, region_ids=list(region_ids))).single()
        assert record is not None  # the node is locked by the version bump above
        node = record["o"]
    await record_audit(
        tx,
        actor=actor,
        action=action,
        entity_type=statements.entity,
        entity_id=entity_id,
        before=before,
        after=node_dict(node),
    )
    return node


async def create_charity_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    charity_id: str,
    props: Mapping[str, Any],
    region_ids: Sequence[str],
) -> CharityRow:
    node = await _create(
        tx,
        _CREATE_CHARITY,
        actor=actor,
        action="CREATE_CHARITY",
        entity_type="Charity",
        entity_id=charity_id,
        props=props,
        region_ids=region_ids,
    )
    return charity_row(node)


async def update_charity_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    charity_id: str,
    expected_version: int | None,
    props: Mapping[str, Any],
    region_ids: Sequence[str] | None,
) -> CharityRow:
    node = await _update(
        tx,
        _CHARITY,
        _SET_CHARITY_REGIONS,
        actor=actor,
        action="UPDATE_CHARITY",
        entity_id=charity_id,
        expected_version=expected_version,
        props=props,
        region_ids=region_ids,
    )
    return charity_row(node)


async def create_enterprise_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    enterprise_id: str,
    props: Mapping[str, Any],
    region_ids: Sequence[str],
) -> EnterpriseRow:
    node = await _create(
        tx,
        _CREATE_ENTERPRISE,
        actor=actor,
        action="CREATE_ENTERPRISE",
        entity_type="Enterprise",
        entity_id=enterprise_id,
        props=props,
        region_ids=region_ids,
    )
    return enterprise_row(node)


async def update_enterprise_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    enterprise_id: str,
    expected_version: int | None,
    props: Mapping[str, Any],
    region_ids: Sequence[str] | None,
) -> EnterpriseRow:
    node = await _update(
        tx,
        _ENTERPRISE,
        _SET_ENTERPRISE_REGIONS,
        actor=actor,
        action="UPDATE_ENTERPRISE",
        entity_id=enterprise_id,
        expected_version=expected_version,
        props=props,
        region_ids=region_ids,
    )
    return enterprise_row(node)
