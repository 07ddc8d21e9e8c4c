"""submitGridReport (网格发现): a village cadre, grid member or party member reports a need or
an event in a village of their area; the station confirms it within the time limit."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.vocabulary import NeedKind
from server.graphql.types.volunteering import GridReport, GridReportKind, ReportableEvent
from server.services.errors import InvalidFields
from server.services.grid_reports import NewGridReport, submit_grid_report


@strawberry.input(
    description="A village and what was seen; no household, name, ID or phone number: the "
    "station finds the household when it confirms."
)
class SubmitGridReportInput:
    village_id: strawberry.ID
    kind: GridReportKind
    need_kind: NeedKind | None = None
    indicator: ReportableEvent | None = None
    description: str


@strawberry.type
class SubmitGridReportSuccess:
    report: GridReport


SubmitGridReportResult = Annotated[
    SubmitGridReportSuccess | InvalidInput, strawberry.union("SubmitGridReportResult")
]


@strawberry.type
class SubmitGridReportMutation:
    @strawberry.mutation(
        extensions=access("submitGridReport"),
        description="Queued for the station serving the village, due within the configured "
        "time limit (BANGFU_GRID_REPORT_HOURS); escalated when overdue. Audited.",
    )
    async def submit_grid_report(
        self, info: Info[Context, Any], input: SubmitGridReportInput
    ) -> SubmitGridReportResult:
        cmd = NewGridReport(
            village_id=str(input.village_id),
            kind=input.kind.value,
            need_kind=input.need_kind.value if input.need_kind else None,
            indicator=input.indicator.value if input.indicator else None,
            description=input.description,
        )
        ctx = info.context
        try:
            record = await submit_grid_report(
                ctx.graph,
                await caller(info),
                cmd,
                clock=ctx.clock,
                hours=ctx.settings.grid_report_hours,
            )
        except InvalidFields as exc:
            return user_error(exc)
        return SubmitGridReportSuccess(
            report=GridReport.from_record(record, now=ctx.clock.now(), station=False)
        )
