"""dismissGridReport: nothing to act on; the station says why."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.volunteering import GridReport
from server.services.errors import EntityNotFound, InvalidFields, StateConflict, VersionConflict
from server.services.grid_reports import dismiss_grid_report


@strawberry.type
class DismissGridReportSuccess:
    report: GridReport


DismissGridReportResult = Annotated[
    DismissGridReportSuccess | StaleVersion | Conflict | InvalidInput | NotFound,
    strawberry.union("DismissGridReportResult"),
]


@strawberry.type
class DismissGridReportMutation:
    @strawberry.mutation(
        extensions=access("dismissGridReport"),
        description="PENDING → DISMISSED with a reason (already known, not found). Audited.",
    )
    async def dismiss_grid_report(
        self, info: Info[Context, Any], report_id: strawberry.ID, expected_version: int, reason: str
    ) -> DismissGridReportResult:
        ctx = info.context
        try:
            record = await dismiss_grid_report(
                ctx.graph,
                await caller(info),
                str(report_id),
                expected_version,
                reason,
                clock=ctx.clock,
            )
        except (InvalidFields, EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        return DismissGridReportSuccess(
            report=GridReport.from_record(record, now=ctx.clock.now(), station=True)
        )
