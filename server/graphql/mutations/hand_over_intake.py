"""handOverIntake: the owner of an open intake (or a station manager) hands it to another
user, who is told; version-guarded."""

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
from server.graphql.types.intake import Intake
from server.services.errors import EntityNotFound, InvalidFields, StateConflict, VersionConflict
from server.services.intakes import hand_over_intake


@strawberry.type
class HandOverIntakeSuccess:
    intake: Intake


HandOverIntakeResult = Annotated[
    HandOverIntakeSuccess | Conflict | StaleVersion | InvalidInput | NotFound,
    strawberry.union("HandOverIntakeResult"),
]


@strawberry.type
class HandOverIntakeMutation:
    @strawberry.mutation(extensions=access("handOverIntake"), description="Hand an intake over.")
    async def hand_over_intake(
        self,
        info: Info[Context, Any],
        intake_id: strawberry.ID,
        expected_version: int,
        to_user_id: strawberry.ID,
        note: str | None = None,
    ) -> HandOverIntakeResult:
        if refused := bad_reason("note", note):
            return refused
        try:
            record = await hand_over_intake(
                info.context.graph,
                await caller(info),
                intake_id=str(intake_id),
                expected_version=expected_version,
                to_user_id=str(to_user_id),
                note=note,
            )
        except (StateConflict, VersionConflict, InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return HandOverIntakeSuccess(intake=Intake.from_record(record))
