"""Visit rounds (走访路线) as the API shows them: times as HH:MM (China time), reasons as codes."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from graph.rounds import RoundRow, RoundStopRow
from matching.rounds.due import format_minutes
from server.context import Context
from server.graphql.types.registry import Household


@strawberry.enum(description="走访类型")
class RoundVisitKind(Enum):
    ALERT_VERIFICATION = "ALERT_VERIFICATION"
    FOLLOW_UP = "FOLLOW_UP"
    CLASS_REVIEW = "CLASS_REVIEW"
    CARE_VISIT = "CARE_VISIT"
    EMERGENCY = "EMERGENCY"


@strawberry.type(description="One stop of a round, in the order it is made.")
class RoundStop:
    position: int
    household_id: strawberry.ID
    kind: RoundVisitKind
    arrival: str = strawberry.field(description="Reaching the door, HH:MM")
    start: str = strawberry.field(description="Service starts (after any wait for a window)")
    departure: str
    travel_minutes: int
    km: float
    late: str | None = strawberry.field(
        description="DEADLINE_PASSED or DEADLINE_UNREACHABLE when the deadline is missed"
    )
    warnings: list[str] = strawberry.field(description="NO_COORDINATES, REASSIGNED")
    responsible_worker_id: strawberry.ID | None
    done: bool = strawberry.field(description="A visit was recorded on the round's date")
    visit_id: strawberry.ID | None = strawberry.field(description="That recorded visit")
    windows: list[str] = strawberry.field(
        description="The household's availability (recorded by its worker), HH:MM-HH:MM"
    )
    unavailable_weekdays: list[int] = strawberry.field(
        description="ISO weekdays the household is not at home (1 = Monday)"
    )

    @strawberry.field
    async def household(self, info: Info[Context, Any]) -> Household | None:
        row = await info.context.loaders.household.load(str(self.household_id))
        return Household.from_read(row) if row else None

    @classmethod
    def from_row(cls, s: RoundStopRow) -> RoundStop:
        return cls(
            position=s.position,
            household_id=strawberry.ID(s.household_id),
            kind=RoundVisitKind(s.kind),
            arrival=format_minutes(s.arrival),
            start=format_minutes(s.start),
            departure=format_minutes(s.departure),
            travel_minutes=s.travel_minutes,
            km=s.km,
            late=s.late,
            warnings=list(s.warnings),
            responsible_worker_id=(
                strawberry.ID(s.responsible_worker_id) if s.responsible_worker_id else None
            ),
            done=s.visit_recorded_id is not None,
            visit_id=strawberry.ID(s.visit_recorded_id) if s.visit_recorded_id else None,
            windows=list(s.windows),
            unavailable_weekdays=list(s.unavailable_weekdays),
        )


@strawberry.type(description="A visit left out of the round, with why.")
class DroppedRoundVisit:
    household_id: strawberry.ID
    kind: str
    reason: str = strawberry.field(description="NO_TIME, OUTSIDE_WINDOWS, UNAVAILABLE_TODAY")


@strawberry.type(description="A worker's round for one day (走访路线).")
class Round:
    id: strawberry.ID
    worker_id: strawberry.ID
    station_id: strawberry.ID
    date: str
    start: str
    end: str
    km: float
    travel_minutes: int
    engine: str
    warnings: list[str]
    version: int
    stops: list[RoundStop]
    dropped: list[DroppedRoundVisit]

    @strawberry.field(description="Stops made (a visit recorded) out of all stops")
    def done_count(self) -> int:
        return sum(1 for s in self.stops if s.done)

    @classmethod
    def from_row(cls, r: RoundRow) -> Round:
        return cls(
            id=strawberry.ID(r.id),
            worker_id=strawberry.ID(r.worker_id),
            station_id=strawberry.ID(r.station_id),
            date=r.date.isoformat(),
            start=format_minutes(r.start),
            end=format_minutes(r.end),
            km=r.km,
            travel_minutes=r.travel_minutes,
            engine=r.engine,
            warnings=list(r.warnings),
            version=r.version,
            stops=[RoundStop.from_row(s) for s in r.stops],
            dropped=[
                DroppedRoundVisit(household_id=strawberry.ID(h), kind=k, reason=why)
                for h, k, why in r.dropped
            ],
        )
