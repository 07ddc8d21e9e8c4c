"""Approving (all or a selection) and rejecting a caseload plan."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.audit import Actor
from server.context import Context
from server.graphql.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    PlanChangeItem,
    StalePlan,
    StaleVersion,
    bad_reason,
    plan_change_item,
    user_error,
)
from server.graphql.permissions import access
from server.graphql.types.caseload import CaseloadPlan
from server.services.caseload_approval import approve, reject
from server.services.errors import (
    EntityNotFound,
    InvalidFields,
    PlanChanged,
    StateConflict,
    VersionConflict,
)


@strawberry.type
class ApproveCaseloadPlanSuccess:
    plan: CaseloadPlan
    activated: int
    transferred: int
    set_aside: list[PlanChangeItem] = strawberry.field(
        description="With keepValid: the proposals left out because they changed since the "
        "plan (re-plan them); empty otherwise."
    )


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


@strawberry.type
class DecideCaseloadPlanMutation:
    @strawberry.mutation(
        extensions=access("approveCaseloadPlan"),
        description="Approve all proposals of a plan (householdIds null) or a selection, in "
        "one transaction checked against the data the plan was computed on. stationId: only "
        "that station's part (the households of its townships); the rest stays open, and the "
        "plan is APPROVED when every part is. A plan reaching beyond your area (a county plan "
        "seen by a station) is approved only by station.",
    )
    async def approve_caseload_plan(
        self,
        info: Info[Context, Any],
        plan_id: strawberry.ID,
        expected_version: int,
        household_ids: list[strawberry.ID] | None = None,
        station_id: strawberry.ID | None = None,
        keep_valid: Annotated[
            bool,
            strawberry.argument(
                description="Approve what still holds and set aside what changed, instead of "
                "refusing the whole plan."
            ),
        ] = False,
        idempotency_key: Annotated[
            str | None,
            strawberry.argument(
                description="8-100 characters chosen by the client per decision: a retry with "
                "the same key returns the decision already made and changes nothing."
            ),
        ] = None,
    ) -> ApproveCaseloadPlanResult:
        ctx = info.context
        assert ctx.principal is not None
        try:
            approved = await approve(
                ctx.graph,
                viewer_scope=await ctx.loaders.scope(),
                actor=Actor(ctx.principal.user_id, ctx.principal.role.value, ctx.clock.now()),
                plan_id=str(plan_id),
                expected_version=expected_version,
                household_ids=[str(h) for h in household_ids]
                if household_ids is not None
                else None,
                today=ctx.clock.today(),
                station_id=str(station_id) if station_id else None,
                zone=ctx.clock.zone,
                keep_valid=keep_valid,
                idempotency_key=idempotency_key,
            )
        except (PlanChanged, VersionConflict, StateConflict, EntityNotFound, InvalidFields) as exc:
            return user_error(exc)
        return ApproveCaseloadPlanSuccess(
            plan=CaseloadPlan.from_record(approved.approved.plan),
            activated=approved.approved.activated,
            transferred=approved.approved.transferred,
            set_aside=[plan_change_item(c) for c in approved.set_aside],
        )

    @strawberry.mutation(
        extensions=access("rejectCaseloadPlan"), description="Reject a plan; it stays in history."
    )
    async def reject_caseload_plan(
        self, info: Info[Context, Any], plan_id: strawberry.ID, expected_version: int, reason: str
    ) -> RejectCaseloadPlanResult:
        ctx = info.context
        assert ctx.principal is not None
        if refused := bad_reason("reason", reason):
            return refused
        try:
            rejected = await reject(
                ctx.graph,
                viewer_scope=await ctx.loaders.scope(),
                actor=Actor(ctx.principal.user_id, ctx.principal.role.value, ctx.clock.now()),
                plan_id=str(plan_id),
                expected_version=expected_version,
                reason=reason,
            )
        except (VersionConflict, StateConflict, EntityNotFound, InvalidFields) as exc:
            return user_error(exc)
        return RejectCaseloadPlanSuccess(plan=CaseloadPlan.from_record(rejected))
