"""The gap lists (缺口分析) as an Excel export: one sheet per list, Chinese headers, names of
workers, volunteers and heads of household only for the identity roles (`casework_only`),
the rows read and the export audited in one transaction (graph/gap_exports.py).

Registered in `server.services.exports.EXPORTS` as `GAPS`; params: `township_id` (None: the
caller's whole area), `idle_days`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from graph.gap_exports import GapExport, export_gap_lists
from server.registry.vocabulary import NEED_KIND_LABELS, TIER_LABELS, WARNING_LEVEL_LABELS
from server.services.dashboard import share
from server.services.network import DEFAULT_DIBAO_LINE, DEFAULT_IDLE_DAYS
from server.services.xlsx import Column, Sheet

if TYPE_CHECKING:
    from graph.driver import Graph
    from server.services.exports import ExportRequest

MAX_ROWS: Final = 50_000  # per list

KIND_LABELS: Final = {"CHARITY": "慈善组织", "ENTERPRISE": "爱心企业"}
SIGNAL_LABELS: Final = {
    "COVERED_ABOVE_LINE": "收入高于低保线仍在保（疑似错保）",
    "UNCOVERED_BELOW_LINE": "收入低于低保线未纳入（疑似漏保）",
}


def _label(labels: Mapping[str, str], code: Any) -> str:
    return labels.get(code, "") if code else ""


def _percent(part: int, whole: int) -> float:
    return round(100 * share(part, whole), 1)


def _yes(value: bool) -> str:
    return "是" if value else "否"


UNCOVERED_COLUMNS: Final = (
    Column("乡镇", lambda r: r["township"]),
    Column("村", lambda r: r["village_name"]),
    Column("户数", lambda r: r["households"]),
    Column("未落实社工", lambda r: r["uncovered"]),
    Column("其中红色", lambda r: r["red"]),
    Column("其中橙色", lambda r: r["orange"]),
)
SINGLE_POINT_COLUMNS: Final = (
    Column("社工", lambda r: r["worker_name"], casework_only=True),
    Column("社工站", lambda r: r["station"]),
    Column("乡镇", lambda r: r["township"]),
    Column("仅由其负责的户数", lambda r: len(r["household_ids"])),
    Column("其中红橙预警", lambda r: len(r["urgent_household_ids"])),
    Column("负荷权重", lambda r: r["load"]),
    Column("可接手同事", lambda r: r["colleagues_in_reach"]),
    Column("同事剩余容量", lambda r: r["colleagues_room"]),
    Column("同事能否接住", lambda r: _yes(r["colleagues_room"] >= r["load"])),
)
IDLE_ORGANISATION_COLUMNS: Final = (
    Column("机构", lambda r: r["name"]),
    Column("类别", lambda r: _label(KIND_LABELS, r["kind"])),
    Column("可用预算（元）", lambda r: r["budget_yuan"]),
    Column("提供岗位", lambda r: r["jobs_offered"]),
    Column("最近认领", lambda r: r["last_adoption_on"]),
)
IDLE_VOLUNTEER_COLUMNS: Final = (
    Column("志愿者", lambda r: r["name"], casework_only=True),
    Column("乡镇", lambda r: r["township"]),
    Column("村", lambda r: r["village"]),
)
UNSERVED_COLUMNS: Final = (
    Column("乡镇", lambda r: r["township_name"]),
    Column("需求类别", lambda r: _label(NEED_KIND_LABELS, r["kind"])),
    Column("待对接需求", lambda r: r["open_needs"]),
    Column("涉及户数", lambda r: r["households"]),
)
COVERAGE_COLUMNS: Final = (
    Column("乡镇", lambda r: r["township"]),
    Column("村", lambda r: r["village_name"]),
    Column("户数", lambda r: r["households"]),
    Column("有责任社工", lambda r: r["with_worker"]),
    Column("社工覆盖率（%）", lambda r: _percent(r["with_worker"], r["households"])),
    Column("按期走访", lambda r: r["visited_in_cadence"]),
    Column("按期走访率（%）", lambda r: _percent(r["visited_in_cadence"], r["with_worker"])),
    Column("需求", lambda r: r["needs"]),
    Column("已满足", lambda r: r["needs_met"]),
    Column("需求满足率（%）", lambda r: _percent(r["needs_met"], r["needs"])),
)
ELIGIBILITY_COLUMNS: Final = (
    Column("信号", lambda r: _label(SIGNAL_LABELS, r["signal"])),
    Column("户编号", lambda r: r["household_id"]),
    Column("户主", lambda r: r["label"], casework_only=True),
    Column("分层", lambda r: _label(TIER_LABELS, r["tier"])),
    Column("人均月收入（元）", lambda r: r["monthly_income_per_person"], casework_only=True),
    Column("村", lambda r: r["village_name"]),
    Column("预警等级", lambda r: _label(WARNING_LEVEL_LABELS, r["warning_level"])),
)


def _rows(items: tuple[Any, ...], **names: Any) -> list[dict[str, Any]]:
    """Each record as a row, with the names its ids point at (`township=...` reads
    `township_id`)."""
    out = []
    for item in items:
        row = dataclasses.asdict(item)
        for column, (lookup, key) in names.items():
            row[column] = lookup.get(row.get(key), "")
        out.append(row)
    return out


async def gap_sheets(graph: Graph, r: ExportRequest, now: datetime, today: date) -> list[Sheet]:
    idle_days = int(r.params.get("idle_days") or DEFAULT_IDLE_DAYS)
    ask = GapExport(
        scope=r.scope,
        township_id=r.params.get("township_id"),
        today=today,
        idle_since=today - timedelta(days=idle_days),
        line=DEFAULT_DIBAO_LINE,
        identity=r.casework,
        limit=MAX_ROWS,
    )
    lists = await export_gap_lists(graph, ask, actor=r.actor, export_id=r.export_id)
    names = lists.names
    villages = {c.village_id: c.village_name for c in lists.coverage}
    township = (names, "township_id")
    return [
        Sheet("未落实社工", UNCOVERED_COLUMNS, _rows(lists.uncovered, township=township)),
        Sheet(
            "单点风险社工",
            SINGLE_POINT_COLUMNS,
            _rows(lists.single_point, township=township, station=(names, "station_id")),
        ),
        Sheet("闲置机构", IDLE_ORGANISATION_COLUMNS, _rows(lists.idle_organisations)),
        Sheet(
            "闲置志愿者",
            IDLE_VOLUNTEER_COLUMNS,
            _rows(lists.idle_volunteers, township=township, village=(villages, "village_id")),
        ),
        Sheet("无服务需求", UNSERVED_COLUMNS, _rows(lists.unserved)),
        Sheet("村覆盖", COVERAGE_COLUMNS, _rows(lists.coverage, township=township)),
        Sheet("错保漏保复核", ELIGIBILITY_COLUMNS, _rows(lists.eligibility)),
    ]
