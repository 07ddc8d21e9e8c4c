"""Excel exports: one registry entry per export, each run as an arq job with progress.

An entry says which rows an export reads (`graph.exports`, in one transaction with its audit
event) and which columns it writes, with Chinese headers. Columns marked `casework_only`
reach only the identity roles (`server.roles.audience_of`); a volunteer's household export
reads the volunteer projection, which never holds them. Adding an export (the gap lists, say)
is one `ExportKind` in `EXPORTS` and a root field `export…` that calls `start_export` (the
gap lists' sheets are in server/services/gap_exports.py).

The finished file waits in Redis for an hour under `export_key(job_id)`; the download
(`server.export_download`) hands it only to the user who started the job.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final

from arq.connections import ArqRedis

from graph.audience import Audience
from graph.audit import Actor
from graph.caseload_plans import plan_by_id
from graph.dashboard import region_visible
from graph.driver import Graph
from graph.exports import (
    export_dashboard,
    export_households,
    export_plan_items,
    export_station_visits,
)
from graph.households import HouseholdFilter
from graph.jobs import JobRecord
from graph.scope import Scope
from graph.stations import stations_by_id
from server.registry.vocabulary import (
    CAUSE_LABELS,
    DIBAO_CLASS_LABELS,
    NEED_KIND_LABELS,
    NEED_STATUS_LABELS,
    SKILL_LABELS,
    TIER_LABELS,
    WARNING_LEVEL_LABELS,
)
from server.roles import Role, audience_of
from server.services.dashboard import load_spread, share
from server.services.errors import EntityNotFound, invalid
from server.services.gap_exports import gap_sheets
from server.services.jobs import start_job
from server.services.xlsx import Column, Sheet, write_workbook

EXPORT_FUNCTION: Final = "export_xlsx"
EXPORT_PREFIX: Final = "bangfu:export"
EXPORT_TTL_S: Final = 3600
MAX_PERIOD_DAYS: Final = 366
XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_key(job_id: str) -> str:
    return f"{EXPORT_PREFIX}:{job_id}"


def download_path(job_id: str) -> str:
    return f"/exports/{job_id}"


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What a job needs to build one export: kept on the Job node, so no identity in it
    beyond the filters the caller typed."""

    kind: str
    params: Mapping[str, Any]
    actor: Actor
    role: Role
    townships: tuple[str, ...] | None
    export_id: str

    @property
    def scope(self) -> Scope:
        return Scope(townships=self.townships)

    @property
    def casework(self) -> bool:
        return audience_of(self.role) is Audience.CASEWORK


Progress = Callable[[float, str], Awaitable[None]]
Build = Callable[[Graph, ExportRequest, datetime, date], Awaitable[list[Sheet]]]


@dataclass(frozen=True, slots=True)
class ExportKind:
    name: str
    filename: str  # Chinese, without the extension
    build: Build


def _label(labels: Mapping[str, str], code: Any) -> str:
    return labels.get(code, "") if code else ""


def _labels(labels: Mapping[str, str], codes: Sequence[str] | None) -> str:
    return "、".join(labels.get(c, c) for c in codes or ())


PLAN_KIND_LABELS: Final = {
    "NEW": "新增",
    "MOVED": "调整",
    "UNCHANGED": "不变",
    "LEFT_OUT": "未覆盖",
}
PLAN_STATUS_LABELS: Final = {
    "PROPOSED": "待审批",
    "ACTIVE": "已生效",
    "NOT_SELECTED": "未选中",
    "REJECTED": "已驳回",
    "EXPLAINS": "说明",
}
OUTCOME_LABELS: Final = {
    "STABLE": "稳定",
    "CONCERN": "需关注",
    "URGENT": "紧急",
    "NOT_MET": "未见到",
}

HOUSEHOLD_COLUMNS: Final = (
    Column("户编号", lambda r: r["id"]),
    Column("乡镇", lambda r: r.get("township")),
    Column("村", lambda r: r.get("village")),
    Column("户主", lambda r: r.get("head_name"), casework_only=True),
    Column("地址", lambda r: r.get("address"), casework_only=True),
    Column("联系电话", lambda r: r.get("phone"), casework_only=True),
    Column("分层", lambda r: _label(TIER_LABELS, r.get("tier"))),
    Column("低保类别", lambda r: _label(DIBAO_CLASS_LABELS, r.get("dibao_class"))),
    Column("致贫原因", lambda r: _labels(CAUSE_LABELS, r.get("causes"))),
    Column("家庭人数", lambda r: r.get("size"), casework_only=True),
    Column("家庭规模", lambda r: r.get("size_band"), sketch_only=True),
    Column("人均月收入（元）", lambda r: r.get("monthly_income_per_person"), casework_only=True),
    Column("预警等级", lambda r: _label(WARNING_LEVEL_LABELS, r.get("warning_level"))),
    Column("所需技能", lambda r: _labels(SKILL_LABELS, r.get("needs_skills"))),
    Column("下次复核", lambda r: _day(r.get("next_review_due")), casework_only=True),
    Column("责任社工", lambda r: r.get("worker"), casework_only=True),
)


def _day(value: Any) -> date | None:
    native = value.to_native() if hasattr(value, "to_native") else value
    return native if isinstance(native, date) else None


def _moment(value: Any) -> datetime | None:
    native = value.to_native() if hasattr(value, "to_native") else value
    return native if isinstance(native, datetime) else None


async def _households(graph: Graph, r: ExportRequest, now: datetime, today: date) -> list[Sheet]:
    p = r.params
    flt = HouseholdFilter(
        region_id=p.get("region_id"),
        tier=p.get("tier"),
        dibao_class=p.get("dibao_class"),
        cause=p.get("cause"),
        warning_level=p.get("warning_level"),
        has_no_worker=p.get("has_no_worker"),
        search=p.get("search") if r.casework else None,
    )
    audit = {k: v for k, v in p.items() if k != "search"} | {"search": bool(p.get("search"))}
    rows = await export_households(
        graph,
        scope=r.scope,
        flt=flt,
        casework=r.casework,
        actor=r.actor,
        export_id=r.export_id,
        audit_params=audit,
    )
    return [Sheet("户信息", HOUSEHOLD_COLUMNS, rows)]


PLAN_COLUMNS: Final = (
    Column("社工站", lambda r: r.get("station")),
    Column("户编号", lambda r: r.get("household_id")),
    Column("村", lambda r: r.get("village")),
    Column("预警等级", lambda r: _label(WARNING_LEVEL_LABELS, r.get("warning_level"))),
    Column("类别", lambda r: _label(PLAN_KIND_LABELS, r.get("kind"))),
    Column("状态", lambda r: _label(PLAN_STATUS_LABELS, r.get("status"))),
    Column("原社工", lambda r: r.get("from_worker")),
    Column("拟派社工", lambda r: r.get("to_worker")),
    Column("距离（公里）", lambda r: r.get("distance_km")),
    Column("负荷权重", lambda r: r.get("weight")),
)


async def _plan(graph: Graph, r: ExportRequest, now: datetime, today: date) -> list[Sheet]:
    rows = await export_plan_items(
        graph,
        scope=r.scope,
        plan_id=r.params["plan_id"],
        station_id=r.params.get("station_id"),
        actor=r.actor,
        export_id=r.export_id,
    )
    return [Sheet("方案建议", PLAN_COLUMNS, rows)]


VISIT_COLUMNS: Final = (
    Column("走访时间", lambda r: _moment(r.get("visited_at"))),
    Column("社工站", lambda r: r.get("station")),
    Column("户编号", lambda r: r.get("household_id")),
    Column("村", lambda r: r.get("village")),
    Column("社工", lambda r: r.get("worker")),
    Column("地点", lambda r: r.get("place"), casework_only=True),
    Column("结果", lambda r: _label(OUTCOME_LABELS, r.get("outcome"))),
    Column("情况记录", lambda r: r.get("findings"), casework_only=True),
)


async def _visits(graph: Graph, r: ExportRequest, now: datetime, today: date) -> list[Sheet]:
    since = date.fromisoformat(r.params["since"])
    until = date.fromisoformat(r.params["until"]) + timedelta(days=1)
    zone = now.tzinfo or UTC
    rows = await export_station_visits(
        graph,
        scope=r.scope,
        station_id=r.params["station_id"],
        since=datetime(since.year, since.month, since.day, tzinfo=zone),
        until=datetime(until.year, until.month, until.day, tzinfo=zone),
        actor=r.actor,
        export_id=r.export_id,
    )
    return [Sheet("走访记录", VISIT_COLUMNS, rows)]


def _percent(value: float) -> float:
    return round(100 * value, 1)


COVERAGE_COLUMNS: Final = (
    Column("地区", lambda r: r["name"]),
    Column("户数", lambda r: r["households"]),
    Column("已落实社工", lambda r: r["assigned"]),
    Column("覆盖率（%）", lambda r: _percent(share(r["assigned"], r["households"]))),
    Column("红色预警", lambda r: r["red"]),
    Column("橙色预警", lambda r: r["orange"]),
    Column("红色未落实", lambda r: r["red_unassigned"]),
    Column("橙色未落实", lambda r: r["orange_unassigned"]),
    Column("在帮扶", lambda r: r["active_matches"]),
    Column("逾期回访", lambda r: r["overdue"]),
    Column("逾期率（%）", lambda r: _percent(share(r["overdue"], r["active_matches"]))),
)
STATION_COLUMNS: Final = (
    Column("社工站", lambda r: r["name"]),
    Column("户数", lambda r: r["households"]),
    Column("已落实社工", lambda r: r["assigned"]),
    Column("覆盖率（%）", lambda r: _percent(share(r["assigned"], r["households"]))),
    Column("红色未落实", lambda r: r["red_unassigned"]),
    Column("逾期回访", lambda r: r["overdue"]),
    Column("社工人数", lambda r: r["workers"]),
    Column("满负荷社工", lambda r: r["at_limit"]),
    Column("负荷中位数（%）", lambda r: r["median_load"]),
)
ALERT_COLUMNS: Final = (
    Column("周（周一）", lambda r: r["week"]),
    Column("预警等级", lambda r: _label(WARNING_LEVEL_LABELS, r["level"])),
    Column("数量", lambda r: r["count"]),
)
NEED_COLUMNS: Final = (
    Column("需求类别", lambda r: _label(NEED_KIND_LABELS, r["kind"])),
    Column("状态", lambda r: _label(NEED_STATUS_LABELS, r["status"])),
    Column("数量", lambda r: r["count"]),
    Column("估算金额（元）", lambda r: r["estimated_cost"]),
)


async def _dashboard(graph: Graph, r: ExportRequest, now: datetime, today: date) -> list[Sheet]:
    figures = await export_dashboard(
        graph,
        scope=r.scope,
        region_id=r.params["region_id"],
        today=today,
        since=now.astimezone(UTC) - timedelta(weeks=12),
        actor=r.actor,
        export_id=r.export_id,
    )
    if figures is None:
        return []
    parts = [
        {
            "name": p.region.name,
            "households": p.households,
            "assigned": p.assigned,
            "red": p.red,
            "orange": p.orange,
            "red_unassigned": p.red_unassigned,
            "orange_unassigned": p.orange_unassigned,
            "active_matches": p.active_matches,
            "overdue": p.overdue,
        }
        for p in figures.parts
    ]
    stations = []
    for s in figures.stations:
        spread = load_spread([(w.load, w.limit) for w in s.workers])
        stations.append(
            {
                "name": s.name,
                "households": s.households,
                "assigned": s.assigned,
                "red_unassigned": s.red_unassigned,
                "overdue": s.overdue,
                "workers": len(s.workers),
                "at_limit": sum(1 for w in s.workers if w.limit and w.load >= w.limit),
                "median_load": spread.median if spread else None,
            }
        )
    alerts = [{"week": w.week, "level": w.level, "count": w.count} for w in figures.alert_weeks]
    needs = [
        {"kind": n.kind, "status": n.status, "count": n.count, "estimated_cost": n.estimated_cost}
        for n in figures.needs
    ]
    return [
        Sheet(f"{figures.region.name}覆盖", COVERAGE_COLUMNS, parts),
        Sheet("社工站", STATION_COLUMNS, stations),
        Sheet("预警", ALERT_COLUMNS, alerts),
        Sheet("需求", NEED_COLUMNS, needs),
    ]


# The registry: one entry per export.
EXPORTS: Final[Mapping[str, ExportKind]] = {
    "HOUSEHOLDS": ExportKind("HOUSEHOLDS", "户信息", _households),
    "CASELOAD_PLAN": ExportKind("CASELOAD_PLAN", "分案方案", _plan),
    "STATION_VISITS": ExportKind("STATION_VISITS", "走访记录", _visits),
    "DASHBOARD": ExportKind("DASHBOARD", "统筹看板", _dashboard),
    "GAPS": ExportKind("GAPS", "缺口分析", gap_sheets),
}


async def start_export(
    graph: Graph,
    arq: ArqRedis,
    *,
    kind: str,
    params: Mapping[str, Any],
    actor: Actor,
    role: Role,
    scope: Scope,
) -> JobRecord:
    """The job that builds the file; the caller has checked the arguments and the scope."""
    job_id = f"export-{uuid.uuid4().hex}"
    return await start_job(
        graph,
        arq,
        job_id=job_id,
        function=EXPORT_FUNCTION,
        params={
            "kind": EXPORTS[kind].name,
            "params": dict(params),
            "actor_id": actor.id,
            "actor_role": role.value,
            "townships": None if scope.townships is None else list(scope.townships),
        },
        created_by=actor.id,
        now=actor.at,
    )


def request_of(job_id: str, params: Mapping[str, Any], *, now: datetime) -> ExportRequest:
    """`now`: the worker clock's instant, when the export is made (its audit entry)."""
    townships = params.get("townships")
    return ExportRequest(
        kind=params["kind"],
        params=params["params"],
        actor=Actor(id=params["actor_id"], role=params["actor_role"], at=now),
        role=Role(params["actor_role"]),
        townships=None if townships is None else tuple(townships),
        export_id=job_id,
    )


async def build_export(
    graph: Graph, request: ExportRequest, progress: Progress, *, now: datetime, today: date
) -> tuple[bytes, int, str]:
    """The workbook's bytes, its data rows and its file name."""
    kind = EXPORTS[request.kind]
    await progress(0.1, "EXPORT_READING")
    sheets = await kind.build(graph, request, now, today)
    await progress(0.6, "EXPORT_WRITING")
    data, rows = write_workbook(sheets, casework=request.casework)
    return data, rows, f"{kind.filename}-{today.isoformat()}.xlsx"


# --- the checks each export's root field makes before it starts the job -------------------


async def check_plan(graph: Graph, scope: Scope, plan_id: str) -> None:
    if await plan_by_id(graph, plan_id, scope=scope) is None:
        raise EntityNotFound("CaseloadPlan", plan_id, "plan_id")


async def check_station(graph: Graph, scope: Scope, station_id: str) -> None:
    found = (await stations_by_id(graph, [station_id]))[0]
    if found is None or not (scope.unrestricted or found.township_id in (scope.townships or ())):
        raise EntityNotFound("Station", station_id, "station_id")


def check_period(since: str, until: str) -> None:
    try:
        first, last = date.fromisoformat(since), date.fromisoformat(until)
    except ValueError as exc:
        raise invalid("since", "expected YYYY-MM-DD", "BAD_DATE") from exc
    if last < first:
        raise invalid("until", "the period ends before it begins", "BAD_PERIOD")
    if (last - first).days > MAX_PERIOD_DAYS:
        raise invalid("until", f"at most {MAX_PERIOD_DAYS} days", "OUT_OF_RANGE")


def check_idle_days(days: int) -> None:
    if not 1 <= days <= MAX_PERIOD_DAYS:
        raise invalid("idleDays", f"1 to {MAX_PERIOD_DAYS} days", "OUT_OF_RANGE")


async def check_region(graph: Graph, scope: Scope, region_id: str) -> None:
    if not await region_visible(graph, scope, region_id):
        raise EntityNotFound("Region", region_id, "region_id")
