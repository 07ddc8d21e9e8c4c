"""The roles of the platform and what each may see."""

from __future__ import annotations

from enum import Enum

from graph.audience import Audience


class Role(Enum):
    ADMIN = "ADMIN"
    COORDINATOR = "COORDINATOR"
    STATION_MANAGER = "STATION_MANAGER"
    SOCIAL_WORKER = "SOCIAL_WORKER"
    CHARITY = "CHARITY"
    ENTERPRISE = "ENTERPRISE"
    VOLUNTEER = "VOLUNTEER"
    AUDITOR = "AUDITOR"


# Names, ID numbers, phones and exact addresses: only the roles that act on a household.
IDENTITY_ROLES = frozenset(
    {Role.ADMIN, Role.COORDINATOR, Role.STATION_MANAGER, Role.SOCIAL_WORKER, Role.AUDITOR}
)


# The one place a role becomes an audience: which projection of the registry it reads.
AUDIENCE_OF_ROLE: dict[Role, Audience] = {
    **{role: Audience.CASEWORK for role in IDENTITY_ROLES},
    Role.VOLUNTEER: Audience.VOLUNTEER,
    Role.CHARITY: Audience.OUTSIDE,
    Role.ENTERPRISE: Audience.OUTSIDE,
}


def audience_of(role: Role | None) -> Audience:
    """The audience of a role; no role (no sign-in) reads as the most restricted one."""
    return Audience.OUTSIDE if role is None else AUDIENCE_OF_ROLE[role]


# Demo users are named after their role in lower case (DESIGN.md's demo-mode contract).
DEMO_USERNAMES: dict[Role, str] = {
    Role.ADMIN: "admin",
    Role.COORDINATOR: "coordinator",
    Role.STATION_MANAGER: "station",
    Role.SOCIAL_WORKER: "worker",
    Role.CHARITY: "charity",
    Role.ENTERPRISE: "enterprise",
    Role.VOLUNTEER: "volunteer",
    Role.AUDITOR: "auditor",
}

ROLE_LABELS_ZH: dict[Role, str] = {
    Role.ADMIN: "系统管理员",
    Role.COORDINATOR: "县级统筹",
    Role.STATION_MANAGER: "社工站站长",
    Role.SOCIAL_WORKER: "社工",
    Role.CHARITY: "慈善组织",
    Role.ENTERPRISE: "企业",
    Role.VOLUNTEER: "志愿者",
    Role.AUDITOR: "审计监督",
}
