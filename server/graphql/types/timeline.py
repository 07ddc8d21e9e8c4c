"""A household's timeline and its statement of help received (幸福清单), as GraphQL."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry

from server.graphql.errors import MessageParam, error_params
from server.graphql.types.match import MatchOutcome, MatchStatus
from server.graphql.types.visit import VisitOutcome
from server.graphql.types.vocabulary import NeedKind
from server.services.timeline import Statement, TimelineEntry


@strawberry.enum(description="时间线条目类别")
class TimelineKind(Enum):
    INTAKE = "INTAKE"
    EVENT = "EVENT"
    ALERT_RAISED = "ALERT_RAISED"
    ALERT_RESOLVED = "ALERT_RESOLVED"
    MATCH_PROPOSED = "MATCH_PROPOSED"
    MATCH_ACTIVATED = "MATCH_ACTIVATED"
    MATCH_REJECTED = "MATCH_REJECTED"
    MATCH_TRANSFERRED = "MATCH_TRANSFERRED"
    MATCH_CLOSED = "MATCH_CLOSED"
    TRANSITION_ENDS = "TRANSITION_ENDS"
    VISIT = "VISIT"
    FOLLOW_UP_DUE = "FOLLOW_UP_DUE"
    ESCALATION = "ESCALATION"
    NEED_REPORTED = "NEED_REPORTED"
    NEED_STATUS_CHANGED = "NEED_STATUS_CHANGED"
    CARE_TASK_DONE = "CARE_TASK_DONE"
    JOB_OUTCOME = "JOB_OUTCOME"
    REFERRAL_SENT = "REFERRAL_SENT"
    REFERRAL_ANSWERED = "REFERRAL_ANSWERED"
    CONFERENCE_CONVENED = "CONFERENCE_CONVENED"
    CONFERENCE_HELD = "CONFERENCE_HELD"
    DECISION_DUE = "DECISION_DUE"
    DECISION_DONE = "DECISION_DONE"


@strawberry.type(description="One thing that happened to (or is due for) the household.")
class TimelineItem:
    at: datetime
    kind: TimelineKind
    detail: str | None = strawberry.field(
        description="Only what a person wrote (a note, a reason, findings); the page says "
        "the rest from `kind` and `params` in its own language."
    )
    actor: str | None = strawberry.field(description="Who did it (display name), when known.")
    subject_id: strawberry.ID
    params: list[MessageParam] = strawberry.field(
        description="What the page's line for `kind` is filled with: codes and values."
    )

    @classmethod
    def from_entry(cls, e: TimelineEntry) -> TimelineItem:
        return cls(
            at=e.at,
            kind=TimelineKind(e.kind),
            detail=e.detail,
            actor=e.actor,
            subject_id=strawberry.ID(e.subject_id),
            params=error_params(e.params),
        )


@strawberry.type
class StatementMatchLine:
    worker_name: str
    station_name: str | None
    started_on: date | None
    ended_on: date | None
    status: MatchStatus
    outcome: MatchOutcome | None


@strawberry.type
class StatementVisitLine:
    visited_on: date
    worker_name: str | None
    place: str
    outcome: VisitOutcome


@strawberry.type
class StatementNeedLine:
    kind: NeedKind
    description: str
    cost_yuan: int
    fulfilled_on: date | None
    fulfilled_by: str | None
    organisations: list[str] = strawberry.field(
        description="The charity or enterprise behind it, when recorded."
    )


@strawberry.type
class StatementReferralLine:
    referred_on: date | None
    to: str
    worker_name: str | None


@strawberry.type
class StatementTotals:
    workers: int
    visits: int = strawberry.field(description="Visits that met someone.")
    needs_fulfilled: int
    value_yuan: int = strawberry.field(description="Estimated value of the needs fulfilled.")
    referrals: int


@strawberry.type(
    description="幸福清单: every piece of help the household received, for it to keep."
)
class HouseholdStatement:
    household_id: strawberry.ID
    head_name: str | None
    generated_on: date
    since: date | None
    transition_until: date | None
    matches: list[StatementMatchLine]
    visits: list[StatementVisitLine]
    needs_fulfilled: list[StatementNeedLine]
    referrals: list[StatementReferralLine]
    totals: StatementTotals

    @classmethod
    def from_statement(cls, s: Statement) -> HouseholdStatement:
        return cls(
            household_id=strawberry.ID(s.household_id),
            head_name=s.head_name,
            generated_on=s.generated_on,
            since=s.since,
            transition_until=s.transition_until,
            matches=[
                StatementMatchLine(
                    worker_name=m.worker_name,
                    station_name=m.station_name,
                    started_on=m.started_on,
                    ended_on=m.ended_on,
                    status=MatchStatus(m.status),
                    outcome=MatchOutcome(m.outcome) if m.outcome else None,
                )
                for m in s.matches
            ],
            visits=[
                StatementVisitLine(
                    visited_on=v.visited_on,
                    worker_name=v.worker_name,
                    place=v.place,
                    outcome=VisitOutcome(v.outcome),
                )
                for v in s.visits
            ],
            needs_fulfilled=[
                StatementNeedLine(
                    kind=NeedKind(n.kind),
                    description=n.description,
                    cost_yuan=n.cost_yuan,
                    fulfilled_on=n.fulfilled_on,
                    fulfilled_by=n.fulfilled_by,
                    organisations=list(n.organisations),
                )
                for n in s.needs_fulfilled
            ],
            referrals=[
                StatementReferralLine(referred_on=r.referred_on, to=r.to, worker_name=r.worker_name)
                for r in s.referrals
            ],
            totals=StatementTotals(
                workers=s.total_workers,
                visits=s.total_visits,
                needs_fulfilled=s.total_needs_fulfilled,
                value_yuan=s.total_value_yuan,
                referrals=s.total_referrals,
            ),
        )
