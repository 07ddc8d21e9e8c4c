"""createCharity: register a charity (慈善组织) with its focus, budget and regions."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput
from server.graphql.mutations._registry import create_in_registry
from server.graphql.permissions import access
from server.graphql.types.organisations import Charity
from server.graphql.types.vocabulary import NeedKind
from server.services.organisations import CHARITY


@strawberry.input
class CreateCharityInput:
    name: str
    focus_kinds: list[NeedKind] = strawberry.field(description="The kinds of need it funds.")
    budget_yuan: int = strawberry.field(description="yuan (元), 0 or more")
    region_ids: list[strawberry.ID] = strawberry.field(
        description="Townships or counties it works in (at most 100)."
    )


@strawberry.type
class CreateCharitySuccess:
    charity: Charity


CreateCharityResult = Annotated[
    CreateCharitySuccess | InvalidInput, strawberry.union("CreateCharityResult")
]


@strawberry.type
class CreateCharityMutation:
    @strawberry.mutation(extensions=access("createCharity"))
    async def create_charity(
        self, info: Info[Context, Any], input: CreateCharityInput
    ) -> CreateCharityResult:
        return await create_in_registry(
            info, CHARITY, input, lambda row: CreateCharitySuccess(charity=Charity.from_row(row))
        )
