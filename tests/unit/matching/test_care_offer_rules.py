"""Which due care visits are offered to volunteers: by the warning level's cadence, from the
lead on, only within some volunteer's radius, one offer per household."""

from __future__ import annotations

from datetime import date, timedelta

from matching.care_offers import (
    LEAD_DAYS,
    FollowedHousehold,
    Neighbour,
    care_offers,
    care_visit_due,
)

TODAY = date(2026, 12, 3)
NEAR = Neighbour(lat=25.0, lon=102.7, radius_km=5.0)


def _household(hid: str, level: str | None, last: date | None, **kw: object) -> FollowedHousehold:
    values: dict[str, object] = {
        "household_id": hid,
        "worker_id": "w1",
        "warning_level": level,
        "last_visit": last,
        "started_on": TODAY - timedelta(days=60),
        "lat": 25.01,
        "lon": 102.7,
    }
    values.update(kw)
    return FollowedHousehold(**values)  # type: ignore[arg-type]


def test_the_redder_the_sooner() -> None:
    last = TODAY - timedelta(days=10)
    assert care_visit_due(_household("h", "RED", last)) == last + timedelta(days=7)
    assert care_visit_due(_household("h", "ORANGE", last)) == last + timedelta(days=14)
    assert care_visit_due(_household("h", None, last)) == last + timedelta(days=30)


def test_offered_from_the_lead_on_and_overdue_ones_today() -> None:
    red_overdue = _household("a", "RED", TODAY - timedelta(days=10))
    within_lead = _household("b", "ORANGE", TODAY - timedelta(days=14 - LEAD_DAYS))
    not_yet = _household("c", "ORANGE", TODAY - timedelta(days=14 - LEAD_DAYS - 1))
    offers = {
        o.household_id: o for o in care_offers([red_overdue, within_lead, not_yet], [NEAR], TODAY)
    }
    assert set(offers) == {"a", "b"}
    assert offers["a"].due_on == TODAY and offers["a"].cycle_due == TODAY - timedelta(days=3)
    assert offers["b"].due_on == TODAY + timedelta(days=LEAD_DAYS)


def test_only_where_a_volunteer_reaches_and_once_per_household() -> None:
    far = _household("far", "RED", TODAY - timedelta(days=10), lat=26.0)
    twice = [
        _household("h", "RED", TODAY - timedelta(days=10), worker_id="w2"),
        _household("h", "RED", TODAY - timedelta(days=10), worker_id="w1"),
    ]
    offers = care_offers([far, *twice], [NEAR], TODAY)
    assert [(o.household_id, o.worker_id) for o in offers] == [("h", "w1")]
    assert care_offers(twice, [], TODAY) == []
