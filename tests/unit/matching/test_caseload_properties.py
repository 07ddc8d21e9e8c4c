"""Property tests: every plan obeys every hard rule, and on tiny problems the solvers reach
the lexicographic optimum found by enumerating every assignment."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
from caseload_builders import FLAT, at
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from matching import (
    CaseloadPlan,
    CaseloadProblem,
    HouseholdFact,
    WorkerFact,
    assign_caseload,
    check_caseload,
    greedy_caseload,
)
from matching.balance import tiers
from matching.checks import road_km

SKILLS = ("MEDICAL", "PSYCHOLOGICAL")
LANGS = ("MANDARIN", "JIN")


@st.composite
def problems(draw: st.DrawFn, *, unit: bool = False, max_h: int = 6) -> CaseloadProblem:
    n_w = draw(st.integers(0, 3))
    n_h = draw(st.integers(0, max_h))
    coord = st.integers(0, 6)
    subset = st.frozensets(st.sampled_from(SKILLS), max_size=2)
    workers = [
        WorkerFact(
            id=f"w{i}",
            station_id="st",
            capacity=draw(st.integers(0, 4)),
            home=at(draw(coord), draw(coord)),
            reach_km=draw(st.sampled_from([3.0, 5.0, 8.0])),
            skills=draw(subset),
            languages=draw(st.frozensets(st.sampled_from(LANGS), max_size=2)),
            sex=draw(st.sampled_from(["M", "F"])),
            on_leave=draw(st.booleans()) and draw(st.booleans()),
        )
        for i in range(n_w)
    ]
    ids = [w.id for w in workers]
    households = [
        HouseholdFact(
            id=f"h{i}",
            location=None if draw(st.integers(0, 9)) == 0 else at(draw(coord), draw(coord)),
            weight=1 if unit else draw(st.integers(1, 3)),
            priority=draw(st.integers(1, 5)),
            needs_skills=draw(st.frozensets(st.sampled_from(SKILLS), max_size=1)),
            languages=draw(st.frozensets(st.sampled_from(LANGS), max_size=1)),
            preferred_sex=draw(st.sampled_from([None, None, "M", "F"])),
            current_worker_id=draw(st.sampled_from([None, None, *ids, "gone"])),
        )
        for i in range(n_h)
    ]
    pairs = [(w, h.id) for w in ids for h in households]
    conflicts = draw(st.frozensets(st.sampled_from(pairs), max_size=3)) if pairs else frozenset()
    detour = draw(st.sampled_from([1.0, 1.3]))
    return CaseloadProblem(
        tuple(workers),
        tuple(households),
        conflicts,
        replace(FLAT, detour_factor=detour),
    )


Key = tuple[float, float, float, float, float]


def options(p: CaseloadProblem, h: HouseholdFact) -> list[WorkerFact | None]:
    out: list[WorkerFact | None] = [None]
    if h.location is None:
        return out
    for w in p.workers:
        if w.on_leave or w.capacity < h.weight or (w.id, h.id) in p.conflicts:
            continue
        if h.needs_skills - w.skills:
            continue
        if road_km(h, w, p.settings.detour_factor) <= w.reach_km + 1e-6:  # as check_caseload
            out.append(w)
    return out


def key(p: CaseloadProblem, choice: dict[str, WorkerFact | None]) -> Key:
    """(priority, kept, -overflow, -travel km, -fit), the lexicographic objective to
    maximise; overflow is the balance level (load above the target, `matching.balance`)."""
    prio = kept = fit = 0
    travel = 0.0
    s = p.settings
    load = dict.fromkeys((w.id for w in p.workers), 0)
    for h in p.households:
        w = choice.get(h.id)
        if w is None:
            continue
        prio += h.priority
        kept += h.current_worker_id == w.id
        load[w.id] += h.weight
        travel += road_km(h, w, s.detour_factor)
        if h.languages and not h.languages & w.languages:
            fit += s.language_weight
        if h.preferred_sex and w.sex != h.preferred_sex:
            fit += s.sex_weight
    return (prio, kept, -overflow(p, load), -travel, -fit)


def overflow(p: CaseloadProblem, load: dict[str, int]) -> int:
    """The balance level of the loads, from the problem alone: the target is the station's
    utilisation (weight of the households someone could take, over the usable limits)
    plus the margin, the thresholds those of `matching.balance.tiers`."""
    if p.settings.balance_margin is None:
        return 0
    ws = sorted(p.workers, key=lambda w: w.id)
    capacity = np.array([w.capacity for w in ws], dtype=np.int64)
    eligible = np.array([not w.on_leave and w.capacity > 0 for w in ws], dtype=bool)
    demand = sum(h.weight for h in p.households if options(p, h)[1:])
    usable = int(capacity[eligible].sum())
    if demand == 0:
        return 0
    target = min(1.0, min(demand, usable) / usable + p.settings.balance_margin)
    if target >= 1.0:
        return 0
    cuts = tiers(capacity, eligible, target)
    loads = np.array([load[w.id] for w in ws], dtype=np.int64)
    return int(np.maximum(loads[:, None] - cuts[:, :-1], 0).sum())


def brute_force(p: CaseloadProblem) -> Key:
    best: Key | None = None
    cap = {w.id: w.capacity for w in p.workers}
    hs = list(p.households)
    for combo in itertools.product(*(options(p, h) for h in hs)):
        load: dict[str, int] = {}
        for h, w in zip(hs, combo, strict=True):
            if w is not None:
                load[w.id] = load.get(w.id, 0) + h.weight
        if any(units > cap[wid] for wid, units in load.items()):
            continue
        k = key(p, {h.id: w for h, w in zip(hs, combo, strict=True)})
        if best is None or _better(k, best):
            best = k
    assert best is not None
    return best


def _tol(p: CaseloadProblem) -> float:
    return 1e-3 * max(1, len(p.households))  # metre rounding of travel, per household


def _better(a: Key, b: Key) -> bool:
    # Travel sums of the same pairs in another order differ by ~1e-13 km; such a difference
    # is a tie, decided by fit (a raw tuple comparison let float noise beat fit).
    if a[:3] != b[:3]:
        return a[:3] > b[:3]
    if not math.isclose(a[3], b[3], abs_tol=1e-9):
        return a[3] > b[3]
    return a[4] > b[4]


def plan_key(p: CaseloadProblem, plan: CaseloadPlan) -> Key:
    workers = {w.id: w for w in p.workers}
    return key(p, {x.household_id: workers[x.worker_id] for x in plan.pairings})


def same_optimum(p: CaseloadProblem, got: Key, best: Key) -> bool:
    if got[:3] != best[:3]:
        return False
    if not math.isclose(got[3], best[3], abs_tol=_tol(p)):
        return False
    # Fit only decides between equal travel; metre rounding can blur a near-tie.
    return got[4] == best[4] or not math.isclose(got[3], best[3], abs_tol=1e-9)


# Found by Hypothesis once: room for 2 units, a weight-1 household with no preference and a
# weight-2 one asking for a man the only worker is not. The request no worker here could meet
# was coded as "no request", so the solvers saw no fit penalty and took the heavier one.
UNMET_REQUEST = CaseloadProblem(
    workers=(
        WorkerFact(id="w0", station_id="st", capacity=2, home=at(0, 0), reach_km=3.0, sex="F"),
    ),
    households=(
        HouseholdFact(id="h0", location=at(1, 0), weight=1, priority=1),
        HouseholdFact(id="h1", location=at(1, 0), weight=2, priority=1, preferred_sex="M"),
    ),
    conflicts=frozenset(),
    settings=FLAT,
)


FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(problems(unit=True))
def test_flow_is_exact_on_unit_loads(p: CaseloadProblem) -> None:
    q = replace(p, settings=replace(p.settings, solver="flow"))
    plan = assign_caseload(q)
    assert check_caseload(q, plan) == ()
    assert same_optimum(p, plan_key(p, plan), brute_force(p))
    assert plan.status == "OPTIMAL" and plan.gap == 0.0


@FAST
@given(problems())
@example(UNMET_REQUEST)
def test_cpsat_is_exact_on_weighted_loads(p: CaseloadProblem) -> None:
    q = replace(p, settings=replace(p.settings, solver="cpsat", cpsat_warm_start=False))
    plan = assign_caseload(q)
    assert check_caseload(q, plan) == ()
    assert same_optimum(p, plan_key(p, plan), brute_force(p))


@FAST
@given(problems())
@example(UNMET_REQUEST)
def test_weighted_flow_is_feasible_and_its_bound_is_valid(p: CaseloadProblem) -> None:
    q = replace(p, settings=replace(p.settings, solver="flow"))
    plan = assign_caseload(q)
    assert check_caseload(q, plan) == ()
    best = brute_force(p)
    b = plan.bound_levels
    assert plan.balance is not None
    lp_overflow = plan.balance.overflow_bound or 0.0
    bound = (b.covered_priority, b.kept, -lp_overflow, -b.travel_km, -b.fit_penalty)
    # The relaxation's lexicographic optimum is at least the best assignment's.
    assert bound[0] >= best[0] - 1e-9
    if math.isclose(bound[0], best[0]):
        assert bound[1] >= best[1] - 1e-9
        if math.isclose(bound[1], best[1]):
            assert bound[2] >= best[2] - 1e-9
            if math.isclose(bound[2], best[2]):
                assert bound[3] >= best[3] - _tol(p)
    if plan.status == "OPTIMAL":
        assert same_optimum(p, plan_key(p, plan), best)


@FAST
@given(problems())
@example(UNMET_REQUEST)
def test_warm_cpsat_is_exact_on_weighted_loads(p: CaseloadProblem) -> None:
    q = replace(p, settings=replace(p.settings, solver="cpsat"))
    plan = assign_caseload(q)
    assert check_caseload(q, plan) == ()
    assert same_optimum(p, plan_key(p, plan), brute_force(p))


@FAST
@given(problems(max_h=8))
def test_greedy_plans_obey_every_rule(p: CaseloadProblem) -> None:
    assert check_caseload(p, greedy_caseload(p)) == ()


@settings(max_examples=40, deadline=None)
@given(problems(max_h=8))
def test_same_problem_same_plan(p: CaseloadProblem) -> None:
    a, b = assign_caseload(p), assign_caseload(p)
    assert replace(a, seconds=0.0) == replace(b, seconds=0.0)
