"""closeIntake: an open intake is closed with what it became (an indicator event, a need, a
new household, each recorded through its own mutation and named here by id) or ANSWERED
with a note. Its owner or a station manager; version-guarded."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from matching.intake import IntakeOutcome as OutcomeCode
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
from server.graphql.types.intake import Intake, IntakeOutcome
from server.services.errors import EntityNotFound, InvalidFields, StateConflict, VersionConflict
from server.services.intakes import close_intake


@strawberry.type
class CloseIntakeSuccess:
    intake: Intake


CloseIntakeResult = Annotated[
    CloseIntakeSuccess | Conflict | StaleVersion | InvalidInput | NotFound,
    strawberry.union("CloseIntakeResult"),
]


@strawberry.type
class CloseIntakeMutation:
    @strawberry.mutation(extensions=access("closeIntake"), description="Close an intake.")
    async def close_intake(
        self,
        info: Info[Context, Any],
        intake_id: strawberry.ID,
        expected_version: int,
        outcome: IntakeOutcome,
        result_id: strawberry.ID | None = None,
        note: str | None = None,
    ) -> CloseIntakeResult:
        if refused := bad_reason("note", note):
            return refused
        try:
            record = await close_intake(
                info.context.graph,
                await caller(info),
                intake_id=str(intake_id),
                expected_version=expected_version,
                outcome=OutcomeCode(outcome.value),
                result_id=str(result_id) if result_id else None,
                note=note,
            )
        except (StateConflict, VersionConflict, InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return CloseIntakeSuccess(intake=Intake.from_record(record))
