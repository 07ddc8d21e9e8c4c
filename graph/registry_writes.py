"""What every registry write shares: new ids, refusals, versioned updates, and the one
create / update transaction of the registry's nouns (charity, enterprise, station, social
worker, volunteer), driven by each noun's `EntityWrites`.

Transaction functions (`*_tx`, in each noun's module) raise a `WriteRefused` when the
graph's current state forbids the change; raising inside the transaction function rolls the
whole transaction back, audit entry included, so a refused write leaves nothing behind.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, LiteralString, TypeVar

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from graph.audit import Actor, record_audit
from graph.driver import Graph

R = TypeVar("R")


class WriteRefused(Exception):
    """The graph's current state forbids the write; nothing was written."""


class EntityMissing(WriteRefused):
    """`field`: the input field that named it, when the caller gave the id in one."""

    def __init__(self, entity: str, entity_id: str, field: str | None = None) -> None:
        super().__init__(f"{entity} {entity_id} does not exist")
        self.entity = entity
        self.entity_id = entity_id
        self.field = field


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


async def _bumped(
    tx: AsyncManagedTransaction,
    statements: VersionedStatements,
    *,
    entity_id: str,
    expected_version: int | None,
    props: Mapping[str, Any],
    now: datetime,
) -> Any:
    result = await tx.run(
        statements.bump,
        id=entity_id,
        expected_version=expected_version,
        props=dict(props),
        now=now,
    )
    record = await result.single()
    if record is not None:
        return record
    probe = await (await tx.run(statements.probe, id=entity_id)).single()
    if probe is None:
        raise EntityMissing(statements.entity, entity_id)
    raise VersionMismatch(statements.entity, entity_id, int(probe["version"] or 0))


async def versioned_update(
    tx: AsyncManagedTransaction,
    statements: VersionedStatements,
    *,
    entity_id: str,
    expected_version: int | None,
    props: Mapping[str, Any],
    now: datetime,
) -> tuple[dict[str, Any], Any]:
    """Apply `props` under a version check, stamped `now` (the actor's instant); (properties
    before, the bump's `node` column, or None where the statement returns `before` alone)."""
    record = await _bumped(
        tx, statements, entity_id=entity_id, expected_version=expected_version, props=props, now=now
    )
    return dict(record["before"]), record.get("node")


# The body of a noun's `bump` and `probe` after its `MATCH (n:Label {id: $id})` (a label
# cannot be a parameter, so each noun writes its own MATCH and adds these).
_BUMP_SET: LiteralString = """
WHERE $expected_version IS NULL OR coalesce(n.version, 1) = $expected_version
WITH n, properties(n) AS before
SET n += $props, n.version = coalesce(n.version, 1) + 1, n.updated_at = $now
"""


BUMP_TAIL: LiteralString = _BUMP_SET + "RETURN before, n AS node"


# The registry nouns' bump: the row is read afterwards, in the noun's own projection.
BUMP_BEFORE_TAIL: LiteralString = _BUMP_SET + "RETURN before"


PROBE_TAIL: LiteralString = " RETURN coalesce(n.version, 1) AS version"


def versioned(entity: str, bump: LiteralString, probe: LiteralString) -> VersionedStatements:
    return VersionedStatements(entity=entity, bump=bump, probe=probe)


# ---- the registry nouns' one create / update path -------------------------------------

# What a noun is linked to: a region or station id, or (organisations) a list of region ids.
Link = str | Sequence[str]


@dataclass(frozen=True, slots=True)
class EntityChange:
    """What an update writes: the properties that change, and the link when it is given."""

    props: Mapping[str, Any]
    link: Link | None


@dataclass(frozen=True, slots=True)
class EntityWrites(Generic[R]):
    """How one registry noun is created and updated. Labels and relationship types cannot
    be parameters, so each noun brings its own literal statements; the Python around them
    (locked read, decision, version check, relinking, audit entry) is `create_entity_tx` /
    `update_entity_tx`.
    """

    versioned: VersionedStatements  # its `entity` is the label and the audit entity type
    create_action: str
    update_action: str
    # $id, $props, $<link_key>; no row when the node to link to does not exist.
    create: LiteralString
    # $id, $<link_key>: replaces the link; no row when the node to link to does not exist.
    move: LiteralString
    # $id, $marker: write-locks the node and reads it: `after` (its properties, for the
    # audit entry), `version`, the link as column `link_key`, and the columns `row` reads.
    read: LiteralString
    link_key: str  # township_id, station_id, village_id, region_ids
    link_label: str  # what is missing when the link's target does not exist
    # The link is a property of the node; else (a worker's station) the audit entry gets
    # it from `read`.
    link_is_property: bool
    row: Callable[[Any], R]  # a `read` record to the noun's row


async def _one(tx: AsyncManagedTransaction, statement: LiteralString, **params: Any) -> Any:
    return await (await tx.run(statement, **params)).single()


def _link_param(writes: EntityWrites[R], link: Link) -> dict[str, Any]:
    return {writes.link_key: link if isinstance(link, str) else list(link)}


async def read_entity_tx(
    tx: AsyncManagedTransaction, writes: EntityWrites[R], *, entity_id: str, marker: str
) -> Any:
    """The noun's `read` record, the node write-locked for the rest of the transaction."""
    record = await _one(tx, writes.read, id=entity_id, marker=marker)
    if record is None:
        raise EntityMissing(writes.versioned.entity, entity_id)
    return record


async def audited_row(
    tx: AsyncManagedTransaction,
    writes: EntityWrites[R],
    *,
    actor: Actor,
    action: str,
    entity_id: str,
    before: dict[str, Any] | None,
) -> R:
    """The node as written, its audit entry (the link added where it is no property), and
    its row."""
    record = await read_entity_tx(tx, writes, entity_id=entity_id, marker=actor.id)
    after = dict(record["after"])
    if not writes.link_is_property:
        after[writes.link_key] = record[writes.link_key]
    await record_audit(
        tx,
        actor=actor,
        action=action,
        entity_type=writes.versioned.entity,
        entity_id=entity_id,
        before=before,
        after=after,
    )
    return writes.row(record)


async def create_entity_tx(
    tx: AsyncManagedTransaction,
    writes: EntityWrites[R],
    *,
    actor: Actor,
    entity_id: str,
    props: Mapping[str, Any],
    link: Link,
) -> R:
    """Create the node linked to `link`, with its audit entry."""
    params = _link_param(writes, link)
    created = await _one(tx, writes.create, id=entity_id, props=dict(props), now=actor.at, **params)
    if created is None:
        raise EntityMissing(writes.link_label, str(link))
    return await audited_row(
        tx, writes, actor=actor, action=writes.create_action, entity_id=entity_id, before=None
    )


async def update_entity_tx(
    tx: AsyncManagedTransaction,
    writes: EntityWrites[R],
    *,
    actor: Actor,
    entity_id: str,
    expected_version: int | None,
    decide: Callable[[R], EntityChange],
) -> R:
    """Read the node locked, let `decide` (pure; raises to refuse) say what changes, apply it
    under the version check, relink when the link differs; one audit entry, before and after.
    """
    current = await read_entity_tx(tx, writes, entity_id=entity_id, marker=actor.id)
    change = decide(writes.row(current))
    before, _ = await versioned_update(
        tx,
        writes.versioned,
        now=actor.at,
        entity_id=entity_id,
        expected_version=expected_version,
        props=change.props,
    )
    if not writes.link_is_property:
        before[writes.link_key] = current[writes.link_key]
    link = change.link
    if link is not None and _differs(link, current[writes.link_key]):
        moved = await _one(tx, writes.move, id=entity_id, **_link_param(writes, link))
        if moved is None:
            raise EntityMissing(writes.link_label, str(link))
    return await audited_row(
        tx, writes, actor=actor, action=writes.update_action, entity_id=entity_id, before=before
    )


def _differs(link: Link, current: Any) -> bool:
    if isinstance(link, str):
        return bool(link != current)
    return bool(list(link) != list(current or ()))
