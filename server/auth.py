"""Passwords, bearer tokens and the principal a request acts as."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import dataclasses
import hashlib
import hmac
import json
import os
import secrets
import threading
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from graph.audience import Audience
from graph.driver import Graph
from graph.users import UserRecord, user_by_id
from server.roles import IDENTITY_ROLES, Role, audience_of
from server.shared_reads import USERS

_hasher = PasswordHasher()
HASH_NICENESS = 10

# Verifying against this hash when a username is unknown keeps the timing of a wrong
# username and a wrong password alike, so the error reveals neither.
_DUMMY_HASH = _hasher.hash("bangfu-no-such-user")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _lower_priority() -> None:
    # Linux niceness is per thread and argon2's own threads inherit it: hashing yields the
    # CPU to the event loop and to the database, so a login storm slows only logins.
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASH_NICENESS)


class PasswordChecker:
    """Verifies passwords in a few dedicated threads of low priority: argon2 takes tens of
    milliseconds of CPU (seconds on a busy machine), which on the event loop would stall
    every other request. Waiting logins queue for the threads."""

    def __init__(self, threads: int) -> None:
        self._pool = ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="argon2", initializer=_lower_priority
        )

    async def verify(self, password_hash: str | None, password: str) -> bool:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, verify_password, password_hash, password)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: str
    username: str
    role: Role
    display_name: str
    scope_kind: str
    scope_id: str | None
    token_version: int = 0
    # The token the request came with (logout revokes it); None outside requests.
    token_id: str | None = None
    token_expires: int | None = None

    @property
    def sees_identity(self) -> bool:
        return self.role in IDENTITY_ROLES

    @property
    def audience(self) -> Audience:
        return audience_of(self.role)

    @classmethod
    def from_user(cls, user: UserRecord) -> Principal:
        return cls(
            user_id=user.id,
            username=user.username,
            role=Role(user.role),
            display_name=user.display_name,
            scope_kind=user.scope_kind,
            scope_id=user.scope_id,
            token_version=user.token_version,
        )


class TokenError(ValueError):
    """The token is malformed, forged or expired."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True, slots=True)
class TokenClaims:
    user_id: str
    token_id: str
    expires: int
    version: int  # the user's token version when issued; raising it cuts every session


@dataclass(frozen=True, slots=True)
class TokenSigner:
    key: bytes
    ttl_s: int

    def issue(self, user_id: str, *, now: float, version: int = 0) -> str:
        """`now` in POSIX seconds, from the request's clock."""
        issued = int(now)
        claims = {
            "sub": user_id,
            "exp": issued + self.ttl_s,
            "ver": version,
            "jti": uuid.uuid4().hex,
        }
        body = _b64(json.dumps(claims).encode())
        return f"{body}.{self._sign(body)}"

    def verify(self, token: str, *, now: float) -> str:
        """Return the user id the token was issued to."""
        return self.claims(token, now=now).user_id

    def claims(self, token: str, *, now: float) -> TokenClaims:
        body, _, signature = token.partition(".")
        if not body or not signature or not hmac.compare_digest(signature, self._sign(body)):
            raise TokenError("invalid token")
        try:
            claims = json.loads(_unb64(body))
        except ValueError as exc:
            raise TokenError("invalid token") from exc
        if int(claims.get("exp", 0)) < now:
            raise TokenError("token expired")
        return TokenClaims(
            user_id=str(claims["sub"]),
            token_id=str(claims.get("jti", "")),
            expires=int(claims["exp"]),
            version=int(claims.get("ver", 0)),
        )

    def _sign(self, body: str) -> str:
        return _b64(hmac.new(self.key, body.encode(), hashlib.sha256).digest())


def load_secret_key(configured: str | None, data_dir: Path) -> bytes:
    """The signing key: configured, or generated once and kept in the data directory so
    that the web server's restarts do not log everybody out."""
    if configured:
        return configured.encode()
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_bytes().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48).encode()
    path.write_bytes(key)
    path.chmod(0o600)
    return key


async def principal_from_header(
    graph: Graph,
    signer: TokenSigner,
    authorization: str | None,
    is_revoked: Callable[[str], Awaitable[bool]] | None = None,
    *,
    now: datetime,
) -> Principal | None:
    """None when there is no token; TokenError when there is a bad one: forged, expired,
    logged out (`is_revoked`), or older than the user's token version."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TokenError("expected 'Authorization: Bearer <token>'")
    claims = signer.claims(token.strip(), now=now.timestamp())
    user = await USERS.get(graph, claims.user_id, lambda: user_by_id(graph, claims.user_id))
    if user is None or not user.active:
        raise TokenError("user no longer exists")
    if claims.version != user.token_version:
        raise TokenError("session revoked")
    if is_revoked is not None and claims.token_id and await is_revoked(claims.token_id):
        raise TokenError("logged out")
    principal = Principal.from_user(user)
    return dataclasses.replace(principal, token_id=claims.token_id, token_expires=claims.expires)
