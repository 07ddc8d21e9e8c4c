"""Deciding a caseload plan: approve all its proposals or a selection, or reject it.

The transaction (`graph.caseload_approval`) locks the plan and what it changes and reads the
facts again; `decide` here applies the rules to them (the plan is open and unchanged,
`matching.approval.plan_changes` finds nothing) and raises a domain error to refuse, so an
approval is all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from graph.audit import Actor
from graph.caseload_approval import (
    ApprovalDecision,
    ApprovalState,
    Approved,
    approve_plan_tx,
    reject_plan_tx,
)
from graph.caseload_plans import PlanItemRecord, PlanRecord, plan_by_id
from graph.driver import Graph
from graph.scope import Scope
from graph.stations import stations_by_id
from matching.approval import (
    ApprovalFacts,
    NowFacts,
    PlanChange,
    ProposalFacts,
    plan_changes,
    still_valid,
)
from matching.cadence import first_visit_due
from matching.caseload_weights import caseload_weight
from server.services.caseload import FOLLOW_UP_DAYS
from server.services.errors import (
    EntityNotFound,
    PlanChanged,
    StateConflict,
    VersionConflict,
    invalid,
)
from server.services.reassignment import earliest_alert_due
from server.services.writes import run_write

MAX_SELECTION = 10_000
# The reason written on the matches a plan decision activates, moves or releases: a code the
# pages translate ("按帮扶方案"), not a sentence with the plan's id (the match keeps plan_id).
PLAN_DECISION_REASON = "CASELOAD_PLAN"


def _open(plan: PlanRecord, expected_version: int) -> None:
    """Only a PROPOSED plan is decided, on the version the planner read."""
    if plan.status != "PROPOSED":
        raise StateConflict(
            f"PLAN_{plan.status}",
            f"the plan is {plan.status}" + (f" by {plan.decided_by}" if plan.decided_by else ""),
            params={"status": plan.status, "decidedBy": plan.decided_by},
        )
    if plan.version != expected_version:
        raise VersionConflict("CaseloadPlan", plan.id, plan.version)


def weight_today(state: ApprovalState, item: PlanItemRecord) -> int:
    """The household's weight today, as the kept matches' loads are counted (the plan's own,
    unless a rescoring changed the household's warning level since)."""
    now = state.now.get(item.id)
    return now.weight if now is not None else item.weight


def approval_facts(state: ApprovalState, household_ids: list[str] | None) -> ApprovalFacts:
    """The locked graph state as `matching.approval` facts."""
    plan = state.plan
    released = [item for item, _ in state.releases]
    planned = {i.household_id for i in [*state.proposals, *released]}
    proposals = []
    for item in state.proposals:
        now = state.now.get(item.id)
        worker = item.to_worker_id or ""
        proposals.append(
            ProposalFacts(
                household_id=item.household_id,
                worker_id=worker,
                weight=weight_today(state, item),
                planned_household_version=item.household_version,
                planned_from_worker_id=item.from_worker_id,
                planned_worker_version=plan.worker_versions.get(worker),
                from_match_id=item.from_match_id,
                now=NowFacts(
                    household_version=now.household_version,
                    current_worker_id=now.current_worker_id,
                    worker_version=now.worker_version,
                    caseload_limit=now.caseload_limit,
                    on_leave=now.on_leave,
                    conflict=now.conflict,
                )
                if now
                else None,
            )
        )
    return ApprovalFacts(
        proposals=tuple(proposals),
        active_loads=state.active_loads,
        ending_matches=frozenset(
            i.from_match_id for i in [*state.proposals, *released] if i.from_match_id
        ),
        not_in_plan=tuple(sorted(set(household_ids or ()) - planned)),
        release_changed=tuple(
            item.household_id for item, status in state.releases if status != "ACTIVE"
        ),
    )


def first_visits(state: ApprovalState, today: date, zone: tzinfo | None) -> dict[str, date]:
    """Urgency first: each activated household's first visit by its alert or warning level
    (the usual follow-up time when its household or worker is gone)."""
    usual = today + timedelta(days=FOLLOW_UP_DAYS)
    return {
        item.id: first_visit_due(
            today,
            warning_level=now.warning_level,
            alert_due=earliest_alert_due(now.alert_dues, zone),
        )
        if (now := state.now.get(item.id)) is not None
        else usual
        for item in state.proposals
    }


def decided_status(state: ApprovalState, *, activated: int, whole: bool, station_part: bool) -> str:
    """A station's part leaves the plan PROPOSED while any proposal of it stays open (other
    stations' parts, or this part's set aside); otherwise it is decided."""
    if station_part:
        return "PROPOSED" if state.open_items > activated else "APPROVED"
    return "APPROVED" if whole else "PARTIALLY_APPROVED"


@dataclass(frozen=True, slots=True)
class Approval:
    """What an approval did: the counts, and what it set aside because it changed."""

    approved: Approved
    set_aside: tuple[PlanChange, ...] = ()


class _Replayed(Exception):
    """The same idempotency key found its decision already made: nothing is written again."""

    def __init__(self, plan: PlanRecord) -> None:
        super().__init__(plan.id)
        self.plan = plan


MAX_KEY = 100


async def approve(
    graph: Graph,
    *,
    viewer_scope: Scope,
    actor: Actor,
    plan_id: str,
    expected_version: int,
    household_ids: list[str] | None,
    today: date,
    station_id: str | None = None,
    zone: tzinfo | None = None,
    keep_valid: bool = False,
    idempotency_key: str | None = None,
) -> Approval:
    """Approve every open proposal of the plan (`household_ids` None), a selection, or one
    station's part (`station_id`: a county plan is approved station by station). The facts
    the plan was computed on are read again under lock. All or nothing by default
    (`matching.approval.plan_changes`); with `keep_valid`, what still holds is approved and
    what changed is set aside and returned (`matching.approval.still_valid`). The same
    `idempotency_key` again (a retried click) returns the decision already made."""
    if household_ids is not None and not 1 <= len(household_ids) <= MAX_SELECTION:
        raise invalid(
            "household_ids",
            f"select between 1 and {MAX_SELECTION} households, or none for all",
            "OUT_OF_RANGE",
        )
    if idempotency_key is not None and not 8 <= len(idempotency_key) <= MAX_KEY:
        raise invalid("idempotency_key", "8 to 100 characters", "OUT_OF_RANGE")
    plan = await plan_by_id(graph, plan_id, scope=viewer_scope)
    if plan is None:
        raise EntityNotFound("CaseloadPlan", plan_id, "plan_id")
    if station_id is not None:
        if household_ids is not None:
            raise invalid("household_ids", "give a station or a selection, not both", "CONFLICT")
        await _check_station(graph, viewer_scope, station_id)
    elif not _covers(viewer_scope, plan.townships):
        # A plan reaching beyond the caller's area (a county plan seen by a station) is
        # approved only station by station, each within the caller's area.
        raise invalid("station_id", "approve your station's part of this plan", "REQUIRED")
    set_aside: tuple[PlanChange, ...] = ()

    def decide(state: ApprovalState) -> ApprovalDecision:
        nonlocal set_aside
        plan = state.plan
        if idempotency_key is not None and plan.decision_key == idempotency_key:
            raise _Replayed(plan)
        _open(plan, expected_version)
        if station_id is not None and not (state.proposals or state.releases):
            raise invalid("station_id", "this station has nothing to approve", "NOTHING_TO_APPROVE")
        facts = approval_facts(state, household_ids)
        if keep_valid:
            kept, set_aside = still_valid(facts)
            if not kept:
                raise PlanChanged(set_aside or plan_changes(facts))
        else:
            changes = plan_changes(facts)
            if changes:
                raise PlanChanged(changes)
            kept = frozenset(i.household_id for i in state.proposals)
        aside = frozenset(
            {i.household_id for i in state.proposals if i.household_id not in kept}
            | {c.household_id for c in set_aside if c.household_id}
        )
        activated = [i for i in state.proposals if i.household_id not in aside]
        whole = household_ids is None and not set_aside
        return ApprovalDecision(
            status=decided_status(
                state, activated=len(activated), whole=whole, station_part=station_id is not None
            ),
            reason=PLAN_DECISION_REASON,
            first_visits=first_visits(state, today, zone),
            weights={i.id: weight_today(state, i) for i in activated},
            set_aside=aside,
            key=idempotency_key,
        )

    try:
        approved: Approved | None = await run_write(
            graph,
            approve_plan_tx,
            plan_id=plan_id,
            household_ids=household_ids,
            actor=actor,
            today=today,
            decide=decide,
            weigh=caseload_weight,
            station_id=station_id,
        )
    except _Replayed as replay:
        done = replay.plan
        return Approval(Approved(done, activated=done.activated, transferred=done.transferred))
    if approved is None:
        raise EntityNotFound("CaseloadPlan", plan_id, "plan_id")
    return Approval(approved, set_aside)


def _covers(scope: Scope, townships: tuple[str, ...]) -> bool:
    return scope.unrestricted or set(townships) <= set(scope.townships or ())


async def _check_station(graph: Graph, scope: Scope, station_id: str) -> None:
    found = (await stations_by_id(graph, [station_id]))[0]
    if found is None or not _covers(scope, (found.township_id,)):
        raise EntityNotFound("Station", station_id, "station_id")


async def reject(
    graph: Graph,
    *,
    viewer_scope: Scope,
    actor: Actor,
    plan_id: str,
    expected_version: int,
    reason: str,
) -> PlanRecord:
    reason = reason.strip()
    if not reason:
        raise invalid("reason", "a reason is required", "REQUIRED")
    if await plan_by_id(graph, plan_id, scope=viewer_scope) is None:
        raise EntityNotFound("CaseloadPlan", plan_id, "plan_id")
    rejected: PlanRecord | None = await run_write(
        graph,
        reject_plan_tx,
        plan_id=plan_id,
        reason=reason,
        actor=actor,
        decide=lambda plan: _open(plan, expected_version),
    )
    if rejected is None:
        raise EntityNotFound("CaseloadPlan", plan_id, "plan_id")
    return rejected
