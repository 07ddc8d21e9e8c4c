from __future__ import annotations

import strawberry

from server.auth import Principal
from server.roles import Role as DomainRole

Role = strawberry.enum(DomainRole, name="Role")


@strawberry.type
class User:
    id: strawberry.ID
    username: str
    role: Role  # type: ignore[valid-type]
    display_name: str
    scope_kind: str
    scope_id: str | None
    token_version: int = strawberry.field(
        description="Tokens carry it; revokeUserSessions raises it to cut every session."
    )

    @classmethod
    def from_principal(cls, p: Principal) -> User:
        return cls(
            id=strawberry.ID(p.user_id),
            username=p.username,
            role=p.role,
            display_name=p.display_name,
            scope_kind=p.scope_kind,
            scope_id=p.scope_id,
            token_version=p.token_version,
        )
