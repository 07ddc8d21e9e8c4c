"""setVolunteerAvailability: the weekdays, hours and radius a volunteer offers for care tasks."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.organisations import Volunteer
from server.services.care_tasks import Availability, set_volunteer_availability
from server.services.errors import EntityNotFound, InvalidFields, VersionConflict


@strawberry.type
class SetVolunteerAvailabilitySuccess:
    volunteer: Volunteer


SetVolunteerAvailabilityResult = Annotated[
    SetVolunteerAvailabilitySuccess | StaleVersion | InvalidInput | NotFound,
    strawberry.union("SetVolunteerAvailabilityResult"),
]


@strawberry.type
class SetVolunteerAvailabilityMutation:
    @strawberry.mutation(
        extensions=access("setVolunteerAvailability"),
        description="Weekdays (1 = Monday; empty: any day), windows 'HH:MM-HH:MM' (empty: any "
        "time) and a radius in km: care tasks offered to the volunteer fit them. Audited.",
    )
    async def set_volunteer_availability(
        self,
        info: Info[Context, Any],
        volunteer_id: strawberry.ID,
        expected_version: int,
        weekdays: list[int],
        windows: list[str],
        radius_km: float,
    ) -> SetVolunteerAvailabilityResult:
        cmd = Availability(str(volunteer_id), expected_version, weekdays, windows, radius_km)
        try:
            row = await set_volunteer_availability(info.context.graph, await caller(info), cmd)
        except (InvalidFields, EntityNotFound, VersionConflict) as exc:
            return user_error(exc)
        return SetVolunteerAvailabilitySuccess(volunteer=Volunteer.from_row(row))
