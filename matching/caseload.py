"""assign_caseload: one responsible worker per household (一对一帮扶, 个案负责制).

Hard rules: weighted load <= limit, road distance (great circle x detour factor) <= the
worker's reach, no conflict-of-interest pair, every required skill, nobody on leave.
Objective, lexicographic: covered priority, then continuity, then balance (no worker far
above the station's utilisation, `matching.balance`), then travel, then fit
(`matching.objective` proves the folding of levels into integer keys exact).

Solvers, chosen by `settings.solver` ("auto"):
- first the splittable relaxation by min-cost flow (`matching.transport`): exact whenever
  it comes out integral, which it always does with unit loads, at any size;
- otherwise, up to `cpsat_max_households`: CP-SAT (`matching.exact`), started from the
  repaired flow plan and capped by the relaxation's bound, so usually proven at once;
- larger: the repaired flow plan, with the relaxation as its bound and the gap.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import numpy.typing as npt
from ortools.init.python import init as ortools_init

from matching.arcs import Arcs, Indexed, build_arcs, index_problem
from matching.balance import overflow_of, spread
from matching.exact import ExactOutcome, solve_exact
from matching.explain import moves, pairings, unassigned
from matching.fingerprint import input_hash
from matching.model import (
    CaseloadPlan,
    CaseloadProblem,
    LevelValues,
    ObjectiveLevel,
    SolveStatus,
    WorkloadBalance,
)
from matching.objective import levels_of
from matching.transport import FlowOutcome, balance_target, balance_thresholds, solve_by_flow

IntArray = npt.NDArray[np.int64]

MATCHING_VERSION = "1.1"  # 1.1: an unmet sex request no worker could meet counts in fit
SOLVER_VERSION = (
    f"bangfu-matching {MATCHING_VERSION}; ortools {ortools_init.OrToolsVersion.version_string()}"
)
_NOTE_LIST = 10  # name at most this many workers in one note


def assign_caseload(problem: CaseloadProblem) -> CaseloadPlan:
    started = time.perf_counter()
    s = problem.settings
    ix = index_problem(problem)
    notes = scope_notes(ix, problem)
    arcs = build_arcs(
        ix,
        detour=s.detour_factor,
        limit=s.candidate_limit,
        fit=(s.language_weight, s.sex_weight),
        threads=max(1, s.search_workers),
    )
    max_fit = s.language_weight + s.sex_weight
    kept = (ix.current[arcs.h] == arcs.w).astype(np.int64)
    if arcs.restricted:
        notes.append(
            f"candidates restricted: each household may go to its {s.candidate_limit} "
            "nearest workers that could take it, plus its current one"
        )
    reachable = len(np.unique(arcs.h))
    independent = s.solver == "cpsat" and not s.cpsat_warm_start
    margin = s.balance_margin
    budget = s.balance_travel_budget
    fo = None if independent else solve_by_flow(ix, arcs, max_fit, margin, budget)
    use_cpsat = len(arcs.h) > 0 and (
        s.solver == "cpsat"
        or (
            s.solver == "auto"
            and fo is not None
            and not fo.exact
            and reachable <= s.cpsat_max_households
        )
    )
    if use_cpsat:
        ex = solve_exact(
            ix,
            arcs,
            max_fit=max_fit,
            time_limit_s=s.time_limit_s,
            seed=s.seed,
            workers=s.search_workers,
            start=fo.assign if fo is not None else None,
            lp=fo.lp if fo is not None else None,
            tiers=fo.tiers if fo is not None else balance_thresholds(ix, arcs, margin),
            balance_km=fo.balance_km if fo is not None else None,
        )
        assign = ex.assign
        levels = _levels(ix, arcs, kept, assign, ex.travel_unit_m)
        bound = _exact_bound(levels, ex, fo.bound if fo is not None else None)
        solver = "cp-sat"
    else:
        fo = fo if fo is not None else solve_by_flow(ix, arcs, max_fit, margin, budget)
        assign = fo.assign
        levels = _levels(ix, arcs, kept, assign, fo.lp.unit_m)
        bound = levels if fo.exact else fo.bound
        solver = "min-cost-flow" if fo.exact else "min-cost-flow relaxation + repair"
        if fo.split:
            notes.append(
                f"weighted loads: the relaxation split {fo.split} households; they were "
                "placed whole and the weight-1 households re-optimised around them"
            )
    if fo is not None and fo.lp.unit_m > 1:
        notes.append(f"travel measured in {fo.lp.unit_m} m units to fit int64 costs")
    balance = _balance(ix, arcs, assign, fo, margin)
    if use_cpsat and ex.overflow_bound is not None:
        # CP-SAT's proven bound on the balance stage, or the relaxation's if higher.
        known = [b for b in (balance.overflow_bound, ex.overflow_bound) if b is not None]
        balance = replace(balance, overflow_bound=max(known))
    status, level, value, bound_value, gap = compare(levels, bound, balance)
    return CaseloadPlan(
        pairings=pairings(ix, arcs, assign, balance.target),
        unassigned=unassigned(ix, arcs, assign, detour=s.detour_factor, limit=s.candidate_limit),
        status=status,
        objective=value,
        bound=bound_value,
        gap=gap,
        gap_level=level,
        levels=levels,
        bound_levels=bound,
        seconds=time.perf_counter() - started,
        solver=solver,
        solver_version=SOLVER_VERSION,
        restricted_candidates=arcs.restricted,
        moves=moves(ix, arcs, assign, s.detour_factor),
        input_hash=input_hash(problem),
        settings=s,
        notes=tuple(notes),
        balance=balance,
    )


def _balance(
    ix: Indexed, arcs: Arcs, assign: IntArray, fo: FlowOutcome | None, margin: float | None
) -> WorkloadBalance:
    """The plan's utilisation spread, and what the balance stage cost in travel (on the
    relaxation, where it was measured: exact for unit loads)."""
    on = assign >= 0
    load = np.bincount(assign[on], weights=ix.weight[on], minlength=ix.m).astype(np.int64)
    extra = unbalanced = overflow_bound = None
    cuts = fo.tiers if fo is not None else balance_thresholds(ix, arcs, margin)
    overflow = overflow_of(cuts, load) if cuts is not None else 0
    traded = fo.balance_km if fo is not None else None
    if cuts is not None and fo is not None and traded is None:
        # Traded against travel, balance is no level of its own to prove (see
        # `matching.trade`); fully balanced, the relaxation's optimum bounds it.
        overflow_bound = fo.lp.overflow
    target = balance_target(ix, arcs, margin)
    if fo is not None and fo.unbalanced_travel_km is not None:
        unbalanced = fo.unbalanced_travel_km
        balanced = fo.bound.travel_km
        extra = 100.0 * (balanced - unbalanced) / unbalanced if unbalanced > 0 else 0.0
    return spread(
        ix.capacity,
        ix.eligible,
        load,
        target=target,
        extra_travel_pct=extra,
        travel_km_unbalanced=unbalanced,
        overflow=overflow,
        overflow_bound=overflow_bound,
        traded_km_per_unit=traded,
    )


def _levels(
    ix: Indexed, arcs: Arcs, kept: IntArray, assign: IntArray, unit_m: int = 1
) -> LevelValues:
    chosen = (arcs.w == assign[arcs.h]).astype(np.float64)
    return levels_of(
        arc_h=arcs.h,
        arc_km=arcs.km,
        arc_fit=arcs.fit,
        arc_kept=kept,
        priority=ix.priority,
        share=chosen,
        unit_m=unit_m,
    )


def _exact_bound(levels: LevelValues, ex: ExactOutcome, relaxed: LevelValues | None) -> LevelValues:
    """Bounds CP-SAT proved: a stage not proven optimal bounds its upper level by its
    best bound over the scale (the lower level's total stays below one scale unit)."""
    if not ex.proven[0]:
        top = float(np.floor(ex.bound1 / ex.scale_a))
        if relaxed is not None:
            top = min(top, relaxed.covered_priority)
        return replace(levels, covered_priority=top)
    if not ex.proven[1]:
        travel = 0.0 if not np.isfinite(ex.bound2) else float(np.floor(ex.bound2 / ex.scale_c))
        travel *= ex.travel_unit_m / 1000.0
        return replace(levels, travel_km=min(levels.travel_km, travel), fit_penalty=0.0)
    return levels


_ORDER: tuple[tuple[ObjectiveLevel, str, bool], ...] = (
    ("priority", "covered_priority", True),
    ("continuity", "kept", True),
    ("travel", "travel_km", False),
    ("fit", "fit_penalty", False),
)


def compare(
    levels: LevelValues, bound: LevelValues, balance: WorkloadBalance | None = None
) -> tuple[SolveStatus, ObjectiveLevel, float, float, float]:
    """Status, the first level not proven optimal, its value, bound and relative gap. The
    balance level (tiered overflow) sits between continuity and travel."""
    for level, name, maximise in _ORDER:
        if level == "travel" and balance is not None and balance.overflow_bound is not None:
            value, limit = float(balance.overflow), balance.overflow_bound
            if value - limit > 1e-6:
                # An overflow count has no natural scale (its bound is often 0): the gap
                # is the excess over the bound as a share of the caseload placed.
                gap = (value - limit) / max(balance.load, 1.0)
                return "FEASIBLE", "balance", value, limit, gap
        value, limit = float(getattr(levels, name)), float(getattr(bound, name))
        short = (limit - value) if maximise else (value - limit)
        if short > 1e-9 * max(1.0, abs(limit)):
            gap = abs(value - limit) / max(abs(value), abs(limit), 1e-12)
            return "FEASIBLE", level, value, limit, gap
    return "OPTIMAL", "travel", levels.travel_km, bound.travel_km, 0.0


def scope_notes(ix: Indexed, problem: CaseloadProblem) -> list[str]:
    """Plan-level messages about the input: nothing here stops a plan."""
    notes: list[str] = []
    if not ix.workers:
        notes.append("no workers in scope")
    elif not ix.eligible.any():
        notes.append("no worker in scope can take households (all on leave or limit 0)")
    zero = [w.id for w in ix.workers if w.capacity <= 0 and not w.on_leave]
    notes += _listed(zero, "worker {} has limit 0", "{} more workers have limit 0")
    leave = [w.id for w in ix.workers if w.on_leave]
    notes += _listed(
        leave, "worker {} is on leave: their households are re-planned",
        "{} more workers are on leave",
    )  # fmt: skip
    no_loc = int((~ix.located).sum())
    if no_loc:
        notes.append(f"{no_loc} households have no location and cannot be planned")
    unknown = sum(
        1
        for h in ix.households
        if h.current_worker_id and h.current_worker_id not in ix.worker_index
    )
    if unknown:
        notes.append(f"{unknown} households have a current worker outside this scope")
    stray = sum(
        1 for w, h in problem.conflicts if w not in ix.worker_index or h not in ix.household_index
    )
    if stray:
        notes.append(f"{stray} conflict pairs name workers or households outside the scope")
    if not ix.households:
        notes.append("no households in scope")
    return notes


def _listed(ids: list[str], one: str, rest: str) -> list[str]:
    out = [one.format(i) for i in ids[:_NOTE_LIST]]
    if len(ids) > _NOTE_LIST:
        out.append(rest.format(len(ids) - _NOTE_LIST))
    return out
