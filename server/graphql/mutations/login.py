"""login and logout: tokens are issued after a throttled, off-loop password check."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.users import login_by_username
from server.auth import Principal
from server.context import Context
from server.graphql.errors import InvalidCredentials, LoginThrottled
from server.graphql.permissions import access
from server.graphql.types.user import User
from server.session_store import LoginThrottle, revoke_token


@strawberry.type
class LoginSuccess:
    token: str
    user: User


@strawberry.type(description="The token of this request no longer works.")
class LogoutSuccess:
    logged_out: bool


LoginResult = Annotated[
    LoginSuccess | InvalidCredentials | LoginThrottled, strawberry.union("LoginResult")
]


def _throttled(seconds: int) -> LoginThrottled:
    return LoginThrottled(
        message=f"too many failed sign-ins; retry in {seconds} s",
        field=None,
        code="LOGIN_THROTTLED",
        retry_after_seconds=seconds,
    )


@strawberry.type
class LoginMutation:
    @strawberry.mutation(
        extensions=access("login"),
        description="Sign in; the token goes in `Authorization: Bearer <token>`. At most one "
        "login per document; repeated failures are throttled (LoginThrottled).",
    )
    async def login(self, info: Info[Context, Any], username: str, password: str) -> LoginResult:
        ctx = info.context
        throttle = LoginThrottle(ctx.arq, ctx.settings.limits)
        address = ctx.client_address
        # Judged before the username is looked up: the answer is the same for any username.
        wait = await throttle.retry_after(username, address)
        if wait:
            return _throttled(wait)
        found = await login_by_username(ctx.graph, username.strip())
        ok = await ctx.passwords.verify(found.password_hash if found else None, password)
        user = found.user if found else None
        if user is None or not ok or not user.active:
            await throttle.failed(username, address)
            return InvalidCredentials(
                message="wrong username or password",
                field=None,
                code="INVALID_CREDENTIALS",
            )
        await throttle.succeeded(username, address)
        return LoginSuccess(
            token=ctx.signer.issue(
                user.id, now=ctx.clock.now().timestamp(), version=user.token_version
            ),
            user=User.from_principal(Principal.from_user(user)),
        )

    @strawberry.mutation(
        extensions=access("logout"),
        description="Sign out: the token of this request stops working.",
    )
    async def logout(self, info: Info[Context, Any]) -> LogoutSuccess:
        p = info.context.principal
        assert p is not None
        if p.token_id and p.token_expires:
            await revoke_token(
                info.context.arq,
                p.token_id,
                p.token_expires,
                now=info.context.clock.now().timestamp(),
            )
        return LogoutSuccess(logged_out=True)
