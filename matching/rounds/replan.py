"""Re-planning a round mid-day, and what changed between two plans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from matching.rounds.model import Break, RoundPlan, VisitKind, VisitRequest, WorkerDay
from matching.rounds.planner import DEFAULT_TIME_LIMIT_S, plan_worker_day
from matching.rounds.problem import RoutingEngine


def replan(
    day: WorkerDay,
    previous: RoundPlan,
    visits: Sequence[VisitRequest],
    *,
    now: int,
    emergencies: Sequence[VisitRequest] = (),
    engine: RoutingEngine | None = None,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
) -> RoundPlan:
    """Visits marked done keep their place and times at the head of the round (in the
    previous plan's order); the rest and the emergencies are planned from the last place
    visited, from `now` (or when that visit ended, if later)."""
    done_ids = {v.id for v in visits if v.done}
    kept = tuple(s for s in previous.stops if s.visit_id in done_ids)
    known = {s.visit_id for s in previous.stops}
    # Done visits the old plan did not hold (made off-plan) are kept after the planned ones.
    by_id = {v.id: v for v in visits}
    last_place = day.start
    for s in kept:
        place = by_id[s.visit_id].location if s.visit_id in by_id else None
        last_place = place or last_place
    began = max([now, *(s.departure for s in kept)])
    left = [v for v in visits if not v.done]
    urgent_now = [
        replace(e, mandatory=True, priority=max(e.priority, 100), kind=VisitKind.EMERGENCY)
        for e in emergencies
    ]
    breaks = tuple(
        Break(max(b.earliest, began), b.latest, b.minutes) for b in day.breaks if b.latest >= began
    )
    rest_day = replace(
        day, start=last_place, work_start=min(began, day.work_end - 1), breaks=breaks
    )
    rest = plan_worker_day(rest_day, [*left, *urgent_now], engine=engine, time_limit_s=time_limit_s)
    extra = tuple(v.id for v in visits if v.done and v.id not in known)
    return replace(
        rest,
        stops=kept + rest.stops,
        start=previous.start,
        km=round(sum(s.km for s in kept) + rest.km, 3),
        travel_minutes=sum(s.travel_minutes for s in kept) + rest.travel_minutes,
        warnings=rest.warnings + (("DONE_OFF_PLAN",) if extra else ()),
    )


@dataclass(frozen=True, slots=True)
class StopMove:
    visit_id: str
    old_position: int | None  # 0-based; None: not in the old plan
    new_position: int | None  # None: not in the new plan
    old_start: int | None
    new_start: int | None


@dataclass(frozen=True, slots=True)
class RoundDiff:
    added: tuple[str, ...]  # in the new plan only
    removed: tuple[str, ...]  # in the old plan only (dropped now, or done off the plan)
    moved: tuple[StopMove, ...]  # in both, at another position among the common stops
    retimed: tuple[StopMove, ...]  # in both, same order, service starts at another time
    unchanged: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.moved or self.retimed)


def diff(old: RoundPlan, new: RoundPlan) -> RoundDiff:
    old_pos = {s.visit_id: i for i, s in enumerate(old.stops)}
    new_pos = {s.visit_id: i for i, s in enumerate(new.stops)}
    old_start = {s.visit_id: s.start for s in old.stops}
    new_start = {s.visit_id: s.start for s in new.stops}
    common_old = [s.visit_id for s in old.stops if s.visit_id in new_pos]
    common_new = [s.visit_id for s in new.stops if s.visit_id in old_pos]
    rank_new = {v: i for i, v in enumerate(common_new)}
    moved: list[StopMove] = []
    retimed: list[StopMove] = []
    unchanged: list[str] = []
    for i, v in enumerate(common_old):
        move = StopMove(v, old_pos[v], new_pos[v], old_start[v], new_start[v])
        if rank_new[v] != i:
            moved.append(move)
        elif old_start[v] != new_start[v]:
            retimed.append(move)
        else:
            unchanged.append(v)
    return RoundDiff(
        added=tuple(s.visit_id for s in new.stops if s.visit_id not in old_pos),
        removed=tuple(s.visit_id for s in old.stops if s.visit_id not in new_pos),
        moved=tuple(moved),
        retimed=tuple(retimed),
        unchanged=tuple(unchanged),
    )


def stops_in_order(plan: RoundPlan) -> Sequence[str]:
    return [s.visit_id for s in plan.stops]
