"""Care tasks (小任务): a worker sets small tasks for a household they follow; volunteers
nearby who fit take one and record what they did; the worker stays responsible.

Every change runs in one transaction that locks the task, checks its version, decides by
`matching.care_tasks` and audits (graph/care_tasks.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from graph.care_tasks import (
    CareTaskRecord,
    HouseholdForTask,
    TaskChange,
    VolunteerProfile,
    VolunteerTaskRow,
    change_care_task_tx,
    create_care_task_tx,
    tasks_for_volunteer,
    tasks_of_household,
    volunteer_profile_by_id,
)
from graph.driver import Graph
from graph.households import households_by_id
from graph.registry_writes import new_id
from graph.volunteers import VolunteerRow, set_availability_tx, volunteers_by_id
from matching import care_tasks as rules
from server.clock import Clock
from server.registry.validation import FieldError
from server.roles import Role
from server.services.errors import EntityNotFound, InvalidFields, NotPermitted, StateConflict
from server.services.registry import REGISTRY_EDITORS, Caller, refuse_if
from server.services.registry_checks import REASON_MAX, Check
from server.services.writes import run_write

WHAT_MAX: Final = 200
NOTE_MAX: Final = 500
MAX_DAYS_AHEAD: Final = 90
MAX_MINUTES: Final = 600
MAX_WINDOWS: Final = 4
LIST_LIMIT: Final = 200
TASK_SETTERS: Final = REGISTRY_EDITORS | {Role.SOCIAL_WORKER}


# ---- volunteers declare when and how far -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Availability:
    volunteer_id: str
    expected_version: int
    weekdays: Sequence[int]
    windows: Sequence[str]
    radius_km: float


def _windows(texts: Sequence[str], field: str, errors: list[FieldError]) -> list[str]:
    clean = []
    if len(texts) > MAX_WINDOWS:
        errors.append(FieldError(field, f"at most {MAX_WINDOWS}", "TOO_MANY"))
    for i, text in enumerate(texts):
        try:
            clean.append(rules.window_text(rules.parse_window(text)))
        except ValueError as exc:
            errors.append(FieldError(f"{field}.{i}", str(exc), "BAD_WINDOW"))
    return clean


async def set_volunteer_availability(
    graph: Graph, caller: Caller, cmd: Availability
) -> VolunteerRow:
    """A volunteer declares their own; an editor may for a volunteer in their area."""
    caller.require_self(cmd.volunteer_id, "availability")
    [row] = await volunteers_by_id(
        graph, [cmd.volunteer_id], scope=caller.scope, audience=caller.audience
    )
    if row is None:
        raise EntityNotFound("Volunteer", cmd.volunteer_id, "volunteer_id")
    errors: list[FieldError] = []
    windows = _windows(cmd.windows, "windows", errors)
    for i, d in enumerate(cmd.weekdays):
        if not 1 <= d <= 7:
            errors.append(FieldError(f"weekdays.{i}", "1 (Monday) to 7", "OUT_OF_RANGE"))
    if not 0 < cmd.radius_km <= rules.MAX_RADIUS_KM:
        errors.append(FieldError("radius_km", f"0 to {rules.MAX_RADIUS_KM:g} km", "OUT_OF_RANGE"))
    refuse_if(errors)
    result: VolunteerRow = await run_write(
        graph,
        set_availability_tx,
        actor=caller.actor,
        volunteer_id=cmd.volunteer_id,
        expected_version=cmd.expected_version,
        props={
            "available_weekdays": sorted(set(cmd.weekdays)),
            "available_windows": windows,
            "radius_km": float(cmd.radius_km),
        },
    )
    return result


# ---- the worker sets a task ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewCareTask:
    household_id: str
    kind: str
    what: str
    due_on: str  # YYYY-MM-DD
    window: str | None


def _due_on(text: str, today: date, errors: list[FieldError]) -> date | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        errors.append(FieldError("due_on", "YYYY-MM-DD", "INVALID_DATE"))
        return None
    if day < today:
        errors.append(FieldError("due_on", "not in the past", "IN_THE_PAST"))
    elif day > today + timedelta(days=MAX_DAYS_AHEAD):
        errors.append(FieldError("due_on", f"within {MAX_DAYS_AHEAD} days", "TOO_FAR_AHEAD"))
    return day


async def create_care_task(
    graph: Graph, caller: Caller, cmd: NewCareTask, *, clock: Clock
) -> CareTaskRecord:
    """By the household's own worker, or a manager in its area; volunteers read `what`, so
    it may name nobody (no ID or phone number)."""
    if caller.role not in TASK_SETTERS:
        raise NotPermitted(f"role {caller.role.value} may not set care tasks")
    [household] = await households_by_id(graph, [cmd.household_id], scope=caller.scope)
    if household is None:
        raise EntityNotFound("Household", cmd.household_id, "household_id")
    check = Check({"kind": cmd.kind, "what": cmd.what})
    check.code("kind", rules.TASK_KINDS, required=True)
    check.text("what", required=True, max_len=WHAT_MAX, multiline=True)
    check.no_personal_data("what")
    errors = list(check.errors)
    due_on = _due_on(cmd.due_on, clock.today(), errors)
    window = _windows([cmd.window], "window", errors)[0] if cmd.window else None
    refuse_if(errors)
    assert due_on is not None

    def decide(h: HouseholdForTask) -> dict[str, Any]:
        if caller.role is Role.SOCIAL_WORKER and caller.own_id not in h.workers:
            raise NotPermitted("a worker sets tasks only for households they follow")
        worker = caller.own_id if caller.role is Role.SOCIAL_WORKER else next(iter(h.workers), None)
        return {
            "kind": cmd.kind,
            "what": cmd.what.strip(),
            "due_on": due_on,
            "window": window,
            "worker_id": worker,
            "created_by": caller.actor.id,
        }

    record: CareTaskRecord = await run_write(
        graph,
        create_care_task_tx,
        actor=caller.actor,
        task_id=new_id("ct"),
        household_id=cmd.household_id,
        scope_params=caller.scope.params(),
        decide=decide,
    )
    return record


# ---- volunteers: what fits them, take, give back, record -------------------------------


def volunteer_facts(p: VolunteerProfile) -> rules.VolunteerFacts:
    return rules.VolunteerFacts(
        lat=p.lat,
        lon=p.lon,
        skills=frozenset(p.skills),
        weekdays=frozenset(p.weekdays),
        windows=tuple(rules.parse_window(w) for w in p.windows),
        radius_km=p.radius_km if p.radius_km is not None else rules.DEFAULT_RADIUS_KM,
    )


def task_facts(t: VolunteerTaskRow) -> rules.TaskFacts:
    window = rules.parse_window(t.window) if t.window else None
    return rules.TaskFacts(t.id, t.kind, t.due_on, window, t.lat, t.lon)


@dataclass(frozen=True, slots=True)
class TaskForVolunteer:
    task: VolunteerTaskRow
    distance_km: float


async def _profile(graph: Graph, caller: Caller) -> VolunteerProfile:
    if caller.role is not Role.VOLUNTEER or caller.own_id is None:
        raise NotPermitted("only a volunteer takes care tasks")
    profile = await volunteer_profile_by_id(graph, caller.own_id)
    if profile is None:
        raise EntityNotFound("Volunteer", caller.own_id, None)
    return profile


async def care_tasks_for_volunteer(graph: Graph, caller: Caller) -> list[TaskForVolunteer]:
    """Open tasks that fit the volunteer (skill, day, time, radius), soonest first, then
    the tasks they hold or did."""
    profile = await _profile(graph, caller)
    rows = await tasks_for_volunteer(
        graph, volunteer_id=profile.id, scope=caller.scope, limit=LIST_LIMIT
    )
    facts = volunteer_facts(profile)
    open_rows = {t.id: t for t in rows if t.status == rules.OPEN and not t.mine}
    fits = rules.tasks_that_fit(facts, [task_facts(t) for t in open_rows.values()])
    mine = [t for t in rows if t.mine]
    return [TaskForVolunteer(open_rows[f.task_id], f.distance_km) for f in fits] + [
        TaskForVolunteer(t, rules.fit(facts, task_facts(t)).distance_km) for t in mine
    ]


def _moving(current: CareTaskRecord, wanted: str) -> None:
    if not rules.may_move(current.status, wanted):
        code = "TASK_TAKEN" if current.status == rules.TAKEN else f"TASK_{current.status}"
        raise StateConflict(
            code,
            f"the task is {current.status}",
            "task_id",
            {"currentStatus": current.status, "requestedStatus": wanted},
        )


def _worker_notice(t: CareTaskRecord, kind: str) -> tuple[str, str, str, dict[str, object]] | None:
    return ("WORKER", t.worker_id, kind, {"taskKind": t.kind}) if t.worker_id else None


async def take_care_task(
    graph: Graph, caller: Caller, task_id: str, expected_version: int, *, clock: Clock
) -> CareTaskRecord:
    """One volunteer per task: the lock and the version decide a race."""
    profile = await _profile(graph, caller)
    facts = volunteer_facts(profile)
    now = clock.now()

    def decide(t: CareTaskRecord) -> TaskChange:
        _moving(t, rules.TAKEN)
        # The skill is the hard rule; day, time and radius only narrow what the list offers.
        needed = rules.TASK_SKILL.get(t.kind)
        if needed is not None and needed not in facts.skills:
            raise StateConflict(
                "TASK_NEEDS_SKILL", "the task needs a skill you have not declared", "task_id"
            )
        return TaskChange(
            "TAKE_CARE_TASK",
            {"status": rules.TAKEN, "volunteer_id": profile.id, "taken_at": now},
            _worker_notice(t, "CARE_TASK_TAKEN"),
        )

    return await _change(graph, caller, task_id, expected_version, decide)


async def release_care_task(
    graph: Graph, caller: Caller, task_id: str, expected_version: int
) -> CareTaskRecord:
    """The volunteer gives a task back: it is open again for others."""
    profile = await _profile(graph, caller)

    def decide(t: CareTaskRecord) -> TaskChange:
        _mine(t, profile.id)
        _moving(t, rules.OPEN)
        return TaskChange(
            "RELEASE_CARE_TASK",
            {"status": rules.OPEN, "volunteer_id": None, "taken_at": None},
            _worker_notice(t, "CARE_TASK_RELEASED"),
        )

    return await _change(graph, caller, task_id, expected_version, decide)


def _mine(t: CareTaskRecord, volunteer_id: str) -> None:
    if t.volunteer_id != volunteer_id:
        raise StateConflict("TASK_NOT_YOURS", "another volunteer holds this task", "task_id")


@dataclass(frozen=True, slots=True)
class TaskDone:
    task_id: str
    expected_version: int
    note: str
    minutes: int
    done_on: str  # YYYY-MM-DD


async def record_care_task(
    graph: Graph, caller: Caller, cmd: TaskDone, *, clock: Clock
) -> CareTaskRecord:
    """What the volunteer did, from a phone: a short note, the time it took, the day."""
    profile = await _profile(graph, caller)
    today = clock.today()
    check = Check({"note": cmd.note})
    check.text("note", required=True, max_len=NOTE_MAX, multiline=True)
    errors = list(check.errors)
    if not 1 <= cmd.minutes <= MAX_MINUTES:
        errors.append(FieldError("minutes", f"1 to {MAX_MINUTES}", "OUT_OF_RANGE"))
    try:
        done_on: date | None = date.fromisoformat(cmd.done_on)
    except ValueError:
        done_on = None
        errors.append(FieldError("done_on", "YYYY-MM-DD", "INVALID_DATE"))
    if done_on is not None and done_on > today:
        errors.append(FieldError("done_on", "not in the future", "IN_THE_FUTURE"))
    if errors:
        raise InvalidFields(errors)

    def decide(t: CareTaskRecord) -> TaskChange:
        _mine(t, profile.id)
        _moving(t, rules.DONE)
        return TaskChange(
            "RECORD_CARE_TASK",
            {
                "status": rules.DONE,
                "note": cmd.note.strip(),
                "minutes": cmd.minutes,
                "done_on": done_on,
                "recorded_at": clock.now(),
            },
            _worker_notice(t, "CARE_TASK_DONE"),
        )

    return await _change(graph, caller, cmd.task_id, cmd.expected_version, decide)


async def cancel_care_task(
    graph: Graph, caller: Caller, task_id: str, expected_version: int, reason: str
) -> CareTaskRecord:
    """The responsible worker (or a manager) withdraws a task not yet done."""
    if caller.role not in TASK_SETTERS:
        raise NotPermitted(f"role {caller.role.value} may not cancel care tasks")
    check = Check({"reason": reason})
    check.text("reason", required=True, max_len=REASON_MAX, multiline=True)
    refuse_if(check.errors)

    def decide(t: CareTaskRecord) -> TaskChange:
        if caller.role is Role.SOCIAL_WORKER and t.worker_id != caller.own_id:
            raise NotPermitted("a worker cancels only the tasks they are responsible for")
        _moving(t, rules.CANCELLED)
        # The volunteer who held it reads the new state on their list.
        return TaskChange(
            "CANCEL_CARE_TASK", {"status": rules.CANCELLED, "cancel_reason": reason.strip()}
        )

    return await _change(graph, caller, task_id, expected_version, decide)


async def _change(
    graph: Graph, caller: Caller, task_id: str, expected_version: int, decide: Any
) -> CareTaskRecord:
    record: CareTaskRecord = await run_write(
        graph,
        change_care_task_tx,
        actor=caller.actor,
        task_id=task_id,
        expected_version=expected_version,
        scope_params=caller.scope.params(),
        decide=decide,
    )
    return record


# ---- the station's view ------------------------------------------------------------------


async def household_care_tasks(
    graph: Graph, caller: Caller, household_id: str
) -> list[CareTaskRecord] | None:
    """None when the household is not in the caller's area."""
    [h] = await households_by_id(graph, [household_id], scope=caller.scope)
    if h is None:
        return None
    return await tasks_of_household(
        graph, household_id=household_id, scope=caller.scope, limit=LIST_LIMIT
    )
