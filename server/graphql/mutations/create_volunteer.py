"""createVolunteer: register a volunteer or grid member (志愿者, 网格员) in a village."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput
from server.graphql.mutations._common import caller, fields_of
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.graphql.types.organisations import Skill, Volunteer, VolunteerKind
from server.graphql.types.vocabulary import Sex
from server.services.errors import InvalidFields
from server.services.helpers import create_volunteer
from server.services.registry import NewEntity


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
        command = NewEntity(fields=fields_of(input))
        try:
            row = await create_volunteer(info.context.graph, await caller(info), command)
        except InvalidFields as exc:
            return user_error(exc)
        return CreateVolunteerSuccess(volunteer=Volunteer.from_row(row))
