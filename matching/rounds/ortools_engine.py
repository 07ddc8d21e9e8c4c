"""The default engine: OR-Tools' routing library on a `RoutingProblem`.

Transit costs are registered as matrices (no Python callback runs during the search): per
profile the time transit is travel plus the service at the node left, per vehicle the arc
cost. Windows are cumul ranges with the gaps removed; optional visits are disjunctions
priced by priority; deadlines are soft upper bounds; breaks are break intervals.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from matching.rounds.problem import NoRoute, RoutingProblem, RoutingSolution

_FIRST = routing_enums_pb2.FirstSolutionStrategy
_META = routing_enums_pb2.LocalSearchMetaheuristic


@dataclass(frozen=True, slots=True)
class OrToolsOptions:
    first_solution: str = "PARALLEL_CHEAPEST_INSERTION"
    metaheuristic: str = "GUIDED_LOCAL_SEARCH"
    gls_lambda: float = 0.1
    lns_time_limit_s: float = 0.1
    # Local-search operators look at this share of each node's nearest neighbours (at
    # least `min_neighbors`): far fewer moves per node on 100-customer instances.
    neighbors_ratio: float = 1.0
    min_neighbors: int = 10
    # The limit counts this process's CPU seconds, not the wall's: on a shared machine two
    # engines then get the same work (checked at each solution; the wall limit, ×30, is
    # only a backstop).
    cpu_clock: bool = False
    log: bool = False


class OrToolsEngine:
    name = "ortools"

    def __init__(self, options: OrToolsOptions | None = None) -> None:
        self.options = options or OrToolsOptions()

    def solve(self, problem: RoutingProblem, time_limit_s: float) -> RoutingSolution:
        began = time.perf_counter()
        model = _Model(problem)
        params = _parameters(self.options, time_limit_s)
        if self.options.cpu_clock:
            _stop_after_cpu(model.routing, time_limit_s)
        solution = model.routing.SolveWithParameters(params)
        if solution is None and time_limit_s < 1.0:
            # On a busy machine a very short limit can end before the first solution.
            model = _Model(problem)
            solution = model.routing.SolveWithParameters(_parameters(self.options, 1.0))
        if solution is None:
            raise NoRoute(f"no feasible plan in {time_limit_s:g} s")
        routes = model.routes(solution)
        served = {n for r in routes for n in r}
        dropped = tuple(n for n in problem.visits if n not in served)
        status = model.routing.status()
        return RoutingSolution(
            routes=routes,
            dropped=dropped,
            objective=int(solution.ObjectiveValue()),
            optimal=status == routing_enums_pb2.RoutingSearchStatus.ROUTING_OPTIMAL,
            seconds=time.perf_counter() - began,
            engine=self.name,
        )


def _stop_after_cpu(routing: pywrapcp.RoutingModel, seconds: float) -> None:
    # Checked at each solution, not on every neighbour (a Python limit checked there costs
    # a third of the search): the bench reports the CPU used, so an overshoot shows.
    began = time.process_time()
    solver = routing.solver()

    def at_solution() -> None:
        if time.process_time() - began >= seconds:
            solver.FinishCurrentSearch()

    routing.AddAtSolutionCallback(at_solution)


def _parameters(options: OrToolsOptions, time_limit_s: float) -> object:
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = getattr(_FIRST, options.first_solution)
    params.local_search_metaheuristic = getattr(_META, options.metaheuristic)
    params.guided_local_search_lambda_coefficient = options.gls_lambda
    wall_s = time_limit_s * (30 if options.cpu_clock else 1)
    params.time_limit.FromMilliseconds(max(1, int(wall_s * 1000)))
    params.lns_time_limit.FromMilliseconds(max(1, int(options.lns_time_limit_s * 1000)))
    params.log_search = options.log
    params.ls_operator_neighbors_ratio = options.neighbors_ratio
    params.ls_operator_min_neighbors = options.min_neighbors
    return params


class _Model:
    def __init__(self, p: RoutingProblem) -> None:
        self.p = p
        n = len(p.nodes)
        starts = [v.start for v in p.vehicles]
        ends = [v.end for v in p.vehicles]
        self.manager = pywrapcp.RoutingIndexManager(n, len(p.vehicles), starts, ends)
        self.routing = pywrapcp.RoutingModel(self.manager)
        self._arc_costs()
        self._time()
        self._capacity()
        self._visits()

    def _arc_costs(self) -> None:
        p, r = self.p, self.routing
        if p.arc_cost is None:
            costs = p.distance if p.distance is not None else p.travel
            by_profile = {k: r.RegisterTransitMatrix(m.tolist()) for k, m in enumerate(costs)}
            if len(by_profile) == 1:
                r.SetArcCostEvaluatorOfAllVehicles(by_profile[0])
            else:
                for v, veh in enumerate(p.vehicles):
                    r.SetArcCostEvaluatorOfVehicle(by_profile[veh.profile], v)
            return
        for v, m in enumerate(p.arc_cost):
            r.SetArcCostEvaluatorOfVehicle(r.RegisterTransitMatrix(m.tolist()), v)

    def _time(self) -> None:
        p, r, mgr = self.p, self.routing, self.manager
        service = [node.service for node in p.nodes]
        transit_of_profile = []
        for m in p.travel:
            rows = (m + [[s] for s in service]).tolist()  # leaving a node includes its service
            transit_of_profile.append(r.RegisterTransitMatrix(rows))
        horizon = max(v.shift_end for v in p.vehicles)
        evaluators = [transit_of_profile[v.profile] for v in p.vehicles]
        r.AddDimensionWithVehicleTransits(evaluators, horizon, horizon, False, "time")
        self.time = r.GetDimensionOrDie("time")
        for v, veh in enumerate(p.vehicles):
            self.time.CumulVar(r.Start(v)).SetRange(veh.shift_start, veh.shift_end)
            self.time.CumulVar(r.End(v)).SetRange(veh.shift_start, veh.shift_end)
        for node in p.visits:
            spec = p.nodes[node]
            cumul = self.time.CumulVar(mgr.NodeToIndex(node))
            if spec.windows:
                wins = sorted(spec.windows)
                cumul.SetRange(wins[0][0], wins[-1][1])
                for (_, close), (open_, _) in zip(wins, wins[1:], strict=False):
                    if open_ > close + 1:
                        cumul.RemoveInterval(close + 1, open_ - 1)
            if spec.deadline is not None and p.late_cost > 0:
                self.time.SetCumulVarSoftUpperBound(
                    mgr.NodeToIndex(node), max(0, spec.deadline), p.late_cost
                )
        solver = r.solver()
        if any(v.breaks for v in p.vehicles):
            visit_transit = [0] * r.Size()
            for index in range(r.Size()):
                if not r.IsStart(index):
                    visit_transit[index] = service[mgr.IndexToNode(index)]
            for v, veh in enumerate(p.vehicles):
                intervals = [
                    solver.FixedDurationIntervalVar(lo, hi, dur, False, f"break-{v}-{k}")
                    for k, (lo, hi, dur) in enumerate(veh.breaks)
                ]
                if intervals:
                    self.time.SetBreakIntervalsOfVehicle(intervals, v, visit_transit)
        for a, b in p.precedences:
            # Only binding when both are made: a pinned visit may still be left out.
            ia, ib = mgr.NodeToIndex(a), mgr.NodeToIndex(b)
            both = r.ActiveVar(ia) * r.ActiveVar(ib)
            solver.Add(both * (r.VehicleVar(ia) - r.VehicleVar(ib)) == 0)
            solver.Add(both * (self.time.CumulVar(ia) - self.time.CumulVar(ib)) <= 0)

    def _capacity(self) -> None:
        p, r = self.p, self.routing
        if not any(v.capacity for v in p.vehicles):
            return
        demand = r.RegisterUnaryTransitVector([node.demand for node in p.nodes])
        caps = [v.capacity or sum(node.demand for node in p.nodes) for v in p.vehicles]
        r.AddDimensionWithVehicleCapacity(demand, 0, caps, True, "load")

    def _visits(self) -> None:
        p, r, mgr = self.p, self.routing, self.manager
        for node in p.visits:
            spec = p.nodes[node]
            index = mgr.NodeToIndex(node)
            if spec.penalty is not None:
                r.AddDisjunction([index], spec.penalty)
            if spec.vehicles is not None:
                # -1 keeps the visit droppable; (SetAllowedVehiclesForIndex's span binding
                # does not take a Python list in this version.)
                r.VehicleVar(index).SetValues([-1, *spec.vehicles])

    def routes(self, solution: pywrapcp.Assignment) -> tuple[tuple[int, ...], ...]:
        r, mgr = self.routing, self.manager
        out = []
        for v in range(len(self.p.vehicles)):
            index = solution.Value(r.NextVar(r.Start(v)))
            route = []
            while not r.IsEnd(index):
                route.append(mgr.IndexToNode(index))
                index = solution.Value(r.NextVar(index))
            out.append(tuple(route))
        return tuple(out)
