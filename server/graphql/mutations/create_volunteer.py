"""createVolunteer: register a volunteer or grid member (志愿者, 网格员) in a village."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput
from server.graphql.mutations._registry import create_in_registry
from server.graphql.permissions import access
from server.graphql.types.organisations import Skill, Volunteer, VolunteerKind
from server.graphql.types.vocabulary import Sex
from server.services.helpers import VOLUNTEER


@strawberry.input
class CreateVolunteerInput:
    village_id: strawberry.ID
    name: str
    sex: Sex
    kind: VolunteerKind
    lat: float
    lon: float
    phone: str | None = None
    skills: list[Skill] = strawberry.field(default_factory=list)


@strawberry.type
class CreateVolunteerSuccess:
    volunteer: Volunteer


CreateVolunteerResult = Annotated[
    CreateVolunteerSuccess | InvalidInput, strawberry.union("CreateVolunteerResult")
]


@strawberry.type
class CreateVolunteerMutation:
    @strawberry.mutation(extensions=access("createVolunteer"))
    async def create_volunteer(
        self, info: Info[Context, Any], input: CreateVolunteerInput
    ) -> CreateVolunteerResult:
        return await create_in_registry(
            info,
            VOLUNTEER,
            input,
            lambda row: CreateVolunteerSuccess(volunteer=Volunteer.from_row(row)),
        )
