"""Approving (all or a selection) and rejecting a caseload plan."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.audit import Actor
from graph.caseload_approval import Approved, PlanChanged, PlanNotOpen
from server.context import Context
from server.graphql.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    StalePlan,
    StaleVersion,
    invalid_field,
)
from server.graphql.mutations._errors import bad_reason
from server.graphql.permissions import access
from server.graphql.types.caseload import CaseloadPlan
from server.services.caseload import approve, reject

MAX_SELECTION = 10_000


@strawberry.type
class ApproveCaseloadPlanSuccess:
    plan: CaseloadPlan
    activated: int
    transferred: int


ApproveCaseloadPlanResult = Annotated[
    ApproveCaseloadPlanSuccess | StalePlan | StaleVersion | NotFound | Conflict | InvalidInput,
    strawberry.union("ApproveCaseloadPlanResult"),
]


@strawberry.type
class RejectCaseloadPlanSuccess:
    plan: CaseloadPlan


RejectCaseloadPlanResult = Annotated[
    RejectCaseloadPlanSuccess | StaleVersion | NotFound | Conflict | InvalidInput,
    strawberry.union("RejectCaseloadPlanResult"),
]


def _not_open(outcome: PlanNotOpen) -> StaleVersion | Conflict:
    plan = outcome.plan
    if outcome.stale_version:
        return StaleVersion(
            message="方案已被他人修改，请刷新 / the plan changed; reload it",
            field="expectedVersion",
            code="STALE_VERSION",
            current_version=plan.version,
        )
    by = f" by {plan.decided_by}" if plan.decided_by else ""
    return Conflict(
        message=f"方案状态为 {plan.status}，不能再决定 / the plan is {plan.status}{by}",
        field=None,
        code=f"PLAN_{plan.status}",
    )


def _not_found(plan_id: str) -> NotFound:
    return NotFound(message=f"plan {plan_id} not found", field="planId", code="NOT_FOUND")


@strawberry.type
class DecideCaseloadPlanMutation:
    @strawberry.mutation(
        extensions=access("approveCaseloadPlan"),
        description="Approve all proposals of a plan (householdIds null) or a selection, in "
        "one transaction checked against the data the plan was computed on.",
    )
    async def approve_caseload_plan(
        self,
        info: Info[Context, Any],
        plan_id: strawberry.ID,
        expected_version: int,
        household_ids: list[strawberry.ID] | None = None,
    ) -> ApproveCaseloadPlanResult:
        ctx = info.context
        assert ctx.principal is not None
        if household_ids is not None and not 1 <= len(household_ids) <= MAX_SELECTION:
            reason = f"select between 1 and {MAX_SELECTION} households, or none for all"
            return invalid_field("householdIds", reason, "OUT_OF_RANGE")
        outcome = await approve(
            ctx.graph,
            viewer_scope=await ctx.loaders.scope(),
            actor=Actor(ctx.principal.user_id, ctx.principal.role.value),
            plan_id=str(plan_id),
            expected_version=expected_version,
            household_ids=[str(h) for h in household_ids] if household_ids is not None else None,
        )
        if outcome is None:
            return _not_found(str(plan_id))
        if isinstance(outcome, PlanNotOpen):
            return _not_open(outcome)
        if isinstance(outcome, PlanChanged):
            return StalePlan(
                message=f"方案计算后有 {len(outcome.changes)} 处变化，未做任何更改 / "
                f"{len(outcome.changes)} things changed since the plan; nothing was applied",
                field=None,
                code="STALE_PLAN",
                changes=list(outcome.changes),
            )
        assert isinstance(outcome, Approved)
        return ApproveCaseloadPlanSuccess(
            plan=CaseloadPlan.from_record(outcome.plan),
            activated=outcome.activated,
            transferred=outcome.transferred,
        )

    @strawberry.mutation(
        extensions=access("rejectCaseloadPlan"), description="Reject a plan; it stays in history."
    )
    async def reject_caseload_plan(
        self, info: Info[Context, Any], plan_id: strawberry.ID, expected_version: int, reason: str
    ) -> RejectCaseloadPlanResult:
        ctx = info.context
        assert ctx.principal is not None
        if not reason.strip():
            return invalid_field("reason", "a reason is required", "REQUIRED")
        if refused := bad_reason("reason", reason):
            return refused
        outcome = await reject(
            ctx.graph,
            viewer_scope=await ctx.loaders.scope(),
            actor=Actor(ctx.principal.user_id, ctx.principal.role.value),
            plan_id=str(plan_id),
            expected_version=expected_version,
            reason=reason.strip(),
        )
        if outcome is None:
            return _not_found(str(plan_id))
        if isinstance(outcome, PlanNotOpen):
            return _not_open(outcome)
        return RejectCaseloadPlanSuccess(plan=CaseloadPlan.from_record(outcome))
