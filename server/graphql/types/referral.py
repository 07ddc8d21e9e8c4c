"""A referral (转介) as GraphQL."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from graph.referrals import ReferralRecord
from matching.referral import OPEN, is_overdue
from server.context import Context
from server.graphql.types.registry import Household


@strawberry.enum(description="Where a referral goes.")
class ReferralTarget(Enum):
    STATION = "STATION"
    DEPARTMENT = "DEPARTMENT"
    CHARITY = "CHARITY"


@strawberry.enum(description="医保, 教育, 住建, 人社/就业, 残联.")
class Department(Enum):
    MEDICAL_INSURANCE = "MEDICAL_INSURANCE"
    EDUCATION = "EDUCATION"
    HOUSING = "HOUSING"
    EMPLOYMENT = "EMPLOYMENT"
    DISABLED_FEDERATION = "DISABLED_FEDERATION"


@strawberry.enum(description="SENT → ACCEPTED → COMPLETED, or SENT → REFUSED.")
class ReferralStatus(Enum):
    SENT = "SENT"
    ACCEPTED = "ACCEPTED"
    REFUSED = "REFUSED"
    COMPLETED = "COMPLETED"


@strawberry.enum(
    description="What an answer does: ACCEPT or REFUSE a sent referral, or "
    "record the FEEDBACK on an accepted one."
)
class ReferralAnswer(Enum):
    ACCEPT = "ACCEPT"
    REFUSE = "REFUSE"
    FEEDBACK = "FEEDBACK"


@strawberry.type(description="A household handed to another agency for one thing, by a day.")
class Referral:
    _record: strawberry.Private[ReferralRecord]
    id: strawberry.ID
    target_kind: ReferralTarget
    department: Department | None
    target_name: str | None = strawberry.field(description="The station or charity, by name.")
    request: str = strawberry.field(description="What is asked.")
    sent_on: date
    due_on: date
    status: ReferralStatus
    note: str | None = strawberry.field(description="The answer's words (why refused).")
    feedback: str | None
    answered_at: datetime | None
    completed_at: datetime | None
    version: int

    @strawberry.field(description="Open and past its day, as of the query's day.")
    def overdue(self, info: Info[Context, Any]) -> bool:
        r = self._record
        return is_overdue(r.status, r.due_on, info.context.clock.today())

    @strawberry.field(description="Still waiting for an answer or its feedback.")
    def open(self) -> bool:
        return self._record.status in OPEN

    @strawberry.field(description="Null when the household lies outside the caller's area.")
    async def household(self, info: Info[Context, Any]) -> Household | None:
        row = await info.context.loaders.household.load(self._record.household_id)
        return Household.from_read(row) if row else None

    @classmethod
    def from_record(cls, r: ReferralRecord) -> Referral:
        return cls(
            _record=r,
            id=strawberry.ID(r.id),
            target_kind=ReferralTarget(r.target_kind),
            department=Department(r.department) if r.department else None,
            target_name=r.target_name,
            request=r.request,
            sent_on=r.sent_on,
            due_on=r.due_on,
            status=ReferralStatus(r.status),
            note=r.note,
            feedback=r.feedback,
            answered_at=r.answered_at,
            completed_at=r.completed_at,
            version=r.version,
        )
