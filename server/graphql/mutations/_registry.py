"""The one resolver body of the registry nouns' create and update mutations (charity,
enterprise, station, social worker, volunteer): the input as fields, the noun's `EntitySpec`
through the shared use case, refusals as union members, the row as the mutation's success.
Each mutation keeps its own module (input, success type, union); only this part is shared."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller, fields_of
from server.services.errors import EntityNotFound, InvalidFields, VersionConflict
from server.services.registry import EntityChanges, NewEntity
from server.services.registry_entities import EntitySpec, create_entity, update_entity

R = TypeVar("R")
S = TypeVar("S")


async def create_in_registry(
    info: Info[Context, Any], spec: EntitySpec[R], input: Any, success: Callable[[R], S]
) -> S | InvalidInput:
    command = NewEntity(fields=fields_of(input))
    try:
        row = await create_entity(info.context.graph, await caller(info), spec, command)
    except InvalidFields as exc:
        return user_error(exc)
    return success(row)


async def update_in_registry(
    info: Info[Context, Any], spec: EntitySpec[R], input: Any, success: Callable[[R], S]
) -> S | InvalidInput | NotFound | StaleVersion:
    """`input` has `id`, `expected_version` and the fields to change (UNSET: unchanged)."""
    command = EntityChanges(
        entity_id=str(input.id),
        expected_version=input.expected_version,
        changes=fields_of(input, skip={"id", "expected_version"}),
    )
    try:
        row = await update_entity(info.context.graph, await caller(info), spec, command)
    except (InvalidFields, EntityNotFound, VersionConflict) as exc:
        return user_error(exc)
    return success(row)
