from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.audit import Actor
from matching import BalancePriority as DomainBalancePriority
from server.context import Context
from server.graphql.errors import InvalidInput, JobQueueUnavailable, NotFound, user_error
from server.graphql.permissions import access
from server.graphql.types.caseload import BalancePriority, CaseloadPlan, PlanScopeKind
from server.graphql.types.job import Job
from server.services.caseload import WhatIf, request_plan
from server.services.errors import EntityNotFound, InvalidFields, QueueUnavailable


@strawberry.input
class ExtraWorkersInput:
    station_id: strawberry.ID
    count: int


@strawberry.input(description="情景推演: solve a scenario without committing it.")
class WhatIfInput:
    extra_workers: list[ExtraWorkersInput] | None = None
    cap_factor: float | None = None
    workers_on_leave: list[strawberry.ID] | None = None

    def to_domain(self) -> WhatIf:
        return WhatIf(
            extra_workers=tuple((str(e.station_id), e.count) for e in self.extra_workers or ()),
            cap_factor=self.cap_factor,
            workers_on_leave=tuple(str(w) for w in self.workers_on_leave or ()),
        )


@strawberry.input
class RequestCaseloadPlanInput:
    scope_kind: PlanScopeKind
    scope_id: strawberry.ID
    what_if: WhatIfInput | None = None
    balance: BalancePriority = strawberry.field(  # type: ignore[valid-type]
        default=DomainBalancePriority.TRAVEL_FIRST,
        description="How much travel evening out workloads may cost (default: at most 2 % more).",
    )


@strawberry.type
class RequestCaseloadPlanSuccess:
    plan: CaseloadPlan
    job: Job


RequestCaseloadPlanResult = Annotated[
    RequestCaseloadPlanSuccess | InvalidInput | NotFound | JobQueueUnavailable,
    strawberry.union("RequestCaseloadPlanResult"),
]


@strawberry.type
class RequestCaseloadPlanMutation:
    @strawberry.mutation(
        extensions=access("requestCaseloadPlan"),
        description="Start computing a caseload plan for a scope; returns the plan and its job.",
    )
    async def request_caseload_plan(
        self, info: Info[Context, Any], input: RequestCaseloadPlanInput
    ) -> RequestCaseloadPlanResult:
        ctx = info.context
        assert ctx.principal is not None
        try:
            plan, job = await request_plan(
                ctx.graph,
                ctx.arq,
                viewer_scope=await ctx.loaders.scope(),
                actor=Actor(ctx.principal.user_id, ctx.principal.role.value, ctx.clock.now()),
                scope_kind=input.scope_kind.value,
                scope_id=str(input.scope_id),
                what_if=input.what_if.to_domain() if input.what_if else None,
                now=ctx.clock.now(),
                balance=input.balance,
            )
        except (EntityNotFound, InvalidFields, QueueUnavailable) as exc:
            return user_error(exc)
        return RequestCaseloadPlanSuccess(
            plan=CaseloadPlan.from_record(plan), job=Job.from_record(job)
        )
