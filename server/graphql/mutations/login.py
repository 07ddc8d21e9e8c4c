from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.users import user_by_username
from server.auth import Principal, verify_password
from server.context import Context
from server.graphql.errors import InvalidCredentials
from server.graphql.permissions import access
from server.graphql.types.user import User


@strawberry.type
class LoginSuccess:
    token: str
    user: User


LoginResult = Annotated[LoginSuccess | InvalidCredentials, strawberry.union("LoginResult")]


@strawberry.type
class LoginMutation:
    @strawberry.mutation(
        extensions=access("login"),
        description="Sign in; the token goes in `Authorization: Bearer <token>`.",
    )
    async def login(self, info: Info[Context, Any], username: str, password: str) -> LoginResult:
        ctx = info.context
        user = await user_by_username(ctx.graph, username.strip())
        ok = verify_password(user.password_hash if user else None, password)
        if user is None or not ok or not user.active:
            return InvalidCredentials(
                message="wrong username or password",
                field=None,
                code="INVALID_CREDENTIALS",
            )
        return LoginSuccess(
            token=ctx.signer.issue(user.id, now=ctx.clock.now().timestamp()),
            user=User.from_principal(Principal.from_user(user)),
        )
