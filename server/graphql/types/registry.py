"""The registry as GraphQL types: regions, households, members, needs, workers, stations.

What a type can show is what the loaders read for the principal's audience
(`server.roles.audience_of`, projections in `graph/`): a volunteer's `Household` is built
from a `HouseholdSketch`, so its `identity` and `location` are null because they were never
read, not because they were hidden. Fields whose data only the identity roles read
(members, exact size, income, special groups, a worker's households) answer FORBIDDEN to
everyone else; charities and enterprises reach no `Household` at all.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from graph.households import HouseholdRow, HouseholdSketch, sketch_of
from graph.members import PersonRecord
from graph.needs import NeedRecord
from graph.regions import RegionRecord
from graph.social_workers import SocialWorkerRecord, WorkerRead
from graph.stations import StationRecord
from server.context import Context
from server.graphql.permissions import casework_only
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
from server.loaders import now_or_later
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


def _station(record: StationRecord | None) -> Station:
    assert record is not None, "a worker's station exists"
    return Station.from_record(record)


def _region(record: RegionRecord | None) -> Region:
    assert record is not None, "a household's village and township exist"
    return Region.from_record(record)


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
    _household_id: strawberry.Private[str | None]
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
    def household_id(self) -> strawberry.ID | None:
        # Only the casework projection of a need returns its household id.
        return strawberry.ID(self._household_id) if self._household_id else None

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
    _sketch: strawberry.Private[HouseholdSketch]
    _row: strawberry.Private[HouseholdRow | None]  # only when read in the casework projection
    id: strawberry.ID
    tier: Tier
    dibao_class: DibaoClass | None
    causes: list[Cause]
    warning_level: WarningLevel
    needs_skills: list[str]
    size_band: str = strawberry.field(description="Household size as a band: 1, 2-3, 4-5, 6+")
    version: int

    def _casework(self) -> HouseholdRow:
        # casework_only() ran first: a casework principal's loaders read whole rows.
        assert self._row is not None, "casework field without the casework projection"
        return self._row

    @strawberry.field(extensions=casework_only())
    def special_groups(self) -> list[SpecialGroup]:
        return [SpecialGroup(g) for g in self._casework().record.special_groups]

    @strawberry.field(extensions=casework_only())
    def size(self) -> int:
        return self._casework().record.size

    @strawberry.field(extensions=casework_only(), description="yuan per person per month")
    def monthly_income_per_person(self) -> float:
        return self._casework().record.monthly_income_per_person

    @strawberry.field(extensions=casework_only())
    def risk_score(self) -> float:
        return self._casework().record.risk_score

    @strawberry.field(extensions=casework_only())
    def next_review_due(self) -> date | None:
        return self._casework().record.next_review_due

    @strawberry.field
    def village(self, info: Info[Context, Any]) -> Region:
        return now_or_later(info.context.loaders.region, self._sketch.village_id, _region)

    @strawberry.field
    def township(self, info: Info[Context, Any]) -> Region:
        return now_or_later(info.context.loaders.region, self._sketch.township_id, _region)

    @strawberry.field(description="Exact location: null for roles that may not see identity.")
    def location(self) -> GeoPoint | None:
        if self._row is None:  # not read: outside the casework projection
            return None
        return GeoPoint(lat=self._row.record.lat, lon=self._row.record.lon)

    @strawberry.field(description="Who the household is: null for roles that may not see it.")
    def identity(self) -> HouseholdIdentity | None:
        if self._row is None:  # not read: outside the casework projection
            return None
        r = self._row.record
        return HouseholdIdentity(
            head_name=self._row.head_name or "", address=r.address, phone=r.phone
        )

    @strawberry.field(extensions=casework_only())
    def members(self, info: Info[Context, Any]) -> list[Person]:
        return now_or_later(
            info.context.loaders.members,
            self._sketch.id,
            lambda people: [Person.from_record(p) for p in people],
        )

    @strawberry.field
    def needs(self, info: Info[Context, Any]) -> list[Need]:
        return now_or_later(
            info.context.loaders.needs,
            self._sketch.id,
            lambda needs: [Need.from_record(n) for n in needs],
        )

    @strawberry.field(description="The responsible worker (一对一帮扶) of the active match.")
    def worker(self, info: Info[Context, Any]) -> SocialWorker | None:
        return now_or_later(
            info.context.loaders.worker_of_household,
            self._sketch.id,
            lambda w: SocialWorker.from_record(w) if w else None,
        )

    @classmethod
    def from_read(cls, read: HouseholdRow | HouseholdSketch) -> Household:
        """From what the loaders read: a casework row, or a volunteer's sketch."""
        if isinstance(read, HouseholdRow):
            return cls.from_row(read)
        return cls._of(read, None)

    @classmethod
    def from_row(cls, row: HouseholdRow) -> Household:
        return cls._of(sketch_of(row), row)

    @classmethod
    def _of(cls, k: HouseholdSketch, row: HouseholdRow | None) -> Household:
        return cls(
            _sketch=k,
            _row=row,
            id=strawberry.ID(k.id),
            tier=Tier(k.tier),
            dibao_class=DibaoClass(k.dibao_class) if k.dibao_class else None,
            causes=[Cause(c) for c in k.causes],
            warning_level=WarningLevel(k.warning_level),
            needs_skills=list(k.needs_skills),
            size_band=k.size_band,
            version=k.version,
        )


@strawberry.type
class SocialWorker:
    # Phone, ID number and home are in the record only when read in the casework projection.
    _record: strawberry.Private[WorkerRead]
    id: strawberry.ID
    name: str
    sex: Sex
    caseload_limit: int = strawberry.field(description="weighted units")
    reach_km: float
    travel_mode: TravelMode
    skills: list[str]
    languages: list[str]

    @strawberry.field(description="Home: only for the roles that see identity, else null.")
    def home(self) -> GeoPoint | None:
        r = self._record
        if not isinstance(r, SocialWorkerRecord):  # a profile: never read
            return None
        return GeoPoint(lat=r.home_lat, lon=r.home_lon)

    @strawberry.field(description="Only for the roles that see identity, else null.")
    def phone(self) -> str | None:
        r = self._record
        return r.phone if isinstance(r, SocialWorkerRecord) else None

    @strawberry.field
    def station(self, info: Info[Context, Any]) -> Station:
        return now_or_later(info.context.loaders.station, self._record.station_id, _station)

    @strawberry.field(description="Weighted load of the households actively followed.")
    def current_load(self, info: Info[Context, Any]) -> int:
        return now_or_later(info.context.loaders.worker_load, self._record.id, lambda c: c[0])

    @strawberry.field
    def household_count(self, info: Info[Context, Any]) -> int:
        return now_or_later(info.context.loaders.worker_load, self._record.id, lambda c: c[1])

    @strawberry.field(
        extensions=casework_only(),
        description="The households this worker actively follows (in your scope).",
    )
    async def households(self, info: Info[Context, Any]) -> list[Household]:
        rows = await info.context.loaders.worker_households.load(self._record.id)
        scope = await info.context.loaders.scope()
        return [
            Household.from_row(r)
            for r in rows
            if scope.unrestricted or r.township_id in (scope.townships or ())
        ]

    @classmethod
    def from_record(cls, r: WorkerRead) -> SocialWorker:
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
