"""matching.approval: what stops a caseload plan's approval, one rule per test."""

from __future__ import annotations

from dataclasses import replace

from matching.approval import ApprovalFacts, NowFacts, PlanChange, ProposalFacts, plan_changes

NOW = NowFacts(
    household_version=3,
    current_worker_id=None,
    worker_version=7,
    caseload_limit=10,
    on_leave=False,
    conflict=False,
)
PROPOSAL = ProposalFacts(
    household_id="h-1",
    worker_id="w-1",
    weight=2,
    planned_household_version=3,
    planned_from_worker_id=None,
    planned_worker_version=7,
    now=NOW,
)


def facts(*proposals: ProposalFacts, **fields: object) -> ApprovalFacts:
    base = ApprovalFacts(
        proposals=proposals or (PROPOSAL,), active_loads={}, ending_matches=frozenset()
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def codes(f: ApprovalFacts) -> list[str]:
    return [c.code for c in plan_changes(f)]


def test_an_unchanged_plan_may_be_approved() -> None:
    assert plan_changes(facts()) == ()


def test_a_household_or_worker_that_is_gone() -> None:
    assert codes(facts(replace(PROPOSAL, now=None))) == ["GONE"]


def test_a_changed_household_says_both_versions() -> None:
    [change] = plan_changes(facts(replace(PROPOSAL, now=replace(NOW, household_version=4))))
    assert change == PlanChange("HOUSEHOLD_CHANGED", "h-1", "w-1", (("planned", 3), ("current", 4)))
    assert "version 3 → 4" in change.describe()


def test_a_household_now_with_another_worker() -> None:
    moved = replace(PROPOSAL, now=replace(NOW, current_worker_id="w-9"))
    [change] = plan_changes(facts(moved))
    assert change.code == "WORKER_CHANGED_HANDS" and dict(change.params)["current"] == "w-9"
    assert "now with w-9" in change.describe()


def test_a_changed_worker_only_when_the_plan_recorded_its_version() -> None:
    changed = replace(NOW, worker_version=8)
    assert codes(facts(replace(PROPOSAL, now=changed))) == ["WORKER_CHANGED"]
    unrecorded = replace(PROPOSAL, now=changed, planned_worker_version=None)
    assert codes(facts(unrecorded)) == []


def test_leave_and_a_declared_conflict() -> None:
    now = replace(NOW, on_leave=True, conflict=True)
    assert codes(facts(replace(PROPOSAL, now=now))) == ["WORKER_ON_LEAVE", "CONFLICT_DECLARED"]


def test_capacity_counts_kept_matches_and_leaves_out_those_the_plan_ends() -> None:
    loads = {"w-1": (("m-1", 5), ("m-2", 4))}  # 9 of 10 today
    over = plan_changes(facts(active_loads=loads))
    assert [(c.code, c.worker_id, dict(c.params)) for c in over] == [
        ("OVER_CAPACITY", "w-1", {"load": 11, "limit": 10})
    ]
    # the plan moves m-2 away from w-1: 5 kept + 2 added fits
    assert plan_changes(facts(active_loads=loads, ending_matches=frozenset({"m-2"}))) == ()


def test_a_wrong_selection_is_all_that_is_said() -> None:
    gone = replace(PROPOSAL, now=None)
    assert codes(facts(gone, not_in_plan=("h-7",))) == ["NOT_IN_PLAN"]


def test_a_released_match_that_changed() -> None:
    assert codes(facts(release_changed=("h-2",))) == ["MATCH_CHANGED"]
