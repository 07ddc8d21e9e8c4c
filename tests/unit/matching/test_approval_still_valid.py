"""matching.approval.still_valid and matching.cadence.first_visit_due: approval keeps what
holds, and a new pairing's first visit comes by urgency."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from matching.approval import still_valid
from matching.cadence import first_visit_due
from tests.unit.matching.test_approval import NOW, PROPOSAL, facts

TODAY = date(2026, 3, 2)


def test_a_hand_made_change_sets_aside_only_its_household() -> None:
    touched = replace(
        PROPOSAL, household_id="h-2", now=replace(NOW, current_worker_id="w-9", household_version=4)
    )
    kept, aside = still_valid(facts(PROPOSAL, touched))
    assert kept == frozenset({"h-1"})
    assert {(c.code, c.household_id) for c in aside} == {
        ("HOUSEHOLD_CHANGED", "h-2"),
        ("WORKER_CHANGED_HANDS", "h-2"),
    }


def test_a_worker_takes_proposals_in_plan_order_while_they_fit() -> None:
    second = replace(PROPOSAL, household_id="h-2")
    third = replace(PROPOSAL, household_id="h-3")
    loads = {"w-1": (("m-1", 5),)}  # 5 of 10: two more of weight 2 fit, not three
    kept, aside = still_valid(facts(PROPOSAL, second, third, active_loads=loads))
    assert kept == frozenset({"h-1", "h-2"})
    assert [(c.code, c.household_id, dict(c.params)) for c in aside] == [
        ("OVER_CAPACITY", "h-3", {"load": 11, "limit": 10})
    ]


def test_a_set_aside_transfer_keeps_its_match_in_the_old_worker_s_load() -> None:
    # h-2 was to leave w-1 (match m-1, weight 5), but it changed: m-1 stays with w-1
    leaving = replace(
        PROPOSAL,
        household_id="h-2",
        worker_id="w-2",
        from_match_id="m-1",
        planned_from_worker_id="w-1",
        now=replace(NOW, current_worker_id="w-1", on_leave=True),
    )
    arriving = replace(PROPOSAL, weight=6)
    loads = {"w-1": (("m-1", 5),)}
    kept, aside = still_valid(
        facts(leaving, arriving, active_loads=loads, ending_matches=frozenset({"m-1"}))
    )
    assert kept == frozenset()
    assert {c.code for c in aside} == {"WORKER_ON_LEAVE", "OVER_CAPACITY"}


def test_a_wrong_selection_keeps_nothing() -> None:
    kept, aside = still_valid(facts(not_in_plan=("h-7",)))
    assert kept == frozenset() and [c.code for c in aside] == ["NOT_IN_PLAN"]


def test_the_first_visit_comes_by_the_alert_then_the_level_then_a_month() -> None:
    assert first_visit_due(TODAY, warning_level="NONE") == date(2026, 4, 1)
    assert first_visit_due(TODAY, warning_level="RED") == date(2026, 3, 9)
    assert first_visit_due(TODAY, warning_level="ORANGE") == date(2026, 3, 16)
    alert = date(2026, 3, 5)
    assert first_visit_due(TODAY, warning_level="ORANGE", alert_due=alert) == alert
    # an alert already past its deadline: the visit is due today, never in the past
    assert first_visit_due(TODAY, warning_level="RED", alert_due=date(2026, 2, 20)) == TODAY
