"""createHousehold: register a household (户) together with its members."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput
from server.graphql.mutations._common import (
    DATE_TEXT,
    MemberInput,
    caller,
    fields_of,
)
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.graphql.types.registry import Household
from server.graphql.types.vocabulary import Cause, DibaoClass, Tier, WarningLevel
from server.services.errors import InvalidFields
from server.services.households import NewHousehold, create_household


@strawberry.input
class CreateHouseholdInput:
    village_id: strawberry.ID
    tier: Tier
    dibao_class: DibaoClass | None = strawberry.field(
        default=None, description="分类施保: required for DIBAO, refused for other tiers."
    )
    causes: list[Cause] = strawberry.field(default_factory=list)
    monthly_income_per_person: float = strawberry.field(description="yuan per person per month")
    lat: float
    lon: float
    address: str
    phone: str | None = None
    warning_level: WarningLevel | None = None
    next_review_due: str | None = strawberry.field(
        default=None, description=f"Defaults from the dibao class; {DATE_TEXT}."
    )
    languages: list[str] = strawberry.field(default_factory=list)
    members: list[MemberInput] = strawberry.field(
        description="At most 30, exactly one of them the head (户主)."
    )


@strawberry.type
class CreateHouseholdSuccess:
    household: Household


CreateHouseholdResult = Annotated[
    CreateHouseholdSuccess | InvalidInput, strawberry.union("CreateHouseholdResult")
]


@strawberry.type
class CreateHouseholdMutation:
    @strawberry.mutation(
        extensions=access("createHousehold"),
        description="Register a household with its members; size and special groups follow.",
    )
    async def create_household(
        self, info: Info[Context, Any], input: CreateHouseholdInput
    ) -> CreateHouseholdResult:
        command = NewHousehold(
            fields=fields_of(input, skip={"members"}),
            members=tuple(fields_of(m) for m in input.members),
        )
        try:
            row = await create_household(info.context.graph, await caller(info), command)
        except InvalidFields as exc:
            return user_error(exc)
        return CreateHouseholdSuccess(household=Household.from_row(row))
