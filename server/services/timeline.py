"""A household's story: its timeline (every event, alert, match, visit, follow-up,
escalation and need, in time order) and its statement of help received (幸福清单).

Both are built, purely, from one `HouseholdHistory` read. An entry is its kind and its
parameters (codes and values): the page says it in its own language. The server composes no
title; `detail` is only what a person wrote (a note, a reason, findings).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from zoneinfo import ZoneInfo

from graph.driver import Graph
from graph.scope import Scope
from graph.timeline import HouseholdHistory, MatchFact, household_history
from matching.approval import ParamValue
from server.clock import DEFAULT_TIMEZONE, Clock

KINDS = (
    "INTAKE",
    "EVENT",
    "ALERT_RAISED",
    "ALERT_RESOLVED",
    "MATCH_PROPOSED",
    "MATCH_ACTIVATED",
    "MATCH_REJECTED",
    "MATCH_TRANSFERRED",
    "MATCH_CLOSED",
    "TRANSITION_ENDS",
    "VISIT",
    "FOLLOW_UP_DUE",
    "ESCALATION",
    "NEED_REPORTED",
    "NEED_STATUS_CHANGED",
    "CARE_TASK_DONE",
    "JOB_OUTCOME",
    "REFERRAL_SENT",
    "REFERRAL_ANSWERED",
    "CONFERENCE_CONVENED",
    "CONFERENCE_HELD",
    "DECISION_DUE",
    "DECISION_DONE",
)


REGISTRY_ZONE: tzinfo = ZoneInfo(DEFAULT_TIMEZONE)  # the default; requests pass their clock's


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    kind: str  # KINDS
    detail: str | None  # only what a person wrote: a note, a reason, findings
    actor: str | None  # who did it (a display name), when known
    subject_id: str  # the event, alert, match, visit, escalation or need it is about
    # What a page needs to say it in its own language: codes and values, never words.
    params: tuple[tuple[str, ParamValue], ...] = ()


def day_start(day: date, zone: tzinfo = REGISTRY_ZONE) -> datetime:
    """A date placed on the timeline at the start of that day in the registry's zone."""
    return datetime.combine(day, time.min, zone)


class _Builder:
    def __init__(self, history: HouseholdHistory, today: date, zone: tzinfo) -> None:
        self.zone = zone
        self.h = history
        self.today = today
        self.entries: list[TimelineEntry] = []

    def name(self, user_id: str | None) -> str | None:
        # An unknown user is left unnamed: a page never shows an id.
        return self.h.user_names.get(user_id) if user_id else None

    def add(
        self,
        at: datetime | None,
        kind: str,
        subject_id: str,
        detail: str | None = None,
        actor: str | None = None,
        **params: ParamValue,
    ) -> None:
        if at is not None:  # a node missing its time cannot be placed; leave it out
            self.entries.append(
                TimelineEntry(at, kind, detail, actor, subject_id, tuple(params.items()))
            )


def _events_and_alerts(b: _Builder) -> None:
    for e in b.h.events:
        at = day_start(e.occurred_on, b.zone) if e.occurred_on else e.recorded_at
        actor = b.name(e.reported_by) or e.source or None
        b.add(at, "EVENT", e.id, None, actor, indicator=e.kind, amount=e.amount)
    for a in b.h.alerts:
        due_at = a.due_at.isoformat() if a.due_at else None
        b.add(a.raised_at, "ALERT_RAISED", a.id, level=a.level, dueAt=due_at)
        if a.status == "RESOLVED":
            b.add(a.resolved_at, "ALERT_RESOLVED", a.id, level=a.level, visitId=a.resolved_by_visit)
    for x in b.h.escalations:
        b.add(x.at, "ESCALATION", x.id, step=x.step, subjectType=x.subject_type)


def _match(b: _Builder, f: MatchFact) -> None:
    # A worker without a name is left unnamed (the page says "a worker"): never an id.
    m, who = f.record, f.worker_name
    if f.proposed_at and m.plan_id:
        b.add(f.proposed_at, "MATCH_PROPOSED", m.id, actor=b.name(f.proposed_by), worker=who)
    b.add(
        m.activated_at,
        "MATCH_ACTIVATED",
        m.id,
        f.reason,
        b.name(f.approved_by),
        worker=who,
        station=f.station_name,
    )
    b.add(
        m.rejected_at,
        "MATCH_REJECTED",
        m.id,
        f.reject_reason,
        b.name(f.rejected_by),
        worker=who,
    )
    b.add(m.transferred_at, "MATCH_TRANSFERRED", m.id, f.transfer_reason, worker=who)
    if m.outcome:
        b.add(
            m.closed_at, "MATCH_CLOSED", m.id, m.close_note, b.name(f.closed_by), outcome=m.outcome
        )
    if m.status == "ACTIVE" and m.follow_up_due:
        b.add(
            day_start(m.follow_up_due, b.zone),
            "FOLLOW_UP_DUE",
            m.id,
            actor=who,
            overdue=m.overdue(b.today),
        )


def _visits(b: _Builder) -> None:
    workers = {f.record.id: f.worker_name for f in b.h.matches}
    for v in b.h.visits:
        b.add(
            v.visited_at,
            "VISIT",
            v.id,
            v.findings or None,
            workers.get(v.match_id) or b.name(v.recorded_by),
            outcome=v.outcome,
            verifying=v.verifying,
            place=v.place or None,
            met="、".join(v.met) or None,
            findings=v.findings or None,
        )


def _needs(b: _Builder) -> None:
    for n in b.h.needs:
        b.add(
            n.created_at,
            "NEED_REPORTED",
            n.id,
            n.description or None,
            b.name(n.reported_by),
            needKind=n.kind,
            estimatedCost=n.estimated_cost,
            description=n.description,
        )
    kinds = {n.id: n.kind for n in b.h.needs}
    for a in b.h.need_audit:
        before = (a.before or {}).get("status")
        after = (a.after or {}).get("status")
        if a.action == "CREATE_NEED" or not after or before == after:
            continue
        b.add(
            a.at,
            "NEED_STATUS_CHANGED",
            a.entity_id,
            a.reason,
            b.name(a.actor_id),
            needKind=kinds.get(a.entity_id),
            status=after,
        )


def _care_tasks(b: _Builder) -> None:
    """What volunteers did, as they recorded it; the worker stays responsible."""
    for t in b.h.care_tasks:
        at = t.recorded_at or (day_start(t.done_on, b.zone) if t.done_on else None)
        b.add(
            at,
            "CARE_TASK_DONE",
            t.id,
            t.note,
            t.volunteer_name,
            taskKind=t.kind,
            minutes=t.minutes,
            doneOn=t.done_on.isoformat() if t.done_on else None,
        )


def _job_outcomes(b: _Builder) -> None:
    """Jobs and training places: the household's consent and what came of it."""
    for j in b.h.job_outcomes:
        b.add(
            j.at,
            "JOB_OUTCOME",
            j.id,
            None,
            None,
            status=j.status,
            postingKind=j.posting_kind,
            postingTitle=j.posting_title,
            enterprise=j.enterprise,
        )


def timeline(
    history: HouseholdHistory, *, today: date, zone: tzinfo = REGISTRY_ZONE
) -> list[TimelineEntry]:
    b = _Builder(history, today, zone)
    _events_and_alerts(b)
    for f in history.matches:
        _match(b, f)
    _visits(b)
    _needs(b)
    _care_tasks(b)
    _job_outcomes(b)
    if history.transition_until:
        b.add(
            day_start(history.transition_until, zone),
            "TRANSITION_ENDS",
            history.household.record.id,
        )
    # Same instant: keep a stable order (kind order, then subject) so pages do not jump.
    return sorted(b.entries, key=lambda e: (e.at, KINDS.index(e.kind), e.subject_id))


async def household_timeline(
    graph: Graph, household_id: str, *, scope: Scope, clock: Clock
) -> list[TimelineEntry] | None:
    history = await household_history(graph, household_id, scope=scope)
    return timeline(history, today=clock.today(), zone=clock.zone) if history else None


# ---- the statement of help received -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatementMatch:
    worker_name: str
    station_name: str | None
    started_on: date | None
    ended_on: date | None
    status: str
    outcome: str | None


@dataclass(frozen=True, slots=True)
class StatementVisit:
    visited_on: date
    worker_name: str | None
    place: str
    outcome: str


@dataclass(frozen=True, slots=True)
class StatementNeed:
    kind: str
    description: str
    cost_yuan: int
    fulfilled_on: date | None
    fulfilled_by: str | None  # the user who recorded it done
    organisations: tuple[str, ...]  # the charity or enterprise that paid, when recorded


@dataclass(frozen=True, slots=True)
class StatementReferral:
    referred_on: date | None
    to: str
    worker_name: str | None


@dataclass(frozen=True, slots=True)
class Statement:
    household_id: str
    head_name: str | None
    generated_on: date
    since: date | None
    matches: tuple[StatementMatch, ...]
    visits: tuple[StatementVisit, ...]
    needs_fulfilled: tuple[StatementNeed, ...]
    referrals: tuple[StatementReferral, ...]
    transition_until: date | None
    total_workers: int
    total_visits: int
    total_needs_fulfilled: int
    total_value_yuan: int
    total_referrals: int


def _ended(f: MatchFact, zone: tzinfo) -> date | None:
    at = f.record.closed_at or f.record.transferred_at
    return at.astimezone(zone).date() if at else None


def _fulfilled_by(history: HouseholdHistory, need_id: str, resolved_by: str | None) -> str | None:
    user = resolved_by or next(
        (
            a.actor_id
            for a in history.need_audit
            if a.entity_id == need_id and (a.after or {}).get("status") == "FULFILLED"
        ),
        None,
    )
    return history.user_names.get(user, user) if user else None


def statement(history: HouseholdHistory, *, today: date, zone: tzinfo = REGISTRY_ZONE) -> Statement:
    """Help that reached the household: proposals never accepted are not help."""
    helped = [f for f in history.matches if f.record.activated_at is not None]
    helped.sort(key=lambda f: (f.record.started_on or today, f.record.id))
    names = {f.record.id: f.worker_name for f in helped}
    matches = tuple(
        StatementMatch(
            worker_name=f.worker_name or "",
            station_name=f.station_name,
            started_on=f.record.started_on,
            ended_on=_ended(f, zone),
            status=f.record.status,
            outcome=f.record.outcome,
        )
        for f in helped
    )
    visits = tuple(
        StatementVisit(
            visited_on=v.visited_at.astimezone(zone).date(),
            worker_name=names.get(v.match_id),
            place=v.place,
            outcome=v.outcome,
        )
        for v in sorted(history.visits, key=lambda v: v.visited_at)
        if v.contact
    )
    needs = tuple(
        StatementNeed(
            kind=n.kind,
            description=n.description,
            cost_yuan=n.estimated_cost,
            fulfilled_on=n.resolved_at.astimezone(zone).date() if n.resolved_at else None,
            fulfilled_by=_fulfilled_by(history, n.id, n.resolved_by),
            organisations=n.organisations,
        )
        for n in history.needs
        if n.status == "FULFILLED"
    )
    referrals = tuple(
        StatementReferral(
            referred_on=_ended(f, zone), to=f.record.close_note or "", worker_name=f.worker_name
        )
        for f in helped
        if f.record.outcome == "REFERRED"
    )
    return Statement(
        household_id=history.household.record.id,
        head_name=history.household.head_name,
        generated_on=today,
        since=matches[0].started_on if matches else None,
        matches=matches,
        visits=visits,
        needs_fulfilled=needs,
        referrals=referrals,
        transition_until=history.transition_until,
        total_workers=len({f.record.worker_id for f in helped}),
        total_visits=len(visits),
        total_needs_fulfilled=len(needs),
        total_value_yuan=sum(n.cost_yuan for n in needs),
        total_referrals=len(referrals),
    )


async def household_statement(
    graph: Graph, household_id: str, *, scope: Scope, clock: Clock
) -> Statement | None:
    history = await household_history(graph, household_id, scope=scope)
    return statement(history, today=clock.today(), zone=clock.zone) if history else None
