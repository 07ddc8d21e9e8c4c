"""Small hand-made caseload problems on a flat local grid (x, y in km)."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from matching import (
    CaseloadPlan,
    CaseloadProblem,
    CaseloadSettings,
    GeoPoint,
    HouseholdFact,
    WorkerFact,
)

ORIGIN = (30.0, 110.0)
KM_PER_DEG = 6371.0088 * math.pi / 180.0
# Straight-line km in the tests: no detour, so the numbers are easy to check by hand.
# Balance fully before travel (no travel budget): the lexicographic order the solvers and
# the brute force are checked against; `test_caseload_trade` covers the budget.
FLAT = CaseloadSettings(
    detour_factor=1.0, candidate_limit=None, time_limit_s=5.0, balance_travel_budget=None
)


def at(x_km: float, y_km: float) -> GeoPoint:
    """A point x km east and y km north of the origin (exact along each axis)."""
    lat = ORIGIN[0] + y_km / KM_PER_DEG
    lon = ORIGIN[1] + x_km / (KM_PER_DEG * math.cos(math.radians(ORIGIN[0])))
    return GeoPoint(lat, lon)


def worker(wid: str, x: float, y: float, **kw: Any) -> WorkerFact:
    base: dict[str, Any] = {"capacity": 1, "reach_km": 15.0, "station_id": "st-1"}
    base.update(kw)
    return WorkerFact(id=wid, home=at(x, y), **base)


def household(hid: str, x: float | None, y: float | None = 0.0, **kw: Any) -> HouseholdFact:
    loc = None if x is None or y is None else at(x, y)
    return HouseholdFact(id=hid, location=loc, **kw)


def problem(
    workers: list[WorkerFact],
    households: list[HouseholdFact],
    conflicts: set[tuple[str, str]] | None = None,
    **settings: Any,
) -> CaseloadProblem:
    if settings.get("solver") == "cpsat":
        # CP-SAT on its own (no start from the flow plan): the solvers check each other.
        settings.setdefault("cpsat_warm_start", False)
    return CaseloadProblem(
        workers=tuple(workers),
        households=tuple(households),
        conflicts=frozenset(conflicts or set()),
        settings=replace(FLAT, **settings),
    )


def pairs(plan: CaseloadPlan) -> dict[str, str]:
    return {p.household_id: p.worker_id for p in plan.pairings}


def reasons(plan: CaseloadPlan) -> dict[str, str]:
    return {u.household_id: u.reason for u in plan.unassigned}
