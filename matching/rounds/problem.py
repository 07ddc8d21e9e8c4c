"""The routing problem both engines solve: integers only, no domain words.

Node 0..n-1 index one matrix per travel profile; vehicles start and end at nodes of their
own (a depot node is never a visit). A route lists the visit nodes it serves in order.
Travel, windows and service are in one time unit (seconds for a worker's day, 1/1000 of a
distance unit for Solomon); the arc cost of a vehicle is its profile's travel unless
`arc_cost` gives its own matrix (a station plan charges a colleague's visits).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

IntMatrix = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Node:
    service: int = 0
    windows: tuple[tuple[int, int], ...] = ()  # service may start in one of these
    penalty: int | None = None  # cost of leaving it out; None: it must be served
    deadline: int | None = None  # soft: each unit started after it costs `late_cost`
    demand: int = 0
    vehicles: tuple[int, ...] | None = None  # who may serve it; None: anyone


@dataclass(frozen=True, slots=True)
class Vehicle:
    start: int
    end: int
    shift_start: int
    shift_end: int
    profile: int = 0
    capacity: int = 0  # 0: no capacity
    # Breaks: (earliest start, latest start, duration).
    breaks: tuple[tuple[int, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class RoutingProblem:
    travel: tuple[IntMatrix, ...]  # one n x n matrix per profile
    nodes: tuple[Node, ...]
    vehicles: tuple[Vehicle, ...]
    arc_cost: tuple[IntMatrix, ...] | None = None  # one per vehicle
    # One per profile: what an arc costs when it is not its travel time (Solomon rounds
    # distances but rounds travel times up, so a route feasible here is feasible exactly).
    distance: tuple[IntMatrix, ...] | None = None
    # (a, b): on the same route, service at a starts no later than at b.
    precedences: tuple[tuple[int, int], ...] = ()
    late_cost: int = 0

    @property
    def depots(self) -> frozenset[int]:
        return frozenset(itertools.chain.from_iterable((v.start, v.end) for v in self.vehicles))

    @property
    def visits(self) -> tuple[int, ...]:
        depots = self.depots
        return tuple(i for i in range(len(self.nodes)) if i not in depots)


@dataclass(frozen=True, slots=True)
class RoutingSolution:
    routes: tuple[tuple[int, ...], ...]  # per vehicle, the visit nodes in order
    dropped: tuple[int, ...]
    objective: int
    optimal: bool  # proven (the engine says so, or nothing was left to search)
    seconds: float
    engine: str


class RoutingUnsupported(ValueError):
    """The engine cannot express a feature the problem uses."""


class NoRoute(RuntimeError):
    """The engine found no feasible plan in its time."""


class RoutingEngine(Protocol):
    name: str

    def solve(self, problem: RoutingProblem, time_limit_s: float) -> RoutingSolution: ...


@dataclass(frozen=True, slots=True)
class Schedule:
    """Earliest-start timing of one route: per visit, arrival, start and departure."""

    arrival: tuple[int, ...]
    start: tuple[int, ...]
    departure: tuple[int, ...]
    back: int  # at the end node
    feasible: bool  # every start inside a window and back by the shift's end


def schedule_route(problem: RoutingProblem, vehicle: int, route: tuple[int, ...]) -> Schedule:
    """Leave at the shift start, wait for windows, serve; the earliest timing of `route`.

    Breaks are not placed here (the planner adds them): this is the travel-consistent
    timing a checker uses.
    """
    v = problem.vehicles[vehicle]
    m = problem.travel[v.profile]
    t = v.shift_start
    prev = v.start
    arrival: list[int] = []
    start: list[int] = []
    departure: list[int] = []
    feasible = True
    for node in route:
        t += int(m[prev, node])
        arrival.append(t)
        begin, ok = _window_start(problem.nodes[node].windows, t)
        feasible &= ok
        start.append(begin)
        t = begin + problem.nodes[node].service
        departure.append(t)
        prev = node
    back = t + int(m[prev, v.end])
    feasible &= back <= v.shift_end
    return Schedule(tuple(arrival), tuple(start), tuple(departure), back, feasible)


def _window_start(windows: tuple[tuple[int, int], ...], t: int) -> tuple[int, bool]:
    if not windows:
        return t, True
    for open_, close in sorted(windows):
        if t <= close:
            return max(t, open_), True
    return t, False


def route_cost(problem: RoutingProblem, vehicle: int, route: tuple[int, ...]) -> int:
    v = problem.vehicles[vehicle]
    if problem.arc_cost is not None:
        m = problem.arc_cost[vehicle]
    elif problem.distance is not None:
        m = problem.distance[v.profile]
    else:
        m = problem.travel[v.profile]
    path = (v.start, *route, v.end)
    return int(sum(int(m[a, b]) for a, b in itertools.pairwise(path))) if route else 0
