"""updatePerson: correct a household member's details (an ID number, a disability grade)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, StaleVersion
from server.graphql.mutations._common import DATE_TEXT, caller, fields_of
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.graphql.types.registry import Household, Person
from server.graphql.types.vocabulary import Relation, Sex
from server.services.errors import EntityNotFound, InvalidFields, StateConflict, VersionConflict
from server.services.households import PersonChanges, update_person


@strawberry.input(description="Only the fields given change; null clears an optional one.")
class UpdatePersonInput:
    id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="The household's version you read; omit to skip the check."
    )
    name: str | None = strawberry.UNSET
    id_number: str | None = strawberry.UNSET
    relation: Relation | None = strawberry.UNSET
    sex: Sex | None = strawberry.UNSET
    birth_date: str | None = strawberry.field(default=strawberry.UNSET, description=DATE_TEXT)
    disability_grade: int | None = strawberry.UNSET
    chronic_illness: bool | None = strawberry.UNSET
    serious_illness: bool | None = strawberry.UNSET
    can_work: bool | None = strawberry.UNSET
    lives_away: bool | None = strawberry.UNSET


@strawberry.type
class UpdatePersonSuccess:
    person: Person
    household: Household = strawberry.field(description="With its re-derived size and groups.")


UpdatePersonResult = Annotated[
    UpdatePersonSuccess | InvalidInput | NotFound | StaleVersion | Conflict,
    strawberry.union("UpdatePersonResult"),
]


@strawberry.type
class UpdatePersonMutation:
    @strawberry.mutation(extensions=access("updatePerson"))
    async def update_person(
        self, info: Info[Context, Any], input: UpdatePersonInput
    ) -> UpdatePersonResult:
        command = PersonChanges(
            person_id=str(input.id),
            expected_version=input.expected_version,
            changes=fields_of(input, skip={"id", "expected_version"}),
        )
        try:
            change = await update_person(info.context.graph, await caller(info), command)
        except (InvalidFields, EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        assert change.person is not None  # an update always has its person
        return UpdatePersonSuccess(
            person=Person.from_record(change.person),
            household=Household.from_row(change.household),
        )
