"""Which care tasks fit a volunteer, and the task and grid report lifecycles."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching import care_tasks as ct
from matching import grid_reports as gr

HOME = (37.90, 112.00)
MONDAY = date(2026, 12, 7)


def _volunteer(**kw: object) -> ct.VolunteerFacts:
    values: dict[str, object] = {
        "lat": HOME[0],
        "lon": HOME[1],
        "skills": frozenset({"DAILY_CARE"}),
        "weekdays": frozenset(),
        "windows": (),
        "radius_km": 5.0,
    }
    values.update(kw)
    return ct.VolunteerFacts(**values)  # type: ignore[arg-type]


def _task(
    kind: str = "COMPANY_VISIT",
    day: date = MONDAY,
    window: str | None = None,
    km_north: float = 1.0,
    task_id: str = "t1",
) -> ct.TaskFacts:
    w = ct.parse_window(window) if window else None
    return ct.TaskFacts(task_id, kind, day, w, HOME[0] + km_north / 111.2, HOME[1])


def test_a_task_near_without_a_skill_fits_anyone() -> None:
    f = ct.fit(_volunteer(), _task())
    assert f.fits and f.misses == () and f.distance_km == pytest.approx(1.0, abs=0.05)


def test_each_miss_is_named() -> None:
    v = _volunteer(weekdays=frozenset({6, 7}), windows=(ct.parse_window("14:00-18:00"),))
    f = ct.fit(v, _task(kind="HEALTH_CHECK", window="08:00-10:00", km_north=9.0))
    assert f.misses == ("SKILL", "DAY", "TIME", "DISTANCE")
    assert not f.fits


def test_an_overlapping_window_and_a_declared_day_fit() -> None:
    v = _volunteer(weekdays=frozenset({1}), windows=(ct.parse_window("09:30-12:00"),))
    assert ct.fit(v, _task(window="09:00-10:00")).fits
    assert not ct.fit(v, _task(window="12:00-13:00")).fits  # touching is not overlapping


@pytest.mark.parametrize("text", ["9-10", "10:00-09:00", "25:00-26:00", "08:60-09:00", ""])
def test_bad_windows_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        ct.parse_window(text)


@given(
    kms=st.lists(st.floats(min_value=0, max_value=30), min_size=1, max_size=12),
    days=st.lists(st.integers(min_value=0, max_value=13), min_size=12, max_size=12),
    radius=st.floats(min_value=0.5, max_value=20),
)
def test_fitting_tasks_are_within_the_radius_and_soonest_first(
    kms: list[float], days: list[int], radius: float
) -> None:
    tasks = [
        _task(km_north=km, day=MONDAY + timedelta(days=days[i]), task_id=f"t{i}")
        for i, km in enumerate(kms)
    ]
    fits = ct.tasks_that_fit(_volunteer(radius_km=radius), tasks)
    due = {t.id: t.due_on for t in tasks}
    assert all(f.distance_km <= radius + 0.05 for f in fits)
    assert [due[f.task_id] for f in fits] == sorted(due[f.task_id] for f in fits)
    kept = {f.task_id for f in fits}
    for t in tasks:  # nothing within the radius is left out
        if ct.fit(_volunteer(radius_km=radius), t).fits:
            assert t.id in kept


def test_task_transitions() -> None:
    assert ct.may_move("OPEN", "TAKEN") and ct.may_move("TAKEN", "DONE")
    assert ct.may_move("TAKEN", "OPEN")  # given back
    assert not ct.may_move("TAKEN", "TAKEN")  # a second volunteer cannot take it
    assert not ct.may_move("DONE", "OPEN") and not ct.may_move("CANCELLED", "TAKEN")
    assert not ct.may_move("OPEN", "DONE")  # recorded only once taken


def test_grid_reports_only_by_grid_roles_and_due_by_the_limit() -> None:
    assert gr.may_report("VILLAGE_CADRE") and gr.may_report("GRID_MEMBER")
    assert not gr.may_report(None) and not gr.may_report("RESIDENT")
    at = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
    due = gr.confirm_deadline(at, gr.GridReportSettings(confirm_hours=24))
    assert due == at + timedelta(hours=24)
    assert not gr.is_overdue("PENDING", due, due - timedelta(seconds=1))
    assert gr.is_overdue("PENDING", due, due)
    assert not gr.is_overdue("CONFIRMED", due, due + timedelta(days=3))
    assert gr.may_move("PENDING", "CONFIRMED") and not gr.may_move("DISMISSED", "CONFIRMED")
    with pytest.raises(ValueError):
        gr.GridReportSettings(confirm_hours=0)
