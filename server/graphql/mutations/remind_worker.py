"""remindWorker: the supervisor's one-click reminder to the worker of a stale pairing.

One notification per match per day, however many times it is clicked.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import NotFound
from server.graphql.mutations._common import caller
from server.graphql.mutations._errors import user_error
from server.graphql.permissions import access
from server.graphql.types.oversight import Notification
from server.services.errors import EntityNotFound
from server.services.follow_up import remind_worker


@strawberry.type
class RemindWorkerSuccess:
    notification: Notification
    already_sent: bool = strawberry.field(description="Today's reminder had already gone out.")


RemindWorkerResult = Annotated[
    RemindWorkerSuccess | NotFound, strawberry.union("RemindWorkerResult")
]


@strawberry.type
class RemindWorkerMutation:
    @strawberry.mutation(
        extensions=access("remindWorker"),
        description="Remind the worker of an active match to visit (once a day per match).",
    )
    async def remind_worker(
        self, info: Info[Context, Any], match_id: strawberry.ID
    ) -> RemindWorkerResult:
        try:
            reminder = await remind_worker(
                info.context.graph, await caller(info), str(match_id), today=date.today()
            )
        except EntityNotFound as exc:
            return user_error(exc)
        return RemindWorkerSuccess(
            notification=Notification.from_record(reminder.notification),
            already_sent=reminder.already_sent,
        )
