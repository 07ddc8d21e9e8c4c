"""Priority weights and the county -> facts conversion."""

from __future__ import annotations

import itertools

from matching.priority import PrioritySettings, household_priority, warning_order
from server.caseload_facts import caseload_problem, county_problem, household_weight
from server.demo.county import generate_county

GROUPS = ("ELDERLY", "CHILD", "DISABLED", "LEFT_BEHIND_CHILD", "LEFT_BEHIND_ELDER")


def test_warning_colours_in_order() -> None:
    assert warning_order() == ("RED", "ORANGE", "YELLOW", "BLUE", "NONE")
    values = [household_priority(warning=w) for w in warning_order()]
    assert values == sorted(values, reverse=True) and len(set(values)) == 5


def test_a_red_household_outweighs_any_other_single_household() -> None:
    red = household_priority(warning="RED", dibao_class="C")
    best_other = max(
        household_priority(warning=w, dibao_class=c, tier=t, special_groups=g)
        for w in ("NONE", "BLUE", "YELLOW", "ORANGE")
        for c, t in (("A", "DIBAO"), ("B", "DIBAO"), (None, "EXTREME"))
        for g in (GROUPS, ())
    )
    assert red > best_other


def test_special_groups_and_class_a_raise_priority() -> None:
    base = household_priority(warning="YELLOW")
    assert household_priority(warning="YELLOW", special_groups=("CHILD",)) > base
    assert household_priority(warning="YELLOW", dibao_class="A") > base
    capped = household_priority(warning="YELLOW", special_groups=GROUPS)
    assert capped == base + PrioritySettings().special_groups_cap


def test_settings_drive_the_weights() -> None:
    flat = PrioritySettings(warning={"NONE": 1, "RED": 1}, special_groups={}, class_a=0)
    assert household_priority(warning="RED", dibao_class="A", settings=flat) == 1


def test_county_facts_carry_no_identity_and_keep_the_rules() -> None:
    county = generate_county(households=300, seed=5, workers=8)
    problem = county_problem(county)
    assert len(problem.households) == 300 and len(problem.workers) == 8
    weights = {h.id: household_weight(h) for h in county.households}
    assert all(f.weight == weights[f.id] for f in problem.households)
    worker_ids = {w.id for w in county.workers}
    assert {w for w, _ in problem.conflicts} <= worker_ids  # volunteers' conflicts dropped
    first_h, first_w = county.households[0], county.workers[0]
    current = {first_h.id: first_w.id}
    p = caseload_problem(
        households=county.households, workers=county.workers, current=current,
        on_leave=[first_w.id],
    )  # fmt: skip
    assert next(h for h in p.households if h.id == first_h.id).current_worker_id == first_w.id
    assert [w.id for w in p.workers if w.on_leave] == [first_w.id]
    names = {h.address for h in county.households} | {w.name for w in county.workers}
    text = repr(p)
    assert not any(name in text for name in itertools.islice(names, 50))
