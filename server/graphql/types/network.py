"""The support network's picture and its gaps, as the coordinator's pages read them."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from graph import gaps
from graph.network import NetworkEdge as EdgeRecord
from graph.network import NetworkNode as NodeRecord
from server.graphql.types.market import OrganisationKind
from server.graphql.types.oversight import SilentWorkerRow, StalePairing, StalePairings
from server.graphql.types.vocabulary import NeedKind, Tier, WarningLevel
from server.services.network import GapRequest


@strawberry.enum(description="What a node of the support network is")
class NetworkNodeKind(Enum):
    HOUSEHOLD = "HOUSEHOLD"
    SOCIAL_WORKER = "SOCIAL_WORKER"
    STATION = "STATION"
    VILLAGE = "VILLAGE"
    TOWNSHIP = "TOWNSHIP"
    CHARITY = "CHARITY"
    ENTERPRISE = "ENTERPRISE"
    VOLUNTEER = "VOLUNTEER"


@strawberry.enum(description="An active link of the support network")
class NetworkLinkKind(Enum):
    RESPONSIBLE = "RESPONSIBLE"  # 责任社工: an active match by a social worker
    ADOPTS = "ADOPTS"  # 认领: an active match by a charity or an enterprise (marketplace)
    TASK = "TASK"  # 志愿任务: an active match by a volunteer (marketplace)
    WORKS_AT = "WORKS_AT"
    SERVES = "SERVES"
    IN_VILLAGE = "IN_VILLAGE"
    LIVES_IN = "LIVES_IN"
    ACTIVE_IN = "ACTIVE_IN"
    PART_OF = "PART_OF"


@strawberry.type(description="A node: its position is its village's, station's or region's")
class NetworkNode:
    id: strawberry.ID
    kind: NetworkNodeKind
    label: str | None = strawberry.field(description="A name; only for the identity roles.")
    warning_level: WarningLevel | None
    tier: Tier | None
    load: float = strawberry.field(
        description="Households: weight; workers: load / limit; stations: households "
        "followed; volunteers: tasks; organisations: adoptions."
    )
    township_id: strawberry.ID | None
    village_id: strawberry.ID | None
    x: float | None = strawberry.field(description="Longitude of the node's place.")
    y: float | None = strawberry.field(description="Latitude of the node's place.")

    @classmethod
    def from_record(cls, n: NodeRecord) -> NetworkNode:
        return cls(
            id=strawberry.ID(n.id),
            kind=NetworkNodeKind(n.kind),
            label=n.label,
            warning_level=WarningLevel(n.warning_level) if n.warning_level else None,
            tier=Tier(n.tier) if n.tier else None,
            load=n.load,
            township_id=strawberry.ID(n.township_id) if n.township_id else None,
            village_id=strawberry.ID(n.village_id) if n.village_id else None,
            x=n.lon,
            y=n.lat,
        )


@strawberry.type
class NetworkEdge:
    source: strawberry.ID
    target: strawberry.ID
    kind: NetworkLinkKind

    @classmethod
    def from_record(cls, e: EdgeRecord) -> NetworkEdge:
        return cls(
            source=strawberry.ID(e.source),
            target=strawberry.ID(e.target),
            kind=NetworkLinkKind(e.kind),
        )


@strawberry.type(description="支持网络: the support network of the area asked for")
class NetworkGraph:
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


@strawberry.type(description="A village's households with no active responsible worker")
class UncoveredVillage:
    township_id: strawberry.ID
    village_id: strawberry.ID
    village_name: str
    households: int
    uncovered: int
    red: int
    orange: int
    urgent_household_ids: list[strawberry.ID] = strawberry.field(
        description="The red and orange ones, most at risk first."
    )

    @classmethod
    def from_row(cls, r: gaps.UncoveredVillage) -> UncoveredVillage:
        return cls(
            township_id=strawberry.ID(r.township_id),
            village_id=strawberry.ID(r.village_id),
            village_name=r.village_name,
            households=r.households,
            uncovered=r.uncovered,
            red=r.red,
            orange=r.orange,
            urgent_household_ids=[strawberry.ID(i) for i in r.urgent_household_ids],
        )


@strawberry.type(description="A worker whose leave would leave households without anyone")
class SinglePointWorker:
    worker_id: strawberry.ID
    worker_name: str | None
    station_id: strawberry.ID
    township_id: strawberry.ID
    household_ids: list[strawberry.ID]
    urgent_household_ids: list[strawberry.ID]
    load: int
    colleagues_in_reach: int
    colleagues_room: int = strawberry.field(description="Room left under their limits.")
    colleagues_can_absorb: bool

    @classmethod
    def from_row(cls, r: gaps.SinglePointWorker) -> SinglePointWorker:
        return cls(
            worker_id=strawberry.ID(r.worker_id),
            worker_name=r.worker_name,
            station_id=strawberry.ID(r.station_id),
            township_id=strawberry.ID(r.township_id),
            household_ids=[strawberry.ID(i) for i in r.household_ids],
            urgent_household_ids=[strawberry.ID(i) for i in r.urgent_household_ids],
            load=r.load,
            colleagues_in_reach=r.colleagues_in_reach,
            colleagues_room=r.colleagues_room,
            colleagues_can_absorb=r.colleagues_can_absorb,
        )


@strawberry.type(description="An organisation with budget or places and no recent adoption")
class IdleOrganisation:
    id: strawberry.ID
    kind: OrganisationKind
    name: str
    budget_yuan: int
    jobs_offered: int
    last_adoption_on: date | None


@strawberry.type
class IdleOrganisations:
    total_count: int
    items: list[IdleOrganisation]


@strawberry.type(description="A volunteer with no active task")
class IdleVolunteer:
    id: strawberry.ID
    name: str | None
    kind: str
    village_id: strawberry.ID
    township_id: strawberry.ID


@strawberry.type
class IdleVolunteers:
    total_count: int
    items: list[IdleVolunteer]


@strawberry.type(description="Open needs of a kind no provider working there serves")
class UnservedNeedKind:
    township_id: strawberry.ID
    township_name: str
    kind: NeedKind
    open_needs: int
    households: int


@strawberry.type(description="覆盖率: one village's coverage")
class VillageCoverage:
    township_id: strawberry.ID
    village_id: strawberry.ID
    village_name: str
    x: float = strawberry.field(description="Longitude of the village.")
    y: float = strawberry.field(description="Latitude of the village.")
    households: int
    with_worker: int
    visited_in_cadence: int
    needs: int
    needs_met: int

    @strawberry.field(description="Share of households with an active worker, 0–1.")
    def worker_share(self) -> float:
        return self.with_worker / self.households if self.households else 0.0

    @strawberry.field(description="Share visited within their cadence, 0–1.")
    def cadence_share(self) -> float:
        return self.visited_in_cadence / self.households if self.households else 0.0

    @strawberry.field(description="Share of needs met, 0–1 (1 with no needs).")
    def needs_share(self) -> float:
        return self.needs_met / self.needs if self.needs else 1.0

    @classmethod
    def from_row(cls, r: gaps.VillageCoverage) -> VillageCoverage:
        return cls(
            township_id=strawberry.ID(r.township_id),
            village_id=strawberry.ID(r.village_id),
            village_name=r.village_name,
            x=r.lon,
            y=r.lat,
            households=r.households,
            with_worker=r.with_worker,
            visited_in_cadence=r.visited_in_cadence,
            needs=r.needs,
            needs_met=r.needs_met,
        )


@strawberry.enum(description="错保 (covered, income above the line) or 漏保 (the reverse)")
class EligibilitySignalKind(Enum):
    COVERED_ABOVE_LINE = "COVERED_ABOVE_LINE"
    UNCOVERED_BELOW_LINE = "UNCOVERED_BELOW_LINE"


@strawberry.type(description="A household to review against the minimum-living line")
class EligibilitySignal:
    signal: EligibilitySignalKind
    household_id: strawberry.ID
    label: str | None
    tier: Tier
    monthly_income_per_person: float
    village_id: strawberry.ID
    village_name: str
    township_id: strawberry.ID
    warning_level: WarningLevel | None

    @classmethod
    def from_row(cls, r: gaps.EligibilitySignal) -> EligibilitySignal:
        return cls(
            signal=EligibilitySignalKind(r.signal),
            household_id=strawberry.ID(r.household_id),
            label=r.label,
            tier=Tier(r.tier),
            monthly_income_per_person=r.monthly_income_per_person,
            village_id=strawberry.ID(r.village_id),
            village_name=r.village_name,
            township_id=strawberry.ID(r.township_id),
            warning_level=WarningLevel(r.warning_level) if r.warning_level else None,
        )


@strawberry.type
class EligibilityReview:
    line: float = strawberry.field(description="The line compared with, yuan per person a month.")
    covered_above_line_count: int
    uncovered_below_line_count: int
    items: list[EligibilitySignal]


@strawberry.type(description="缺口分析: where the network leaves households behind")
class NetworkGaps:
    _request: strawberry.Private[GapRequest]

    @strawberry.field(description="Villages with households and no active responsible worker, "
                      "red and orange first.")  # fmt: skip
    async def uncovered_villages(self) -> list[UncoveredVillage]:
        return [UncoveredVillage.from_row(r) for r in await self._request.uncovered()]

    @strawberry.field(description="Workers who alone follow their households.")
    async def single_point_workers(self) -> list[SinglePointWorker]:
        return [SinglePointWorker.from_row(r) for r in await self._request.single_point_workers()]

    @strawberry.field(description="Charities and enterprises with budget or places and no "
                      "adoption in `idleDays`.")  # fmt: skip
    async def idle_organisations(self) -> IdleOrganisations:
        rows, total = await self._request.idle_organisations()
        items = [
            IdleOrganisation(
                id=strawberry.ID(o.id),
                kind=OrganisationKind(o.kind),
                name=o.name,
                budget_yuan=o.budget_yuan,
                jobs_offered=o.jobs_offered,
                last_adoption_on=o.last_adoption_on,
            )  # fmt: skip
            for o in rows
        ]
        return IdleOrganisations(total_count=total, items=items)

    @strawberry.field(description="Volunteers with no active task.")
    async def idle_volunteers(self) -> IdleVolunteers:
        rows, total = await self._request.idle_volunteers()
        items = [
            IdleVolunteer(
                id=strawberry.ID(x.id),
                name=x.name,
                kind=x.kind,
                village_id=strawberry.ID(x.village_id),
                township_id=strawberry.ID(x.township_id),
            )  # fmt: skip
            for x in rows
        ]
        return IdleVolunteers(total_count=total, items=items)

    @strawberry.field(description="Need kinds with open needs and no provider in the township.")
    async def unserved_need_kinds(self) -> list[UnservedNeedKind]:
        return [
            UnservedNeedKind(
                township_id=strawberry.ID(r.township_id),
                township_name=r.township_name,
                kind=NeedKind(r.kind),
                open_needs=r.open_needs,
                households=r.households,
            )  # fmt: skip
            for r in await self._request.unserved_need_kinds()
        ]

    @strawberry.field(description="Coverage of every village, for the heat map.")
    async def village_coverage(self) -> list[VillageCoverage]:
        return [VillageCoverage.from_row(r) for r in await self._request.village_coverage()]

    @strawberry.field(description="错保/漏保: incomes against the minimum-living line.")
    async def eligibility_review(self) -> EligibilityReview:
        rows, totals = await self._request.eligibility_review()
        return EligibilityReview(
            line=self._request.line,
            covered_above_line_count=totals.get("COVERED_ABOVE_LINE", 0),
            uncovered_below_line_count=totals.get("UNCOVERED_BELOW_LINE", 0),
            items=[EligibilitySignal.from_row(r) for r in rows],
        )

    @strawberry.field(description="Active matches with no contact for `staleDays` (the "
                      "oversight query).")  # fmt: skip
    async def stale_links(self) -> StalePairings:
        result = await self._request.stale_links()
        return StalePairings(
            days=result.days,
            as_of=result.as_of,
            total_count=result.total_matches,
            pairings=[StalePairing.from_stale(s, as_of=result.as_of) for s in result.matches],
            silent_workers=[SilentWorkerRow.from_row(w) for w in result.workers],
        )
