"""User accounts: stored as `(:User)` nodes with a password hash, a role and a scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.driver import Graph


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: str
    username: str
    role: str
    display_name: str
    scope_kind: str  # COUNTY (a region subtree) | STATION | ORGANISATION | SELF
    scope_id: str | None
    active: bool
    token_version: int = 0  # tokens carry it; raising it cuts all of the user's sessions

    @classmethod
    def from_node(cls, n: Any) -> UserRecord:
        return cls(
            id=n["id"],
            username=n["username"],
            role=n["role"],
            display_name=n.get("display_name") or n["username"],
            scope_kind=n.get("scope_kind") or "COUNTY",
            scope_id=n.get("scope_id"),
            active=n.get("active") is not False,
            token_version=int(n.get("token_version") or 0),
        )


@dataclass(frozen=True, slots=True)
class LoginRecord:
    """What a login checks: the account and its password hash, read for a login only."""

    user: UserRecord
    password_hash: str


# The account as `UserRecord.from_node` reads it; the password hash is not in it.
USER: LiteralString = """u{.id, .username, .role, .display_name, .scope_kind, .scope_id,
  .active, .token_version}"""

_LOGIN_BY_USERNAME: LiteralString = (
    "MATCH (u:User {username: $username}) RETURN " + USER + " AS u, u.password_hash AS hash"
)
_USER_BY_ID: LiteralString = "MATCH (u:User {id: $id}) RETURN " + USER + " AS u"
_COUNT_ADMINS: LiteralString = "MATCH (u:User {role: 'ADMIN'}) RETURN count(u) AS n"

# MERGE on username so that re-running demo set-up or the create-admin command is harmless.
_UPSERT_USER: LiteralString = (
    """
MERGE (u:User {username: $username})
ON CREATE SET u.id = $id, u.created_at = $now
SET u.password_hash = $password_hash, u.role = $role, u.display_name = $display_name,
    u.scope_kind = $scope_kind, u.scope_id = $scope_id, u.active = true
RETURN """
    + USER
    + " AS u"
)


async def login_by_username(graph: Graph, username: str) -> LoginRecord | None:
    records, _, _ = await graph.driver.execute_query(
        _LOGIN_BY_USERNAME, username=username, database_=graph.database, routing_="r"
    )
    if not records:
        return None
    return LoginRecord(UserRecord.from_node(records[0]["u"]), records[0]["hash"])


async def user_by_id(graph: Graph, user_id: str) -> UserRecord | None:
    records, _, _ = await graph.driver.execute_query(
        _USER_BY_ID, id=user_id, database_=graph.database, routing_="r"
    )
    return UserRecord.from_node(records[0]["u"]) if records else None


async def count_admins(graph: Graph) -> int:
    records, _, _ = await graph.driver.execute_query(
        _COUNT_ADMINS, database_=graph.database, routing_="r"
    )
    return int(records[0]["n"])


async def upsert_user(
    graph: Graph,
    *,
    user_id: str,
    username: str,
    password_hash: str,
    role: str,
    display_name: str,
    scope_kind: str,
    scope_id: str | None,
    now: datetime,
) -> UserRecord:
    records, _, _ = await graph.driver.execute_query(
        _UPSERT_USER,
        now=now,
        id=user_id,
        username=username,
        password_hash=password_hash,
        role=role,
        display_name=display_name,
        scope_kind=scope_kind,
        scope_id=scope_id,
        database_=graph.database,
    )
    return UserRecord.from_node(records[0]["u"])


_REVOKE_SESSIONS: LiteralString = (
    """
MATCH (u:User {id: $id})
SET u.token_version = coalesce(u.token_version, 0) + 1
RETURN """
    + USER
    + " AS u"
)


async def revoke_sessions_tx(
    tx: AsyncManagedTransaction, *, actor: Actor, user_id: str
) -> UserRecord | None:
    """Raise the user's token version, so every token issued before stops working."""
    result = await tx.run(_REVOKE_SESSIONS, id=user_id)
    record = await result.single()
    if record is None:
        return None
    user = UserRecord.from_node(record["u"])
    await record_audit(
        tx,
        actor=actor,
        action="REVOKE_SESSIONS",
        entity_type="User",
        entity_id=user_id,
        before={"token_version": user.token_version - 1},
        after={"token_version": user.token_version},
    )
    return user
