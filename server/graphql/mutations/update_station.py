"""updateStation: correct a station's name, location, phone or township."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, StaleVersion
from server.graphql.mutations._registry import update_in_registry
from server.graphql.permissions import access
from server.graphql.types.registry import Station
from server.services.helpers import STATION


@strawberry.input(description="Only the fields given change.")
class UpdateStationInput:
    id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="The version you read; omit to skip the check."
    )
    name: str | None = strawberry.UNSET
    township_id: strawberry.ID | None = strawberry.UNSET
    lat: float | None = strawberry.UNSET
    lon: float | None = strawberry.UNSET
    phone: str | None = strawberry.UNSET


@strawberry.type
class UpdateStationSuccess:
    station: Station


UpdateStationResult = Annotated[
    UpdateStationSuccess | InvalidInput | NotFound | StaleVersion,
    strawberry.union("UpdateStationResult"),
]


@strawberry.type
class UpdateStationMutation:
    @strawberry.mutation(extensions=access("updateStation"))
    async def update_station(
        self, info: Info[Context, Any], input: UpdateStationInput
    ) -> UpdateStationResult:
        return await update_in_registry(
            info,
            STATION,
            input,
            lambda record: UpdateStationSuccess(station=Station.from_record(record)),
        )
