"""Exact caseload by CP-SAT, for station-sized problems (hundreds of households).

Stages, as in `matching.objective`: maximise A * priority + kept, then fix that value
and (with balance thresholds, `matching.balance`) minimise the tiered overflow above the
target utilisation, then fix that and minimise C * travel + fit. Each stage starts from
the previous solution (hint).
`interleave_search` makes the two search workers deterministic: the same model gives the
same solution when the stages finish before the time limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.sat.python import cp_model

from matching.arcs import Arcs, Indexed
from matching.objective import LpBound, fold_keys, travel_units
from matching.trade import penalty, per_load_unit

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True, eq=False)
class ExactOutcome:
    assign: IntArray
    proven: tuple[bool, bool]  # stage 1 and stage 2 proven optimal
    # Proven bounds on stage keys: stage 1 (upper, maximised) and stage 2 (lower).
    bound1: float
    bound2: float
    scale_a: int
    scale_c: int
    travel_unit_m: int
    overflow_bound: float | None = None  # proven lower bound of the balance stage


def cpsat_parameters(*, time_limit_s: float, seed: int, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_time_in_seconds = max(0.01, time_limit_s)
    p.num_workers = max(1, workers)
    p.random_seed = seed
    p.interleave_search = True  # deterministic with several workers
    p.log_search_progress = False
    return solver


def solve_exact(
    ix: Indexed,
    arcs: Arcs,
    *,
    max_fit: int,
    time_limit_s: float,
    seed: int,
    workers: int,
    start: IntArray | None = None,
    lp: LpBound | None = None,
    tiers: IntArray | None = None,
    balance_km: float | None = None,
) -> ExactOutcome:
    """`start`: an assignment to begin from; `lp`: the relaxation's bound, which caps stage
    1 and, when stage 1 meets it, floors the travel of stage 2 (so a good start is often
    proven optimal at once). `balance_km`: balance traded against travel at that many km
    per unit of load (`matching.trade`): one stage minimises travel plus the weighted
    overflow, instead of the overflow first."""
    kept = (ix.current[arcs.h] == arcs.w).astype(np.int64)
    households = len(np.unique(arcs.h))
    keys = fold_keys(
        priority=ix.priority[arcs.h],
        kept=kept,
        km=arcs.km,
        fit=arcs.fit,
        cycle_households=max(1, households),
        lcm=1,
        max_fit=max_fit,
        unit_m=lp.unit_m if lp is not None else 1,
    )
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{j}") for j in range(len(arcs.h))]
    for group in _groups(arcs.h):
        model.add_at_most_one(x[j] for j in group)
    loads: dict[int, cp_model.LinearExprT] = {}
    for w, group in enumerate(_by_worker(arcs.w, ix.m)):
        if group:
            loads[w] = sum(int(ix.weight[arcs.h[j]]) * x[j] for j in group)
            model.add(loads[w] <= int(ix.capacity[w]))
    k1 = [int(v) for v in keys.stage1]
    k2 = [int(v) for v in keys.stage2]
    stage1 = sum(k1[j] * x[j] for j in range(len(x)))
    model.maximize(stage1)
    if start is not None:
        for j, v in enumerate(x):
            model.add_hint(v, bool(start[arcs.h[j]] == arcs.w[j]))
    lp_stage1 = None
    if lp is not None:
        lp_stage1 = _stage1_cap(lp, keys.scale_a, int(kept.sum()))
        model.add(stage1 <= lp_stage1)
    traded = tiers is not None and balance_km is not None
    share = time_limit_s / (3 if tiers is not None and not traded else 2)
    solver = cpsat_parameters(time_limit_s=share, seed=seed, workers=workers)
    status1 = solver.solve(model)
    if status1 not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"CP-SAT found no caseload plan: {solver.status_name(status1)}")
    chosen = [solver.boolean_value(v) for v in x]
    value1 = int(round(solver.objective_value))
    bound1 = solver.best_objective_bound
    proven1 = status1 == cp_model.OPTIMAL
    # Stage 2 keeps stage 1's value (>= : stage 1 may not be proven) and starts from it.
    model.add(stage1 >= value1)
    spent = solver.wall_time
    balanced = True  # the balance stage (if any) proven at the relaxation's optimum
    proven_b = True
    overflow_bound = None
    terms, coefs = list(x), list(k2)  # the last stage's objective
    if tiers is not None and traded:
        lam = per_load_unit(balance_km, keys.travel_unit_m, keys.scale_c, 1) or 0
        # Each unit in tier k weighs penalty(k) (`matching.trade`): threshold j adds
        # penalty(j + 1) - penalty(j) for every unit above it.
        steps = penalty(np.arange(tiers.shape[1], dtype=np.int64))
        weights = [int(v) for v in np.diff(steps)]
        # The largest overflow any plan can have, worker by worker: a bound from the whole
        # load times the top tier's weight can exceed 64 bits on a small county.
        most = sum(
            weights[j] * (int(tiers[w, -1]) - int(cut))
            for w in loads
            for j, cut in enumerate(tiers[w, :-1])
            if cut < tiers[w, -1]
        )
        ov = model.new_int_var(0, most, "overflow")
        model.add(ov == _overflow(model, loads, tiers, weights))
        terms.append(ov)
        coefs.append(lam)
        balanced = proven_b = False  # no balance level of its own: no travel floor
    elif tiers is not None:
        overflow = _overflow(model, loads, tiers)
        model.clear_hints()  # type: ignore[no-untyped-call]
        for v, was in zip(x, chosen, strict=True):
            model.add_hint(v, was)
        model.minimize(overflow)
        solver = cpsat_parameters(time_limit_s=share, seed=seed, workers=workers)
        status_b = solver.solve(model)
        spent += solver.wall_time
        if status_b in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            chosen = [solver.boolean_value(v) for v in x]
            value_b = int(round(solver.objective_value))
            proven_b = status_b == cp_model.OPTIMAL
            overflow_bound = solver.best_objective_bound
            model.add(overflow <= value_b)
            balanced = lp is not None and abs(value_b - lp.overflow) < 1e-6
        else:  # no better balance in time: keep stage 1's plan and its overflow
            proven_b = False
            balanced = False
    if lp is not None and balanced and _meets(lp, keys.scale_a, value1):
        # Same priority and continuity as the relaxation's optimum: its travel bounds ours.
        units = [int(v) for v in travel_units(arcs.km, lp.unit_m)]
        floor = math.ceil(lp.travel_units - 1e-6)
        model.add(sum(units[j] * x[j] for j in range(len(x))) >= floor)
    model.clear_hints()  # type: ignore[no-untyped-call]  # a variable takes one hint
    for v, was in zip(x, chosen, strict=True):
        model.add_hint(v, was)
    model.minimize(cp_model.LinearExpr.weighted_sum(terms, coefs))
    left = max(share, time_limit_s - spent)
    solver = cpsat_parameters(time_limit_s=left, seed=seed, workers=workers)
    status2 = solver.solve(model)
    bound2 = -math.inf
    proven2 = False
    if status2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = [solver.boolean_value(v) for v in x]
        # Travel is bounded only among plans as balanced as this one: with the balance
        # stage unproven there is no travel bound.
        bound2 = solver.best_objective_bound if proven_b else -math.inf
        proven2 = (proven_b or traded) and status2 == cp_model.OPTIMAL
    elif status2 != cp_model.UNKNOWN:  # stage 1's plan satisfies stage 2: a bug
        raise RuntimeError(f"CP-SAT stage 2 returned {solver.status_name(status2)}")
    assign = np.full(ix.n, -1, dtype=np.int64)
    on = np.flatnonzero(np.array(chosen, dtype=bool))
    assign[arcs.h[on]] = arcs.w[on]
    return ExactOutcome(
        assign=assign,
        proven=(proven1, proven2),
        bound1=bound1,
        bound2=bound2,
        scale_a=keys.scale_a,
        scale_c=keys.scale_c,
        travel_unit_m=keys.travel_unit_m,
        overflow_bound=overflow_bound,
    )


def _overflow(
    model: cp_model.CpModel,
    loads: dict[int, cp_model.LinearExprT],
    tiers: IntArray,
    weights: list[int] | None = None,
) -> cp_model.LinearExprT:
    """Sum over workers and tiers k >= 1 of max(0, load - threshold k-1): a unit of load
    in tier k counts k times, as on the flow network's tier arcs (with `weights`, the
    part above threshold j counts weights[j] times)."""
    parts = []
    for w, load in loads.items():
        cap = int(tiers[w, -1])
        for j, cut in enumerate(int(c) for c in tiers[w, :-1]):
            if cut >= cap:
                break
            o = model.new_int_var(0, cap - cut, f"o{w}_{cut}")
            model.add(o >= load - cut)
            parts.append(o if weights is None else weights[j] * o)
    return sum(parts)


def _stage1_cap(lp: LpBound, scale_a: int, kept_arcs: int) -> int:
    """An upper bound on A * priority + kept for integer plans. Lexicographically they are
    at most (P, K) of the relaxation; when P is fractional an integer plan has at most
    floor(P) priority and any continuity."""
    p = lp.priority
    if abs(p - round(p)) < 1e-6:
        return scale_a * round(p) + math.floor(lp.kept + 1e-6)
    return scale_a * math.floor(p) + kept_arcs


def _meets(lp: LpBound, scale_a: int, value1: int) -> bool:
    p, k = lp.priority, lp.kept
    integral = abs(p - round(p)) < 1e-6 and abs(k - round(k)) < 1e-6
    return integral and value1 == scale_a * round(p) + round(k)


def _groups(keys: IntArray) -> list[list[int]]:
    """Runs of equal values in a sorted array, as index lists."""
    if len(keys) == 0:
        return []
    cuts = np.flatnonzero(np.diff(keys)) + 1
    return [list(range(a, b)) for a, b in zip([0, *cuts], [*cuts, len(keys)], strict=True)]


def _by_worker(w: IntArray, m: int) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in range(m)]
    for j, wj in enumerate(w.tolist()):
        out[wj].append(j)
    return out
