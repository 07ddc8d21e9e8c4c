"""The one create / update use case of the registry's nouns (charity, enterprise, station,
social worker, volunteer), driven by each noun's `EntitySpec`.

Both take the fields the noun accepts, validate the whole record, check the node it is
linked to (a region, a station) against the caller's scope, and run the noun's
`graph.registry_writes.EntityWrites` in one transaction. An update first finds the entity
in the caller's scope (else `EntityNotFound`); its transaction reads the entity locked and
hands it to a pure `decide` (validation of the whole record after the change), then writes
only the fields given.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from graph.county_writer import record_props
from graph.driver import Graph
from graph.registry_writes import (
    EntityChange,
    EntityWrites,
    Link,
    create_entity_tx,
    new_id,
    update_entity_tx,
)
from server.registry.validation import FieldError
from server.services import values as v
from server.services.errors import EntityNotFound
from server.services.registry import (
    Caller,
    EntityChanges,
    NewEntity,
    merged,
    only,
    refuse_if,
    region_errors,
)
from server.services.writes import run_write

R = TypeVar("R")

Fields = Mapping[str, object]


def _no_check(caller: Caller, subject: Any) -> None:
    """No rule beyond scope: the roles the mutation admits may edit any entity they see."""


def _as_is(fields: dict[str, object]) -> dict[str, object]:
    return fields


LinkErrors = Callable[[Graph, Caller, Link], Awaitable[list[FieldError]]]


@dataclass(frozen=True, slots=True)
class EntityLink:
    """What a noun is linked to: the field naming it, its value, and the check that it
    exists within the caller's scope."""

    field: str
    value: Callable[[Fields], Link]  # that field's value (empty when absent)
    errors: LinkErrors  # FieldErrors for a link missing or out of the caller's scope


def one_id(field: str, errors: LinkErrors) -> EntityLink:
    """A link to one node named by a text field (a township, village or station id)."""

    def value(fields: Fields) -> Link:
        return v.text(fields.get(field))

    return EntityLink(field, value, errors)


def one_region(field: str, level: str) -> EntityLink:
    """A link to one region of `level` within the caller's scope."""

    async def errors(graph: Graph, caller: Caller, region_id: Link) -> list[FieldError]:
        return await region_errors(
            graph, caller.scope, field=field, region_ids=[str(region_id)], levels={level}
        )

    return one_id(field, errors)


@dataclass(frozen=True, slots=True)
class EntitySpec(Generic[R]):
    """What differs between the registry nouns' create and update; the rest is shared."""

    entity: str  # as `EntityNotFound` names it
    id_prefix: str
    fields: frozenset[str]  # the fields a caller may set
    writes: EntityWrites[R]
    props: Callable[[Fields], dict[str, Any]]  # fields to node properties
    validate: Callable[[Fields], list[FieldError]]  # the whole record
    link: EntityLink
    # The entity as a record (`record_props` gives its fields), and finding it in scope.
    record: Callable[[R], Any]
    find: Callable[[Graph, Caller, str], Awaitable[R | None]]
    prepare: Callable[[dict[str, object]], dict[str, object]] = field(default=_as_is)
    # Before the look-up: may the caller edit this entity at all (by id)?
    may_edit: Callable[[Caller, str], None] = field(default=_no_check)
    # After the look-up: may the caller change these fields?
    may_change: Callable[[Caller, Fields], None] = field(default=_no_check)


def _link_given(spec: EntitySpec[R], fields: Fields) -> Link | None:
    """The link the fields ask for; None when absent (an empty text, a null given, too)."""
    if spec.link.field not in fields:
        return None
    link = spec.link.value(fields)
    return None if link == "" else link


async def create_entity(graph: Graph, caller: Caller, spec: EntitySpec[R], cmd: NewEntity) -> R:
    fields = spec.prepare(only(cmd.fields, spec.fields))
    errors = spec.validate(fields)
    link = _link_given(spec, fields)
    if link:
        errors += await spec.link.errors(graph, caller, link)
    refuse_if(errors)
    result: R = await run_write(
        graph,
        create_entity_tx,
        writes=spec.writes,
        actor=caller.actor,
        entity_id=new_id(spec.id_prefix),
        props=spec.props(fields),
        link=spec.link.value(fields),
    )
    return result


async def update_entity(graph: Graph, caller: Caller, spec: EntitySpec[R], cmd: EntityChanges) -> R:
    spec.may_edit(caller, cmd.entity_id)
    if await spec.find(graph, caller, cmd.entity_id) is None:
        raise EntityNotFound(spec.entity, cmd.entity_id)
    changes = only(cmd.changes, spec.fields)
    spec.may_change(caller, changes)
    link = _link_given(spec, changes)
    # A link given again unchanged passes too: the entity was found in the caller's scope.
    link_errors = await spec.link.errors(graph, caller, link) if link else []

    def decide(found: R) -> EntityChange:
        """On the entity as the transaction read it, locked: the whole record after the
        change must be valid; only the fields given are written."""
        after = merged(record_props(spec.record(found)), changes)
        refuse_if(spec.validate(after) + link_errors)
        props = {k: val for k, val in spec.props(after).items() if k in changes}
        return EntityChange(props=props, link=link)

    result: R = await run_write(
        graph,
        update_entity_tx,
        writes=spec.writes,
        actor=caller.actor,
        entity_id=cmd.entity_id,
        expected_version=cmd.expected_version,
        decide=decide,
    )
    return result
