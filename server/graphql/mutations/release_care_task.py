"""releaseCareTask: TAKEN → OPEN: the volunteer gives the task back."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.volunteering import VolunteerCareTask
from server.services.care_tasks import release_care_task
from server.services.errors import EntityNotFound, StateConflict, VersionConflict


@strawberry.type
class ReleaseCareTaskSuccess:
    task: VolunteerCareTask


ReleaseCareTaskResult = Annotated[
    ReleaseCareTaskSuccess | StaleVersion | Conflict | NotFound,
    strawberry.union("ReleaseCareTaskResult"),
]


@strawberry.type
class ReleaseCareTaskMutation:
    @strawberry.mutation(
        extensions=access("releaseCareTask"),
        description="TAKEN → OPEN: the volunteer gives the task back. Audited.",
    )
    async def release_care_task(
        self, info: Info[Context, Any], task_id: strawberry.ID, expected_version: int
    ) -> ReleaseCareTaskResult:
        try:
            record = await release_care_task(
                info.context.graph, await caller(info), str(task_id), expected_version
            )
        except (EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        return ReleaseCareTaskSuccess(
            task=VolunteerCareTask.from_taken(record, record.village_name)
        )
