"""cancelCareTask: the responsible worker withdraws a task not yet done."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.volunteering import CareTask
from server.services.care_tasks import cancel_care_task
from server.services.errors import EntityNotFound, InvalidFields, StateConflict, VersionConflict


@strawberry.type
class CancelCareTaskSuccess:
    task: CareTask


CancelCareTaskResult = Annotated[
    CancelCareTaskSuccess | StaleVersion | Conflict | InvalidInput | NotFound,
    strawberry.union("CancelCareTaskResult"),
]


@strawberry.type
class CancelCareTaskMutation:
    @strawberry.mutation(
        extensions=access("cancelCareTask"),
        description="OPEN or TAKEN → CANCELLED, with a reason. Audited.",
    )
    async def cancel_care_task(
        self, info: Info[Context, Any], task_id: strawberry.ID, expected_version: int, reason: str
    ) -> CancelCareTaskResult:
        try:
            record = await cancel_care_task(
                info.context.graph, await caller(info), str(task_id), expected_version, reason
            )
        except (InvalidFields, EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        return CancelCareTaskSuccess(task=CareTask.from_record(record))
