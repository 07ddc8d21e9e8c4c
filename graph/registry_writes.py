"""What every registry write shares: new ids, refusals, versioned updates, region look-ups.

Transaction functions (`*_tx`, in each noun's module) raise a `WriteRefused` when the
graph's current state forbids the change; raising inside the transaction function rolls the
whole transaction back, audit entry included, so a refused write leaves nothing behind.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from graph.driver import Graph


class WriteRefused(Exception):
    """The graph's current state forbids the write; nothing was written."""


class EntityMissing(WriteRefused):
    def __init__(self, entity: str, entity_id: str) -> None:
        super().__init__(f"{entity} {entity_id} does not exist")
        self.entity = entity
        self.entity_id = entity_id


class VersionMismatch(WriteRefused):
    def __init__(self, entity: str, entity_id: str, current_version: int) -> None:
        super().__init__(f"{entity} {entity_id} is at version {current_version}")
        self.entity = entity
        self.entity_id = entity_id
        self.current_version = current_version


class RuleBroken(WriteRefused):
    """A rule that depends on other nodes (one head per household, ...) would break."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class DuplicateValue(WriteRefused):
    """A uniqueness constraint refused the write (e.g. an ID number already registered)."""

    def __init__(self, label: str, key: str, value: str) -> None:
        super().__init__(f"{label}.{key} {value!r} already exists")
        self.label = label
        self.key = key
        self.value = value


def new_id(prefix: str) -> str:
    """A fresh id; made before the transaction so a retried attempt reuses it."""
    return f"{prefix}-{uuid.uuid4().hex}"


def node_dict(node: Any) -> dict[str, Any]:
    """A node's properties as a plain dict (for audit before/after)."""
    return dict(node.items()) if node is not None else {}


_CONSTRAINT_DETAIL = re.compile(r"label `(\w+)` and property `(\w+)` = '([^']*)'")


def duplicate_from(exc: ConstraintError) -> DuplicateValue | None:
    """The label, key and value a uniqueness violation names, if its message says so."""
    match = _CONSTRAINT_DETAIL.search(exc.message or str(exc))
    return DuplicateValue(*match.groups()) if match else None


async def execute_write(graph: Graph, tx_fn: Any, /, **kwargs: Any) -> Any:
    """One managed write transaction; uniqueness violations become `DuplicateValue`.

    The session shares `execute_query`'s bookmark manager, so the reads that follow (the
    mutation's result fields go through loaders) see this write on a cluster too.
    """
    bookmarks = graph.driver.execute_query_bookmark_manager
    async with graph.driver.session(database=graph.database, bookmark_manager=bookmarks) as session:
        try:
            return await session.execute_write(tx_fn, **kwargs)
        except ConstraintError as exc:
            duplicate = duplicate_from(exc)
            if duplicate is None:
                raise
            raise duplicate from exc


@dataclass(frozen=True, slots=True)
class VersionedStatements:
    """The two statements of an optimistic update of one label (labels cannot be
    parameters, so each label has its own pair)."""

    entity: str
    # Bumps the version and applies $props when $expected_version matches (or is null);
    # returns `before` (properties before the change) and `node`. SET takes the write lock.
    bump: LiteralString
    # Returns the current `version` of the node, to tell "missing" from "stale".
    probe: LiteralString


async def versioned_update(
    tx: AsyncManagedTransaction,
    statements: VersionedStatements,
    *,
    entity_id: str,
    expected_version: int | None,
    props: Mapping[str, Any],
) -> tuple[dict[str, Any], Any]:
    """Apply `props` under a version check; (properties before, node after)."""
    result = await tx.run(
        statements.bump, id=entity_id, expected_version=expected_version, props=dict(props)
    )
    record = await result.single()
    if record is not None:
        return dict(record["before"]), record["node"]
    probe = await (await tx.run(statements.probe, id=entity_id)).single()
    if probe is None:
        raise EntityMissing(statements.entity, entity_id)
    raise VersionMismatch(statements.entity, entity_id, int(probe["version"] or 0))


def versioned(entity: str, bump: LiteralString, probe: LiteralString) -> VersionedStatements:
    return VersionedStatements(entity=entity, bump=bump, probe=probe)
