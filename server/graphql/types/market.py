"""The marketplace's types: adoptions, evidence, capacity, the funds ledger, the village map,
recommendations. Organisations read these; never a household, a name or a house."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from graph.adoption_reads import AdoptionRow, CapacityRow, EvidenceRow
from graph.consents import ConsentRow
from graph.market import VillageCount
from server.context import Context
from server.graphql.types.organisations import NeedListing
from server.graphql.types.registry import Region
from server.graphql.types.vocabulary import NeedKind, NeedStatus, Urgency


@strawberry.enum(description="Where an adoption (认领) is in its life.")
class AdoptionStatus(Enum):
    CLAIMED = "CLAIMED"
    DISBURSED = "DISBURSED"
    FULFILLED = "FULFILLED"
    CANCELLED = "CANCELLED"
    RELEASED = "RELEASED"
    EXPIRED = "EXPIRED"


@strawberry.enum(description="How money or help reached the household.")
class DisbursementChannel(Enum):
    BANK_TRANSFER = "BANK_TRANSFER"
    CASH = "CASH"
    GOODS = "GOODS"
    SERVICE = "SERVICE"
    MOBILE_PAYMENT = "MOBILE_PAYMENT"


@strawberry.enum(description="Over what period an organisation's budget runs.")
class BudgetPeriod(Enum):
    MONTH = "MONTH"
    QUARTER = "QUARTER"
    YEAR = "YEAR"


@strawberry.enum
class EvidenceKind(Enum):
    RECEIPT = "RECEIPT"
    PHOTO = "PHOTO"


@strawberry.enum
class OrganisationKind(Enum):
    CHARITY = "CHARITY"
    ENTERPRISE = "ENTERPRISE"


def org_kind(label: str) -> OrganisationKind:
    return OrganisationKind.CHARITY if label == "Charity" else OrganisationKind.ENTERPRISE


@strawberry.type(
    description="A receipt or a photo proving help was given; the file itself "
    "is at /evidence/<id> for the station, auditors and the adopting organisation."
)
class Evidence:
    id: strawberry.ID
    kind: EvidenceKind
    content_type: str
    filename: str
    size: int
    uploaded_at: datetime

    @classmethod
    def from_row(cls, row: EvidenceRow) -> Evidence:
        return cls(
            id=strawberry.ID(row.id),
            kind=EvidenceKind(row.kind),
            content_type=row.content_type,
            filename=row.filename,
            size=row.size,
            uploaded_at=row.uploaded_at,
        )


@strawberry.type(description="An organisation's adoption of a need (认领), and its whole life.")
class Adoption:
    _row: strawberry.Private[AdoptionRow]
    _viewer: strawberry.Private[str | None]
    id: strawberry.ID
    need_id: strawberry.ID
    status: AdoptionStatus
    pledged_yuan: int
    disbursed_yuan: int | None
    disbursed_on: date | None
    channel: DisbursementChannel | None
    claimed_on: date
    expires_on: date | None = strawberry.field(
        description="A claim nothing happened to reopens its need after this day."
    )
    fulfilled_on: date | None
    cancel_reason: str | None
    organisation_name: str
    organisation_kind: OrganisationKind
    transfer_to_name: str | None
    transfer_requested_at: datetime | None
    version: int
    need_kind: NeedKind
    need_cost: int
    need_urgency: Urgency
    need_status: NeedStatus
    evidence_count: int

    @strawberry.field(description="Whether the caller's organisation holds it.")
    def mine(self) -> bool:
        return self._viewer is not None and self._viewer == self._row.org_id

    @strawberry.field(description="Whether a hand-over to the caller's organisation waits.")
    def transfer_offered_to_me(self) -> bool:
        return self._viewer is not None and self._viewer == self._row.transfer_to_id

    @strawberry.field
    async def village(self, info: Info[Context, Any]) -> Region | None:
        region = await info.context.loaders.region.load(self._row.village_id)
        return Region.from_record(region) if region else None

    @strawberry.field
    async def township(self, info: Info[Context, Any]) -> Region | None:
        region = await info.context.loaders.region.load(self._row.township_id)
        return Region.from_record(region) if region else None

    @strawberry.field(description="Receipts and photos, oldest first.")
    async def evidence(self, info: Info[Context, Any]) -> list[Evidence]:
        rows = await info.context.loaders.evidence.load(self._row.id)
        return [Evidence.from_row(r) for r in rows]

    @classmethod
    def from_row(cls, row: AdoptionRow, viewer: str | None) -> Adoption:
        return cls(
            _row=row,
            _viewer=viewer,
            id=strawberry.ID(row.id),
            need_id=strawberry.ID(row.need_id),
            status=AdoptionStatus(row.status),
            pledged_yuan=row.pledged_yuan,
            disbursed_yuan=row.disbursed_yuan,
            disbursed_on=row.disbursed_on,
            channel=DisbursementChannel(row.channel) if row.channel else None,
            claimed_on=row.claimed_on,
            expires_on=row.expires_on,
            fulfilled_on=row.fulfilled_on,
            cancel_reason=row.cancel_reason,
            organisation_name=row.org_name,
            organisation_kind=org_kind(row.org_kind),
            transfer_to_name=row.transfer_to_name,
            transfer_requested_at=row.transfer_requested_at,
            version=row.version,
            need_kind=NeedKind(row.need_kind),
            need_cost=row.need_cost,
            need_urgency=Urgency(row.need_urgency),
            need_status=NeedStatus(row.need_status),
            evidence_count=row.evidence_count,
        )


@strawberry.type(description="What an organisation can carry and what it carries now.")
class OrganisationCapacity:
    organisation_id: strawberry.ID
    organisation_name: str
    organisation_kind: OrganisationKind
    declared: bool
    budget_yuan: int
    period: BudgetPeriod
    kinds: list[NeedKind]
    max_open_adoptions: int
    committed_yuan: int = strawberry.field(description="Pledged in the current period.")
    open_adoptions: int
    current_period: str = strawberry.field(description="e.g. 2026-Q4")
    version: int
    _townships: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="Where the county lets it work (set by the county).")
    async def townships(self, info: Info[Context, Any]) -> list[Region]:
        found = await info.context.loaders.region.load_many(list(self._townships))
        return [Region.from_record(r) for r in found if r is not None]

    @classmethod
    def from_row(
        cls, row: CapacityRow, *, committed: int, open_adoptions: int, current_period: str
    ) -> OrganisationCapacity:
        c = row.capacity or {}
        return cls(
            organisation_id=strawberry.ID(row.org_id),
            organisation_name=row.org_name,
            organisation_kind=org_kind(row.org_kind),
            declared=row.capacity is not None,
            budget_yuan=int(c.get("cap_budget_yuan") or 0),
            period=BudgetPeriod(c.get("cap_period") or "YEAR"),
            kinds=[NeedKind(k) for k in c.get("cap_kinds") or ()],
            max_open_adoptions=int(c.get("cap_max_open") or 0),
            committed_yuan=committed,
            open_adoptions=open_adoptions,
            current_period=current_period,
            version=row.version,
            _townships=row.townships,
        )


@strawberry.type(description="One line of the funds ledger: an organisation in a period.")
class LedgerLine:
    organisation_name: str
    organisation_kind: OrganisationKind
    period: str
    pledged_yuan: int
    disbursed_yuan: int
    fulfilled_yuan: int
    adoptions: int


@strawberry.type(description="Open needs in a village, at the village's own point.")
class VillageNeeds:
    village_id: strawberry.ID
    name: str
    township_id: strawberry.ID
    lat: float
    lon: float
    open_needs: int
    high_urgency: int

    @classmethod
    def from_count(cls, c: VillageCount) -> VillageNeeds:
        return cls(
            village_id=strawberry.ID(c.village_id),
            name=c.name,
            township_id=strawberry.ID(c.township_id),
            lat=c.lat,
            lon=c.lon,
            open_needs=c.open_needs,
            high_urgency=c.high_urgency,
        )


@strawberry.type(description="A reason a need is recommended: a code and its parameters.")
class RecommendationReason:
    code: str
    value: str | None = None


@strawberry.type(description="为您推荐: a need the fair allocation gives this organisation.")
class Recommendation:
    need: NeedListing
    reasons: list[RecommendationReason]


@strawberry.enum(description="What a household may let an adopting organisation see.")
class ConsentField(Enum):
    CONTACT_NAME = "CONTACT_NAME"
    CONTACT_PHONE = "CONTACT_PHONE"
    ADDRESS = "ADDRESS"


@strawberry.type(description="A household's consent (知情同意) to share some contact details.")
class Consent:
    id: strawberry.ID
    given_by: str
    given_on: date
    fields: list[ConsentField]
    expires_on: date
    withdrawn_on: date | None
    version: int
    for_job: bool = strawberry.field(description="Given for one job proposal (its enterprise)")

    @classmethod
    def from_row(cls, row: ConsentRow) -> Consent:
        return cls(
            id=strawberry.ID(row.id),
            given_by=row.given_by,
            given_on=row.given_on,
            fields=[ConsentField(f) for f in row.fields],
            expires_on=row.expires_on,
            withdrawn_on=row.withdrawn_on,
            version=row.version,
            for_job=row.proposal_id is not None,
        )
