"""The solvers against each other on station-sized random problems, re-planning after a
leave, and the bench on a small synthetic county."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from caseload_builders import at

from matching import (
    CaseloadPlan,
    CaseloadProblem,
    CaseloadSettings,
    HouseholdFact,
    WorkerFact,
    assign_caseload,
    check_caseload,
)
from matching.model import Solver
from server.bench.assignment import run_assignment_bench

BENCH_KEYS = {
    "solver", "status", "objective", "bound", "gap", "seconds", "peak_rss_mb", "households",
    "workers", "assigned", "unassigned", "travel_km", "covered_priority", "greedy_travel_km",
    "greedy_covered_priority",
}  # fmt: skip


def township(
    seed: int, *, households: int, workers: int, weighted: bool, capacity: int = 6
) -> CaseloadProblem:
    rng = np.random.default_rng(seed)
    ws = [
        WorkerFact(
            id=f"sw-{i:02d}",
            station_id="st-1",
            capacity=int(rng.integers(0, capacity + 1)),
            home=at(*rng.uniform(0, 12, 2)),
            reach_km=float(rng.choice([4.0, 8.0, 12.0])),
            skills=frozenset(rng.choice(["MEDICAL", "PSYCHOLOGICAL", "X"], 2).tolist()),
            languages=frozenset(rng.choice(["MANDARIN", "JIN"], 1).tolist()),
            sex=str(rng.choice(["M", "F"])),
        )
        for i in range(workers)
    ]
    hs = [
        HouseholdFact(
            id=f"hh-{i:03d}",
            location=at(*np.round(rng.uniform(0, 12, 2), 1)),
            weight=int(rng.integers(1, 4)) if weighted else 1,
            priority=int(rng.choice([1, 1, 1, 4, 8, 16, 32])),
            needs_skills=frozenset(["MEDICAL"]) if rng.random() < 0.2 else frozenset(),
            languages=frozenset(["JIN"]) if rng.random() < 0.3 else frozenset(),
            preferred_sex="F" if rng.random() < 0.1 else None,
            current_worker_id=f"sw-{int(rng.integers(0, workers)):02d}"
            if rng.random() < 0.4
            else None,
        )
        for i in range(households)
    ]
    conflicts = frozenset((f"sw-{int(rng.integers(0, workers)):02d}", h.id) for h in hs[:5])
    settings = CaseloadSettings(candidate_limit=None, time_limit_s=20.0)
    return CaseloadProblem(tuple(ws), tuple(hs), conflicts, settings)


def solve(p: CaseloadProblem, solver: Solver) -> CaseloadPlan:
    cold = solver == "cpsat"  # CP-SAT on its own: the solvers check each other
    q = replace(p, settings=replace(p.settings, solver=solver, cpsat_warm_start=not cold))
    plan = assign_caseload(q)
    assert check_caseload(q, plan) == ()
    return plan


@pytest.mark.parametrize("seed", range(3))
def test_flow_equals_cpsat_on_unit_loads(seed: int) -> None:
    p = township(seed, households=45, workers=7, weighted=False)
    flow, cpsat = solve(p, "flow"), solve(p, "cpsat")
    a, b = flow.levels, cpsat.levels
    assert flow.status == cpsat.status == "OPTIMAL"
    assert (a.covered_priority, a.kept) == (b.covered_priority, b.kept)
    assert math.isclose(a.travel_km, b.travel_km, abs_tol=1e-3 * 45)
    if math.isclose(a.travel_km, b.travel_km, abs_tol=1e-9):
        assert a.fit_penalty == b.fit_penalty


@pytest.mark.parametrize("seed", range(3))
def test_weighted_relaxation_bounds_the_exact_optimum(seed: int) -> None:
    p = township(seed, households=40, workers=7, weighted=True)
    flow, cpsat = solve(p, "flow"), solve(p, "cpsat")
    bound, best = flow.bound_levels, cpsat.levels
    assert cpsat.status == "OPTIMAL"
    assert bound.covered_priority >= best.covered_priority - 1e-9
    assert flow.levels.covered_priority <= best.covered_priority
    if bound.covered_priority == best.covered_priority and bound.kept == best.kept:
        assert bound.travel_km <= best.travel_km + 1e-3 * 40


@pytest.mark.parametrize("weighted", [False, True])
def test_a_worker_on_leave_moves_only_their_households(weighted: bool) -> None:
    p = township(11, households=50, workers=8, weighted=weighted, capacity=40)
    p = replace(p, conflicts=frozenset())
    today = assign_caseload(p)
    current = {x.household_id: x.worker_id for x in today.pairings}
    p = replace(
        p,
        households=tuple(replace(h, current_worker_id=current.get(h.id)) for h in p.households),
    )
    assert assign_caseload(p).moves == ()
    busiest = max(set(current.values()), key=lambda w: list(current.values()).count(w))
    away = replace(p, workers=tuple(replace(w, on_leave=w.id == busiest) for w in p.workers))
    plan = assign_caseload(away)
    theirs = {h for h, w in current.items() if w == busiest}
    assert {m.household_id for m in plan.moves} == theirs
    assert {m.reason for m in plan.moves} == {"CURRENT_WORKER_ON_LEAVE"}
    assert check_caseload(away, plan) == ()


def test_weighted_flow_is_deterministic() -> None:
    p = township(5, households=120, workers=10, weighted=True)
    a, b = solve(p, "flow"), solve(p, "flow")
    assert replace(a, seconds=0.0) == replace(b, seconds=0.0)


def test_assignment_bench_on_a_small_county() -> None:
    row = run_assignment_bench(households=400, workers=12, seed=3)
    assert set(row) >= BENCH_KEYS
    assert row["households"] == 400 and row["workers"] == 12
    assert row["assigned"] + row["unassigned"] == 400
    assert row["violations"] == 0
    assert row["covered_priority"] >= row["greedy_covered_priority"]
    # The utilisation spread and what the balance stage cost, against the same solve
    # without it.
    assert 0.0 <= row["utilisation_min"] <= row["utilisation_mean"] <= row["utilisation_max"] <= 1
    assert row["utilisation_stddev"] >= 0.0 and row["balance_travel_budget_pct"] == 2.0
    assert row["balance_extra_travel_pct"] is not None
