"""confirmGridReport: the station links the household and records the need or the event."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import Conflict, InvalidInput, NotFound, StaleVersion, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.types.vocabulary import NeedKind, Urgency
from server.graphql.types.volunteering import GridReport
from server.services.errors import EntityNotFound, InvalidFields, StateConflict, VersionConflict
from server.services.grid_reports import Confirmation, confirm_grid_report


@strawberry.input(description="The household (in the reported village) and the need's terms.")
class ConfirmGridReportInput:
    report_id: strawberry.ID
    expected_version: int
    household_id: strawberry.ID
    need_kind: NeedKind | None = None
    description: str | None = None
    estimated_cost: int | None = None
    urgency: Urgency | None = None
    occurred_on: str | None = strawberry.field(
        default=None, description="An event's day, YYYY-MM-DD (default: the day reported)"
    )


@strawberry.type
class ConfirmGridReportSuccess:
    report: GridReport
    created_id: strawberry.ID = strawberry.field(description="The need or indicator event made.")


ConfirmGridReportResult = Annotated[
    ConfirmGridReportSuccess | StaleVersion | Conflict | InvalidInput | NotFound,
    strawberry.union("ConfirmGridReportResult"),
]


@strawberry.type
class ConfirmGridReportMutation:
    @strawberry.mutation(
        extensions=access("confirmGridReport"),
        description="PENDING → CONFIRMED: a need (createNeed's rules) or an indicator event "
        "(rescored like recordIndicatorEvent) for the household, in one transaction. Audited.",
    )
    async def confirm_grid_report(
        self, info: Info[Context, Any], input: ConfirmGridReportInput
    ) -> ConfirmGridReportResult:
        cmd = Confirmation(
            report_id=str(input.report_id),
            expected_version=input.expected_version,
            household_id=str(input.household_id),
            need_kind=input.need_kind.value if input.need_kind else None,
            description=input.description,
            estimated_cost=input.estimated_cost,
            urgency=input.urgency.value if input.urgency else None,
            occurred_on=input.occurred_on,
        )
        ctx = info.context
        try:
            record = await confirm_grid_report(ctx.graph, await caller(info), cmd, clock=ctx.clock)
        except (InvalidFields, EntityNotFound, VersionConflict, StateConflict) as exc:
            return user_error(exc)
        return ConfirmGridReportSuccess(
            report=GridReport.from_record(record, now=ctx.clock.now(), station=True),
            created_id=strawberry.ID(record.created_id or ""),
        )
