"""Demo mode: one user per role, named after the role, and the demo county."""

from __future__ import annotations

from datetime import datetime

from graph.demo_scope import demo_scope_ids
from graph.driver import Graph
from graph.users import upsert_user
from server.auth import hash_password
from server.roles import DEMO_USERNAMES, ROLE_LABELS_ZH, Role

# Which scope each demo user gets: (scope kind, key in demo_scope_ids()).
_DEMO_SCOPE: dict[Role, tuple[str, str]] = {
    Role.ADMIN: ("COUNTY", "county"),
    Role.COORDINATOR: ("COUNTY", "county"),
    Role.AUDITOR: ("COUNTY", "county"),
    Role.STATION_MANAGER: ("STATION", "station"),
    Role.SOCIAL_WORKER: ("SELF", "worker"),
    Role.CHARITY: ("ORGANISATION", "charity"),
    Role.ENTERPRISE: ("ORGANISATION", "enterprise"),
    Role.VOLUNTEER: ("SELF", "volunteer"),
}


async def ensure_demo_users(graph: Graph, password: str, *, now: datetime) -> list[str]:
    """Create or refresh the eight demo users; their scopes follow the loaded county."""
    scopes = await demo_scope_ids(graph)
    password_hash = hash_password(password)
    names = []
    for role, username in DEMO_USERNAMES.items():
        kind, key = _DEMO_SCOPE[role]
        await upsert_user(
            graph,
            user_id=f"user-demo-{username}",
            username=username,
            password_hash=password_hash,
            role=role.value,
            # No username in the name: pages are in one language (the username is Latin).
            display_name=f"演示{ROLE_LABELS_ZH[role]}",
            scope_kind=kind,
            scope_id=scopes.get(key),
            now=now,
        )
        names.append(username)
    return names
