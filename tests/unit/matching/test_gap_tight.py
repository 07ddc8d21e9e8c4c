"""Tight generalized assignment: the priced start is feasible whenever CP-SAT proves the
instance feasible, the Lagrangian bound is a bound, and a generated instance of the size in
issue 14 comes back feasible within its limit, close to the bound."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from matching.gap import GapInstance, feasible_start, gap_feasible, gap_value, solve_gap
from matching.gap_generator import generate_gap
from matching.gap_search import lagrangian_bound, priced_start, shift_descent


@st.composite
def tight_instances(draw: st.DrawFn) -> GapInstance:
    m = draw(st.integers(2, 5))
    n = draw(st.integers(3, 24))
    cells = st.lists(st.integers(1, 30), min_size=m * n, max_size=m * n)
    r = np.array(draw(cells)).reshape(m, n)
    c = np.array(draw(cells)).reshape(m, n)
    ratio = draw(st.sampled_from([0.5, 0.6, 0.7, 0.8, 0.9]))
    b = np.floor(ratio * r.sum(axis=1) / m).astype(int)
    return GapInstance(
        m, n, tuple(map(tuple, c.tolist())), tuple(map(tuple, r.tolist())), tuple(b.tolist())
    )


def _cpsat_feasible(inst: GapInstance) -> bool:
    model = cp_model.CpModel()
    x = {(i, j): model.new_bool_var("") for i in range(inst.m) for j in range(inst.n)}
    for j in range(inst.n):
        model.add_exactly_one(x[i, j] for i in range(inst.m))
    for i in range(inst.m):
        model.add(sum(inst.resource[i][j] * x[i, j] for j in range(inst.n)) <= inst.capacity[i])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5
    solver.parameters.num_workers = 1
    return solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def _arrays(inst: GapInstance) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.array(inst.cost), np.array(inst.resource), np.array(inst.capacity)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tight_instances())
def test_start_feasible_whenever_cpsat_is(inst: GapInstance) -> None:
    c, r, b = _arrays(inst)
    rel = lagrangian_bound(c, r, b, seconds=0.5)
    priced, ok = priced_start(c, r, b, rel.prices)
    if ok:
        assert gap_feasible(inst, tuple(int(i) for i in priced))
    start = feasible_start(inst, "min", rel.prices, time_limit_s=5, workers=1)
    if start is None:
        assert not _cpsat_feasible(inst)
        return
    assert gap_feasible(inst, start)
    better = tuple(int(i) for i in shift_descent(c, r, b, np.array(start), 1.0))
    assert gap_feasible(inst, better) and gap_value(inst, better) <= gap_value(inst, start)
    # Any L(lambda) bounds every feasible assignment.
    assert rel.bound <= gap_value(inst, better) + 1e-6


@settings(max_examples=40, deadline=None)
@given(tight_instances())
def test_solver_returns_feasible_when_one_exists(inst: GapInstance) -> None:
    res = solve_gap(inst, sense="min", time_limit_s=2, workers=1)
    if res.value is None:
        assert not _cpsat_feasible(inst)
    else:
        assert gap_feasible(inst, res.assignment)
        assert res.bound is not None and res.bound <= res.value


def test_generated_tight_instance_feasible_near_bound() -> None:
    inst = generate_gap("D", 900, 30, seed=2)
    res = solve_gap(inst, sense="min", time_limit_s=3)
    assert res.value is not None and gap_feasible(inst, res.assignment)
    assert res.bound is not None and res.bound <= res.value <= 1.03 * res.bound
