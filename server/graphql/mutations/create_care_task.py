"""createCareTask: a worker sets a small task for volunteers near a household they follow."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, NotFound, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.volunteering import CareTask, CareTaskKind
from server.services.care_tasks import NewCareTask, create_care_task
from server.services.errors import EntityNotFound, InvalidFields


@strawberry.input(description="A small care task; volunteers read `what`, so name nobody.")
class CreateCareTaskInput:
    household_id: strawberry.ID
    kind: CareTaskKind
    what: str
    due_on: str = strawberry.field(description="YYYY-MM-DD, today to 90 days ahead")
    window: str | None = strawberry.field(default=None, description="'HH:MM-HH:MM'")


@strawberry.type
class CreateCareTaskSuccess:
    task: CareTask


CreateCareTaskResult = Annotated[
    CreateCareTaskSuccess | InvalidInput | NotFound,
    strawberry.union("CreateCareTaskResult"),
]


@strawberry.type
class CreateCareTaskMutation:
    @strawberry.mutation(
        extensions=access("createCareTask"),
        description="The household's worker (or a manager) sets a task; it is OPEN for "
        "volunteers nearby who fit. The worker stays responsible. Audited.",
    )
    async def create_care_task(
        self, info: Info[Context, Any], input: CreateCareTaskInput
    ) -> CreateCareTaskResult:
        cmd = NewCareTask(
            household_id=str(input.household_id),
            kind=input.kind.value,
            what=input.what,
            due_on=input.due_on,
            window=input.window,
        )
        try:
            record = await create_care_task(
                info.context.graph, await caller(info), cmd, clock=info.context.clock
            )
        except (InvalidFields, EntityNotFound) as exc:
            return user_error(exc)
        return CreateCareTaskSuccess(task=CareTask.from_record(record))
