"""Caseload by min-cost flow: exact for unit loads, relaxation + repair for weighted ones.

Weighted loads make the problem a generalized assignment problem (agent-independent
weights). Its splittable relaxation is a transportation problem, solved exactly (and
lexicographically) by `matching.flow`; with integer supplies and capacities the optimum is
integral in caseload units, so only households of weight >= 2 can be split, at most about
one per full worker (a basic solution is a forest). The repair:

1. keeps every heavy household the relaxation placed whole;
2. places each split household whole on the worker holding most of it (then the others it
   was split over, then its other candidates, nearest first), if that worker's heavy load
   leaves room;
3. re-solves the weight-1 households exactly (lexicographic min-cost flow, every rule)
   around the heavy ones, which moves them out of the way along cheapest chains;
4. fills what capacity is left with heavy households still out, priority first.

The relaxation's lexicographic optimum bounds every level of the result (see CaseloadPlan).
With a balance stage (`matching.balance`) the relaxation has it between continuity and
travel, and the repair's re-solve keeps it, against the thresholds less the heavy load.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.arcs import Arcs, Indexed
from matching.balance import target_of
from matching.balance import tiers as balance_tiers
from matching.flow import (
    Face,
    FlowError,
    build_network,
    covers_everyone,
    optimal_face,
    solve_lexicographic,
    solve_on_face,
)
from matching.model import LevelValues
from matching.objective import LpBound, fold_keys, levels_of, travel_units, weights_lcm
from matching.trade import BalanceTrade, penalty, per_load_unit

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# SimpleMinCostFlow multiplies costs by (nodes + 1) internally; stay clear of int64.
_COST_BITS = 61


@dataclass(frozen=True, slots=True, eq=False)
class FlowOutcome:
    assign: IntArray  # worker index per household, -1 if none
    bound: LevelValues  # the relaxation's lexicographic optimum
    exact: bool  # the relaxation was integral: assign is lexicographically optimal
    split: int  # households the relaxation split
    lp: LpBound
    tiers: IntArray | None  # the balance stage's thresholds (None: no balance stage)
    # The relaxation's travel (km) without the balance stage, on the same face.
    unbalanced_travel_km: float | None
    # Km of travel one unit of load above the target was traded at, to stay within the
    # travel budget (`matching.trade`); None: balance fully before travel.
    balance_km: float | None = None


def balance_thresholds(ix: Indexed, arcs: Arcs, margin: float | None) -> IntArray | None:
    """Thresholds for the balance stage: the station's utilisation is the weight of the
    households that some worker could take (capped at the total limit) over the limits."""
    if margin is None or len(arcs.h) == 0:
        return None
    target = balance_target(ix, arcs, margin)
    if target is None or target >= 1.0:  # nobody can be above the target: no stage
        return None
    return balance_tiers(ix.capacity, ix.eligible, target)


def balance_target(ix: Indexed, arcs: Arcs, margin: float | None) -> float | None:
    """U: the station's utilisation plus the margin, at most 1 (None: no balance stage)."""
    if margin is None or len(arcs.h) == 0:
        return None
    demand = float(ix.weight[np.unique(arcs.h)].sum())
    usable = float(np.where(ix.eligible, ix.capacity, 0).sum())
    return target_of(ix.capacity, ix.eligible, min(demand, usable), margin)


def solve_by_flow(
    ix: Indexed,
    arcs: Arcs,
    max_fit: int,
    margin: float | None = None,
    budget: float | None = None,
) -> FlowOutcome:
    if len(arcs.h) == 0:  # nobody can be paired: nothing to optimise
        none = np.full(ix.n, -1, dtype=np.int64)
        return FlowOutcome(
            none, LevelValues(0.0, 0.0, 0.0, 0.0), True, 0, LpBound(0, 0, 0, 1), None, None
        )
    kept = (ix.current[arcs.h] == arcs.w).astype(np.int64)
    # Households without a single arc stay out of the network (they are explained later).
    reachable = np.zeros(ix.n, dtype=bool)
    reachable[arcs.h] = True
    cuts = balance_thresholds(ix, arcs, margin)
    flow, unit_m, probe, overflow, traded = relaxation(
        ix, arcs, kept, reachable, ix.capacity, max_fit, cuts, budget=budget
    )
    a = len(arcs.h)
    arc_flow = flow[:a]
    bound = levels_of(
        arc_h=arcs.h,
        arc_km=arcs.km,
        arc_fit=arcs.fit,
        arc_kept=kept,
        priority=ix.priority,
        share=arc_flow / ix.weight[arcs.h],
        unit_m=unit_m,
    )
    share = arc_flow / ix.weight[arcs.h]
    lp = LpBound(
        priority=bound.covered_priority,
        kept=bound.kept,
        travel_units=float(np.sum(travel_units(arcs.km, unit_m) * share)),
        unit_m=unit_m,
        overflow=overflow,
    )
    unbalanced = None
    if probe is not None:
        probe_share = probe[:a] / ix.weight[arcs.h]
        rounded_km = travel_units(arcs.km, unit_m) * (unit_m / 1000.0)
        unbalanced = float(np.sum(rounded_km * probe_share))
    whole = np.flatnonzero(arc_flow == ix.weight[arcs.h])
    assign = np.full(ix.n, -1, dtype=np.int64)
    assign[arcs.h[whole]] = arcs.w[whole]
    left_out = flow[a : a + ix.n]
    split = np.flatnonzero(
        (np.bincount(arcs.h[arc_flow > 0], minlength=ix.n) > 1)
        | ((left_out > 0) & (left_out < ix.weight))
    )
    if len(split) == 0:
        return FlowOutcome(assign, bound, True, 0, lp, cuts, unbalanced, traded)
    assign = _repair(ix, arcs, kept, arc_flow, assign, split, max_fit, cuts, traded)
    return FlowOutcome(assign, bound, False, len(split), lp, cuts, unbalanced, traded)


def relaxation(
    ix: Indexed,
    arcs: Arcs,
    kept: IntArray,
    members: BoolArray,
    capacity: IntArray,
    max_fit: int,
    cuts: IntArray | None = None,
    *,
    measure: bool = True,
    budget: float | None = None,
    balance_km: float | None = None,
) -> tuple[IntArray, int, IntArray | None, float, float | None]:
    """Lexicographic optimum of the splittable problem for the `members` households (every
    arc must belong to one); the flow on the network's arcs, the travel unit in metres,
    and with balance thresholds `cuts` (cumulative, last column = `capacity`): the flow of
    the travel stage without the balance stage, the balance level of the flow, and the
    km one unit of balance was traded at (None: balance fully before travel). `budget`
    (a fraction) caps the travel the balance stage may add (`matching.trade`);
    `balance_km` imposes a trade already chosen."""
    weight = np.where(members, ix.weight, 0)
    net = build_network(ix.n, ix.m, arcs.h, arcs.w, weight, capacity, cuts)
    lcm = weights_lcm(ix.weight[members])
    per_unit = lcm // ix.weight
    cycle = min(int(members.sum()), ix.m + 1)
    everyone = covers_everyone(net)
    for unit_m in (1, 10, 100, 1000):
        keys = fold_keys(
            priority=ix.priority[arcs.h],
            kept=kept,
            km=arcs.km,
            fit=arcs.fit,
            cycle_households=cycle,
            lcm=lcm,
            max_fit=max_fit,
            unit_m=unit_m,
        )
        a, n = len(arcs.h), ix.n
        # Stage 1 charges the priority to leaving a household out and rewards continuity
        # on worker arcs: the same objective up to a constant, but most arcs cost 0, which
        # the cost-scaling solver finishes faster.
        s1 = np.zeros(len(net.tail), dtype=np.int64)
        s1[:a] = -kept * per_unit[arcs.h]
        s1[a : a + n] = keys.scale_a * ix.priority * per_unit
        s2 = np.zeros(len(net.tail), dtype=np.int64)
        s2[:a] = keys.stage2 * per_unit[arcs.h]
        top = max(int(np.abs(s1).max()), int(np.abs(s2).max()) if a else 0)
        if top * (net.sink + 2) < (1 << _COST_BITS):
            free = np.ones(len(net.tail), dtype=bool)
            stages = [s1, s2]
            if everyone:
                # Every optimum covers everyone: no household->T arc, and stage 1 is only
                # continuity (skipped when nobody has a current worker).
                free[a : a + n] = False
                stages = [s1, s2] if kept.any() else [s2]
            if cuts is None:
                flow, _ = solve_lexicographic(net, stages, free)
                return flow, unit_m, None, 0.0, None
            # The balance stage goes just before travel (the last stage).
            k = len(stages) - 1
            face = optimal_face(net, stages[:k], Face.whole(net, free))
            lam = per_load_unit(balance_km, unit_m, keys.scale_c, lcm)
            if lam is not None:  # the trade already chosen (the repair's re-solve)
                flow = solve_on_face(net, s2 + lam * penalty(net.balance_cost), face)
                return flow, unit_m, None, float(net.balance_cost @ flow), balance_km
            trade = BalanceTrade(net, face, s2, arcs, ix.weight, unit_m, keys.scale_c, lcm)
            flow, probe, chosen_km = trade.search(budget, measure=measure)
            return flow, unit_m, probe, float(net.balance_cost @ flow), chosen_km
    raise FlowError("costs too large for min-cost flow even with 1 km travel units")


def _repair(
    ix: Indexed,
    arcs: Arcs,
    kept: IntArray,
    arc_flow: IntArray,
    assign: IntArray,
    split: IntArray,
    max_fit: int,
    cuts: IntArray | None,
    traded: float | None,
) -> IntArray:
    heavy = ix.weight >= 2
    assign = np.where(heavy, assign, -1)
    load = _load(ix, assign)
    first = np.searchsorted(arcs.h, np.arange(ix.n))
    last = np.searchsorted(arcs.h, np.arange(ix.n), side="right")
    travel = arcs.km
    # 2. Split households, most urgent first, to the worker holding most of them.
    for h in sorted(split.tolist(), key=lambda i: (-int(ix.priority[i]), -int(ix.weight[i]), i)):
        idx = range(int(first[h]), int(last[h]))
        prefs = sorted(idx, key=lambda j: (-int(arc_flow[j]), -int(kept[j]), float(travel[j]), j))
        for j in prefs:
            w = int(arcs.w[j])
            if load[w] + ix.weight[h] <= ix.capacity[w]:
                assign[h] = w
                load[w] += ix.weight[h]
                break
    # 3. Weight-1 households, exactly, around the heavy ones.
    light = ~heavy
    light[np.setdiff1d(np.arange(ix.n), arcs.h)] = False
    sub = light[arcs.h]
    sub_arcs = Arcs(arcs.h[sub], arcs.w[sub], arcs.km[sub], arcs.fit[sub], arcs.restricted)
    sub_cuts = None if cuts is None else np.maximum(cuts - load[:, None], 0)
    flow, *_ = relaxation(
        ix,
        sub_arcs,
        kept[sub],
        light,
        ix.capacity - load,
        max_fit,
        sub_cuts,
        measure=False,
        balance_km=traded,
    )
    on = flow[: len(sub_arcs.h)] > 0
    assign[sub_arcs.h[on]] = sub_arcs.w[on]
    # 4. Whatever room is left, to heavy households still out, most urgent first.
    load = _load(ix, assign)
    out = np.flatnonzero(heavy & (assign < 0) & (last > first))
    for h in sorted(out.tolist(), key=lambda i: (-int(ix.priority[i]), i)):
        for j in range(int(first[h]), int(last[h])):
            w = int(arcs.w[j])
            if load[w] + ix.weight[h] <= ix.capacity[w]:
                assign[h] = w
                load[w] += ix.weight[h]
                break
    return assign


def _load(ix: Indexed, assign: IntArray) -> IntArray:
    on = assign >= 0
    return np.bincount(assign[on], weights=ix.weight[on], minlength=ix.m).astype(np.int64)
