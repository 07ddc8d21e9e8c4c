"""The registry as GraphQL types: regions, households, members, needs, workers, stations.

Identity sits behind one field per type (`identity`) that is null for roles that may not
see who a household is; the other fields carry no identity.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from graph.households import HouseholdRow
from graph.members import PersonRecord
from graph.needs import NeedRecord
from graph.regions import RegionRecord
from graph.social_workers import SocialWorkerRecord
from graph.stations import StationRecord
from server.context import Context
from server.graphql.types.vocabulary import (
    Cause,
    DibaoClass,
    NeedKind,
    NeedStatus,
    RegionLevel,
    Relation,
    Sex,
    SpecialGroup,
    Tier,
    TravelMode,
    Urgency,
    WarningLevel,
)
from server.services.personal_data import redact

TODAY_IS_QUERY_TIME = "ages are computed on the day of the query"


def _sees_identity(info: Info[Context, Any]) -> bool:
    p = info.context.principal
    return p is not None and p.sees_identity


@strawberry.type
class GeoPoint:
    lat: float
    lon: float


@strawberry.type
class Region:
    id: strawberry.ID
    name: str
    level: RegionLevel
    parent_id: strawberry.ID | None

    @classmethod
    def from_record(cls, r: RegionRecord) -> Region:
        return cls(
            id=strawberry.ID(r.id),
            name=r.name,
            level=RegionLevel(r.level),
            parent_id=strawberry.ID(r.parent_id) if r.parent_id else None,
        )


@strawberry.type(description="Who the household is: only for roles that act on it.")
class HouseholdIdentity:
    head_name: str
    address: str
    phone: str


@strawberry.type(description="Who the person is: only for roles that act on the household.")
class PersonIdentity:
    name: str
    id_number: str
    birth_date: date


@strawberry.type
class Person:
    _record: strawberry.Private[PersonRecord]
    id: strawberry.ID
    relation: Relation
    sex: Sex
    disability_grade: int | None
    chronic_illness: bool
    serious_illness: bool
    can_work: bool
    lives_away: bool

    @strawberry.field(description="Age in whole years, " + TODAY_IS_QUERY_TIME)
    def age(self, info: Info[Context, Any]) -> int:
        born, today = self._record.birth_date, info.context.clock.today()
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    @strawberry.field
    def identity(self, info: Info[Context, Any]) -> PersonIdentity | None:
        if not _sees_identity(info):
            return None
        r = self._record
        return PersonIdentity(name=r.name, id_number=r.id_number, birth_date=r.birth_date)

    @classmethod
    def from_record(cls, r: PersonRecord) -> Person:
        return cls(
            _record=r,
            id=strawberry.ID(r.id),
            relation=Relation(r.relation),
            sex=Sex(r.sex),
            disability_grade=r.disability_grade,
            chronic_illness=r.chronic_illness,
            serious_illness=r.serious_illness,
            can_work=r.can_work,
            lives_away=r.lives_away,
        )


@strawberry.type(description="A need (需求): what a household lacks. Anonymous by design.")
class Need:
    _household_id: strawberry.Private[str]
    id: strawberry.ID
    kind: NeedKind
    _description: strawberry.Private[str]
    estimated_cost: int = strawberry.field(description="yuan (元)")
    urgency: Urgency
    status: NeedStatus

    @strawberry.field(
        description="Free text; roles that may not see identity get long digit runs masked."
    )
    def description(self, info: Info[Context, Any]) -> str:
        return self._description if _sees_identity(info) else redact(self._description)

    @strawberry.field(description="Null for roles that may not know whose need it is.")
    def household_id(self, info: Info[Context, Any]) -> strawberry.ID | None:
        return strawberry.ID(self._household_id) if _sees_identity(info) else None

    @classmethod
    def from_record(cls, r: NeedRecord) -> Need:
        return cls(
            _household_id=r.household_id,
            id=strawberry.ID(r.id),
            kind=NeedKind(r.kind),
            _description=r.description,
            estimated_cost=r.estimated_cost,
            urgency=Urgency(r.urgency),
            status=NeedStatus(r.status),
        )


@strawberry.type
class Household:
    _row: strawberry.Private[HouseholdRow]
    id: strawberry.ID
    tier: Tier
    dibao_class: DibaoClass | None
    causes: list[Cause]
    special_groups: list[SpecialGroup]
    size: int
    monthly_income_per_person: float = strawberry.field(description="yuan per person per month")
    warning_level: WarningLevel
    risk_score: float
    next_review_due: date | None
    needs_skills: list[str]
    version: int

    @strawberry.field
    async def village(self, info: Info[Context, Any]) -> Region:
        region = await info.context.loaders.region.load(self._row.record.village_id)
        assert region is not None
        return Region.from_record(region)

    @strawberry.field
    async def township(self, info: Info[Context, Any]) -> Region:
        region = await info.context.loaders.region.load(self._row.township_id)
        assert region is not None
        return Region.from_record(region)

    @strawberry.field(description="Exact location: null for roles that may not see identity.")
    def location(self, info: Info[Context, Any]) -> GeoPoint | None:
        if not _sees_identity(info):
            return None
        return GeoPoint(lat=self._row.record.lat, lon=self._row.record.lon)

    @strawberry.field
    def identity(self, info: Info[Context, Any]) -> HouseholdIdentity | None:
        if not _sees_identity(info):
            return None
        r = self._row.record
        return HouseholdIdentity(
            head_name=self._row.head_name or "", address=r.address, phone=r.phone
        )

    @strawberry.field
    async def members(self, info: Info[Context, Any]) -> list[Person]:
        people = await info.context.loaders.members.load(self._row.record.id)
        return [Person.from_record(p) for p in people]

    @strawberry.field
    async def needs(self, info: Info[Context, Any]) -> list[Need]:
        needs = await info.context.loaders.needs.load(self._row.record.id)
        return [Need.from_record(n) for n in needs]

    @strawberry.field(description="The responsible worker (一对一帮扶) of the active match.")
    async def worker(self, info: Info[Context, Any]) -> SocialWorker | None:
        w = await info.context.loaders.worker_of_household.load(self._row.record.id)
        return SocialWorker.from_record(w) if w else None

    @classmethod
    def from_row(cls, row: HouseholdRow) -> Household:
        r = row.record
        return cls(
            _row=row,
            id=strawberry.ID(r.id),
            tier=Tier(r.tier),
            dibao_class=DibaoClass(r.dibao_class) if r.dibao_class else None,
            causes=[Cause(c) for c in r.causes],
            special_groups=[SpecialGroup(g) for g in r.special_groups],
            size=r.size,
            monthly_income_per_person=r.monthly_income_per_person,
            warning_level=WarningLevel(r.warning_level),
            risk_score=r.risk_score,
            next_review_due=r.next_review_due,
            needs_skills=list(r.needs_skills),
            version=row.version,
        )


@strawberry.type
class SocialWorker:
    _record: strawberry.Private[SocialWorkerRecord]
    id: strawberry.ID
    name: str
    sex: Sex
    caseload_limit: int = strawberry.field(description="weighted units")
    reach_km: float
    travel_mode: TravelMode
    skills: list[str]
    languages: list[str]
    home: GeoPoint

    @strawberry.field
    def phone(self, info: Info[Context, Any]) -> str | None:
        return self._record.phone if _sees_identity(info) else None

    @strawberry.field
    async def station(self, info: Info[Context, Any]) -> Station:
        s = await info.context.loaders.station.load(self._record.station_id)
        assert s is not None
        return Station.from_record(s)

    @strawberry.field(description="Weighted load of the households actively followed.")
    async def current_load(self, info: Info[Context, Any]) -> int:
        load, _ = await info.context.loaders.worker_load.load(self._record.id)
        return load

    @strawberry.field
    async def household_count(self, info: Info[Context, Any]) -> int:
        _, count = await info.context.loaders.worker_load.load(self._record.id)
        return count

    @strawberry.field(description="The households this worker actively follows (in your scope).")
    async def households(self, info: Info[Context, Any]) -> list[Household]:
        rows = await info.context.loaders.worker_households.load(self._record.id)
        scope = await info.context.loaders.scope()
        return [
            Household.from_row(r)
            for r in rows
            if scope.unrestricted or r.township_id in (scope.townships or ())
        ]

    @classmethod
    def from_record(cls, r: SocialWorkerRecord) -> SocialWorker:
        return cls(
            _record=r,
            id=strawberry.ID(r.id),
            name=r.name,
            sex=Sex(r.sex),
            caseload_limit=r.caseload_limit,
            reach_km=r.reach_km,
            travel_mode=TravelMode(r.travel_mode),
            skills=list(r.skills),
            languages=list(r.languages),
            home=GeoPoint(lat=r.home_lat, lon=r.home_lon),
        )


@strawberry.type(description="A social work station (社工站), one per township.")
class Station:
    _record: strawberry.Private[StationRecord]
    id: strawberry.ID
    name: str
    phone: str
    location: GeoPoint

    @strawberry.field
    async def township(self, info: Info[Context, Any]) -> Region:
        region = await info.context.loaders.region.load(self._record.township_id)
        assert region is not None
        return Region.from_record(region)

    @strawberry.field
    async def worker_count(self, info: Info[Context, Any]) -> int:
        workers, _ = await info.context.loaders.station_counts.load(self._record.id)
        return workers

    @strawberry.field
    async def household_count(self, info: Info[Context, Any]) -> int:
        _, households = await info.context.loaders.station_counts.load(self._record.id)
        return households

    @classmethod
    def from_record(cls, r: StationRecord) -> Station:
        return cls(
            _record=r,
            id=strawberry.ID(r.id),
            name=r.name,
            phone=r.phone,
            location=GeoPoint(lat=r.lat, lon=r.lon),
        )
