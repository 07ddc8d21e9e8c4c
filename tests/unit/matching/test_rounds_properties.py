"""Properties of every planned round: windows kept, travel consistent, pinned order kept,
nothing left out without a reason; and the station, re-plan and diff behaviours."""

from __future__ import annotations

import math
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rounds_builders import at, day, visit

from matching.rounds import (
    StopWarning,
    TimeWindow,
    VisitKind,
    VisitRequest,
    diff,
    plan_station_day,
    plan_worker_day,
    replan,
)
from matching.rounds.travel import leg_minutes


@st.composite
def days_of_visits(draw: st.DrawFn) -> list[VisitRequest]:
    n = draw(st.integers(1, 9))
    out = []
    for i in range(n):
        windows: tuple[TimeWindow, ...] = ()
        if draw(st.booleans()):
            open_ = draw(st.integers(8 * 60, 15 * 60))
            windows = (TimeWindow(open_, open_ + draw(st.integers(0, 180))),)
        place = (
            None
            if draw(st.integers(0, 9)) == 0
            else at(draw(st.floats(-5, 5)), draw(st.floats(-5, 5)))
        )
        out.append(
            visit(
                i,
                place,
                minutes=draw(st.integers(5, 90)),
                windows=windows,
                priority=draw(st.integers(0, 100)),
                pinned=draw(st.integers(0, 3)) == 0,
                deadline=draw(st.one_of(st.none(), st.integers(7 * 60, 17 * 60))),
            )
        )
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(days_of_visits())
def test_every_round_keeps_windows_travel_pins_and_reasons(visits: list[VisitRequest]) -> None:
    d = day()
    plan = plan_worker_day(d, visits, time_limit_s=0.05)
    by_id = {v.id: v for v in visits}
    planned = [s.visit_id for s in plan.stops]
    dropped = [x.visit_id for x in plan.dropped]
    # Nothing left out without a reason, nothing twice.
    assert sorted(planned + dropped) == sorted(by_id)
    assert all(x.reason for x in plan.dropped)
    prev_place, prev_departure = d.start, d.work_start
    for s in plan.stops:
        v = by_id[s.visit_id]
        # Service never starts before a window opens (nor before reaching the door).
        assert s.start >= s.arrival
        if v.windows and v.location is not None:
            assert any(w.start <= s.start <= w.end for w in v.windows)
        # Arrival = leaving the previous stop + travel (no break configured here).
        assert s.arrival == prev_departure + s.travel_minutes
        if v.location is not None and prev_place is not None:
            # (km is reported to the metre: the minutes come from the unrounded distance)
            low, high = (leg_minutes(max(0.0, s.km + e), d.speed_kmh) for e in (-5e-4, 5e-4))
            assert low <= s.travel_minutes <= high
        else:
            assert s.travel_minutes == 0 and StopWarning.NO_COORDINATES in s.warnings
        assert s.departure == s.start + v.service_minutes
        prev_place, prev_departure = v.location, s.departure
    # Pinned visits keep their given order.
    pinned = [v.id for v in visits if v.pinned and v.location is not None and v.id in planned]
    assert [p for p in planned if p in pinned] == pinned
    # Households without coordinates come last.
    unplaced = [i for i, s in enumerate(plan.stops) if by_id[s.visit_id].location is None]
    assert unplaced == list(range(len(plan.stops) - len(unplaced), len(plan.stops)))


def test_an_urgent_visit_goes_to_a_colleague_who_can_make_its_deadline() -> None:
    far_worker = replace(day(worker="w1"), start=at(20, 0))
    near_worker = replace(day(worker="w2"), start=at(0, 0))
    urgent = visit(0, at(0.5, 0.5), deadline=8 * 60 + 20, worker_id="w1", priority=100)
    routine = [visit(i, at(19, i * 0.3), worker_id="w1") for i in range(1, 4)]
    own = [visit(i, at(-1, i * 0.3), worker_id="w2") for i in range(4, 6)]
    plan = plan_station_day([far_worker, near_worker], [urgent, *routine, *own], time_limit_s=0.3)
    w1, w2 = plan.rounds
    assert {s.visit_id for s in w1.stops} == {"v1", "v2", "v3"}  # routine stays with w1
    taken = next(s for s in w2.stops if s.visit_id == "v0")
    assert StopWarning.REASSIGNED in taken.warnings
    assert taken.responsible_worker_id == "w1"
    assert taken.late is None
    # When the responsible worker can make it, the visit stays.
    near_plan = plan_station_day(
        [replace(far_worker, start=at(0.4, 0.4)), near_worker],
        [urgent, *own],
        time_limit_s=0.2,
    )
    assert [s.visit_id for s in near_plan.rounds[0].stops] == ["v0"]


def test_replan_keeps_done_visits_inserts_the_emergency_and_shows_the_difference() -> None:
    d = day()
    visits = [visit(i, at(math.cos(i) * 3, math.sin(i) * 3)) for i in range(8)]
    first = plan_worker_day(d, visits, time_limit_s=0.2)
    done_ids = [s.visit_id for s in first.stops[:3]]
    now = first.stops[2].departure + 5
    marked = [replace(v, done=v.id in done_ids) for v in visits]
    emergency = VisitRequest(
        "e1", "h99", at(-2, -2), VisitKind.EMERGENCY, 45, deadline=now + 60, priority=100
    )
    second = replan(d, first, marked, now=now, emergencies=[emergency], time_limit_s=0.2)
    assert [s.visit_id for s in second.stops[:3]] == done_ids
    assert second.stops[:3] == first.stops[:3]
    assert "e1" in [s.visit_id for s in second.stops]
    assert all(s.arrival >= now for s in second.stops[3:])
    change = diff(first, second)
    assert change.added == ("e1",)
    assert change.changed
    assert set(done_ids) <= set(change.unchanged)
    assert set(change.unchanged) | {m.visit_id for m in change.moved + change.retimed} | set(
        change.added
    ) == {s.visit_id for s in second.stops}
