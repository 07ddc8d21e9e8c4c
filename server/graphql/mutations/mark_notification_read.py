"""markNotificationRead: one of your own notifications, read (idempotent)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import NotFound, user_error
from server.graphql.permissions import access
from server.graphql.types.oversight import Notification
from server.services.errors import EntityNotFound
from server.services.follow_up import mark_notification_read


@strawberry.type
class MarkNotificationReadSuccess:
    notification: Notification


MarkNotificationReadResult = Annotated[
    MarkNotificationReadSuccess | NotFound, strawberry.union("MarkNotificationReadResult")
]


@strawberry.type
class MarkNotificationReadMutation:
    @strawberry.mutation(
        extensions=access("markNotificationRead"), description="Someone else's reads as not found."
    )
    async def mark_notification_read(
        self, info: Info[Context, Any], id: strawberry.ID
    ) -> MarkNotificationReadResult:
        principal = info.context.principal
        assert principal is not None
        try:
            record = await mark_notification_read(
                info.context.graph, principal, str(id), now=info.context.clock.now()
            )
        except EntityNotFound as exc:
            return user_error(exc)
        return MarkNotificationReadSuccess(notification=Notification.from_record(record))
