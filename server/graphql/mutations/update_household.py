"""updateHousehold: correct a household's own fields, guarded by its version."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, StaleVersion
from server.graphql.mutations._common import DATE_TEXT, caller, fields_of
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.graphql.types.registry import Household
from server.graphql.types.vocabulary import Cause, DibaoClass, Tier, WarningLevel
from server.services.errors import EntityNotFound, InvalidFields, VersionConflict
from server.services.households import HouseholdChanges, update_household


@strawberry.input(description="Only the fields given change; null clears an optional one.")
class UpdateHouseholdInput:
    id: strawberry.ID
    expected_version: int = strawberry.field(description="The version you read.")
    village_id: strawberry.ID | None = strawberry.UNSET
    tier: Tier | None = strawberry.UNSET
    dibao_class: DibaoClass | None = strawberry.UNSET
    causes: list[Cause] | None = strawberry.UNSET
    monthly_income_per_person: float | None = strawberry.UNSET
    lat: float | None = strawberry.UNSET
    lon: float | None = strawberry.UNSET
    address: str | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    warning_level: WarningLevel | None = strawberry.UNSET
    next_review_due: str | None = strawberry.field(default=strawberry.UNSET, description=DATE_TEXT)
    languages: list[str] | None = strawberry.UNSET


@strawberry.type
class UpdateHouseholdSuccess:
    household: Household


UpdateHouseholdResult = Annotated[
    UpdateHouseholdSuccess | InvalidInput | NotFound | StaleVersion,
    strawberry.union("UpdateHouseholdResult"),
]


@strawberry.type
class UpdateHouseholdMutation:
    @strawberry.mutation(extensions=access("updateHousehold"))
    async def update_household(
        self, info: Info[Context, Any], input: UpdateHouseholdInput
    ) -> UpdateHouseholdResult:
        command = HouseholdChanges(
            household_id=str(input.id),
            expected_version=input.expected_version,
            changes=fields_of(input, skip={"id", "expected_version"}),
        )
        try:
            row = await update_household(info.context.graph, await caller(info), command)
        except (InvalidFields, EntityNotFound, VersionConflict) as exc:
            return user_error(exc)
        return UpdateHouseholdSuccess(household=Household.from_row(row))
