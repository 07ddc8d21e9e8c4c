"""Care tasks (小任务): small tasks a worker sets for volunteers near a household.

`(t:CareTask {id, kind, what, due_on, window, status, household_id, village_id,
township_id, worker_id, created_by, volunteer_id, note, minutes, done_on, version})`,
`(t)-[:FOR]->(h:Household)`. The worker who set it stays responsible. Volunteers read a
task at village level only (`VolunteerTaskRow`): the household is never named to them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.driver import Graph
from graph.notifications import notify_tx
from graph.registry_writes import EntityMissing, VersionMismatch
from graph.scope import Scope
from graph.values import as_date


@dataclass(frozen=True, slots=True)
class CareTaskRecord:
    id: str
    kind: str
    what: str
    due_on: date
    window: str | None
    status: str
    household_id: str
    village_id: str
    township_id: str
    worker_id: str | None  # the responsible worker (the household's) when set
    volunteer_id: str | None
    volunteer_name: str | None  # for the station only; never in a volunteer's projection
    note: str | None
    minutes: int | None
    done_on: date | None
    version: int
    village_name: str = ""


@dataclass(frozen=True, slots=True)
class VolunteerTaskRow:
    """What a volunteer reads of a task: village-level, no household."""

    id: str
    kind: str
    what: str
    due_on: date
    window: str | None
    status: str
    village_id: str
    village_name: str
    lat: float  # the village's centre
    lon: float
    mine: bool
    note: str | None
    minutes: int | None
    done_on: date | None
    version: int


@dataclass(frozen=True, slots=True)
class VolunteerProfile:
    id: str
    lat: float
    lon: float
    skills: tuple[str, ...]
    weekdays: tuple[int, ...]
    windows: tuple[str, ...]
    radius_km: float | None
    grid_role: str | None
    village_id: str
    township_id: str
    version: int


def care_task_record(
    t: Any, volunteer_name: str | None = None, village_name: str | None = None
) -> CareTaskRecord:
    minutes = t.get("minutes")
    return CareTaskRecord(
        id=t["id"],
        kind=t["kind"],
        what=t.get("what") or "",
        due_on=as_date(t["due_on"]) or date.min,
        window=t.get("window"),
        status=t["status"],
        household_id=t["household_id"],
        village_id=t["village_id"],
        township_id=t["township_id"],
        worker_id=t.get("worker_id"),
        volunteer_id=t.get("volunteer_id"),
        volunteer_name=volunteer_name,
        note=t.get("note"),
        minutes=int(minutes) if minutes is not None else None,
        done_on=as_date(t.get("done_on")),
        version=int(t.get("version") or 1),
        village_name=village_name or "",
    )


def _volunteer_row(t: Any, v: Any, volunteer_id: str) -> VolunteerTaskRow:
    minutes = t.get("minutes")
    return VolunteerTaskRow(
        id=t["id"],
        kind=t["kind"],
        what=t.get("what") or "",
        due_on=as_date(t["due_on"]) or date.min,
        window=t.get("window"),
        status=t["status"],
        village_id=v["id"],
        village_name=v["name"],
        lat=float(v["lat"]),
        lon=float(v["lon"]),
        mine=t.get("volunteer_id") == volunteer_id,
        note=t.get("note") if t.get("volunteer_id") == volunteer_id else None,
        minutes=int(minutes) if minutes is not None else None,
        done_on=as_date(t.get("done_on")),
        version=int(t.get("version") or 1),
    )


def volunteer_profile(x: Any, township_id: str) -> VolunteerProfile:
    radius = x.get("radius_km")
    return VolunteerProfile(
        id=x["id"],
        lat=float(x["lat"]),
        lon=float(x["lon"]),
        skills=tuple(x.get("skills") or ()),
        weekdays=tuple(int(d) for d in x.get("available_weekdays") or ()),
        windows=tuple(x.get("available_windows") or ()),
        radius_km=float(radius) if radius is not None else None,
        grid_role=x.get("grid_role"),
        village_id=x["village_id"],
        township_id=township_id,
        version=int(x.get("version") or 1),
    )


# ---- reads ------------------------------------------------------------------------------

# The task as `care_task_record` reads it: named properties, never the whole node. A write
# also returns `properties(t)`, the audit's before/after image of the change.
_TASK: LiteralString = """t{.id, .kind, .what, .due_on, .window, .status, .household_id,
  .village_id, .township_id, .worker_id, .volunteer_id, .note, .minutes, .done_on, .version}"""

_PROFILE: LiteralString = """
MATCH (x:Volunteer {id: $id})-[:LIVES_IN]->(v:Region)
RETURN x{.id, .lat, .lon, .skills, .available_weekdays, .available_windows, .radius_km,
         .grid_role, .village_id, .version} AS x, v.parent_id AS township_id
"""

# Open tasks in the volunteer's township and the tasks they hold, with the village centre.
_FOR_VOLUNTEER: LiteralString = """
MATCH (t:CareTask)
WHERE (t.status = 'OPEN' AND ($all_scope OR t.township_id IN $townships))
   OR t.volunteer_id = $volunteer_id
MATCH (v:Region {id: t.village_id})
RETURN t{.id, .kind, .what, .due_on, .window, .status, .volunteer_id, .note, .minutes,
         .done_on, .version} AS t, v{.id, .name, .lat, .lon} AS v
ORDER BY t.due_on, t.id LIMIT $limit
"""

_OF_HOUSEHOLD: LiteralString = (
    """
MATCH (t:CareTask)-[:FOR]->(h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
OPTIONAL MATCH (x:Volunteer {id: t.volunteer_id})
OPTIONAL MATCH (v:Region {id: t.village_id})
RETURN """
    + _TASK
    + """ AS t, x.name AS volunteer_name, v.name AS village_name
ORDER BY t.due_on DESC, t.id LIMIT $limit
"""
)

_BY_ID: LiteralString = (
    """
MATCH (t:CareTask {id: $id})
WHERE $all_scope OR t.township_id IN $townships
OPTIONAL MATCH (x:Volunteer {id: t.volunteer_id})
RETURN """
    + _TASK
    + " AS t, x.name AS volunteer_name"
)


async def volunteer_profile_by_id(graph: Graph, volunteer_id: str) -> VolunteerProfile | None:
    records, _, _ = await graph.driver.execute_query(
        _PROFILE, id=volunteer_id, database_=graph.database, routing_="r"
    )
    return volunteer_profile(records[0]["x"], records[0]["township_id"]) if records else None


async def tasks_for_volunteer(
    graph: Graph, *, volunteer_id: str, scope: Scope, limit: int
) -> list[VolunteerTaskRow]:
    records, _, _ = await graph.driver.execute_query(
        _FOR_VOLUNTEER,
        volunteer_id=volunteer_id,
        **scope.params(),
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [_volunteer_row(r["t"], r["v"], volunteer_id) for r in records]


async def tasks_of_household(
    graph: Graph, *, household_id: str, scope: Scope, limit: int
) -> list[CareTaskRecord]:
    records, _, _ = await graph.driver.execute_query(
        _OF_HOUSEHOLD,
        household_id=household_id,
        **scope.params(),
        limit=limit,
        database_=graph.database,
        routing_="r",
    )
    return [care_task_record(r["t"], r["volunteer_name"], r["village_name"]) for r in records]


async def care_task_by_id(graph: Graph, task_id: str, *, scope: Scope) -> CareTaskRecord | None:
    records, _, _ = await graph.driver.execute_query(
        _BY_ID, id=task_id, **scope.params(), database_=graph.database, routing_="r"
    )
    return care_task_record(records[0]["t"], records[0]["volunteer_name"]) if records else None


# ---- writes -----------------------------------------------------------------------------

_HOUSEHOLD_FOR_TASK: LiteralString = """
MATCH (h:Household {id: $household_id})
WHERE $all_scope OR h.township_id IN $townships
SET h.locked_by = $marker
REMOVE h.locked_by
RETURN h.id AS id, h.village_id AS village_id, h.township_id AS township_id,
       COLLECT { MATCH (m:Match {status: 'ACTIVE'})-[:FOR]->(h)
                 MATCH (m)-[:BY]->(w:SocialWorker)
                 RETURN DISTINCT w.id } AS workers
"""

_CREATE: LiteralString = (
    """
MATCH (h:Household {id: $household_id})
CREATE (t:CareTask {id: $id})
SET t += $props, t.household_id = h.id, t.village_id = h.village_id,
    t.township_id = h.township_id, t.status = 'OPEN', t.version = 1,
    t.created_at = $now, t.updated_at = $now
CREATE (t)-[:FOR]->(h)
WITH t MATCH (v:Region {id: t.village_id})
RETURN """
    + _TASK
    + " AS t, properties(t) AS after, v.name AS village_name"
)

_LOCK: LiteralString = (
    """
MATCH (t:CareTask {id: $id})
WHERE $all_scope OR t.township_id IN $townships
SET t.locked_by = $marker
REMOVE t.locked_by
RETURN """
    + _TASK
    + " AS t, properties(t) AS before"
)

_CHANGE: LiteralString = (
    """
MATCH (t:CareTask {id: $id})
SET t += $props, t.version = t.version + 1, t.updated_at = $now
WITH t MATCH (v:Region {id: t.village_id})
RETURN """
    + _TASK
    + " AS t, properties(t) AS after, v.name AS village_name"
)


@dataclass(frozen=True, slots=True)
class HouseholdForTask:
    id: str
    village_id: str
    township_id: str
    workers: tuple[str, ...]  # the workers actively following it


async def create_care_task_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    task_id: str,
    household_id: str,
    scope_params: dict[str, Any],
    decide: Callable[[HouseholdForTask], Mapping[str, Any]],
) -> CareTaskRecord:
    """`decide` checks who may set a task for this household and returns its properties."""
    r = await (
        await tx.run(
            _HOUSEHOLD_FOR_TASK, household_id=household_id, marker=actor.id, **scope_params
        )
    ).single()
    if r is None:
        raise EntityMissing("Household", household_id)
    props = decide(
        HouseholdForTask(r["id"], r["village_id"], r["township_id"], tuple(r["workers"]))
    )
    created = await (
        await tx.run(_CREATE, now=actor.at, id=task_id, household_id=household_id, props=props)
    ).single(strict=True)
    t = created["t"]
    village_name = created["village_name"]
    await record_audit(
        tx,
        actor=actor,
        action="CREATE_CARE_TASK",
        entity_type="CareTask",
        entity_id=task_id,
        before=None,
        after=dict(created["after"]),
    )
    return care_task_record(t, village_name=village_name)


@dataclass(frozen=True, slots=True)
class TaskChange:
    action: str  # the audit action: TAKE_CARE_TASK, RECORD_CARE_TASK, ...
    props: Mapping[str, Any]
    # Who hears of it: (recipient kind, id, notification kind, params), or None.
    notify: tuple[str, str, str, Mapping[str, object]] | None = None


async def change_care_task_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    task_id: str,
    expected_version: int,
    scope_params: dict[str, Any],
    decide: Callable[[CareTaskRecord], TaskChange],
) -> CareTaskRecord:
    """Lock the task, check its version, let `decide` judge the change, write and audit."""
    r = await (await tx.run(_LOCK, id=task_id, marker=actor.id, **scope_params)).single()
    if r is None:
        raise EntityMissing("CareTask", task_id)
    current = care_task_record(r["t"])
    if current.version != expected_version:
        raise VersionMismatch("CareTask", task_id, current.version)
    change = decide(current)
    changed = await (
        await tx.run(_CHANGE, now=actor.at, id=task_id, props=dict(change.props))
    ).single(strict=True)
    t = changed["t"]
    await record_audit(
        tx,
        actor=actor,
        action=change.action,
        entity_type="CareTask",
        entity_id=task_id,
        before=dict(r["before"]),
        after=dict(changed["after"]),
    )
    if change.notify is not None:
        kind, recipient, what, params = change.notify
        await notify_tx(
            tx,
            now=actor.at,
            notification_id=f"nt-{task_id}-{t['version']}",
            recipient_kind=kind,
            recipient_id=recipient,
            kind=what,
            message=what,
            subject_type="CareTask",
            subject_id=task_id,
            params=params,
        )
    return care_task_record(t, village_name=changed["village_name"])


# ---- the demo county's tasks (server/demo/volunteering.py) ------------------------------

_SEED: LiteralString = """
UNWIND $rows AS row
MATCH (h:Household {id: row.household_id})
MERGE (t:CareTask {id: row.id})
ON CREATE SET t += row.props, t.household_id = h.id, t.village_id = h.village_id,
              t.township_id = h.township_id, t.version = 1, t.created_at = $now,
              t.updated_at = $now
MERGE (t)-[:FOR]->(h)
"""


async def seed_care_tasks(graph: Graph, rows: list[dict[str, Any]], *, now: datetime) -> None:
    """Rows of {id, household_id, props}; re-running adds nothing."""
    await graph.driver.execute_query(_SEED, rows=rows, now=now, database_=graph.database)
