"""Care tasks and grid reports: what the station reads, and what a volunteer reads (a task
at village level, never the household)."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry

from graph.care_tasks import CareTaskRecord
from graph.grid_reports import GridReportRecord
from server.graphql.types.vocabulary import NeedKind
from server.services.care_tasks import TaskForVolunteer


@strawberry.enum(description="网格员身份: may report what they see in their villages")
class GridRole(Enum):
    VILLAGE_CADRE = "VILLAGE_CADRE"
    GRID_MEMBER = "GRID_MEMBER"
    PARTY_MEMBER = "PARTY_MEMBER"


@strawberry.enum(description="小任务类别")
class CareTaskKind(Enum):
    COMPANY_VISIT = "COMPANY_VISIT"
    ERRAND = "ERRAND"
    DAILY_CARE = "DAILY_CARE"
    HEALTH_CHECK = "HEALTH_CHECK"
    TUTORING = "TUTORING"
    ELDERLY_CARE = "ELDERLY_CARE"
    LEGAL_HELP = "LEGAL_HELP"


@strawberry.enum(description="小任务状态")
class CareTaskStatus(Enum):
    OPEN = "OPEN"
    TAKEN = "TAKEN"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


@strawberry.enum(description="网格发现类别: a need, or an event (an indicator)")
class GridReportKind(Enum):
    NEED = "NEED"
    EVENT = "EVENT"


@strawberry.enum(description="网格发现状态")
class GridReportStatus(Enum):
    PENDING = "PENDING"
    CONFIRMED = "CONFIRMED"
    DISMISSED = "DISMISSED"


@strawberry.enum(description="可由网格员上报的预警事件")
class ReportableEvent(Enum):
    HOSPITALISATION = "HOSPITALISATION"
    CHRONIC_DISEASE = "CHRONIC_DISEASE"
    NEW_DISABILITY = "NEW_DISABILITY"
    NEW_UNEMPLOYMENT = "NEW_UNEMPLOYMENT"
    COLLEGE_ADMISSION = "COLLEGE_ADMISSION"


@strawberry.type(description="小任务, as the station reads it.")
class CareTask:
    id: strawberry.ID
    kind: CareTaskKind
    what: str
    due_on: date
    window: str | None
    status: CareTaskStatus
    household_id: strawberry.ID
    village_id: strawberry.ID
    volunteer_name: str | None
    note: str | None
    minutes: int | None
    done_on: date | None
    version: int

    @classmethod
    def from_record(cls, t: CareTaskRecord) -> CareTask:
        return cls(
            id=strawberry.ID(t.id),
            kind=CareTaskKind(t.kind),
            what=t.what,
            due_on=t.due_on,
            window=t.window,
            status=CareTaskStatus(t.status),
            household_id=strawberry.ID(t.household_id),
            village_id=strawberry.ID(t.village_id),
            volunteer_name=t.volunteer_name,
            note=t.note,
            minutes=t.minutes,
            done_on=t.done_on,
            version=t.version,
        )


@strawberry.type(description="小任务, as a volunteer reads it: the village, never the household.")
class VolunteerCareTask:
    id: strawberry.ID
    kind: CareTaskKind
    what: str
    due_on: date
    window: str | None
    status: CareTaskStatus
    village_name: str
    distance_km: float = strawberry.field(description="From home to the village's centre.")
    mine: bool = strawberry.field(description="Taken (or done) by the signed-in volunteer.")
    note: str | None
    minutes: int | None
    done_on: date | None
    version: int

    @classmethod
    def from_fit(cls, f: TaskForVolunteer) -> VolunteerCareTask:
        t = f.task
        return cls(
            id=strawberry.ID(t.id),
            kind=CareTaskKind(t.kind),
            what=t.what,
            due_on=t.due_on,
            window=t.window,
            status=CareTaskStatus(t.status),
            village_name=t.village_name,
            distance_km=f.distance_km,
            mine=t.mine,
            note=t.note,
            minutes=t.minutes,
            done_on=t.done_on,
            version=t.version,
        )

    @classmethod
    def from_taken(cls, t: CareTaskRecord, village_name: str) -> VolunteerCareTask:
        return cls(
            id=strawberry.ID(t.id),
            kind=CareTaskKind(t.kind),
            what=t.what,
            due_on=t.due_on,
            window=t.window,
            status=CareTaskStatus(t.status),
            village_name=village_name,
            distance_km=0.0,
            # Answers the volunteer's own take / record / release: held means held by them.
            mine=t.volunteer_id is not None,
            note=t.note,
            minutes=t.minutes,
            done_on=t.done_on,
            version=t.version,
        )


@strawberry.type(description="网格发现: a report from a village, for the station to confirm.")
class GridReport:
    id: strawberry.ID
    kind: GridReportKind
    need_kind: NeedKind | None
    indicator: ReportableEvent | None
    description: str
    village_id: strawberry.ID
    village_name: str
    reported_at: datetime
    due_at: datetime = strawberry.field(description="Confirm or dismiss by then.")
    overdue: bool = strawberry.field(description="Still pending past its time limit.")
    status: GridReportStatus
    household_id: strawberry.ID | None = strawberry.field(
        description="Linked by the station on confirming; null for the reporter."
    )
    dismiss_reason: str | None
    version: int

    @classmethod
    def from_record(cls, r: GridReportRecord, *, now: datetime, station: bool) -> GridReport:
        return cls(
            id=strawberry.ID(r.id),
            kind=GridReportKind(r.kind),
            need_kind=NeedKind(r.need_kind) if r.need_kind else None,
            indicator=ReportableEvent(r.indicator) if r.indicator else None,
            description=r.description,
            village_id=strawberry.ID(r.village_id),
            village_name=r.village_name,
            reported_at=r.reported_at,
            due_at=r.due_at,
            overdue=r.status == "PENDING" and now >= r.due_at,
            status=GridReportStatus(r.status),
            household_id=strawberry.ID(r.household_id) if station and r.household_id else None,
            dismiss_reason=r.dismiss_reason,
            version=r.version,
        )
