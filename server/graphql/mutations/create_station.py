"""createStation: open a social work station (社工站) in a township."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput
from server.graphql.mutations._registry import create_in_registry
from server.graphql.permissions import access
from server.graphql.types.registry import Station
from server.services.helpers import STATION


@strawberry.input
class CreateStationInput:
    name: str
    township_id: strawberry.ID
    lat: float
    lon: float
    phone: str | None = None


@strawberry.type
class CreateStationSuccess:
    station: Station


CreateStationResult = Annotated[
    CreateStationSuccess | InvalidInput, strawberry.union("CreateStationResult")
]


@strawberry.type
class CreateStationMutation:
    # Opening a station is a county decision: station managers run theirs, not open others.
    @strawberry.mutation(extensions=access("createStation"))
    async def create_station(
        self, info: Info[Context, Any], input: CreateStationInput
    ) -> CreateStationResult:
        return await create_in_registry(
            info,
            STATION,
            input,
            lambda record: CreateStationSuccess(station=Station.from_record(record)),
        )
