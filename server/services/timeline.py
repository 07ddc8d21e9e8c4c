"""A household's story: its timeline (every event, alert, match, visit, follow-up,
escalation and need, in time order) and its statement of help received (幸福清单).

Both are built, purely, from one `HouseholdHistory` read; titles lead with Chinese and
follow with English after a slash, as everywhere in the app.
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
from server.registry.vocabulary import NEED_KIND_LABELS, NEED_STATUS_LABELS, WARNING_LEVEL_LABELS
from server.services.timeline_labels import CARE_TASK_LABELS, JOB_STATUS_LABELS
from server.services.visits import VISIT_OUTCOMES

INDICATOR_LABELS = {
    "HOSPITALISATION": ("患病住院", "hospitalisation"),
    "CHRONIC_DISEASE": ("慢性病/重大疾病", "chronic or major disease"),
    "NEW_DISABILITY": ("新增残疾", "new disability"),
    "NEW_UNEMPLOYMENT": ("新增失业", "new unemployment"),
    "COLLEGE_ADMISSION": ("子女考入大学", "child admitted to college"),
    "MEDICAL_COST": ("医疗自付费用", "out-of-pocket medical costs"),
    "SCHOOLING_COST": ("教育支出", "schooling costs"),
}
OUTCOME_LABELS = {
    "STABLE": ("情况稳定", "stable"),
    "EXITED": ("脱困退出", "exited assistance"),
    "REFERRED": ("转介", "referred"),
    "MOVED": ("迁出", "moved away"),
    "DECEASED": ("去世", "deceased"),
}
ESCALATION_STEPS = {
    1: "提醒社工 / worker reminded",
    2: "上报站长 / station manager",
    3: "上报县级 / county",
}

KINDS = (
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
    title: str
    detail: str | None
    actor: str | None  # who did it (a display name), when known
    subject_id: str  # the event, alert, match, visit, escalation or need it is about
    # What a page needs to say it in its own language (`title` is the composed text that
    # older clients read): codes and values, never words.
    params: tuple[tuple[str, ParamValue], ...] = ()


def day_start(day: date, zone: tzinfo = REGISTRY_ZONE) -> datetime:
    """A date placed on the timeline at the start of that day in the registry's zone."""
    return datetime.combine(day, time.min, zone)


def _need_label(kind: str) -> str:
    return f"{NEED_KIND_LABELS.get(kind, kind)} / {kind.lower().replace('_', ' ')}"


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
        title: str,
        subject_id: str,
        detail: str | None = None,
        actor: str | None = None,
        **params: ParamValue,
    ) -> None:
        if at is not None:  # a node missing its time cannot be placed; leave it out
            self.entries.append(
                TimelineEntry(at, kind, title, detail, actor, subject_id, tuple(params.items()))
            )


def _events_and_alerts(b: _Builder) -> None:
    for e in b.h.events:
        zh, en = INDICATOR_LABELS.get(e.kind, (e.kind, e.kind.lower()))
        detail = f"{e.amount} 元 / yuan" if e.amount is not None else None
        at = day_start(e.occurred_on, b.zone) if e.occurred_on else e.recorded_at
        actor = b.name(e.reported_by) or e.source or None
        b.add(
            at,
            "EVENT",
            f"预警事件：{zh} / indicator event: {en}",
            e.id,
            detail,
            actor,
            indicator=e.kind,
            amount=e.amount,
        )
    for a in b.h.alerts:
        zh = WARNING_LEVEL_LABELS.get(a.level, a.level)
        due = f"须于 {a.due_at:%Y-%m-%d %H:%M} 前入户核实 / verify by then" if a.due_at else None
        b.add(
            a.raised_at,
            "ALERT_RAISED",
            f"{zh} / {a.level.lower()} warning",
            a.id,
            due,
            level=a.level,
            dueAt=a.due_at.isoformat() if a.due_at else None,
        )
        if a.status == "RESOLVED":
            b.add(
                a.resolved_at,
                "ALERT_RESOLVED",
                f"{zh}已核销 / {a.level.lower()} warning resolved",
                a.id,
                f"走访 / visit {a.resolved_by_visit}" if a.resolved_by_visit else None,
                level=a.level,
                visitId=a.resolved_by_visit,
            )
    for x in b.h.escalations:
        step = ESCALATION_STEPS.get(x.step, f"第 {x.step} 级 / step {x.step}")
        what = "预警" if x.subject_type == "ALERT" else "跟进"
        b.add(
            x.at,
            "ESCALATION",
            f"{what}逾期催办：{step} / overdue, escalated",
            x.id,
            step=x.step,
            subjectType=x.subject_type,
        )


def _match(b: _Builder, f: MatchFact) -> None:
    m, who = f.record, f.worker_name or f.record.worker_id or "?"
    where = f"{who}（{f.station_name}）" if f.station_name else who
    if f.proposed_at and m.plan_id:
        b.add(
            f.proposed_at,
            "MATCH_PROPOSED",
            f"方案拟配对：{who} / proposed: {who}",
            m.id,
            actor=b.name(f.proposed_by),
            worker=who,
        )
    b.add(
        m.activated_at,
        "MATCH_ACTIVATED",
        f"{where}开始负责 / {who} took on the household",
        m.id,
        f.reason,
        b.name(f.approved_by),
        worker=who,
        station=f.station_name,
    )
    b.add(
        m.rejected_at,
        "MATCH_REJECTED",
        f"拟配对未采纳 / proposal rejected: {who}",
        m.id,
        f.reject_reason,
        b.name(f.rejected_by),
        worker=who,
    )
    b.add(
        m.transferred_at,
        "MATCH_TRANSFERRED",
        f"{who}移交 / {who} handed over",
        m.id,
        f.transfer_reason,
        worker=who,
    )
    if m.outcome:
        zh, en = OUTCOME_LABELS.get(m.outcome, (m.outcome, m.outcome.lower()))
        b.add(
            m.closed_at,
            "MATCH_CLOSED",
            f"结案：{zh} / closed: {en}",
            m.id,
            m.close_note,
            b.name(f.closed_by),
            outcome=m.outcome,
        )
    if m.status == "ACTIVE" and m.follow_up_due:
        late = "（已逾期）/ overdue" if m.overdue(b.today) else ""
        b.add(
            day_start(m.follow_up_due, b.zone),
            "FOLLOW_UP_DUE",
            f"下次跟进{late} / follow-up due",
            m.id,
            actor=who,
            overdue=bool(late),
        )


def _visits(b: _Builder) -> None:
    workers = {f.record.id: f.worker_name for f in b.h.matches}
    for v in b.h.visits:
        zh = VISIT_OUTCOMES.get(v.outcome, v.outcome)
        kind = "核实走访" if v.verifying else "入户走访"
        en = "verifying visit" if v.verifying else "home visit"
        parts = [v.place, "见到 / met: " + "、".join(v.met) if v.met else "", v.findings]
        b.add(
            v.visited_at,
            "VISIT",
            f"{kind}：{zh} / {en}: {v.outcome.lower().replace('_', ' ')}",
            v.id,
            "；".join(p for p in parts if p) or None,
            workers.get(v.match_id) or b.name(v.recorded_by),
            outcome=v.outcome,
            verifying=v.verifying,
            place=v.place or None,
            met="、".join(v.met) or None,
            findings=v.findings or None,
        )


def _needs(b: _Builder) -> None:
    for n in b.h.needs:
        detail = f"{n.description}（约 {n.estimated_cost} 元 / about {n.estimated_cost} yuan）"
        b.add(
            n.created_at,
            "NEED_REPORTED",
            f"发现需求：{_need_label(n.kind)}",
            n.id,
            detail,
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
        zh = NEED_STATUS_LABELS.get(after, after)
        b.add(
            a.at,
            "NEED_STATUS_CHANGED",
            f"需求{zh}：{_need_label(kinds.get(a.entity_id, ''))} / need {after.lower()}",
            a.entity_id,
            a.reason,
            b.name(a.actor_id),
            needKind=kinds.get(a.entity_id),
            status=after,
        )


def _care_tasks(b: _Builder) -> None:
    """What volunteers did, as they recorded it; the worker stays responsible."""
    for t in b.h.care_tasks:
        zh, en = CARE_TASK_LABELS.get(t.kind, (t.kind, t.kind.lower()))
        at = t.recorded_at or (day_start(t.done_on, b.zone) if t.done_on else None)
        b.add(
            at,
            "CARE_TASK_DONE",
            f"志愿服务：{zh} / volunteer task: {en}",
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
        zh, en = JOB_STATUS_LABELS.get(j.status, (j.status, j.status.lower()))
        what = "培训" if j.posting_kind == "TRAINING" else "就业"
        b.add(
            j.at,
            "JOB_OUTCOME",
            f"{what}：{j.posting_title}，{zh} / {j.posting_kind.lower()}: {en}",
            j.id,
            j.enterprise,
            None,
            status=j.status,
            postingKind=j.posting_kind,
            postingTitle=j.posting_title,
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
            "渐退期结束 / transition period ends",
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
