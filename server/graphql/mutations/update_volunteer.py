"""updateVolunteer: correct a volunteer's details, skills or village."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, StaleVersion
from server.graphql.mutations._registry import update_in_registry
from server.graphql.permissions import access
from server.graphql.types.organisations import Skill, Volunteer, VolunteerKind
from server.graphql.types.vocabulary import Sex
from server.services.helpers import VOLUNTEER


@strawberry.input(description="Only the fields given change.")
class UpdateVolunteerInput:
    id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="The version you read; omit to skip the check."
    )
    village_id: strawberry.ID | None = strawberry.UNSET
    name: str | None = strawberry.UNSET
    sex: Sex | None = strawberry.UNSET
    kind: VolunteerKind | None = strawberry.UNSET
    lat: float | None = strawberry.UNSET
    lon: float | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET
    skills: list[Skill] | None = strawberry.UNSET


@strawberry.type
class UpdateVolunteerSuccess:
    volunteer: Volunteer


UpdateVolunteerResult = Annotated[
    UpdateVolunteerSuccess | InvalidInput | NotFound | StaleVersion,
    strawberry.union("UpdateVolunteerResult"),
]


@strawberry.type
class UpdateVolunteerMutation:
    @strawberry.mutation(extensions=access("updateVolunteer"))
    async def update_volunteer(
        self, info: Info[Context, Any], input: UpdateVolunteerInput
    ) -> UpdateVolunteerResult:
        return await update_in_registry(
            info,
            VOLUNTEER,
            input,
            lambda row: UpdateVolunteerSuccess(volunteer=Volunteer.from_row(row)),
        )
