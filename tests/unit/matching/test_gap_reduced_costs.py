"""Mid-sized generalized assignment by reduced-cost restriction: the LP's reduced costs
justify leaving cells out (every assignment costs at least the LP bound plus its cells'
reduced costs), and the restricted search finds the brute-force optimum of small
instances, never over capacity, feasible whenever any assignment is."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.gap import (
    GapInstance,
    Sense,
    gap_feasible,
    gap_value,
    solve_by_reduced_costs,
    solve_gap,
)
from matching.gap_generator import generate_gap
from matching.gap_lp import lp_relaxation


@st.composite
def small_tight(draw: st.DrawFn) -> GapInstance:
    m = draw(st.integers(2, 3))
    n = draw(st.integers(2, 7))
    cells = st.lists(st.integers(1, 25), min_size=m * n, max_size=m * n)
    r = np.array(draw(cells)).reshape(m, n)
    c = np.array(draw(cells)).reshape(m, n)
    ratio = draw(st.sampled_from([0.5, 0.7, 0.8, 1.0]))
    b = np.floor(ratio * r.sum(axis=1) / m).astype(int)
    return GapInstance(
        m, n, tuple(map(tuple, c.tolist())), tuple(map(tuple, r.tolist())), tuple(b.tolist())
    )


def _all_feasible(inst: GapInstance) -> list[tuple[int, ...]]:
    every = itertools.product(range(inst.m), repeat=inst.n)
    return [a for a in every if gap_feasible(inst, a)]


def _arrays(inst: GapInstance) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.array(inst.cost), np.array(inst.resource), np.array(inst.capacity)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_tight())
def test_reduced_costs_bound_every_assignment(inst: GapInstance) -> None:
    feasible = _all_feasible(inst)
    lp = lp_relaxation(*_arrays(inst))
    if lp is None:
        assert not feasible  # an infeasible LP means no assignment fits
        return
    assert float(lp.reduced.min()) >= -1e-6
    for a in feasible:
        cells = sum(float(lp.reduced[i, j]) for j, i in enumerate(a))
        assert gap_value(inst, a) >= lp.bound + cells - 1e-6


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_tight(), st.sampled_from(["min", "max"]))
def test_restricted_search_reaches_the_brute_force_optimum(inst: GapInstance, sense: Sense) -> None:
    feasible = _all_feasible(inst)
    res = solve_by_reduced_costs(inst, sense, time_limit_s=5, workers=1)
    if not feasible:
        assert res.value is None
        return
    assert res.value is not None and gap_feasible(inst, res.assignment)
    values = [gap_value(inst, a) for a in feasible]
    best = max(values) if sense == "max" else min(values)
    # Tiny problems are proven within the limit: widening covers every improving cell.
    assert res.status == "OPTIMAL" and res.value == best and res.bound == best


def test_type_c_20_by_200_feasible_near_its_bound() -> None:
    # OR-Library's c20200 size, which goes to the restricted search (4,000 cells).
    inst = generate_gap("C", 200, 20, seed=3)
    res = solve_gap(inst, sense="min", time_limit_s=3)
    assert res.value is not None and gap_feasible(inst, res.assignment)
    assert res.bound is not None and res.bound <= res.value <= 1.02 * res.bound
