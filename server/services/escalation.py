"""Escalation passes (催办): find what is overdue and record the steps whose time has come.

A pass reads overdue subjects page by page and writes each page's steps in one
transaction. Steps are derived from (deadline, now, grace periods) alone, and recorded by
merge on `<subject>:<step>`, so a pass re-run at the same time adds nothing, a pass that
crashed half-way is completed by the next one, and a pass that did not run for days
records every step missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any, Final

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, AuditEntry, record_audit_many
from graph.conference_decisions import CONFERENCE_DECISION, overdue_decision_subjects
from graph.driver import Graph
from graph.escalation import (
    ALERT,
    GRID_REPORT,
    SUBJECT_ENTITY,
    OverdueItem,
    OverdueSubject,
    PassArea,
    StepToRecord,
    overdue_alert_subjects,
    overdue_follow_up_subjects,
    overdue_grid_report_subjects,
    overdue_items,
    record_steps_tx,
)
from graph.intakes import INTAKE, overdue_intake_subjects
from graph.referrals import REFERRAL, overdue_referral_subjects
from graph.scope import Scope
from graph.warning_levels import WatchScope
from matching.escalation import (
    ESCALATE_STATION,
    REMIND_WORKER,
    STEPS,
    EscalationSettings,
    follow_up_deadline,
    steps_due,
)
from server.clock import Clock
from server.services.writes import run_write

ESCALATION_SETTINGS: Final = EscalationSettings()
PAGE: Final = 200
MAX_LISTED_STEPS: Final = 200
OVERDUE_LIMIT: Final = 500


@dataclass(frozen=True, slots=True)
class EscalationReport:
    now: datetime
    subjects: int  # overdue subjects that still lacked a step
    recorded: int  # steps new in this pass
    step_ids: tuple[str, ...]  # the first MAX_LISTED_STEPS of them

    def to_json(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(),
            "subjects": self.subjects,
            "recorded": self.recorded,
            "step_ids": list(self.step_ids),
        }


def _deadline(s: OverdueSubject, zone: tzinfo) -> datetime:
    if s.due_at is not None:
        return s.due_at
    assert s.due_on is not None
    # In UTC: the instant is stored, and Neo4j must not be sent a named zone (see clock.py).
    return follow_up_deadline(s.due_on, zone).astimezone(UTC)


def _what(s: OverdueSubject) -> str:
    """The overdue thing, in the developers' line (pages translate `kind` with `_params`)."""
    if s.subject_type == ALERT:
        return f"{s.level or ''} warning visit"
    if s.subject_type == GRID_REPORT:
        return "grid report confirmation"
    if s.subject_type == REFERRAL:
        return f"referral due {s.due_on}"
    if s.subject_type == INTAKE:
        return f"intake due {s.due_on}"
    if s.subject_type == CONFERENCE_DECISION:
        return f"conference decision due {s.due_on}"
    return f"follow-up visit due {s.due_on}"


def _params(s: OverdueSubject, step: int) -> dict[str, object]:
    """What a page needs to say which overdue thing it is, whatever the language."""
    if s.subject_type == GRID_REPORT:
        return {"step": step, "reportId": s.subject_id}
    what: dict[str, object] = {"level": s.level} if s.subject_type == ALERT else {"dueOn": s.due_on}
    if s.subject_type == REFERRAL:
        what["referralId"] = s.subject_id
    if s.subject_type == INTAKE:
        what["intakeId"] = s.subject_id
    if s.subject_type == CONFERENCE_DECISION:
        what["decisionId"] = s.subject_id
    return {"step": step, "householdId": s.household_id, **what}


# Notification kinds by subject type: (step 1, steps 2 and 3).
_KINDS: Final = {
    ALERT: ("ALERT_REMINDER", "ALERT_ESCALATED"),
    REFERRAL: ("REFERRAL_OVERDUE", "REFERRAL_ESCALATED"),
    INTAKE: ("INTAKE_OVERDUE", "INTAKE_ESCALATED"),
    CONFERENCE_DECISION: ("DECISION_OVERDUE", "DECISION_ESCALATED"),
    GRID_REPORT: ("GRID_REPORT_OVERDUE", "GRID_REPORT_ESCALATED"),
}
_FOLLOW_UP_KINDS: Final = ("FOLLOW_UP_OVERDUE", "FOLLOW_UP_ESCALATED")


def steps_for(
    s: OverdueSubject, now: datetime, zone: tzinfo, settings: EscalationSettings
) -> list[StepToRecord]:
    """The steps due by `now` that the subject lacks, each addressed to its recipient."""
    due = _deadline(s, zone)
    what = _what(s)
    out = []
    for step in steps_due(due, now, settings):
        if step in s.steps_done:
            continue
        recipient: tuple[str, str | None]
        if step == REMIND_WORKER:
            recipient = (s.first_kind, s.first_id)
            kind = _KINDS.get(s.subject_type, _FOLLOW_UP_KINDS)[0]
            message = f"{what} is overdue"
        else:
            # No station (an alert with none yet): the county hears it at step 2 already.
            recipient = (
                ("STATION", s.station_id)
                if step == ESCALATE_STATION and s.station_id
                else ("COUNTY", s.county_id)
            )
            kind = _KINDS.get(s.subject_type, _FOLLOW_UP_KINDS)[1]
            message = f"escalation step {step}: {what} is overdue (household {s.household_id})"
        if recipient[1] is None:
            continue  # nobody to address (a household without county): nothing to record
        out.append(
            StepToRecord(
                subject=s,
                step=step,
                due=due,
                recipient_kind=recipient[0],
                recipient_id=recipient[1],
                kind=kind,
                message=message,
                params=_params(s, step),
            )
        )
    return out


async def _record_tx(
    tx: AsyncManagedTransaction, *, steps: list[StepToRecord], now: datetime, actor: Actor
) -> list[str]:
    created = await record_steps_tx(tx, steps=steps, now=now)
    new = set(created)
    await record_audit_many(
        tx,
        actor=actor,
        entries=[
            AuditEntry(
                action="ESCALATE",
                entity_type=SUBJECT_ENTITY.get(s.subject.subject_type, "Match"),
                entity_id=s.subject.subject_id,
                before=None,
                after={"step": s.step, "to": f"{s.recipient_kind}:{s.recipient_id}"},
            )
            for s in steps
            if s.id in new
        ],
    )
    return created


async def run_escalation(
    graph: Graph,
    *,
    actor: Actor,
    scope: Scope,
    region_id: str | None = None,
    clock: Clock,
    settings: EscalationSettings = ESCALATION_SETTINGS,
) -> EscalationReport:
    when, today = clock.now(), clock.today()
    area = PassArea(scope=scope, region_id=region_id)
    subjects = recorded = 0
    step_ids: list[str] = []

    async def write(page: list[OverdueSubject]) -> None:
        nonlocal subjects, recorded
        subjects += len(page)
        steps = [step for s in page for step in steps_for(s, when, clock.zone, settings)]
        if not steps:
            return
        created = await run_write(graph, _record_tx, steps=steps, now=when, actor=actor)
        recorded += len(created)
        step_ids.extend(created[: MAX_LISTED_STEPS - len(step_ids)])

    after_alert: tuple[datetime, str] | None = None
    while page := await overdue_alert_subjects(
        graph, area=area, now=when, steps=len(STEPS), after=after_alert, limit=PAGE
    ):
        await write(page)
        last = page[-1]
        assert last.due_at is not None
        after_alert = (last.due_at, last.subject_id)
    after_follow_up: tuple[date, str] | None = None
    while page := await overdue_follow_up_subjects(
        graph,
        area=area,
        today=today,
        steps=len(STEPS),
        after=after_follow_up,
        limit=PAGE,
    ):
        await write(page)
        last = page[-1]
        assert last.due_on is not None
        after_follow_up = (last.due_on, last.subject_id)
    after_report: tuple[datetime, str] | None = None
    while page := await overdue_grid_report_subjects(
        graph, area=area, now=when, steps=len(STEPS), after=after_report, limit=PAGE
    ):
        await write(page)
        last = page[-1]
        assert last.due_at is not None
        after_report = (last.due_at, last.subject_id)
    # Referrals, intakes and conference decisions: open past their day, paged the same way.
    for overdue_of in (
        overdue_referral_subjects,
        overdue_intake_subjects,
        overdue_decision_subjects,
    ):
        after_day: tuple[date, str] | None = None
        while page := await overdue_of(
            graph,
            area_params=area.params(),
            today=today,
            steps=len(STEPS),
            after=after_day,
            limit=PAGE,
        ):
            await write(page)
            last = page[-1]
            assert last.due_on is not None
            after_day = (last.due_on, last.subject_id)
    return EscalationReport(
        now=when, subjects=subjects, recorded=recorded, step_ids=tuple(step_ids)
    )


async def overdue(
    graph: Graph, *, viewer: Scope, watch: WatchScope, clock: Clock
) -> tuple[list[OverdueItem], list[OverdueItem]]:
    """Overdue alerts and follow-ups of a worker, a station or a region, judged at the
    clock's `now` (alerts) and `today` (follow-ups: the same day boundary)."""
    when = clock.now()
    return await overdue_items(
        graph,
        viewer=viewer,
        scope=watch,
        now=when,
        today=clock.today(),
        limit=OVERDUE_LIMIT,
    )
