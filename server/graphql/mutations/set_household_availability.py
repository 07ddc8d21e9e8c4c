from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound
from server.graphql.mutations._common import caller
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.services.errors import EntityNotFound, InvalidFields
from server.services.rounds import set_household_availability


@strawberry.type
class SetHouseholdAvailabilitySuccess:
    household_id: strawberry.ID
    version: int
    windows: list[str]
    unavailable_weekdays: list[int]


SetHouseholdAvailabilityResult = Annotated[
    SetHouseholdAvailabilitySuccess | InvalidInput | NotFound,
    strawberry.union("SetHouseholdAvailabilityResult"),
]


@strawberry.type
class SetHouseholdAvailabilityMutation:
    @strawberry.mutation(
        extensions=access("setHouseholdAvailability"),
        description="When a household can be visited, as the worker learnt it: windows "
        "'HH:MM-HH:MM' (empty: any time) and weekdays it is away (1 = Monday, e.g. market "
        "day). Replaces what was recorded; audited. Rounds plan within it.",
    )
    async def set_household_availability(
        self,
        info: Info[Context, Any],
        household_id: strawberry.ID,
        windows: list[str],
        unavailable_weekdays: list[int],
    ) -> SetHouseholdAvailabilityResult:
        try:
            version = await set_household_availability(
                info.context.graph,
                await caller(info),
                str(household_id),
                windows,
                unavailable_weekdays,
            )
        except (InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return SetHouseholdAvailabilitySuccess(
            household_id=household_id,
            version=version,
            windows=[w.strip() for w in windows],
            unavailable_weekdays=sorted(set(unavailable_weekdays)),
        )
