"""The one permission layer: every field declares which roles may use it.

A field without a principal answers UNAUTHENTICATED; a principal of another role answers
FORBIDDEN. A test walks the schema and fails on any root field that skips this layer.
"""

from __future__ import annotations

from typing import Any

from strawberry.extensions import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension
from strawberry.types import Info

from server.context import Context
from server.roles import Role

ALL_ROLES = frozenset(Role)


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


def allow(*roles: Role) -> list[FieldExtension]:
    """`extensions=allow(Role.ADMIN, ...)`; with no roles, any signed-in user."""
    permitted = frozenset(roles) if roles else ALL_ROLES
    return [PermissionExtension(permissions=[Allow(permitted)], use_directives=False)]


def public() -> list[FieldExtension]:
    """Marks a field that deliberately needs no sign-in (login itself)."""
    return [PublicField()]


class PublicField(FieldExtension):
    async def resolve_async(self, next_: Any, source: Any, info: Info, **kwargs: Any) -> Any:
        return await next_(source, info, **kwargs)
