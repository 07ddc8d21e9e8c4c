"""The demo county's volunteering: care tasks at every stage and grid reports in the queue,
so a newcomer signing in as `volunteer` or `station` sees a living service.

Placed from the generated county alone (no random draws), dated from the loading day.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from graph.care_tasks import seed_care_tasks
from graph.county_writer import County
from graph.driver import Graph
from graph.grid_reports import seed_grid_reports
from matching.care_tasks import TASK_SKILL
from server.demo.jobs import write_demo_jobs

# (kind, what) of the tasks; the texts name nobody, as a volunteer reads them.
_TASKS = (
    ("COMPANY_VISIT", "独居老人，陪聊天一小时，顺便看看屋里冷不冷"),
    ("ERRAND", "代买一周的米面油，送到家门口"),
    ("DAILY_CARE", "帮忙打扫院子、晾晒被褥"),
    ("ELDERLY_CARE", "陪老人去村卫生室量血压"),
    ("TUTORING", "小学四年级数学作业辅导"),
    ("COMPANY_VISIT", "留守儿童放学后陪伴，检查作业"),
)
_REPORTS = (
    ("NEED", "DAILY_CARE", None, "村东头一位独居老人近来腿脚不便，家里无人照料"),
    ("EVENT", None, "HOSPITALISATION", "听邻居说一户家中主要劳力上周住院了"),
    ("NEED", "HOUSING", None, "村西一户房屋漏雨，入冬前需要修缮"),
    ("EVENT", None, "NEW_UNEMPLOYMENT", "一户家中外出务工人员近期返乡失业"),
)


def _at(day: date, hour: int) -> datetime:
    # Stored as instants in UTC; 08:00 China time is 00:00 UTC.
    return datetime.combine(day, time(hour), UTC) - timedelta(hours=8)


def demo_volunteering(
    county: County, today: date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(care task rows, grid report rows): in each township with a grid volunteer, tasks
    in that volunteer's village at OPEN, TAKEN and DONE, and reports pending and dismissed."""
    households = defaultdict(list)
    for h in county.households:
        households[h.village_id].append(h.id)
    tasks: list[dict[str, Any]] = []
    reports: list[dict[str, Any]] = []
    townships_done: set[str] = set()
    village_township = {r.id: r.parent_id for r in county.regions if r.level == "VILLAGE"}
    for v in county.volunteers:
        township = village_township.get(v.village_id)
        if v.grid_role is None or township in townships_done or not households[v.village_id]:
            continue
        townships_done.add(township or "")
        n = len(townships_done)
        homes = households[v.village_id]
        for i, (kind, what) in enumerate(_TASKS):
            stage = ("OPEN", "OPEN", "TAKEN", "DONE", "OPEN", "DONE")[i]
            skill = TASK_SKILL[kind]
            taken = stage != "OPEN" and (skill is None or skill in v.skills)
            due = (
                today + timedelta(days=(i % 4) + 1)
                if stage != "DONE"
                else today - timedelta(days=i)
            )
            props: dict[str, Any] = {
                "kind": kind,
                "what": what,
                "due_on": due,
                "window": "09:00-11:00" if i % 2 else None,
                "status": stage if taken else "OPEN",
                "created_by": "user-demo-worker",
            }
            if taken:
                props |= {"volunteer_id": v.id, "taken_at": _at(due - timedelta(days=2), 10)}
            if taken and stage == "DONE":
                props |= {
                    "note": "已上门，老人精神不错，屋里生了炉子；下次带些常用药",
                    "minutes": 60,
                    "done_on": due,
                    "recorded_at": _at(due, 12),
                }
            tasks.append(
                {
                    "id": f"ct-demo-{n:03d}-{i}",
                    "household_id": homes[i % len(homes)],
                    "props": props,
                }
            )
        for i, (kind, need_kind, indicator, text) in enumerate(_REPORTS):
            # Reported in the hours before the loading day began: due a day and a half later
            # at the earliest, so the escalation cron finds nothing overdue in a fresh demo.
            reported = _at(today, 0) - timedelta(hours=5 * i)
            status = "DISMISSED" if i == 3 else "PENDING"
            reports.append(
                {
                    "id": f"gr-demo-{n:03d}-{i}",
                    "village_id": v.village_id,
                    "props": {
                        "kind": kind,
                        "need_kind": need_kind,
                        "indicator": indicator,
                        "description": text,
                        "volunteer_id": v.id,
                        "grid_role": v.grid_role,
                        "reported_by": None,
                        "reported_at": reported,
                        "due_at": reported + timedelta(hours=48),
                        "status": status,
                        "dismiss_reason": "已在册，社工本周已走访"
                        if status == "DISMISSED"
                        else None,
                    },
                }
            )
    return tasks, reports


async def write_demo_volunteering(
    graph: Graph, county: County, today: date, *, now: datetime
) -> None:
    """Care tasks and grid reports, and the enterprises' jobs and training places."""
    tasks, reports = demo_volunteering(county, today)
    await seed_care_tasks(graph, tasks, now=now)
    await seed_grid_reports(graph, reports, now=now)
    await write_demo_jobs(graph, county, today, now=now)
