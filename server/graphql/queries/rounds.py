"""Root queries of visit rounds: one round, a station's rounds of a day."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from graph.rounds import round_by_id, rounds_of_station
from server.context import Context
from server.graphql.permissions import access
from server.graphql.types.rounds import Round


def parse_day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise GraphQLError(
            f"{field}: expected YYYY-MM-DD", extensions={"code": "BAD_USER_INPUT"}
        ) from exc


@strawberry.type
class RoundQuery:
    @strawberry.field(extensions=access("round"), description="A round by id, in your area.")
    async def round(self, info: Info[Context, Any], id: strawberry.ID) -> Round | None:
        row = await round_by_id(
            info.context.graph, scope=await info.context.loaders.scope(), round_id=str(id)
        )
        return Round.from_row(row) if row else None

    @strawberry.field(
        extensions=access("stationRounds"),
        description="Every worker's round of a station on one day (date: YYYY-MM-DD).",
    )
    async def station_rounds(
        self, info: Info[Context, Any], station_id: strawberry.ID, date: str
    ) -> list[Round]:
        rows = await rounds_of_station(
            info.context.graph,
            scope=await info.context.loaders.scope(),
            station_id=str(station_id),
            day=parse_day(date, "date"),
        )
        return [Round.from_row(r) for r in rows]
