"""Manual reassignment of a household, checked against the same hard rules as a plan.

A declared conflict of interest or a worker on leave can never be overridden; reach,
capacity and skill can, with a reason, and the override is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.audit import Actor
from graph.driver import Graph
from graph.reassignment import Reassigned, ReassignState, Verdict, reassign_tx
from graph.scope import Scope
from matching import CaseloadSettings
from matching.checks import check_pairing
from server.caseload_facts import caseload_problem
from server.services.caseload import FOLLOW_UP_DAYS

NEVER_OVERRIDDEN = frozenset({"CONFLICT", "ON_LEAVE", "NO_LOCATION"})


class ReassignInputError(ValueError):
    def __init__(self, field: str, reason: str, code: str) -> None:
        super().__init__(reason)
        self.field, self.reason, self.code = field, reason, code


@dataclass(frozen=True, slots=True)
class ReassignRefused:
    violations: tuple[str, ...]
    overridable: bool


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
) -> Reassigned | ReassignRefused | None:
    reason = reason.strip()
    if len(reason) < 2:
        raise ReassignInputError("reason", "a reason is required", "REQUIRED")
    refused_because_same: list[bool] = []

    def decide(state: ReassignState) -> Verdict:
        if state.current_worker_id == worker_id:
            refused_because_same.append(True)
            return Verdict(False, 1, ("ALREADY_ASSIGNED",), False)
        return judge(state, override=override)

    async with graph.driver.session(database=graph.database) as session:
        outcome: Reassigned | Verdict | None = await session.execute_write(
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
    if refused_because_same:
        raise ReassignInputError(
            "workerId", "this worker is already responsible for the household", "ALREADY_ASSIGNED"
        )
    if isinstance(outcome, Verdict):
        hard = any(v.split(":")[0] in NEVER_OVERRIDDEN for v in outcome.violations)
        return ReassignRefused(violations=outcome.violations, overridable=not hard)
    return outcome
