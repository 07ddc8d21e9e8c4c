"""Volunteers, charities, enterprises, the anonymous needs board, and conflicts of interest.

A `NeedListing` is what a charity browses: the need and coarse context (township, tier),
never who the household is; its `household` is null for roles that may not see identity.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from graph.conflicts import DeclaredConflictRow
from graph.needs import NeedRow
from graph.organisations import CharityRow, EnterpriseRow
from graph.volunteers import VolunteerRow
from server.context import Context
from server.graphql.permissions import casework_only
from server.graphql.types.registry import GeoPoint, Household, Region
from server.graphql.types.vocabulary import Cause, NeedKind, NeedStatus, Sex, Tier, Urgency
from server.graphql.types.volunteering import GridRole
from server.services.personal_data import redact

# Enums for vocabularies that server/graphql/types/vocabulary.py does not carry (yet); the
# API tests keep them equal to server.registry.vocabulary.


@strawberry.enum(description="帮扶技能")
class Skill(Enum):
    MEDICAL = "MEDICAL"
    PSYCHOLOGICAL = "PSYCHOLOGICAL"
    DISABILITY_CARE = "DISABILITY_CARE"
    ELDERLY_CARE = "ELDERLY_CARE"
    CHILD_PROTECTION = "CHILD_PROTECTION"
    EMPLOYMENT_SERVICES = "EMPLOYMENT_SERVICES"
    LEGAL = "LEGAL"
    TUTORING = "TUTORING"
    DAILY_CARE = "DAILY_CARE"


@strawberry.enum(description="志愿者类别 (网格员: 村干部、党员、村医、教师、民警、律师)")
class VolunteerKind(Enum):
    VILLAGE_CADRE = "VILLAGE_CADRE"
    PARTY_MEMBER = "PARTY_MEMBER"
    VILLAGE_DOCTOR = "VILLAGE_DOCTOR"
    TEACHER = "TEACHER"
    POLICE = "POLICE"
    LAWYER = "LAWYER"
    RESIDENT = "RESIDENT"


@strawberry.enum(description="企业行业")
class Sector(Enum):
    AGRICULTURE = "AGRICULTURE"
    FOOD_PROCESSING = "FOOD_PROCESSING"
    CONSTRUCTION = "CONSTRUCTION"
    MANUFACTURING = "MANUFACTURING"
    LOGISTICS = "LOGISTICS"
    DOMESTIC_SERVICE = "DOMESTIC_SERVICE"
    TOURISM = "TOURISM"
    ENERGY = "ENERGY"
    RETAIL = "RETAIL"


@strawberry.enum(description="回避原因: KINSHIP 亲属关系, DECLARED 申报回避")
class ConflictReason(Enum):
    KINSHIP = "KINSHIP"
    DECLARED = "DECLARED"


def _sees_identity(info: Info[Context, Any]) -> bool:
    p = info.context.principal
    return p is not None and p.sees_identity


async def _regions(info: Info[Context, Any], ids: tuple[str, ...]) -> list[Region]:
    regions = await info.context.loaders.region.load_many(list(ids))
    return [Region.from_record(r) for r in regions if r is not None]


@strawberry.type(description="志愿者 / 网格员: a volunteer or grid member.")
class Volunteer:
    _row: strawberry.Private[VolunteerRow]
    id: strawberry.ID
    name: str
    sex: Sex
    kind: VolunteerKind
    skills: list[Skill]
    version: int
    grid_role: GridRole | None = strawberry.field(description="网格员身份: reports from the grid")
    available_weekdays: list[int] = strawberry.field(description="1 = Monday; empty: any day")
    available_windows: list[str] = strawberry.field(description="'HH:MM-HH:MM'; empty: any time")
    radius_km: float | None = strawberry.field(description="How far they go for a care task")

    @strawberry.field
    async def village(self, info: Info[Context, Any]) -> Region | None:
        region = await info.context.loaders.region.load(self._row.record.village_id)
        return Region.from_record(region) if region else None

    @strawberry.field(description="Null for roles that may not see identity.")
    def phone(self, info: Info[Context, Any]) -> str | None:
        return self._row.record.phone if _sees_identity(info) else None

    @strawberry.field(description="Where they live: null for roles that may not see identity.")
    def location(self, info: Info[Context, Any]) -> GeoPoint | None:
        r = self._row.record
        if not _sees_identity(info) or r.lat is None or r.lon is None:
            return None
        return GeoPoint(lat=r.lat, lon=r.lon)

    @classmethod
    def from_row(cls, row: VolunteerRow) -> Volunteer:
        r = row.record
        return cls(
            _row=row,
            id=strawberry.ID(r.id),
            name=r.name,
            sex=Sex(r.sex),
            kind=VolunteerKind(r.kind),
            skills=[Skill(s) for s in r.skills],
            version=row.version,
            grid_role=GridRole(r.grid_role) if r.grid_role else None,
            available_weekdays=list(r.available_weekdays),
            available_windows=list(r.available_windows),
            radius_km=r.radius_km,
        )


@strawberry.type(description="慈善组织: a charity that adopts needs within its focus.")
class Charity:
    _row: strawberry.Private[CharityRow]
    id: strawberry.ID
    name: str
    focus_kinds: list[NeedKind]
    budget_yuan: int = strawberry.field(description="yuan (元)")
    version: int

    @strawberry.field(description="Townships or counties it works in.")
    async def regions(self, info: Info[Context, Any]) -> list[Region]:
        return await _regions(info, self._row.record.region_ids)

    @classmethod
    def from_row(cls, row: CharityRow) -> Charity:
        r = row.record
        return cls(
            _row=row,
            id=strawberry.ID(r.id),
            name=r.name,
            focus_kinds=[NeedKind(k) for k in r.focus_kinds],
            budget_yuan=r.budget_yuan,
            version=row.version,
        )


@strawberry.type(description="企业: an enterprise offering jobs, training or goods (签约帮扶).")
class Enterprise:
    _row: strawberry.Private[EnterpriseRow]
    id: strawberry.ID
    name: str
    sectors: list[Sector]
    jobs_offered: int
    causes_supported: list[Cause]
    version: int

    @strawberry.field(description="Townships or counties it works in.")
    async def regions(self, info: Info[Context, Any]) -> list[Region]:
        return await _regions(info, self._row.record.region_ids)

    @classmethod
    def from_row(cls, row: EnterpriseRow) -> Enterprise:
        r = row.record
        return cls(
            _row=row,
            id=strawberry.ID(r.id),
            name=r.name,
            sectors=[Sector(s) for s in r.sectors],
            jobs_offered=r.jobs_offered,
            causes_supported=[Cause(c) for c in r.causes_supported],
            version=row.version,
        )


@strawberry.type(
    description="A need on the needs board (需求): an anonymised card. Read in the caller's "
    "audience (graph.needs): the household id is read for the identity roles only."
)
class NeedListing:
    _row: strawberry.Private[NeedRow]
    id: strawberry.ID
    kind: NeedKind
    _description: strawberry.Private[str]
    estimated_cost: int = strawberry.field(description="yuan (元)")
    urgency: Urgency
    status: NeedStatus
    tier: Tier = strawberry.field(description="The household's tier: coarse context only.")
    causes: list[Cause] = strawberry.field(description="The household's causes of poverty.")
    size_band: str = strawberry.field(description="Household size as a band: 1, 2-3, 4-5, 6+")
    version: int

    @strawberry.field(description="The village the need is in: never the house.")
    async def village(self, info: Info[Context, Any]) -> Region | None:
        region = await info.context.loaders.region.load(self._row.village_id)
        return Region.from_record(region) if region else None

    @strawberry.field(
        description="Free text; roles that may not see identity get long digit runs masked."
    )
    def description(self, info: Info[Context, Any]) -> str:
        return self._description if _sees_identity(info) else redact(self._description)

    @strawberry.field(description="The township the need is in: coarse context only.")
    async def township(self, info: Info[Context, Any]) -> Region | None:
        region = await info.context.loaders.region.load(self._row.township_id)
        return Region.from_record(region) if region else None

    @strawberry.field(
        extensions=casework_only(),
        description="Whose need it is: only for the roles that see identity.",
    )
    async def household(self, info: Info[Context, Any]) -> Household | None:
        household_id = self._row.record.household_id
        read = await info.context.loaders.household.load(household_id) if household_id else None
        return Household.from_read(read) if read else None

    @classmethod
    def from_row(cls, row: NeedRow) -> NeedListing:
        r = row.record
        return cls(
            _row=row,
            id=strawberry.ID(r.id),
            kind=NeedKind(r.kind),
            _description=r.description,
            estimated_cost=r.estimated_cost,
            urgency=Urgency(r.urgency),
            status=NeedStatus(r.status),
            tier=Tier(row.tier),
            causes=[Cause(c) for c in row.causes],
            size_band=row.size_band,
            version=row.version,
        )


@strawberry.type(description="A declared conflict of interest (回避): never pair these two.")
class DeclaredConflict:
    helper_id: strawberry.ID
    helper_kind: str = strawberry.field(description="SOCIAL_WORKER or VOLUNTEER")
    household_id: strawberry.ID
    reason: ConflictReason
    note: str | None
    declared_at: datetime | None
    declared_by: str | None = strawberry.field(description="The user who declared it.")

    @classmethod
    def from_row(cls, row: DeclaredConflictRow) -> DeclaredConflict:
        return cls(
            helper_id=strawberry.ID(row.helper_id),
            helper_kind=row.helper_kind,
            household_id=strawberry.ID(row.household_id),
            reason=ConflictReason(row.reason),
            note=row.note,
            declared_at=row.declared_at,
            declared_by=row.declared_by,
        )
