"""createStation: open a social work station (社工站) in a township."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput
from server.graphql.mutations._common import caller, fields_of
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.graphql.types.registry import Station
from server.services.errors import InvalidFields
from server.services.helpers import create_station
from server.services.registry import NewEntity


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
        command = NewEntity(fields=fields_of(input))
        try:
            record = await create_station(info.context.graph, await caller(info), command)
        except InvalidFields as exc:
            return user_error(exc)
        return CreateStationSuccess(station=Station.from_record(record))
