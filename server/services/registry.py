"""What every registry use case shares: who is calling, running one write transaction,
and checking that referenced regions exist and lie within the caller's scope."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from graph.audit import Actor
from graph.driver import Graph
from graph.regions import region_places
from graph.registry_writes import (
    DuplicateValue,
    EntityMissing,
    RuleBroken,
    VersionMismatch,
    execute_write,
)
from graph.scope import Scope
from server.auth import Principal
from server.registry.validation import FieldError
from server.roles import Role
from server.services.errors import (
    DUPLICATE_ID_NUMBER,
    UNKNOWN_REGION,
    EntityNotFound,
    InvalidFields,
    NotPermitted,
    RegistryRefusal,
    StateConflict,
    VersionConflict,
)

T = TypeVar("T")

# Roles that edit the registry within their scope; the others have narrower rights.
REGISTRY_EDITORS = frozenset({Role.ADMIN, Role.COORDINATOR, Role.STATION_MANAGER})


@dataclass(frozen=True, slots=True)
class Caller:
    """The signed-in user as a use case needs them."""

    actor: Actor
    role: Role
    scope: Scope
    # The helper or organisation the user is (SELF / ORGANISATION scopes), else None.
    own_id: str | None

    @classmethod
    def of(cls, principal: Principal, scope: Scope) -> Caller:
        own = principal.scope_id if principal.scope_kind in ("SELF", "ORGANISATION") else None
        return cls(
            actor=Actor(id=principal.user_id, role=principal.role.value),
            role=principal.role,
            scope=scope,
            own_id=own,
        )

    def require_self(self, entity_id: str, what: str) -> None:
        """Roles outside REGISTRY_EDITORS act only on themselves."""
        if self.role not in REGISTRY_EDITORS and entity_id != self.own_id:
            raise NotPermitted(f"role {self.role.value} may act only on its own {what}")


def _duplicate_id_number(duplicate: DuplicateValue, field: str) -> RegistryRefusal:
    if duplicate.key != "id_number":
        return StateConflict("DUPLICATE_VALUE", str(duplicate), field)
    return InvalidFields(
        [
            FieldError(
                field,
                "This ID number is already registered in a household; a person belongs to "
                "one household only.",
                DUPLICATE_ID_NUMBER,
            )
        ]
    )


async def run_write(
    graph: Graph,
    tx_fn: Callable[..., Awaitable[T]],
    /,
    *,
    id_number_field: Callable[[str], str] | None = None,
    **kwargs: Any,
) -> T:
    """Run `tx_fn` in one write transaction; what the graph refuses becomes a refusal.

    `id_number_field` names the input field a duplicate ID number came from.
    """
    try:
        result: T = await execute_write(graph, tx_fn, **kwargs)
    except EntityMissing as exc:
        raise EntityNotFound(exc.entity, exc.entity_id, None) from exc
    except VersionMismatch as exc:
        raise VersionConflict(exc.entity, exc.entity_id, exc.current_version) from exc
    except RuleBroken as exc:
        raise StateConflict(exc.code, exc.message, exc.field) from exc
    except DuplicateValue as exc:
        field = id_number_field(exc.value) if id_number_field else exc.key
        raise _duplicate_id_number(exc, field) from exc
    return result


def in_scope(scope: Scope, townships: Collection[str]) -> bool:
    """All the townships lie in the scope (a county-wide thing needs the whole county)."""
    if scope.townships is None:
        return True
    return bool(townships) and all(t in scope.townships for t in townships)


async def region_errors(
    graph: Graph,
    scope: Scope,
    *,
    field: str,
    region_ids: Sequence[str],
    levels: Collection[str],
) -> list[FieldError]:
    """UNKNOWN_REGION for each id that is missing, of another level, or out of scope."""
    places = await region_places(graph, region_ids)
    errors = []
    for region_id in region_ids:
        place = places.get(region_id)
        if place is None or place.level not in levels or not in_scope(scope, place.townships):
            wanted = " or ".join(sorted(level.lower() for level in levels))
            errors.append(
                FieldError(field, f"No {wanted} '{region_id}' in your area.", UNKNOWN_REGION)
            )
    return errors


@dataclass(frozen=True, slots=True)
class NewEntity:
    """An entity to create, as record field names to raw values."""

    fields: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class EntityChanges:
    entity_id: str
    expected_version: int | None
    changes: Mapping[str, object]  # only the fields to change; None clears an optional one


def only(fields: Mapping[str, object], allowed: Collection[str]) -> dict[str, object]:
    """The fields a use case accepts; anything else is not the caller's to set."""
    return {k: val for k, val in fields.items() if k in allowed}


def merged(current: Mapping[str, Any], changes: Mapping[str, object]) -> dict[str, object]:
    """The entity as it would be after the change, for whole-record validation."""
    return {**current, **changes}


def refuse_if(errors: Sequence[FieldError]) -> None:
    """Raise InvalidFields with each (field, code) once: two checks may see one fault."""
    seen: set[tuple[str, str]] = set()
    unique = []
    for e in errors:
        if (e.field, e.code) not in seen:
            seen.add((e.field, e.code))
            unique.append(e)
    if unique:
        raise InvalidFields(unique)
