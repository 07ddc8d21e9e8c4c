"""decideTemporaryAssistance: the station manager approves (or refuses, with the reason) a
request for 临时救助; version-guarded, a decided request is not decided again."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    StaleVersion,
    bad_reason,
    user_error,
)
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.assistance import TemporaryAssistance
from server.services.assistance import decide_assistance
from server.services.errors import EntityNotFound, InvalidFields, StateConflict, VersionConflict


@strawberry.type
class DecideTemporaryAssistanceSuccess:
    assistance: TemporaryAssistance


DecideTemporaryAssistanceResult = Annotated[
    DecideTemporaryAssistanceSuccess | Conflict | StaleVersion | InvalidInput | NotFound,
    strawberry.union("DecideTemporaryAssistanceResult"),
]


@strawberry.type
class DecideTemporaryAssistanceMutation:
    @strawberry.mutation(
        extensions=access("decideTemporaryAssistance"), description="Approve or refuse 临时救助."
    )
    async def decide_temporary_assistance(
        self,
        info: Info[Context, Any],
        assistance_id: strawberry.ID,
        expected_version: int,
        approve: bool,
        note: str | None = None,
    ) -> DecideTemporaryAssistanceResult:
        if refused := bad_reason("note", note):
            return refused
        try:
            record = await decide_assistance(
                info.context.graph,
                await caller(info),
                assistance_id=str(assistance_id),
                expected_version=expected_version,
                approve=approve,
                note=note,
                today=info.context.clock.today(),
            )
        except (StateConflict, VersionConflict, InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return DecideTemporaryAssistanceSuccess(assistance=TemporaryAssistance.from_record(record))
