"""recordCareTask: the volunteer records what was done, from a phone."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.volunteering import VolunteerCareTask
from server.services.care_tasks import TaskDone, record_care_task
from server.services.errors import EntityNotFound, InvalidFields, StateConflict, VersionConflict


@strawberry.input(description="What was done: a short note, minutes spent, the day.")
class RecordCareTaskInput:
    task_id: strawberry.ID
    expected_version: int
    note: str
    minutes: int
    done_on: str = strawberry.field(description="YYYY-MM-DD, not in the future")


@strawberry.type
class RecordCareTaskSuccess:
    task: VolunteerCareTask


RecordCareTaskResult = Annotated[
    RecordCareTaskSuccess | StaleVersion | Conflict | InvalidInput | NotFound,
    strawberry.union("RecordCareTaskResult"),
]


@strawberry.type
class RecordCareTaskMutation:
    @strawberry.mutation(
        extensions=access("recordCareTask"),
        description="TAKEN → DONE by the volunteer who holds it; the worker is told and sees "
        "it on the household's timeline. Audited.",
    )
    async def record_care_task(
        self, info: Info[Context, Any], input: RecordCareTaskInput
    ) -> RecordCareTaskResult:
        cmd = TaskDone(
            task_id=str(input.task_id),
            expected_version=input.expected_version,
            note=input.note,
            minutes=input.minutes,
            done_on=input.done_on,
        )
        try:
            record = await record_care_task(
                info.context.graph, await caller(info), cmd, clock=info.context.clock
            )
        except (InvalidFields, EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        return RecordCareTaskSuccess(task=VolunteerCareTask.from_taken(record, record.village_name))
