"""Manual reassignment of a household, checked against the same hard rules as a plan.

A declared conflict of interest or a worker on leave can never be overridden; reach,
capacity and skill can, with a reason, and the override is audited.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, tzinfo

from graph.audit import Actor
from graph.driver import Graph
from graph.reassignment import Reassigned, ReassignState, Verdict, reassign_tx
from graph.scope import Scope
from matching import CaseloadSettings
from matching.cadence import first_visit_due
from matching.checks import check_pairing
from server.caseload_facts import caseload_problem
from server.services.caseload import FOLLOW_UP_DAYS
from server.services.errors import EntityNotFound, RulesBroken, invalid
from server.services.writes import run_write

NEVER_OVERRIDDEN = frozenset({"CONFLICT", "ON_LEAVE", "NO_LOCATION"})


def judge(state: ReassignState, *, override: bool) -> Verdict:
    problem = caseload_problem(
        households=[state.household.record],
        workers=[state.worker],
        conflicts=state.conflicts,
        settings=CaseloadSettings(),
    )
    weight = problem.households[0].weight
    found = check_pairing(
        problem, state.household.record.id, state.worker.id, load_before=state.load_elsewhere
    )
    texts = tuple(f"{v.code}: {v.detail}" for v in found)
    hard = any(v.code in NEVER_OVERRIDDEN for v in found)
    allowed = not found or (override and not hard)
    return Verdict(allowed=allowed, weight=weight, violations=texts, overridden=bool(found))


def earliest_alert_due(dues: tuple[datetime, ...], zone: tzinfo | None) -> date | None:
    """The day (in the clock's zone) the household's most pressing open alert is due."""
    return min((d.astimezone(zone).date() for d in dues), default=None)


async def reassign_household(
    graph: Graph,
    *,
    viewer_scope: Scope,
    actor: Actor,
    household_id: str,
    worker_id: str,
    reason: str,
    override: bool,
    today: date,
    zone: tzinfo | None = None,
) -> Reassigned:
    reason = reason.strip()
    if len(reason) < 2:
        raise invalid("reason", "a reason is required", "REQUIRED")

    def decide(state: ReassignState) -> Verdict:
        if state.current_worker_id == worker_id:
            raise invalid(
                "worker_id",
                "this worker is already responsible for the household",
                "ALREADY_ASSIGNED",
            )
        verdict = judge(state, override=override)
        if not verdict.allowed:
            hard = any(v.split(":")[0] in NEVER_OVERRIDDEN for v in verdict.violations)
            raise RulesBroken(verdict.violations, overridable=not hard, field="worker_id")
        due = first_visit_due(
            today,
            warning_level=state.household.record.warning_level,
            alert_due=earliest_alert_due(state.alert_dues, zone),
        )
        return replace(verdict, first_visit_due=due)

    outcome: Reassigned | Verdict | None = await run_write(
        graph,
        reassign_tx,
        household_id=household_id,
        worker_id=worker_id,
        scope_params=viewer_scope.params(),
        judge=decide,
        actor=actor,
        reason=reason,
        today=today,
        follow_up_days=FOLLOW_UP_DAYS,
    )
    if outcome is None:
        raise EntityNotFound("Household", household_id, None)
    assert not isinstance(outcome, Verdict)  # decide raised instead of refusing
    return outcome
