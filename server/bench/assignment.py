"""`bangfu bench assignment`: the caseload optimiser on a synthetic county, against the
nearest-available greedy on the same instance in the same process."""

from __future__ import annotations

import gc
import resource
import time
from dataclasses import replace
from typing import Any

from matching import CaseloadPlan, CaseloadSettings, assign_caseload, check_caseload
from matching.greedy import greedy_caseload
from server.caseload_facts import county_problem
from server.demo.county import generate_county


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def run_assignment_bench(
    households: int,
    workers: int,
    seed: int,
    *,
    candidate_limit: int | None = 40,
    time_limit_s: float = 10.0,
) -> dict[str, Any]:
    started = time.perf_counter()
    county = generate_county(households=households, seed=seed, workers=workers)
    settings = CaseloadSettings(
        candidate_limit=candidate_limit, time_limit_s=time_limit_s, seed=seed
    )
    problem = county_problem(county, settings)
    del county  # names, people, needs: nothing the solver reads
    gc.collect()
    generated = time.perf_counter() - started
    rss_before = peak_rss_mb()
    plan = assign_caseload(problem)
    rss_solver = peak_rss_mb()
    greedy = greedy_caseload(problem)
    violations = check_caseload(problem, plan)
    # The same solve without the balance stage: what balance cost in travel, on the plan.
    plain = assign_caseload(replace(problem, settings=replace(settings, balance_margin=None)))
    balance = plan.balance
    return {
        "solver": plan.solver,
        "status": plan.status,
        "objective": plan.objective,
        "bound": plan.bound,
        "gap": plan.gap,
        "seconds": round(plan.seconds, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "households": len(problem.households),
        "workers": len(problem.workers),
        "assigned": len(plan.pairings),
        "unassigned": len(plan.unassigned),
        "travel_km": round(plan.levels.travel_km, 3),
        "covered_priority": plan.levels.covered_priority,
        "greedy_travel_km": round(greedy.levels.travel_km, 3),
        "greedy_covered_priority": greedy.levels.covered_priority,
        "utilisation_max": balance.utilisation_max if balance else None,
        "utilisation_mean": balance.utilisation_mean if balance else None,
        "utilisation_min": balance.utilisation_min if balance else None,
        "utilisation_stddev": balance.utilisation_stddev if balance else None,
        "balance_extra_travel_pct": _extra_pct(plan, plain),
        # extras
        "seed": seed,
        "gap_level": plan.gap_level,
        "gap_pct": round(100.0 * plan.gap, 4),
        "candidate_limit": candidate_limit,
        "restricted_candidates": plan.restricted_candidates,
        "greedy_assigned": len(greedy.pairings),
        "greedy_seconds": round(greedy.seconds, 3),
        "travel_vs_greedy": _ratio(plan, greedy),
        "violations": len(violations),
        "generate_seconds": round(generated, 3),
        "peak_rss_before_solve_mb": round(rss_before, 1),
        "peak_rss_after_solve_mb": round(rss_solver, 1),
        "notes": list(plan.notes),
        "balance_target": balance.target if balance else None,
        "balance_extra_travel_pct_relaxation": balance.extra_travel_pct if balance else None,
        "unbalanced_travel_km": round(plain.levels.travel_km, 3),
        "unbalanced_utilisation_max": plain.balance.utilisation_max if plain.balance else None,
        "unbalanced_utilisation_stddev": (
            plain.balance.utilisation_stddev if plain.balance else None
        ),
        "balance_travel_budget_pct": (
            None
            if settings.balance_travel_budget is None
            else round(100.0 * settings.balance_travel_budget, 3)
        ),
        "balance_traded_km_per_unit": balance.traded_km_per_unit if balance else None,
        "unbalanced_seconds": round(plain.seconds, 3),
    }


def _extra_pct(plan: CaseloadPlan, plain: CaseloadPlan) -> float | None:
    base = plain.levels.travel_km
    return round(100.0 * (plan.levels.travel_km - base) / base, 3) if base > 0 else None


def _ratio(plan: CaseloadPlan, greedy: CaseloadPlan) -> float | None:
    base = greedy.levels.travel_km
    return round(plan.levels.travel_km / base, 4) if base > 0 else None
