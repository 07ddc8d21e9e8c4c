"""The second engine: PyVRP's iterated local search, for the problems it can express.

Imported lazily (PyVRP is a dev dependency): single time windows, optional visits with
prizes, capacities, shifts. Multiple windows, breaks, pinned order, soft deadlines and
per-vehicle costs are refused with `RoutingUnsupported`.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

import numpy as np

from matching.rounds.problem import (
    NoRoute,
    RoutingProblem,
    RoutingSolution,
    RoutingUnsupported,
    Vehicle,
)


class PyVrpEngine:
    name = "pyvrp"

    def __init__(self, seed: int = 1, *, cpu_clock: bool = False) -> None:
        self.seed = seed
        # As OrToolsOptions.cpu_clock: the limit counts this process's CPU seconds.
        self.cpu_clock = cpu_clock

    def solve(self, problem: RoutingProblem, time_limit_s: float) -> RoutingSolution:
        _check(problem)
        pyvrp, stop = _import()
        began = time.perf_counter()
        data, visit_nodes, vehicle_order = _data(pyvrp, problem)
        criterion = _CpuTime(time_limit_s) if self.cpu_clock else stop.MaxRuntime(time_limit_s)
        result = pyvrp.solve(data, stop=criterion, seed=self.seed, display=False)
        best = result.best
        if not best.is_feasible():
            raise NoRoute(f"PyVRP found no feasible plan in {time_limit_s:g} s")
        routes: list[tuple[int, ...]] = [() for _ in problem.vehicles]
        free = {k: list(vs) for k, vs in vehicle_order.items()}
        for route in best.routes():
            v = free[route.vehicle_type()].pop(0)
            # Activity indices of clients count the clients alone, in the order given.
            routes[v] = tuple(visit_nodes[a.idx] for a in route.schedule() if a.is_client())
        served = {n for r in routes for n in r}
        dropped = tuple(n for n in problem.visits if n not in served)
        return RoutingSolution(
            routes=tuple(routes),
            dropped=dropped,
            objective=int(best.distance_cost()) + int(best.uncollected_prizes()),
            optimal=False,
            seconds=time.perf_counter() - began,
            engine=self.name,
        )


class _CpuTime:
    """A PyVRP stopping criterion: this process's CPU seconds since it was made."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.began = time.process_time()

    def __call__(self, best_cost: float) -> bool:
        return time.process_time() - self.began >= self.seconds


def _import() -> tuple[Any, Any]:
    try:
        import pyvrp
        from pyvrp import stop
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RoutingUnsupported("PyVRP is not installed (pip install '.[dev]')") from exc
    return pyvrp, stop


def _check(p: RoutingProblem) -> None:
    if p.arc_cost is not None:
        raise RoutingUnsupported("per-vehicle arc costs")
    if p.precedences:
        raise RoutingUnsupported("pinned order")
    if any(v.breaks for v in p.vehicles):
        raise RoutingUnsupported("breaks")
    for node in p.visits:
        spec = p.nodes[node]
        if len(spec.windows) > 1:
            raise RoutingUnsupported("more than one time window")
        if spec.deadline is not None and p.late_cost:
            raise RoutingUnsupported("soft deadlines")
        if spec.vehicles is not None:
            raise RoutingUnsupported("visits restricted to some vehicles")


def _vehicle_key(v: Vehicle) -> tuple[int, ...]:
    return (v.start, v.end, v.shift_start, v.shift_end, v.profile, v.capacity)


def _data(pyvrp: Any, p: RoutingProblem) -> tuple[Any, list[int], dict[int, list[int]]]:
    depot_nodes = sorted(p.depots)
    visit_nodes = list(p.visits)
    order = depot_nodes + visit_nodes  # PyVRP wants depots first
    locations = [pyvrp.Location(x=0, y=0) for _ in order]
    depot_of = {node: k for k, node in enumerate(depot_nodes)}
    horizon = max(v.shift_end for v in p.vehicles)
    depots = [pyvrp.Depot(location=k, tw_early=0, tw_late=horizon) for k in range(len(order))][
        : len(depot_nodes)
    ]
    clients = []
    for k, node in enumerate(visit_nodes, start=len(depot_nodes)):
        spec = p.nodes[node]
        early, late = spec.windows[0] if spec.windows else (0, horizon)
        clients.append(
            pyvrp.Client(
                location=k,
                delivery=[spec.demand],
                service_duration=spec.service,
                tw_early=early,
                tw_late=late,
                prize=spec.penalty or 0,
                required=spec.penalty is None,
            )
        )
    types: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for v, veh in enumerate(p.vehicles):
        types[_vehicle_key(veh)].append(v)
    vehicle_types = []
    vehicle_order: dict[int, list[int]] = {}
    total = sum(spec.demand for spec in p.nodes)
    for t, (key, members) in enumerate(types.items()):
        start, end, shift_start, shift_end, profile, capacity = key
        vehicle_types.append(
            pyvrp.VehicleType(
                num_available=len(members),
                capacity=[capacity or max(total, 1)],
                start_depot=depot_of[start],
                end_depot=depot_of[end],
                tw_early=shift_start,
                tw_late=shift_end,
                profile=profile,
            )
        )
        vehicle_order[t] = members
    index = np.array(order)
    durations = [np.ascontiguousarray(m[np.ix_(index, index)]) for m in p.travel]
    costs = p.distance if p.distance is not None else p.travel
    distances = [np.ascontiguousarray(m[np.ix_(index, index)]) for m in costs]
    data = pyvrp.ProblemData(
        locations=locations,
        clients=clients,
        depots=depots,
        vehicle_types=vehicle_types,
        distance_matrices=distances,
        duration_matrices=durations,
    )
    return data, visit_nodes, vehicle_order
