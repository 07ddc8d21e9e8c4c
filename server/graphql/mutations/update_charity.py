"""updateCharity: change a charity's focus, budget or regions (a charity: its own only)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, StaleVersion
from server.graphql.mutations._registry import update_in_registry
from server.graphql.permissions import access
from server.graphql.types.organisations import Charity
from server.graphql.types.vocabulary import NeedKind
from server.services.organisations import CHARITY


@strawberry.input(description="Only the fields given change.")
class UpdateCharityInput:
    id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="The version you read; omit to skip the check."
    )
    name: str | None = strawberry.UNSET
    focus_kinds: list[NeedKind] | None = strawberry.UNSET
    budget_yuan: int | None = strawberry.UNSET
    region_ids: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="Replaces the regions; within your area."
    )


@strawberry.type
class UpdateCharitySuccess:
    charity: Charity


UpdateCharityResult = Annotated[
    UpdateCharitySuccess | InvalidInput | NotFound | StaleVersion,
    strawberry.union("UpdateCharityResult"),
]


@strawberry.type
class UpdateCharityMutation:
    @strawberry.mutation(extensions=access("updateCharity"))
    async def update_charity(
        self, info: Info[Context, Any], input: UpdateCharityInput
    ) -> UpdateCharityResult:
        return await update_in_registry(
            info, CHARITY, input, lambda row: UpdateCharitySuccess(charity=Charity.from_row(row))
        )
