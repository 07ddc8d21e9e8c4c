"""The one create / update use case of the registry's nouns (charity, enterprise, station,
social worker, volunteer), driven by each noun's `EntitySpec`.

Both take the fields the noun accepts, validate the whole record, check the node it is
linked to (a region, a station) against the caller's scope, and run the noun's
`graph.registry_writes.EntityWrites` in one transaction. An update first finds the entity
in the caller's scope (else `EntityNotFound`) and writes only the fields given.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from graph.county_writer import record_props
from graph.driver import Graph
from graph.registry_writes import (
    EntityWrites,
    Link,
    create_entity_tx,
    new_id,
    update_entity_tx,
)
from server.registry.validation import FieldError
from server.services.errors import EntityNotFound
from server.services.registry import (
    Caller,
    EntityChanges,
    NewEntity,
    merged,
    only,
    refuse_if,
    run_write,
)

R = TypeVar("R")

Fields = Mapping[str, object]


def _no_check(caller: Caller, subject: Any) -> None:
    """No rule beyond scope: the roles the mutation admits may edit any entity they see."""


def _as_is(fields: dict[str, object]) -> dict[str, object]:
    return fields


@dataclass(frozen=True, slots=True)
class EntitySpec(Generic[R]):
    """What differs between the registry nouns' create and update; the rest is shared."""

    entity: str  # as `EntityNotFound` names it
    id_prefix: str
    fields: frozenset[str]  # the fields a caller may set
    writes: EntityWrites[R]
    props: Callable[[Fields], dict[str, Any]]  # fields to node properties
    validate: Callable[[Fields], list[FieldError]]  # the whole record
    link_field: str  # the field naming what it is linked to
    link: Callable[[Fields], Link]  # that field's value (present in the fields)
    # FieldErrors for a link that is missing or out of the caller's scope.
    link_errors: Callable[[Graph, Caller, Link], Awaitable[list[FieldError]]]
    # The entity as a record (`record_props` gives its fields), and finding it in scope.
    record: Callable[[R], Any]
    find: Callable[[Graph, Caller, str], Awaitable[R | None]]
    # Check a link given again unchanged (organisations' regions: the caller must cover
    # them); else only a new link is checked.
    recheck_same_link: bool = False
    prepare: Callable[[dict[str, object]], dict[str, object]] = field(default=_as_is)
    # Before the look-up: may the caller edit this entity at all (by id)?
    may_edit: Callable[[Caller, str], None] = field(default=_no_check)
    # After the look-up: may the caller change these fields?
    may_change: Callable[[Caller, Fields], None] = field(default=_no_check)


def _link_given(spec: EntitySpec[R], fields: Fields) -> Link | None:
    """The link the fields ask for; None when absent (an empty text, a null given, too)."""
    if spec.link_field not in fields:
        return None
    link = spec.link(fields)
    return None if link == "" else link


async def create_entity(graph: Graph, caller: Caller, spec: EntitySpec[R], cmd: NewEntity) -> R:
    fields = spec.prepare(only(cmd.fields, spec.fields))
    errors = spec.validate(fields)
    link = _link_given(spec, fields)
    if link:
        errors += await spec.link_errors(graph, caller, link)
    refuse_if(errors)
    result: R = await run_write(
        graph,
        create_entity_tx,
        writes=spec.writes,
        actor=caller.actor,
        entity_id=new_id(spec.id_prefix),
        props=spec.props(fields),
        link=spec.link(fields),
    )
    return result


async def update_entity(graph: Graph, caller: Caller, spec: EntitySpec[R], cmd: EntityChanges) -> R:
    spec.may_edit(caller, cmd.entity_id)
    found = await spec.find(graph, caller, cmd.entity_id)
    if found is None:
        raise EntityNotFound(spec.entity, cmd.entity_id)
    changes = only(cmd.changes, spec.fields)
    spec.may_change(caller, changes)
    current = record_props(spec.record(found))
    after = merged(current, changes)
    errors = spec.validate(after)
    link = _link_given(spec, changes)
    if link and (spec.recheck_same_link or link != current.get(spec.link_field)):
        errors += await spec.link_errors(graph, caller, link)
    refuse_if(errors)
    result: R = await run_write(
        graph,
        update_entity_tx,
        writes=spec.writes,
        actor=caller.actor,
        entity_id=current["id"],
        expected_version=cmd.expected_version,
        props={k: val for k, val in spec.props(after).items() if k in changes},
        link=link,
    )
    return result
