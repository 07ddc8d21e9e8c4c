"""createNeed: record what a household lacks (需求); it starts OPEN on the needs board."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound
from server.graphql.mutations._common import caller, fields_of
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.graphql.types.organisations import NeedListing
from server.graphql.types.vocabulary import NeedKind, Urgency
from server.services.errors import EntityNotFound, InvalidFields
from server.services.needs import NewNeed, create_need


@strawberry.input
class CreateNeedInput:
    household_id: strawberry.ID
    kind: NeedKind
    description: str = strawberry.field(
        description="Charities read this without knowing the household: name nobody."
    )
    estimated_cost: int = strawberry.field(description="yuan (元), 0 or more")
    urgency: Urgency


@strawberry.type
class CreateNeedSuccess:
    need: NeedListing


CreateNeedResult = Annotated[
    CreateNeedSuccess | InvalidInput | NotFound, strawberry.union("CreateNeedResult")
]


@strawberry.type
class CreateNeedMutation:
    @strawberry.mutation(extensions=access("createNeed"))
    async def create_need(
        self, info: Info[Context, Any], input: CreateNeedInput
    ) -> CreateNeedResult:
        command = NewNeed(
            household_id=str(input.household_id),
            fields=fields_of(input, skip={"household_id"}),
        )
        try:
            row = await create_need(info.context.graph, await caller(info), command)
        except (InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return CreateNeedSuccess(need=NeedListing.from_row(row))
