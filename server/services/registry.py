"""What every registry use case shares: who is calling, and checking that referenced
regions exist and lie within the caller's scope."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from graph.audience import Audience
from graph.audit import Actor
from graph.driver import Graph
from graph.regions import region_places
from graph.scope import Scope
from server.auth import Principal
from server.registry.validation import FieldError
from server.roles import Role, audience_of
from server.services.errors import (
    UNKNOWN_REGION,
    InvalidFields,
    NotPermitted,
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
    def of(cls, principal: Principal, scope: Scope, now: datetime) -> Caller:
        """`now`: the request clock's instant, when this caller's changes happen."""
        own = principal.scope_id if principal.scope_kind in ("SELF", "ORGANISATION") else None
        return cls(
            actor=Actor(id=principal.user_id, role=principal.role.value, at=now),
            role=principal.role,
            scope=scope,
            own_id=own,
        )

    @property
    def audience(self) -> Audience:
        """Whose projection the user's reads get (`graph.audience`)."""
        return audience_of(self.role)

    def require_self(self, entity_id: str, what: str) -> None:
        """Roles outside REGISTRY_EDITORS act only on themselves."""
        if self.role not in REGISTRY_EDITORS and entity_id != self.own_id:
            raise NotPermitted(f"role {self.role.value} may act only on its own {what}")


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
