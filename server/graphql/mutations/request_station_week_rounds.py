from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, invalid_field, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.job import Job
from server.services.errors import EntityNotFound, InvalidFields
from server.services.rounds import request_station_week


@strawberry.type
class RequestStationWeekRoundsSuccess:
    job: Job


RequestStationWeekRoundsResult = Annotated[
    RequestStationWeekRoundsSuccess | InvalidInput | NotFound,
    strawberry.union("RequestStationWeekRoundsResult"),
]


@strawberry.type
class RequestStationWeekRoundsMutation:
    @strawberry.mutation(
        extensions=access("requestStationWeekRounds"),
        description="Plan every worker's rounds of a station for the week from weekStart (a "
        "Monday, YYYY-MM-DD) to Friday, as a job with progress; read them with stationRounds.",
    )
    async def request_station_week_rounds(
        self, info: Info[Context, Any], station_id: strawberry.ID, week_start: str
    ) -> RequestStationWeekRoundsResult:
        try:
            day = date.fromisoformat(week_start)
        except ValueError:
            return invalid_field("weekStart", "expected YYYY-MM-DD", "BAD_DATE")
        try:
            job = await request_station_week(
                info.context.graph, info.context.arq, await caller(info), str(station_id), day
            )
        except (InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return RequestStationWeekRoundsSuccess(job=Job.from_record(job))
