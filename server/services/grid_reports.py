"""Grid reporting (网格发现): a village cadre, grid member or party member reports a need or
an event in a village of their area; the station confirms it within a time limit, linking
the household, and confirming records the need or the indicator event through the same
transaction functions `createNeed` and `recordIndicatorEvent` use, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from neo4j import AsyncManagedTransaction

from graph.audit import Actor
from graph.care_tasks import volunteer_profile_by_id
from graph.driver import Graph
from graph.grid_reports import (
    GridReportRecord,
    ReportDecision,
    ReportState,
    decide_grid_report_tx,
    grid_report_queue,
    grid_reports_of_volunteer,
    submit_grid_report_tx,
)
from graph.indicator_events import NewEvent, event_key
from graph.needs import create_need_tx
from graph.registry_writes import new_id
from matching import grid_reports as rules
from matching.warning import COST_KINDS, INDICATORS
from server.clock import Clock
from server.registry.validation import FieldError
from server.registry.vocabulary import NEED_KINDS, URGENCIES
from server.roles import Role
from server.services.errors import UNKNOWN_REGION, EntityNotFound, NotPermitted, StateConflict
from server.services.indicator_events import record_and_rescore_tx
from server.services.needs import need_props
from server.services.registry import REGISTRY_EDITORS, Caller, refuse_if
from server.services.registry_checks import REASON_MAX, Check, validate_need
from server.services.writes import run_write

DESCRIPTION_MAX: Final = 300
LIST_LIMIT: Final = 200
CONFIRMERS: Final = REGISTRY_EDITORS | {Role.SOCIAL_WORKER}
# Events a neighbour can see; the cost indicators need an amount from a bill.
REPORTABLE_EVENTS: Final = tuple(i for i in INDICATORS if i not in COST_KINDS)


@dataclass(frozen=True, slots=True)
class NewGridReport:
    village_id: str
    kind: str  # NEED | EVENT
    need_kind: str | None
    indicator: str | None
    description: str


async def submit_grid_report(
    graph: Graph, caller: Caller, cmd: NewGridReport, *, clock: Clock, hours: float
) -> GridReportRecord:
    if caller.role is not Role.VOLUNTEER or caller.own_id is None:
        raise NotPermitted("only a volunteer reports from the grid")
    profile = await volunteer_profile_by_id(graph, caller.own_id)
    if profile is None or not rules.may_report(profile.grid_role):
        raise NotPermitted("only village cadres, grid members and party members report")
    check = Check(
        {
            "kind": cmd.kind,
            "need_kind": cmd.need_kind,
            "indicator": cmd.indicator,
            "description": cmd.description,
        }
    )
    check.code("kind", rules.REPORT_KINDS, required=True)
    check.code("need_kind", NEED_KINDS, required=cmd.kind == rules.NEED)
    check.code("indicator", REPORTABLE_EVENTS, required=cmd.kind == rules.EVENT)
    check.text("description", required=True, max_len=DESCRIPTION_MAX, multiline=True)
    check.no_personal_data("description")
    refuse_if(check.errors)
    now = clock.now()
    settings = rules.GridReportSettings(confirm_hours=hours)
    try:
        record: GridReportRecord = await run_write(
            graph,
            submit_grid_report_tx,
            actor=caller.actor,
            report_id=new_id("gr"),
            village_id=cmd.village_id,
            scope_params=caller.scope.params(),
            props={
                "kind": cmd.kind,
                "need_kind": cmd.need_kind if cmd.kind == rules.NEED else None,
                "indicator": cmd.indicator if cmd.kind == rules.EVENT else None,
                "description": cmd.description.strip(),
                "volunteer_id": profile.id,
                "reported_by": caller.actor.id,
                "grid_role": profile.grid_role,
            },
            now=now,
            due_at=rules.confirm_deadline(now, settings),
        )
    except EntityNotFound:
        refuse_if([FieldError("village_id", "No village of that id in your area.", UNKNOWN_REGION)])
        raise
    return record


async def my_grid_reports(graph: Graph, caller: Caller) -> list[GridReportRecord]:
    if caller.own_id is None:
        return []
    return await grid_reports_of_volunteer(graph, volunteer_id=caller.own_id, limit=LIST_LIMIT)


async def grid_report_list(
    graph: Graph, caller: Caller, status: str | None
) -> list[GridReportRecord]:
    return await grid_report_queue(graph, scope=caller.scope, status=status, limit=LIST_LIMIT)


@dataclass(frozen=True, slots=True)
class Confirmation:
    report_id: str
    expected_version: int
    household_id: str
    # A need: its cost and urgency (kind and description come from the report, editable).
    need_kind: str | None = None
    description: str | None = None
    estimated_cost: int | None = None
    urgency: str | None = None
    occurred_on: str | None = None  # an event: the day it happened (default: reported day)


def _moving(r: GridReportRecord, wanted: str) -> None:
    if not rules.may_move(r.status, wanted):
        raise StateConflict(
            f"REPORT_{r.status}",
            f"the report is {r.status}",
            "report_id",
            {"currentStatus": r.status, "requestedStatus": wanted},
        )


def _in_village(state: ReportState, household_id: str) -> None:
    """The household linked lives in the village reported (a reporter names a village only)."""
    if state.household is None:  # not there, or outside the caller's scope
        raise EntityNotFound("Household", household_id, None)
    if state.household.village_id is None or state.household.village_id != state.report.village_id:
        raise StateConflict(
            "HOUSEHOLD_NOT_IN_VILLAGE",
            "the household does not live in the reported village",
            "household_id",
        )


def _need_maker(actor: Actor, household_id: str, fields: dict[str, object]) -> Any:
    need_id = new_id("nd")

    async def make(tx: AsyncManagedTransaction) -> str:
        await create_need_tx(
            tx, actor=actor, need_id=need_id, household_id=household_id, props=need_props(fields)
        )
        return need_id

    return make


def _event_maker(
    actor: Actor, report: GridReportRecord, household_id: str, day: date, clock: Clock
) -> Any:
    assert report.indicator is not None
    event = NewEvent(
        key=event_key(
            source="GRID",
            external_id=report.id,
            kind=report.indicator,
            subject=f"household:{household_id}",
            occurred_on=day,
            amount=None,
        ),
        kind=report.indicator,
        household_id=household_id,
        person_id=None,
        occurred_on=day,
        amount=None,
        source="GRID",
        external_id=report.id,
    )
    now, today = clock.now(), clock.today()

    async def make(tx: AsyncManagedTransaction) -> str:
        recorded = await record_and_rescore_tx(tx, event=event, actor=actor, now=now, today=today)
        return recorded.event.id

    return make


async def confirm_grid_report(
    graph: Graph, caller: Caller, cmd: Confirmation, *, clock: Clock
) -> GridReportRecord:
    """The station links the household (in the reported village) and records the need or
    the event; the report, the need or event and their audit entries commit together."""
    if caller.role not in CONFIRMERS:
        raise NotPermitted(f"role {caller.role.value} may not confirm grid reports")
    errors: list[FieldError] = []
    day: date | None = None
    if cmd.occurred_on is not None:
        try:
            day = date.fromisoformat(cmd.occurred_on)
        except ValueError:
            errors.append(FieldError("occurred_on", "YYYY-MM-DD", "INVALID_DATE"))
        else:
            if day > clock.today():
                errors.append(FieldError("occurred_on", "not in the future", "IN_THE_FUTURE"))
    if cmd.urgency is not None and cmd.urgency not in URGENCIES:
        errors.append(FieldError("urgency", f"Unknown urgency '{cmd.urgency}'.", "UNKNOWN_VALUE"))
    refuse_if(errors)

    def decide(state: ReportState) -> ReportDecision:
        r = state.report
        _moving(r, rules.CONFIRMED)
        if r.kind == rules.NEED:
            fields: dict[str, object] = {
                "kind": cmd.need_kind or r.need_kind,
                "description": cmd.description if cmd.description is not None else r.description,
                "estimated_cost": cmd.estimated_cost if cmd.estimated_cost is not None else 0,
                "urgency": cmd.urgency or "MEDIUM",
            }
            refuse_if(validate_need(fields))
            make = _need_maker(caller.actor, cmd.household_id, fields)
        else:
            happened = day or r.reported_at.astimezone(clock.zone).date()
            make = _event_maker(caller.actor, r, cmd.household_id, happened, clock)
        _in_village(state, cmd.household_id)
        return ReportDecision(
            action="CONFIRM_GRID_REPORT",
            props={
                "status": rules.CONFIRMED,
                "household_id": cmd.household_id,
                "decided_by": caller.actor.id,
                "decided_at": clock.now(),
            },
            link_household=True,
            make=make,
        )

    return await _decide(
        graph, caller, cmd.report_id, cmd.expected_version, decide, household_id=cmd.household_id
    )


async def dismiss_grid_report(
    graph: Graph,
    caller: Caller,
    report_id: str,
    expected_version: int,
    reason: str,
    *,
    clock: Clock,
) -> GridReportRecord:
    """Nothing to act on (already known, not found on a visit): said why, audited."""
    if caller.role not in CONFIRMERS:
        raise NotPermitted(f"role {caller.role.value} may not dismiss grid reports")
    check = Check({"reason": reason})
    check.text("reason", required=True, max_len=REASON_MAX, multiline=True)
    refuse_if(check.errors)

    def decide(state: ReportState) -> ReportDecision:
        _moving(state.report, rules.DISMISSED)
        return ReportDecision(
            action="DISMISS_GRID_REPORT",
            props={
                "status": rules.DISMISSED,
                "dismiss_reason": reason.strip(),
                "decided_by": caller.actor.id,
                "decided_at": clock.now(),
            },
            link_household=False,
            make=None,
        )

    return await _decide(graph, caller, report_id, expected_version, decide)


async def _decide(
    graph: Graph,
    caller: Caller,
    report_id: str,
    expected_version: int,
    decide: Any,
    *,
    household_id: str | None = None,
) -> GridReportRecord:
    record: GridReportRecord = await run_write(
        graph,
        decide_grid_report_tx,
        actor=caller.actor,
        report_id=report_id,
        expected_version=expected_version,
        scope_params=caller.scope.params(),
        household_id=household_id,
        decide=decide,
    )
    return record
