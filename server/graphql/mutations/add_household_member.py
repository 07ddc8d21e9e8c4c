"""addHouseholdMember: a new member joins a household (a birth, a marriage, a return)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, StaleVersion
from server.graphql.mutations._common import MemberInput, caller, fields_of
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.graphql.types.registry import Household, Person
from server.services.errors import EntityNotFound, InvalidFields, StateConflict, VersionConflict
from server.services.households import NewMember, add_member


@strawberry.input
class AddHouseholdMemberInput:
    household_id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="The household's version you read; omit to skip the check."
    )
    member: MemberInput


@strawberry.type
class AddHouseholdMemberSuccess:
    person: Person
    household: Household = strawberry.field(description="With its re-derived size and groups.")


AddHouseholdMemberResult = Annotated[
    AddHouseholdMemberSuccess | InvalidInput | NotFound | StaleVersion | Conflict,
    strawberry.union("AddHouseholdMemberResult"),
]


@strawberry.type
class AddHouseholdMemberMutation:
    @strawberry.mutation(extensions=access("addHouseholdMember"))
    async def add_household_member(
        self, info: Info[Context, Any], input: AddHouseholdMemberInput
    ) -> AddHouseholdMemberResult:
        command = NewMember(
            household_id=str(input.household_id),
            expected_version=input.expected_version,
            fields=fields_of(input.member),
        )
        try:
            change = await add_member(info.context.graph, await caller(info), command)
        except (InvalidFields, EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        assert change.person is not None  # an addition always has its person
        return AddHouseholdMemberSuccess(
            person=Person.from_record(change.person),
            household=Household.from_row(change.household),
        )
