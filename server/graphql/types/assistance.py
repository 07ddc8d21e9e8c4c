"""Temporary assistance (临时救助, 救急难) as GraphQL."""

from __future__ import annotations

from datetime import date

import strawberry

from graph.assistance import AssistanceRecord
from matching.assistance import decided_same_day


@strawberry.type(description="临时救助: an amount for a sudden hardship, decided the same day.")
class TemporaryAssistance:
    id: strawberry.ID
    amount_yuan: int
    reason: str
    status: str = strawberry.field(description="REQUESTED, APPROVED or REFUSED.")
    requested_on: date
    decided_on: date | None
    note: str | None
    version: int
    same_day: bool | None = strawberry.field(description="Decided on the day it was asked.")

    @classmethod
    def from_record(cls, r: AssistanceRecord) -> TemporaryAssistance:
        return cls(
            id=strawberry.ID(r.id),
            amount_yuan=r.amount_yuan,
            reason=r.reason,
            status=r.status,
            requested_on=r.requested_on,
            decided_on=r.decided_on,
            note=r.note,
            version=r.version,
            same_day=decided_same_day(r.requested_on, r.decided_on) if r.decided_on else None,
        )
