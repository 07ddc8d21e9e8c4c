"""The one permission layer: every root field takes its roles from the access table.

A field without a principal answers UNAUTHENTICATED; a principal of another role answers
FORBIDDEN. `access("households")` reads the row of server/graphql/access.py; the schema
build refuses a root field without a row or with another field's row.
"""

from __future__ import annotations

from typing import Any

from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.types import Info

from graph.audience import Audience
from server.context import Context
from server.graphql.access import Reach, rule_of
from server.roles import AUDIENCE_OF_ROLE, Role


class AuthenticationError(Exception):
    """No valid token came with the request."""

    extensions = {"code": "UNAUTHENTICATED"}


class Allow(BasePermission):
    """Passes when the request has a valid principal with one of the given roles."""

    def __init__(self, roles: frozenset[Role]) -> None:
        self.roles = roles

    def has_permission(self, source: Any, info: Info[Context, Any], **kwargs: Any) -> bool:
        principal = info.context.principal
        if principal is None:
            self.raise_error(
                info.context.token_error or "authentication required", "UNAUTHENTICATED"
            )
        if principal is not None and principal.role not in self.roles:
            self.raise_error(
                f"role {principal.role.value} may not use {info.field_name}", "FORBIDDEN"
            )
        return True

    def raise_error(self, message: str, code: str) -> None:
        error = self.error_class(message)
        error.extensions = {"code": code}
        raise error


class TablePermission(PermissionExtension):
    """The permission of one root field, named so the schema build can match it."""

    def __init__(self, field_name: str, roles: frozenset[Role]) -> None:
        super().__init__(permissions=[Allow(roles)], use_directives=False)
        self.field_name = field_name


class PublicField(FieldExtension):
    """A field that deliberately needs no sign-in (login itself)."""

    def __init__(self, field_name: str) -> None:
        super().__init__()
        self.field_name = field_name

    async def resolve_async(self, next_: Any, source: Any, info: Info, **kwargs: Any) -> Any:
        return await next_(source, info, **kwargs)


def access(field_name: str) -> list[FieldExtension]:
    """`extensions=access("households")`: the roles of the field's row in the access table."""
    rule = rule_of(field_name)
    if rule.reach is Reach.PUBLIC:
        return [PublicField(field_name)]
    return [TablePermission(field_name, rule.roles)]


CASEWORK_ROLES: frozenset[Role] = frozenset(
    role for role, audience in AUDIENCE_OF_ROLE.items() if audience is Audience.CASEWORK
)


def casework_only() -> list[FieldExtension]:
    """`extensions=casework_only()` on a nested field whose data only the casework audience
    reads (a household's members, income, exact size; a worker's households): any other
    role gets FORBIDDEN rather than an empty answer."""
    return [PermissionExtension(permissions=[Allow(CASEWORK_ROLES)], use_directives=False)]


def table_name_of(field: Any) -> str | None:
    """The access-table row a schema field's permission reads, if any."""
    for extension in field.extensions:
        if isinstance(extension, TablePermission | PublicField):
            return extension.field_name
    return None
