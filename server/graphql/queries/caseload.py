from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph.caseload_plans import plan_by_id, plan_page
from server.context import Context
from server.graphql.permissions import access
from server.graphql.types.caseload import CaseloadPlan
from server.graphql.types.connection import Connection, connection, decode_cursor, page_size
from server.services.caseload import reproduce


@strawberry.type(description="Re-solving a plan's stored input: is it the same plan?")
class PlanReproduction:
    input_hash: str | None
    recomputed_hash: str
    identical: bool
    differing_households: int
    seconds: float


@strawberry.type
class CaseloadQuery:
    @strawberry.field(
        extensions=access("caseloadPlans"), description="Plans in your area, newest first."
    )
    async def caseload_plans(
        self,
        info: Info[Context, Any],
        first: int = 20,
        after: str | None = None,
        scope_id: strawberry.ID | None = None,
    ) -> Connection[CaseloadPlan]:
        ctx = info.context
        size = page_size(first)
        rows, total = await plan_page(
            ctx.graph,
            scope=await ctx.loaders.scope(),
            scope_id=str(scope_id) if scope_id else None,
            after=decode_cursor(after),
            limit=size + 1,
        )
        return connection(
            rows, first=size, total=total, key=lambda r: r.id, node=CaseloadPlan.from_record
        )

    @strawberry.field(
        extensions=access("caseloadPlanReproduction"),
        description="Solve the plan's stored input again and compare (takes seconds).",
    )
    async def caseload_plan_reproduction(
        self, info: Info[Context, Any], id: strawberry.ID
    ) -> PlanReproduction | None:
        ctx = info.context
        result = await reproduce(ctx.graph, viewer_scope=await ctx.loaders.scope(), plan_id=str(id))
        if result is None:
            return None
        return PlanReproduction(
            input_hash=result.input_hash,
            recomputed_hash=result.recomputed_hash,
            identical=result.identical,
            differing_households=result.differing_households,
            seconds=result.seconds,
        )

    @strawberry.field(extensions=access("caseloadPlan"))
    async def caseload_plan(
        self, info: Info[Context, Any], id: strawberry.ID
    ) -> CaseloadPlan | None:
        ctx = info.context
        plan = await plan_by_id(ctx.graph, str(id), scope=await ctx.loaders.scope())
        return CaseloadPlan.from_record(plan) if plan else None
