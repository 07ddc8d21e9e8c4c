"""Early warning as GraphQL types: indicator events, alerts, and the overdue lists."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from graph.alerts import AlertRecord
from graph.escalation import OverdueItem
from graph.indicator_events import IndicatorEventRecord
from server.context import Context
from server.graphql.types.registry import Household
from server.graphql.types.vocabulary import WarningLevel


@strawberry.enum(description="预警指标: Gansu's five indicators and Yunnan's two cost lines")
class IndicatorKind(Enum):
    HOSPITALISATION = strawberry.enum_value("HOSPITALISATION", description="患病住院")
    CHRONIC_DISEASE = strawberry.enum_value("CHRONIC_DISEASE", description="慢性病和重大疾病")
    NEW_DISABILITY = strawberry.enum_value("NEW_DISABILITY", description="残疾人登记办证")
    NEW_UNEMPLOYMENT = strawberry.enum_value("NEW_UNEMPLOYMENT", description="新增失业")
    COLLEGE_ADMISSION = strawberry.enum_value("COLLEGE_ADMISSION", description="高考录取")
    MEDICAL_COST = strawberry.enum_value(
        "MEDICAL_COST", description="医疗自负费用 (with an amount in yuan)"
    )
    SCHOOLING_COST = strawberry.enum_value(
        "SCHOOLING_COST", description="教育支出 (with an amount in yuan)"
    )


@strawberry.enum(description="预警状态")
class AlertStatus(Enum):
    OPEN = "OPEN"
    RESOLVED = "RESOLVED"


@strawberry.enum(description="Who must act on an alert: a worker, else a station, else a county")
class AssigneeKind(Enum):
    WORKER = "WORKER"
    STATION = "STATION"
    COUNTY = "COUNTY"


@strawberry.type(description="An indicator event (预警指标事件) reported about a household.")
class IndicatorEvent:
    id: strawberry.ID
    kind: IndicatorKind
    household_id: strawberry.ID
    person_id: strawberry.ID | None
    occurred_on: date
    amount: int | None = strawberry.field(description="yuan, out of pocket (cost kinds)")
    source: str = strawberry.field(description="Who sent it: a department's feed, or MANUAL")
    external_id: str | None = strawberry.field(description="The sender's own id for it")
    reported_by: strawberry.ID | None = strawberry.field(description="The user who recorded it")
    recorded_at: datetime

    @classmethod
    def from_record(cls, r: IndicatorEventRecord) -> IndicatorEvent:
        return cls(
            id=strawberry.ID(r.id),
            kind=IndicatorKind(r.kind),
            household_id=strawberry.ID(r.household_id),
            person_id=strawberry.ID(r.person_id) if r.person_id else None,
            occurred_on=r.occurred_on,
            amount=r.amount,
            source=r.source,
            external_id=r.external_id,
            reported_by=strawberry.ID(r.reported_by) if r.reported_by else None,
            recorded_at=r.recorded_at,
        )


@strawberry.type(description="A warning (预警): a verifying home visit is due by `dueAt`.")
class Alert:
    _record: strawberry.Private[AlertRecord]
    id: strawberry.ID
    household_id: strawberry.ID
    level: WarningLevel
    score: float
    indicators: list[IndicatorKind]
    event_ids: list[strawberry.ID] = strawberry.field(description="The events behind it")
    raised_at: datetime
    due_at: datetime
    status: AlertStatus
    assigned_kind: AssigneeKind
    assigned_id: strawberry.ID
    resolved_at: datetime | None
    resolved_by_visit: strawberry.ID | None
    superseded_by: strawberry.ID | None = strawberry.field(
        description="A higher alert that replaced this one while it was open"
    )
    version: int

    @strawberry.field(description="Open and past its due time, judged now (never stored).")
    def overdue(self, info: Info[Context, Any]) -> bool:
        return self._record.status == "OPEN" and self._record.due_at < info.context.clock.now()

    @strawberry.field(description="The household, if it is in your scope.")
    async def household(self, info: Info[Context, Any]) -> Household | None:
        row = await info.context.loaders.household.load(self._record.household_id)
        return Household.from_read(row) if row else None

    @classmethod
    def from_record(cls, r: AlertRecord) -> Alert:
        return cls(
            _record=r,
            id=strawberry.ID(r.id),
            household_id=strawberry.ID(r.household_id),
            level=WarningLevel(r.level),
            score=r.score,
            indicators=[IndicatorKind(k) for k in r.indicators],
            event_ids=[strawberry.ID(e) for e in r.event_ids],
            raised_at=r.raised_at,
            due_at=r.due_at,
            status=AlertStatus(r.status),
            assigned_kind=AssigneeKind(r.assigned_kind),
            assigned_id=strawberry.ID(r.assigned_id),
            resolved_at=r.resolved_at,
            resolved_by_visit=strawberry.ID(r.resolved_by_visit) if r.resolved_by_visit else None,
            superseded_by=strawberry.ID(r.superseded_by) if r.superseded_by else None,
            version=r.version,
        )


@strawberry.type(description="An open alert past its due time.")
class OverdueAlert:
    alert_id: strawberry.ID
    household_id: strawberry.ID
    level: WarningLevel
    due_at: datetime
    hours_overdue: float
    assigned_kind: AssigneeKind
    assigned_id: strawberry.ID
    worker_id: strawberry.ID | None
    station_id: strawberry.ID | None
    escalation_step: int = strawberry.field(
        description="0 none yet, 1 worker reminded, 2 station told, 3 county told"
    )


@strawberry.type(description="An active match whose follow-up day has passed.")
class OverdueFollowUp:
    match_id: strawberry.ID
    household_id: strawberry.ID
    follow_up_due: date
    days_overdue: int
    worker_id: strawberry.ID
    station_id: strawberry.ID
    escalation_step: int = strawberry.field(
        description="0 none yet, 1 worker reminded, 2 station told, 3 county told"
    )


@strawberry.type(description="逾期清单: overdue work, derived from due dates at `at`.")
class OverdueList:
    at: datetime
    alerts: list[OverdueAlert]
    follow_ups: list[OverdueFollowUp]


def overdue_alert(item: OverdueItem, at: datetime) -> OverdueAlert:
    assert item.due_at is not None and item.level is not None
    return OverdueAlert(
        alert_id=strawberry.ID(item.subject_id),
        household_id=strawberry.ID(item.household_id),
        level=WarningLevel(item.level),
        due_at=item.due_at,
        hours_overdue=round((at - item.due_at).total_seconds() / 3600, 2),
        assigned_kind=AssigneeKind(item.assigned_kind),
        assigned_id=strawberry.ID(item.assigned_id),
        worker_id=strawberry.ID(item.worker_id) if item.worker_id else None,
        station_id=strawberry.ID(item.station_id) if item.station_id else None,
        escalation_step=item.escalation_step,
    )


def overdue_follow_up(item: OverdueItem, today: date) -> OverdueFollowUp:
    assert item.due_on is not None and item.worker_id and item.station_id
    return OverdueFollowUp(
        match_id=strawberry.ID(item.subject_id),
        household_id=strawberry.ID(item.household_id),
        follow_up_due=item.due_on,
        days_overdue=(today - item.due_on).days,
        worker_id=strawberry.ID(item.worker_id),
        station_id=strawberry.ID(item.station_id),
        escalation_step=item.escalation_step,
    )
