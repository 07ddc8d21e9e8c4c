"""Passwords, bearer tokens and the principal a request acts as."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from graph.audience import Audience
from graph.driver import Graph
from graph.users import UserRecord, user_by_id
from server.roles import IDENTITY_ROLES, Role, audience_of

_hasher = PasswordHasher()

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


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: str
    username: str
    role: Role
    display_name: str
    scope_kind: str
    scope_id: str | None

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
        )


class TokenError(ValueError):
    """The token is malformed, forged or expired."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True, slots=True)
class TokenSigner:
    key: bytes
    ttl_s: int

    def issue(self, user_id: str, now: float | None = None) -> str:
        issued = int(time.time() if now is None else now)
        body = _b64(json.dumps({"sub": user_id, "exp": issued + self.ttl_s}).encode())
        return f"{body}.{self._sign(body)}"

    def verify(self, token: str, now: float | None = None) -> str:
        """Return the user id the token was issued to."""
        body, _, signature = token.partition(".")
        if not body or not signature or not hmac.compare_digest(signature, self._sign(body)):
            raise TokenError("invalid token")
        try:
            claims = json.loads(_unb64(body))
        except ValueError as exc:
            raise TokenError("invalid token") from exc
        if int(claims.get("exp", 0)) < (time.time() if now is None else now):
            raise TokenError("token expired")
        return str(claims["sub"])

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
    graph: Graph, signer: TokenSigner, authorization: str | None
) -> Principal | None:
    """None when there is no token; TokenError when there is a bad one."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TokenError("expected 'Authorization: Bearer <token>'")
    user = await user_by_id(graph, signer.verify(token.strip()))
    if user is None or not user.active:
        raise TokenError("user no longer exists")
    return Principal.from_user(user)
