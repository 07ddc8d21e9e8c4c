"""Jobs and training places: postings, and proposals as an enterprise reads them (age band,
sex, village, why) or as the station reads them (who)."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from graph.job_postings import JobPostingRecord, ProposalRecord


@strawberry.enum(description="岗位类别: a job, or a training place")
class PostingKind(Enum):
    JOB = "JOB"
    TRAINING = "TRAINING"


@strawberry.enum(description="推荐状态")
class ProposalStatus(Enum):
    PROPOSED = "PROPOSED"
    CONSENTED = "CONSENTED"
    HIRED = "HIRED"
    LEFT = "LEFT"
    DECLINED = "DECLINED"
    WITHDRAWN = "WITHDRAWN"


@strawberry.enum(description="就业结果")
class JobOutcome(Enum):
    HIRED = "HIRED"
    LEFT = "LEFT"
    DECLINED = "DECLINED"


@strawberry.type(description="企业岗位或培训名额")
class JobPosting:
    id: strawberry.ID
    enterprise_name: str
    kind: PostingKind
    title: str
    place_id: strawberry.ID
    place_name: str
    hours: str
    pay: int = strawberry.field(description="Yuan per month (a training place: its stipend)")
    requirements: str
    count: int
    reach_km: float
    status: str = strawberry.field(description="OPEN | CLOSED")
    proposals: int
    filled: int
    version: int

    @classmethod
    def from_record(cls, j: JobPostingRecord) -> JobPosting:
        return cls(
            id=strawberry.ID(j.id),
            enterprise_name=j.enterprise_name,
            kind=PostingKind(j.kind),
            title=j.title,
            place_id=strawberry.ID(j.place_id),
            place_name=j.place_name,
            hours=j.hours,
            pay=j.pay,
            requirements=j.requirements,
            count=j.count,
            reach_km=j.reach_km,
            status=j.status,
            proposals=j.proposals,
            filled=j.filled,
            version=j.version,
        )


@strawberry.type(
    description="A proposed candidate. Anonymous for the enterprise: age band, sex, village "
    "and why; `personName` and `householdId` reach only the station."
)
class JobProposal:
    id: strawberry.ID
    posting_id: strawberry.ID
    status: ProposalStatus
    age_band: str
    sex: str
    village_name: str
    distance_km: float
    priority: int = strawberry.field(
        description="3: unemployment; 2: disaster, accident, schooling costs; 1: other causes"
    )
    reasons: list[str] = strawberry.field(
        description="Codes: CAUSE_<cause>, WORKING_AGE, WITHIN_<n>KM"
    )
    person_name: str | None
    household_id: strawberry.ID | None
    outcome_on: date | None
    version: int

    @classmethod
    def from_record(cls, p: ProposalRecord, *, casework: bool) -> JobProposal:
        return cls(
            id=strawberry.ID(p.id),
            posting_id=strawberry.ID(p.posting_id),
            status=ProposalStatus(p.status),
            age_band=p.age_band,
            sex=p.sex,
            village_name=p.village_name,
            distance_km=p.distance_km,
            priority=p.priority,
            reasons=list(p.reasons),
            person_name=p.person_name if casework else None,
            household_id=strawberry.ID(p.household_id) if casework else None,
            outcome_on=p.outcome_on,
            version=p.version,
        )
