"""Excel exports (`export…`): each checks its arguments and the caller's area, then starts
an export job and answers at once with the job and the download URL it will fill."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.errors import InvalidInput, JobQueueUnavailable, NotFound, user_error
from server.graphql.mutations._common import caller
from server.graphql.permissions import access
from server.graphql.queries.registry import HouseholdFilter
from server.graphql.types.job import Job
from server.services.errors import EntityNotFound, InvalidFields, QueueUnavailable
from server.services.exports import (
    check_idle_days,
    check_period,
    check_plan,
    check_region,
    check_station,
    download_path,
    start_export,
)
from server.services.network import DEFAULT_IDLE_DAYS
from server.services.registry import region_errors


@strawberry.type(
    description="The export runs as a job; when it has SUCCEEDED, GET the "
    "download URL with the same bearer token."
)
class ExportStarted:
    job: Job
    download_url: str


ExportResult = Annotated[
    ExportStarted | InvalidInput | NotFound | JobQueueUnavailable,
    strawberry.union("ExportResult"),
]


async def _start(info: Info[Context, Any], kind: str, params: Mapping[str, Any]) -> ExportResult:
    who = await caller(info)
    try:
        job = await start_export(
            info.context.graph,
            info.context.arq,
            kind=kind,
            params=params,
            actor=who.actor,
            role=who.role,
            scope=who.scope,
        )
    except QueueUnavailable as exc:
        return user_error(exc)
    return ExportStarted(job=Job.from_record(job), download_url=download_path(job.id))


@strawberry.type
class ExportMutation:
    @strawberry.mutation(
        extensions=access("exportHouseholds"),
        description="The household list with the list's filters as .xlsx (identity columns "
        "only for roles that see identity).",
    )
    async def export_households(
        self, info: Info[Context, Any], filter: HouseholdFilter | None = None
    ) -> ExportResult:
        p = info.context.principal
        spec = (filter or HouseholdFilter()).to_spec(may_search=bool(p and p.sees_identity))
        if spec.region_id is not None:
            # A region outside the caller's area is refused before a job is queued.
            who = await caller(info)
            errors = await region_errors(
                info.context.graph,
                who.scope,
                field="filter.regionId",
                region_ids=[spec.region_id],
                levels={"COUNTY", "TOWNSHIP", "VILLAGE"},
            )
            if errors:
                return user_error(InvalidFields(errors))
        return await _start(info, "HOUSEHOLDS", spec.params())

    @strawberry.mutation(
        extensions=access("exportCaseloadPlan"),
        description="A caseload plan and its proposals as .xlsx; stationId: only that "
        "station's part (its townships' households: a county plan reviewed per station).",
    )
    async def export_caseload_plan(
        self,
        info: Info[Context, Any],
        plan_id: strawberry.ID,
        station_id: strawberry.ID | None = None,
    ) -> ExportResult:
        ctx = info.context
        try:
            await check_plan(ctx.graph, await ctx.loaders.scope(), str(plan_id))
        except EntityNotFound as exc:
            return user_error(exc)
        params = {"plan_id": str(plan_id), "station_id": str(station_id) if station_id else None}
        return await _start(info, "CASELOAD_PLAN", params)

    @strawberry.mutation(
        extensions=access("exportStationVisits"),
        description="A station's home visits from `since` to `until` (YYYY-MM-DD, both "
        "included, at most a year) as .xlsx.",
    )
    async def export_station_visits(
        self, info: Info[Context, Any], station_id: strawberry.ID, since: str, until: str
    ) -> ExportResult:
        ctx = info.context
        try:
            check_period(since, until)
            await check_station(ctx.graph, await ctx.loaders.scope(), str(station_id))
        except InvalidFields as exc:
            return user_error(exc)
        except EntityNotFound as exc:
            return user_error(exc)
        params = {"station_id": str(station_id), "since": since, "until": until}
        return await _start(info, "STATION_VISITS", params)

    @strawberry.mutation(
        extensions=access("exportDashboard"),
        description="A region's dashboard tables (coverage, stations, alerts, needs) as .xlsx.",
    )
    async def export_dashboard(
        self, info: Info[Context, Any], region_id: strawberry.ID
    ) -> ExportResult:
        ctx = info.context
        try:
            await check_region(ctx.graph, await ctx.loaders.scope(), str(region_id))
        except EntityNotFound as exc:
            return user_error(exc)
        return await _start(info, "DASHBOARD", {"region_id": str(region_id)})

    @strawberry.mutation(
        extensions=access("exportGaps"),
        description="The gap lists (缺口分析) of your area, or one township, as .xlsx: one sheet "
        "per list; names only for the identity roles.",
    )
    async def export_gaps(
        self,
        info: Info[Context, Any],
        township_id: strawberry.ID | None = None,
        idle_days: int = DEFAULT_IDLE_DAYS,
    ) -> ExportResult:
        ctx = info.context
        try:
            check_idle_days(idle_days)
            if township_id is not None:
                await check_region(ctx.graph, await ctx.loaders.scope(), str(township_id))
        except InvalidFields as exc:
            return user_error(exc)
        except EntityNotFound as exc:
            return user_error(exc)
        params = {"township_id": str(township_id) if township_id else None, "idle_days": idle_days}
        return await _start(info, "GAPS", params)
