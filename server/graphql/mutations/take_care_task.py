"""takeCareTask: OPEN → TAKEN by the signed-in volunteer; one volunteer per task."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.volunteering import VolunteerCareTask
from server.services.care_tasks import take_care_task
from server.services.errors import EntityNotFound, StateConflict, VersionConflict


@strawberry.type
class TakeCareTaskSuccess:
    task: VolunteerCareTask


TakeCareTaskResult = Annotated[
    TakeCareTaskSuccess | StaleVersion | Conflict | NotFound,
    strawberry.union("TakeCareTaskResult"),
]


@strawberry.type
class TakeCareTaskMutation:
    @strawberry.mutation(
        extensions=access("takeCareTask"),
        description="OPEN → TAKEN by the signed-in volunteer (one volunteer per task; the "
        "version decides a race). Only a task whose skill they have. Audited.",
    )
    async def take_care_task(
        self, info: Info[Context, Any], task_id: strawberry.ID, expected_version: int
    ) -> TakeCareTaskResult:
        try:
            record = await take_care_task(
                info.context.graph,
                await caller(info),
                str(task_id),
                expected_version,
                clock=info.context.clock,
            )
        except (EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        return TakeCareTaskSuccess(task=VolunteerCareTask.from_taken(record, record.village_name))
