"""`bangfu bench rounds-day`: how long a worker's day takes to plan and how close it is.

Random days in a 12 x 12 km township (seeded), every visit mandatory and the day long
enough for all, so the plans compare by travel alone: against the exact tour, by Held-Karp
up to 13 stops and above by CP-SAT's circuit constraint (proven optimal, or the bench says
it fell back to the best of 10x longer OR-Tools and PyVRP runs).
"""

from __future__ import annotations

import itertools
import math
import random
import statistics
import time
from dataclasses import replace
from typing import Any

from matching.rounds import Place, VisitKind, VisitRequest, WorkerDay, plan_worker_day
from matching.rounds.ortools_engine import OrToolsEngine
from matching.rounds.planner import DAY_OPTIONS, DEFAULT_TIME_LIMIT_S
from matching.rounds.travel import km_matrix, seconds_matrix

HOME = Place(30.0, 110.0)


def _day_and_visits(rng: random.Random, stops: int) -> tuple[WorkerDay, list[VisitRequest]]:
    def at(x: float, y: float) -> Place:
        return Place(HOME.lat + y / 111.0, HOME.lon + x / (111.0 * math.cos(math.radians(30))))

    day = WorkerDay("w", HOME, 18.0, 0, 24 * 60)
    visits = [
        VisitRequest(
            f"v{i}",
            f"h{i}",
            at(rng.uniform(-6, 6), rng.uniform(-6, 6)),
            VisitKind.FOLLOW_UP,
            20,
            mandatory=True,
        )
        for i in range(stops)
    ]
    return day, visits


def _cost(day: WorkerDay, visits: list[VisitRequest], order: list[str]) -> int:
    assert day.start is not None
    index = {v.id: i + 1 for i, v in enumerate(visits)}
    places = [day.start, *(v.location for v in visits if v.location is not None)]
    sec = seconds_matrix(km_matrix(places, day.detour), day.speed_kmh)
    path = [0, *(index[v] for v in order), 0]
    return int(sum(int(sec[a, b]) for a, b in itertools.pairwise(path)))


def _held_karp(day: WorkerDay, visits: list[VisitRequest]) -> int:
    assert day.start is not None
    places = [day.start, *(v.location for v in visits if v.location is not None)]
    sec = seconds_matrix(km_matrix(places, day.detour), day.speed_kmh).tolist()
    n = len(visits)
    inf = 1 << 60
    best = [[inf] * n for _ in range(1 << n)]
    for j in range(n):
        best[1 << j][j] = sec[0][j + 1]
    for mask in range(1, 1 << n):
        row = best[mask]
        for j in range(n):
            c = row[j]
            if c == inf:
                continue
            for k in range(n):
                if not mask >> k & 1:
                    nxt = best[mask | 1 << k]
                    v = c + sec[j + 1][k + 1]
                    if v < nxt[k]:
                        nxt[k] = v
    return int(min(best[(1 << n) - 1][j] + sec[j + 1][0] for j in range(n)))


def _circuit(day: WorkerDay, visits: list[VisitRequest], limit_s: float = 60.0) -> int | None:
    """The optimal tour's travel by CP-SAT (one Boolean per arc, AddCircuit); None unproven."""
    from ortools.sat.python import cp_model

    assert day.start is not None
    places = [day.start, *(v.location for v in visits if v.location is not None)]
    sec = seconds_matrix(km_matrix(places, day.detour), day.speed_kmh).tolist()
    n = len(places)
    model = cp_model.CpModel()
    arcs = []
    cost = []
    for a in range(n):
        for b in range(n):
            if a != b:
                lit = model.new_bool_var(f"{a}-{b}")
                arcs.append((a, b, lit))
                cost.append(int(sec[a][b]) * lit)
    model.add_circuit(arcs)
    model.minimize(sum(cost))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit_s
    solver.parameters.num_workers = 1
    if solver.solve(model) != cp_model.OPTIMAL:
        return None
    return int(round(solver.objective_value))


def run_rounds_day_bench(
    *,
    stops: int = 20,
    runs: int = 5,
    seed: int = 1,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    cpu_clock: bool = False,
) -> dict[str, Any]:
    """`cpu_clock`: the plan gets `time_limit_s` of CPU (what an idle server gives it)."""
    rng = random.Random(seed)
    engine = OrToolsEngine(replace(DAY_OPTIONS, cpu_clock=cpu_clock))
    walls: list[float] = []
    cpus: list[float] = []
    gaps: list[float] = []
    unproven = 0
    for _ in range(runs):
        day, visits = _day_and_visits(rng, stops)
        began, cpu = time.perf_counter(), time.process_time()
        plan = plan_worker_day(day, visits, engine=engine, time_limit_s=time_limit_s)
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - cpu)
        ours = _cost(day, visits, [s.visit_id for s in plan.stops])
        proven: int | None = _held_karp(day, visits) if stops <= 13 else _circuit(day, visits)
        if proven is not None:
            reference = proven
        else:
            unproven += 1
            longer = plan_worker_day(day, visits, time_limit_s=10 * time_limit_s)
            candidates = [_cost(day, visits, [s.visit_id for s in longer.stops])]
            try:
                from matching.rounds.pyvrp_engine import PyVrpEngine

                other = plan_worker_day(
                    day, visits, engine=PyVrpEngine(), time_limit_s=10 * time_limit_s
                )
                candidates.append(_cost(day, visits, [s.visit_id for s in other.stops]))
            except ImportError:  # pragma: no cover - PyVRP is a dev dependency
                pass
            reference = min(candidates)
        gaps.append(100.0 * (ours - reference) / reference)
    return {
        "stops": stops,
        "runs": runs,
        "time_limit_s": time_limit_s,
        "reference": "exact (Held-Karp)" if stops <= 13 else "exact (CP-SAT circuit)",
        # Days whose optimum was not proven in 60 s: compared with the best of longer runs.
        "reference_unproven": unproven,
        "wall_p50_s": round(statistics.median(walls), 3),
        "wall_max_s": round(max(walls), 3),
        # The CPU the plan had in that time: on a shared machine it can be far less.
        "cpu_p50_s": round(statistics.median(cpus), 3),
        "cpu_clock": cpu_clock,
        "gap_mean_pct": round(statistics.mean(gaps), 4),
        "gap_max_pct": round(max(gaps), 4),
    }
