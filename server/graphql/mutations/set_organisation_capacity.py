"""setOrganisationCapacity: an organisation declares what it can carry (budget per period,
kinds of need, open adoptions); the regions it works in stay the county's."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.market import BudgetPeriod, OrganisationCapacity
from server.graphql.types.vocabulary import NeedKind
from server.services.errors import EntityNotFound, InvalidFields, VersionConflict
from server.services.market import CapacityCommand, my_capacity, set_capacity


@strawberry.input
class SetOrganisationCapacityInput:
    organisation_id: strawberry.ID
    expected_version: int | None = None
    budget_yuan: int
    period: BudgetPeriod
    kinds: list[NeedKind]
    max_open_adoptions: int


@strawberry.type
class SetOrganisationCapacitySuccess:
    capacity: OrganisationCapacity | None = strawberry.field(
        description="The caller's own capacity (null when the county set another's)."
    )


SetOrganisationCapacityResult = Annotated[
    SetOrganisationCapacitySuccess | InvalidInput | NotFound | StaleVersion,
    strawberry.union("SetOrganisationCapacityResult"),
]


@strawberry.type
class SetOrganisationCapacityMutation:
    @strawberry.mutation(extensions=access("setOrganisationCapacity"))
    async def set_organisation_capacity(
        self, info: Info[Context, Any], input: SetOrganisationCapacityInput
    ) -> SetOrganisationCapacityResult:
        who = await caller(info)
        ctx = info.context
        command = CapacityCommand(
            org_id=str(input.organisation_id),
            expected_version=input.expected_version,
            budget_yuan=input.budget_yuan,
            period=input.period.value,
            kinds=tuple(k.value for k in input.kinds),
            max_open=input.max_open_adoptions,
        )
        try:
            await set_capacity(ctx.graph, who, command)
        except (InvalidFields, EntityNotFound, VersionConflict) as exc:
            return user_error(exc)
        use = await my_capacity(ctx.graph, who, today=ctx.clock.today())
        return SetOrganisationCapacitySuccess(
            capacity=OrganisationCapacity.from_row(
                use.row,
                committed=use.committed_yuan,
                open_adoptions=use.open_adoptions,
                current_period=use.current_period,
            )
            if use
            else None
        )
