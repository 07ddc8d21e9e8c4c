"""Manual reassignment of a household, checked against the same hard rules as a plan.

A declared conflict of interest or a worker on leave can never be overridden; reach,
capacity and skill can, with a reason, and the override is audited.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, tzinfo

from graph.audit import Actor
from graph.driver import Graph
from graph.reassignment import NewPairing, Reassigned, ReassignState, reassign_tx
from graph.scope import Scope
from matching import CaseloadSettings
from matching.cadence import first_visit_due
from matching.caseload_weights import caseload_weight
from matching.checks import check_pairing
from server.caseload_facts import caseload_problem
from server.services.errors import EntityNotFound, RulesBroken, invalid
from server.services.writes import run_write

NEVER_OVERRIDDEN = frozenset({"CONFLICT", "ON_LEAVE", "NO_LOCATION"})


def judge(
    state: ReassignState, *, override: bool, overridable: bool = True, field: str = "worker_id"
) -> NewPairing:
    """The rules a pairing breaks; refused unless none, or all overridable and overridden.
    `overridable=False` where the caller offers no override (accepting a proposal)."""
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
    if found and (hard or not override):
        raise RulesBroken(
            texts,
            overridable=overridable and not hard,
            field=field,
            rules=[(v.code, dict(v.params)) for v in found],
        )
    # Codes only: the audit record is shown on a page, and the detail names ids in English.
    return NewPairing(weight=weight, overridden_rules=tuple(v.code for v in found))


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

    def decide(state: ReassignState) -> NewPairing:
        if state.current_worker_id == worker_id:
            raise invalid(
                "worker_id",
                "this worker is already responsible for the household",
                "ALREADY_ASSIGNED",
            )
        pairing = judge(state, override=override)
        due = first_visit_due(
            today,
            warning_level=state.household.record.warning_level,
            alert_due=earliest_alert_due(state.alert_dues, zone),
        )
        return replace(pairing, first_visit_due=due)

    outcome: Reassigned | None = await run_write(
        graph,
        reassign_tx,
        household_id=household_id,
        worker_id=worker_id,
        scope_params=viewer_scope.params(),
        decide=decide,
        actor=actor,
        reason=reason,
        today=today,
        weigh=caseload_weight,
    )
    if outcome is None:
        raise EntityNotFound("Household", household_id, None)
    return outcome
