"""check_caseload: every hard rule of a plan, recomputed from the problem alone.

Written apart from the solvers on purpose (its own haversine, plain dictionaries, no
arrays): tests, the review screen's "why?" and the job's final guard all call it, and a
solver bug must not be able to hide behind shared code.
"""

from __future__ import annotations

import math
from collections import Counter

from matching.fingerprint import input_hash
from matching.model import CaseloadPlan, CaseloadProblem, HouseholdFact, Violation, WorkerFact

_EARTH_KM = 6371.0088
_KM_TOLERANCE = 1e-6  # float noise between chord and haversine arithmetic
_REPORTED_TOLERANCE = 2e-3  # pairings report km rounded to metres


def road_km(h: HouseholdFact, w: WorkerFact, detour: float) -> float:
    assert h.location is not None
    p1, p2 = math.radians(h.location.lat), math.radians(w.home.lat)
    dp = p2 - p1
    dl = math.radians(w.home.lon - h.location.lon)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(math.sqrt(min(1.0, a))) * detour


def check_caseload(problem: CaseloadProblem, plan: CaseloadPlan) -> tuple[Violation, ...]:
    households = {h.id: h for h in problem.households}
    workers = {w.id: w for w in problem.workers}
    detour = problem.settings.detour_factor
    out: list[Violation] = []
    seen = Counter(
        [p.household_id for p in plan.pairings] + [u.household_id for u in plan.unassigned]
    )
    for hid, times in sorted(seen.items()):
        if times > 1:
            out.append(Violation("DUPLICATE_HOUSEHOLD", f"{hid} appears {times} times", hid))
        if hid not in households:
            out.append(Violation("UNKNOWN_HOUSEHOLD", f"{hid} is not in the problem", hid))
    for hid in sorted(set(households) - set(seen)):
        out.append(Violation("MISSING_HOUSEHOLD", f"{hid} is neither paired nor left out", hid))
    load: Counter[str] = Counter()
    for p in plan.pairings:
        h, w = households.get(p.household_id), workers.get(p.worker_id)
        if w is None:
            out.append(Violation("UNKNOWN_WORKER", f"{p.worker_id} is not in the problem",
                                 p.household_id, p.worker_id))  # fmt: skip
            continue
        if h is None:
            continue
        load[w.id] += h.weight
        out += _pair_rules(problem, h, w, p.distance_km, detour)
    for wid, units in sorted(load.items()):
        if units > workers[wid].capacity:
            out.append(Violation("OVER_CAPACITY",
                                 f"{wid} carries {units} units, limit {workers[wid].capacity}",
                                 None, wid))  # fmt: skip
    out += _check_moves(problem, plan)
    if plan.input_hash != input_hash(problem):
        out.append(Violation("INPUT_HASH_MISMATCH", "the plan was computed for another input"))
    return tuple(out)


def _pair_rules(
    problem: CaseloadProblem, h: HouseholdFact, w: WorkerFact, reported: float, detour: float
) -> list[Violation]:
    out: list[Violation] = []

    def bad(code: str, detail: str, *params: tuple[str, str]) -> None:
        out.append(Violation(code, detail, h.id, w.id, params))

    if w.on_leave:
        bad("ON_LEAVE", f"{w.id} is on leave")
    if h.location is None:
        bad("NO_LOCATION", f"{h.id} has no location, so its distance is unknown")
    else:
        km = road_km(h, w, detour)
        if km > w.reach_km + _KM_TOLERANCE:
            bad(
                "OUT_OF_REACH",
                f"{km:.3f} km, reach {w.reach_km} km",
                ("km", f"{km:.1f}"),
                ("reach", f"{w.reach_km:g}"),
            )
        if abs(km - reported) > _REPORTED_TOLERANCE:
            bad("DISTANCE_MISMATCH", f"reported {reported} km, actual {km:.3f} km")
    if (w.id, h.id) in problem.conflicts:
        bad("CONFLICT", f"{w.id} has a declared conflict with {h.id}")
    missing = h.needs_skills - w.skills
    if missing:
        bad("MISSING_SKILL", f"{w.id} lacks {', '.join(sorted(missing))}")
    return out


def _check_moves(problem: CaseloadProblem, plan: CaseloadPlan) -> list[Violation]:
    paired = {p.household_id: p.worker_id for p in plan.pairings}
    expected = {
        (h.id, h.current_worker_id, paired.get(h.id))
        for h in problem.households
        if h.current_worker_id is not None and paired.get(h.id) != h.current_worker_id
    }
    reported = {(m.household_id, m.from_worker_id, m.to_worker_id) for m in plan.moves}
    out = [
        Violation("MOVE_NOT_REPORTED", f"{hid}: {a} -> {b}", hid)
        for hid, a, b in sorted(expected - reported, key=str)
    ]
    out += [
        Violation("MOVE_NOT_MADE", f"{hid}: {a} -> {b}", hid)
        for hid, a, b in sorted(reported - expected, key=str)
    ]
    return out


def check_pairing(
    problem: CaseloadProblem, household_id: str, worker_id: str, *, load_before: int
) -> tuple[Violation, ...]:
    """The hard rules for one pairing chosen by hand (manual reassignment): the same rules
    as a plan's, with the worker already carrying `load_before` units elsewhere."""
    h = next(x for x in problem.households if x.id == household_id)
    w = next(x for x in problem.workers if x.id == worker_id)
    detour = problem.settings.detour_factor
    km = road_km(h, w, detour) if h.location is not None else 0.0
    out = _pair_rules(problem, h, w, km, detour)
    if load_before + h.weight > w.capacity:
        out.append(
            Violation(
                "OVER_CAPACITY",
                f"{w.id} would carry {load_before + h.weight} units, limit {w.capacity}",
                h.id,
                w.id,
                (("units", str(load_before + h.weight)), ("limit", str(w.capacity))),
            )
        )
    return tuple(out)
