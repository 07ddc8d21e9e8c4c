"""A worker's day: the planner's order is the optimum on small days, and its faults are
the ones the issue names (no coordinates, late deadlines, no start place, no time)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from rounds_builders import at, brute_force, day, held_karp, plan_cost, visit

from matching.rounds import (
    Break,
    DropReason,
    LateReason,
    RoundInputError,
    StopWarning,
    TimeWindow,
    plan_worker_day,
)


@pytest.mark.parametrize("seed", range(6))
def test_up_to_eight_stops_the_plan_is_the_brute_force_optimum(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(3, 8)
    visits = []
    for i in range(n):
        windows = ()
        if rng.random() < 0.4:
            open_ = rng.randrange(8 * 60, 14 * 60, 30)
            windows = (TimeWindow(open_, open_ + rng.choice((60, 120, 180))),)
        visits.append(
            visit(i, at(rng.uniform(-4, 4), rng.uniform(-4, 4)), windows=windows, mandatory=True)
        )
    d = day()
    best = brute_force(d, visits)
    plan = plan_worker_day(d, visits, time_limit_s=0.3)
    if best is None:  # no order fits: then something must be dropped, with its reason
        assert plan.dropped
        return
    assert not plan.dropped
    assert plan_cost(d, visits, plan) == best


@pytest.mark.parametrize("seed", range(3))
def test_twelve_stops_within_a_tenth_of_a_percent_of_the_exact_tour(seed: int) -> None:
    rng = random.Random(100 + seed)
    visits = [visit(i, at(rng.uniform(-6, 6), rng.uniform(-6, 6)), minutes=15) for i in range(12)]
    d = day(speed=18.0)
    exact = held_karp(d, visits)
    plan = plan_worker_day(d, visits, time_limit_s=0.5)
    assert not plan.dropped
    assert plan_cost(d, visits, plan) <= exact * 1.001


def test_a_household_without_coordinates_is_planned_last_with_a_warning() -> None:
    visits = [visit(0, at(1, 1)), visit(1, None), visit(2, at(-1, 2))]
    plan = plan_worker_day(day(), visits, time_limit_s=0.1)
    assert [s.visit_id for s in plan.stops][-1] == "v1"
    assert StopWarning.NO_COORDINATES in plan.stops[-1].warnings
    assert "HOUSEHOLDS_WITHOUT_COORDINATES" in plan.warnings
    assert not plan.dropped


def test_an_unreachable_deadline_is_met_as_early_as_possible_and_flagged() -> None:
    far = visit(0, at(12, 0), deadline=8 * 60 + 10, priority=100)
    near = [visit(i, at(0.5 * i, 0.5)) for i in range(1, 5)]
    d = day(speed=12.0)
    plan = plan_worker_day(d, [*near, far], time_limit_s=0.2)
    first = plan.stops[0]
    assert first.visit_id == "v0"  # everything else waits
    assert first.late is LateReason.DEADLINE_UNREACHABLE
    assert first.start == d.work_start + first.travel_minutes
    overdue = plan_worker_day(d, [replace(far, deadline=-60)], time_limit_s=0.1)
    assert overdue.stops[0].late is LateReason.DEADLINE_PASSED


def test_a_worker_without_a_start_place_is_an_error_naming_the_field() -> None:
    with pytest.raises(RoundInputError) as err:
        plan_worker_day(replace(day(), start=None), [visit(0, at(1, 1))])
    assert err.value.field == "worker.start"
    assert err.value.code == "MISSING_START_LOCATION"


def test_when_the_day_is_short_low_priority_visits_go_first_each_with_a_reason() -> None:
    visits = [visit(i, at(i % 3, i // 3), minutes=60, priority=i) for i in range(8)]
    plan = plan_worker_day(day(8 * 60, 12 * 60), visits, time_limit_s=0.2)
    kept = {s.visit_id for s in plan.stops}
    dropped = {d.visit_id: d.reason for d in plan.dropped}
    assert kept | set(dropped) == {v.id for v in visits} and not kept & set(dropped)
    assert set(dropped.values()) == {DropReason.NO_TIME}
    assert min(int(v[1:]) for v in kept) > max(int(v[1:]) for v in dropped)


def test_windows_outside_the_working_day_and_unavailable_households_are_dropped() -> None:
    visits = [
        visit(0, at(1, 0), windows=(TimeWindow(18 * 60, 19 * 60),)),
        visit(1, at(0, 1), unavailable=True),
        visit(2, at(1, 1)),
    ]
    plan = plan_worker_day(day(), visits, time_limit_s=0.1)
    reasons = {d.visit_id: d.reason for d in plan.dropped}
    assert reasons == {"v0": DropReason.OUTSIDE_WINDOWS, "v1": DropReason.UNAVAILABLE_TODAY}
    assert [s.visit_id for s in plan.stops] == ["v2"]


def test_the_break_is_taken_inside_its_interval_between_visits() -> None:
    visits = [visit(i, at(i, 0), minutes=50) for i in range(1, 7)]
    d = replace(day(), breaks=(Break(12 * 60, 12 * 60 + 30, 60),))
    plan = plan_worker_day(d, visits, time_limit_s=0.3)
    gaps = [
        (a.departure, b.arrival - b.travel_minutes)
        for a, b in zip(plan.stops, plan.stops[1:], strict=False)
    ]
    assert (
        any(end - begin >= 60 and 12 * 60 <= begin <= 12 * 60 + 30 for begin, end in gaps)
        or plan.stops[-1].departure <= 12 * 60 + 30
    )
