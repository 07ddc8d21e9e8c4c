"""removeHouseholdMember: a member leaves the household (death, marriage out, moving away).

The person is deleted from the registry, so their ID number can be registered in the
household they join.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, NotFound, StaleVersion
from server.graphql.mutations._common import caller
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.graphql.types.registry import Household
from server.services.errors import EntityNotFound, StateConflict, VersionConflict
from server.services.households import MemberRemoval, remove_member


@strawberry.input
class RemoveHouseholdMemberInput:
    id: strawberry.ID = strawberry.field(description="The person to remove.")
    expected_version: int | None = strawberry.field(
        default=None, description="The household's version you read; omit to skip the check."
    )


@strawberry.type
class RemoveHouseholdMemberSuccess:
    removed_person_id: strawberry.ID
    household: Household = strawberry.field(description="With its re-derived size and groups.")


RemoveHouseholdMemberResult = Annotated[
    RemoveHouseholdMemberSuccess | NotFound | StaleVersion | Conflict,
    strawberry.union("RemoveHouseholdMemberResult"),
]


@strawberry.type
class RemoveHouseholdMemberMutation:
    @strawberry.mutation(
        extensions=access("removeHouseholdMember"),
        description="Remove a member; the last member of a household cannot be removed.",
    )
    async def remove_household_member(
        self, info: Info[Context, Any], input: RemoveHouseholdMemberInput
    ) -> RemoveHouseholdMemberResult:
        command = MemberRemoval(person_id=str(input.id), expected_version=input.expected_version)
        try:
            change = await remove_member(info.context.graph, await caller(info), command)
        except (EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        return RemoveHouseholdMemberSuccess(
            removed_person_id=input.id, household=Household.from_row(change.household)
        )
