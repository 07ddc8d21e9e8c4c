from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from strawberry.types import Info

from graph.jobs import job_by_id
from server.context import Context
from server.graphql.permissions import access
from server.graphql.types.job import Job
from server.graphql.types.user import User


@strawberry.type
class SessionQuery:
    @strawberry.field(extensions=access("me"), description="The signed-in user.")
    def me(self, info: Info[Context, Any]) -> User | None:
        p = info.context.principal
        return User.from_principal(p) if p else None

    @strawberry.field(
        extensions=access("today"),
        description=(
            "Today in the service's zone (China's date): pages count days from this, not from"
            " the browser's clock, so a page and the server agree on what is due and overdue."
        ),
    )
    def today(self, info: Info[Context, Any]) -> date:
        return info.context.clock.today()

    @strawberry.field(
        extensions=access("timeZone"),
        description=(
            "The IANA zone the service counts days in (Asia/Shanghai unless configured): pages"
            " tell which day an instant falls on in it, as the server does."
        ),
    )
    def time_zone(self, info: Info[Context, Any]) -> str:
        return str(info.context.clock.zone)

    @strawberry.field(extensions=access("job"), description="A long-running job and its progress.")
    async def job(self, info: Info[Context, Any], id: strawberry.ID) -> Job | None:
        record = await job_by_id(info.context.graph, str(id))
        p = info.context.principal
        # Jobs are private to whoever started them, except for administrators.
        if record is None or p is None:
            return None
        if record.created_by not in (None, p.user_id) and p.role.value != "ADMIN":
            return None
        return Job.from_record(record)
