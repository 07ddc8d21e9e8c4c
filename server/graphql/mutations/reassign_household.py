from __future__ import annotations

import contextlib
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.audit import Actor
from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, RuleViolation, bad_reason, user_error
from server.graphql.permissions import access
from server.graphql.types.registry import Household
from server.services.errors import EntityNotFound, InvalidFields, RulesBroken
from server.services.reassignment import reassign_household


@strawberry.type
class ReassignHouseholdSuccess:
    household: Household
    overridden: bool


ReassignHouseholdResult = Annotated[
    ReassignHouseholdSuccess | RuleViolation | InvalidInput | NotFound,
    strawberry.union("ReassignHouseholdResult"),
]


@strawberry.type
class ReassignHouseholdMutation:
    @strawberry.mutation(
        extensions=access("reassignHousehold"),
        description="Make a worker responsible for a household by hand. Breaking reach, "
        "capacity or skill rules needs override and a reason (audited); a conflict of "
        "interest or a worker on leave is never overridden.",
    )
    async def reassign_household(
        self,
        info: Info[Context, Any],
        household_id: strawberry.ID,
        worker_id: strawberry.ID,
        reason: str,
        override: bool = False,
    ) -> ReassignHouseholdResult:
        if refused := bad_reason("reason", reason):
            return refused
        ctx = info.context
        assert ctx.principal is not None
        try:
            outcome = await reassign_household(
                ctx.graph,
                viewer_scope=await ctx.loaders.scope(),
                actor=Actor(ctx.principal.user_id, ctx.principal.role.value, ctx.clock.now()),
                household_id=str(household_id),
                worker_id=str(worker_id),
                reason=reason,
                override=override,
                today=ctx.clock.today(),
                zone=ctx.clock.zone,
            )
        except (InvalidFields, RulesBroken, EntityNotFound) as exc:
            return user_error(exc)
        # The change made earlier look-ups of this request stale.
        for loader in (ctx.loaders.household, ctx.loaders.worker_of_household):
            with contextlib.suppress(KeyError):
                loader.clear(outcome.household_id)
        row = await ctx.loaders.household.load(outcome.household_id)
        assert row is not None
        return ReassignHouseholdSuccess(
            household=Household.from_read(row), overridden=bool(outcome.pairing.overridden_rules)
        )
