"""revokeUserSessions: an administrator cuts all of a user's sessions (audited)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.audit import Actor
from graph.registry_writes import execute_write
from graph.users import revoke_sessions_tx
from server.auth import Principal
from server.context import Context
from server.graphql.errors import NotFound, user_error
from server.graphql.permissions import access
from server.graphql.types.user import User
from server.services.errors import EntityNotFound


@strawberry.type
class RevokeUserSessionsSuccess:
    user: User = strawberry.field(description="With its raised token version.")


RevokeUserSessionsResult = Annotated[
    RevokeUserSessionsSuccess | NotFound, strawberry.union("RevokeUserSessionsResult")
]


@strawberry.type
class RevokeUserSessionsMutation:
    @strawberry.mutation(
        extensions=access("revokeUserSessions"),
        description="Every token issued to the user so far stops working (e.g. a lost phone).",
    )
    async def revoke_user_sessions(
        self, info: Info[Context, Any], user_id: strawberry.ID
    ) -> RevokeUserSessionsResult:
        p = info.context.principal
        assert p is not None
        user = await execute_write(
            info.context.graph,
            revoke_sessions_tx,
            actor=Actor(id=p.user_id, role=p.role.value, at=info.context.clock.now()),
            user_id=str(user_id),
        )
        if user is None:
            return user_error(EntityNotFound("User", str(user_id), "userId"))
        return RevokeUserSessionsSuccess(user=User.from_principal(Principal.from_user(user)))
