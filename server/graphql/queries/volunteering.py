"""Root queries of volunteering: a volunteer's tasks and reports, the station's views."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph.volunteers import volunteers_by_id
from server.context import Context
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.organisations import Volunteer
from server.graphql.types.volunteering import (
    CareTask,
    GridReport,
    GridReportStatus,
    VolunteerCareTask,
)
from server.services.care_tasks import care_tasks_for_volunteer, household_care_tasks
from server.services.grid_reports import grid_report_list, my_grid_reports


@strawberry.type
class VolunteeringQuery:
    @strawberry.field(
        extensions=access("myVolunteerProfile"),
        description="The signed-in volunteer's record: skills, availability, grid role.",
    )
    async def my_volunteer_profile(self, info: Info[Context, Any]) -> Volunteer | None:
        me = await caller(info)
        if me.own_id is None:
            return None
        [row] = await volunteers_by_id(
            info.context.graph, [me.own_id], scope=me.scope, audience=me.audience
        )
        return Volunteer.from_row(row) if row else None

    @strawberry.field(
        extensions=access("careTasksForMe"),
        description="Open tasks near the volunteer that fit their skills, days, hours and "
        "radius (soonest first), then the tasks they hold or did. Village level only.",
    )
    async def care_tasks_for_me(self, info: Info[Context, Any]) -> list[VolunteerCareTask]:
        fits = await care_tasks_for_volunteer(info.context.graph, await caller(info))
        return [VolunteerCareTask.from_fit(f) for f in fits]

    @strawberry.field(
        extensions=access("householdCareTasks"), description="A household's care tasks."
    )
    async def household_care_tasks(
        self, info: Info[Context, Any], household_id: strawberry.ID
    ) -> list[CareTask]:
        rows = await household_care_tasks(info.context.graph, await caller(info), str(household_id))
        return [CareTask.from_record(t) for t in rows or []]

    @strawberry.field(
        extensions=access("myGridReports"), description="The signed-in volunteer's reports."
    )
    async def my_grid_reports(self, info: Info[Context, Any]) -> list[GridReport]:
        now = info.context.clock.now()
        rows = await my_grid_reports(info.context.graph, await caller(info))
        return [GridReport.from_record(r, now=now, station=False) for r in rows]

    @strawberry.field(
        extensions=access("gridReports"),
        description="The station's queue of grid reports in its area, soonest due first.",
    )
    async def grid_reports(
        self, info: Info[Context, Any], status: GridReportStatus | None = None
    ) -> list[GridReport]:
        now = info.context.clock.now()
        rows = await grid_report_list(
            info.context.graph, await caller(info), status.value if status else None
        )
        return [GridReport.from_record(r, now=now, station=True) for r in rows]
