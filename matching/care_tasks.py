"""Care tasks (小任务) for volunteers: which tasks fit a volunteer, and the task's lifecycle.

A task fits when the volunteer has the skill its kind needs (if any), is free on its day
and in its time window (when the volunteer declared availability), and lives within their
declared radius of the task's village. Pure: the caller passes the facts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from matching.geo import haversine_km

OPEN: Final = "OPEN"
TAKEN: Final = "TAKEN"
DONE: Final = "DONE"
CANCELLED: Final = "CANCELLED"
STATUSES: Final = (OPEN, TAKEN, DONE, CANCELLED)

# A task moves only along these edges; DONE and CANCELLED are final.
TRANSITIONS: Final[Mapping[str, frozenset[str]]] = {
    OPEN: frozenset({TAKEN, CANCELLED}),
    TAKEN: frozenset({DONE, OPEN, CANCELLED}),  # OPEN: the volunteer gives it back
    DONE: frozenset(),
    CANCELLED: frozenset(),
}

# Kinds of small care tasks and the skill each needs (None: anyone may do it).
TASK_SKILL: Final[Mapping[str, str | None]] = {
    "COMPANY_VISIT": None,  # 陪伴探访
    "ERRAND": None,  # 代办跑腿
    "DAILY_CARE": "DAILY_CARE",  # 生活照料
    "HEALTH_CHECK": "MEDICAL",  # 健康随访
    "TUTORING": "TUTORING",  # 课业辅导
    "ELDERLY_CARE": "ELDERLY_CARE",  # 助老服务
    "LEGAL_HELP": "LEGAL",  # 法律咨询
}
TASK_KINDS: Final = tuple(TASK_SKILL)

DEFAULT_RADIUS_KM: Final = 5.0
MAX_RADIUS_KM: Final = 50.0


def may_move(current: str, wanted: str) -> bool:
    return wanted in TRANSITIONS.get(current, frozenset())


@dataclass(frozen=True, slots=True)
class Window:
    """Minutes after midnight, start < end."""

    start: int
    end: int


def parse_window(text: str) -> Window:
    """'HH:MM-HH:MM' to a window; ValueError names what is wrong."""
    try:
        a, b = text.strip().split("-")
        sh, sm = (int(x) for x in a.split(":"))
        eh, em = (int(x) for x in b.split(":"))
    except ValueError as exc:
        raise ValueError("expected HH:MM-HH:MM") from exc
    if not (0 <= sh <= 23 and 0 <= eh <= 24 and 0 <= sm <= 59 and 0 <= em <= 59):
        raise ValueError("hours 0-24, minutes 0-59")
    w = Window(sh * 60 + sm, eh * 60 + em)
    if w.start >= w.end:
        raise ValueError("the window must end after it starts")
    return w


def window_text(w: Window) -> str:
    return f"{w.start // 60:02d}:{w.start % 60:02d}-{w.end // 60:02d}:{w.end % 60:02d}"


@dataclass(frozen=True, slots=True)
class VolunteerFacts:
    lat: float
    lon: float
    skills: frozenset[str]
    weekdays: frozenset[int]  # 1 = Monday; empty: not declared (any day)
    windows: tuple[Window, ...]  # empty: any time
    radius_km: float


@dataclass(frozen=True, slots=True)
class TaskFacts:
    id: str
    kind: str
    due_on: date
    window: Window | None
    lat: float  # the village's centre: a task is placed no finer than its village
    lon: float


@dataclass(frozen=True, slots=True)
class Fit:
    task_id: str
    distance_km: float
    fits: bool
    # Why not, as codes: SKILL, DAY, TIME, DISTANCE (empty when it fits).
    misses: tuple[str, ...]


def _overlaps(a: Window, b: Window) -> bool:
    return a.start < b.end and b.start < a.end


def fit(volunteer: VolunteerFacts, task: TaskFacts) -> Fit:
    misses: list[str] = []
    skill = TASK_SKILL.get(task.kind)
    if skill is not None and skill not in volunteer.skills:
        misses.append("SKILL")
    if volunteer.weekdays and task.due_on.isoweekday() not in volunteer.weekdays:
        misses.append("DAY")
    if (
        task.window is not None
        and volunteer.windows
        and not any(_overlaps(task.window, w) for w in volunteer.windows)
    ):
        misses.append("TIME")
    km = haversine_km(volunteer.lat, volunteer.lon, task.lat, task.lon)
    if km > volunteer.radius_km:
        misses.append("DISTANCE")
    return Fit(task.id, round(km, 1), not misses, tuple(misses))


def tasks_that_fit(volunteer: VolunteerFacts, tasks: Sequence[TaskFacts]) -> list[Fit]:
    """The fitting tasks, soonest due first, then nearest."""
    due = {t.id: t.due_on for t in tasks}
    fits = [f for f in (fit(volunteer, t) for t in tasks) if f.fits]
    return sorted(fits, key=lambda f: (due[f.task_id], f.distance_km, f.task_id))
