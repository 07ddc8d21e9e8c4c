"""Solomon's VRPTW instances as `RoutingProblem`s, and real distances of the routes found.

Distances and travel times are Euclidean at full precision. The solvers see them ×`scale`:
arc costs rounded, travel times rounded up, so a plan that keeps the windows there keeps
them exactly; the distance reported is recomputed in double precision from the routes.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.rounds.problem import Node, RoutingProblem, Vehicle

FloatMatrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class SolomonInstance:
    name: str
    vehicles: int
    capacity: int
    x: tuple[int, ...]  # row 0 is the depot
    y: tuple[int, ...]
    demand: tuple[int, ...]
    ready: tuple[int, ...]
    due: tuple[int, ...]
    service: tuple[int, ...]

    def euclid(self) -> FloatMatrix:
        xy = np.column_stack((self.x, self.y)).astype(np.float64)
        out: FloatMatrix = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
        return out


def parse_solomon(text: str) -> SolomonInstance:
    """Split on whitespace; the name is the first word, K and Q the first two-integer row,
    and the customers every row of seven integers (column spacing varies by file)."""
    lines = [ln.split() for ln in text.splitlines() if ln.strip()]
    name = lines[0][0]
    fleet: tuple[int, int] | None = None
    rows: list[list[int]] = []
    for words in lines[1:]:
        if not all(w.isdigit() for w in words):
            continue
        if len(words) == 2 and fleet is None:
            fleet = (int(words[0]), int(words[1]))
        elif len(words) == 7:
            rows.append([int(w) for w in words])
    if fleet is None or not rows or rows[0][0] != 0:
        raise ValueError(f"{name}: not a Solomon instance")
    cols = list(zip(*rows, strict=True))
    return SolomonInstance(
        name=name,
        vehicles=fleet[0],
        capacity=fleet[1],
        x=cols[1],
        y=cols[2],
        demand=cols[3],
        ready=cols[4],
        due=cols[5],
        service=cols[6],
    )


def solomon_problem(inst: SolomonInstance, scale: int = 1000) -> RoutingProblem:
    d = inst.euclid() * scale
    travel = np.ceil(d - 1e-9).astype(np.int64)
    distance = np.rint(d).astype(np.int64)
    nodes = tuple(
        Node(
            service=inst.service[i] * scale,
            windows=((inst.ready[i] * scale, inst.due[i] * scale),),
            demand=inst.demand[i],
        )
        for i in range(len(inst.x))
    )
    horizon = inst.due[0] * scale
    vehicles = tuple(
        Vehicle(start=0, end=0, shift_start=0, shift_end=horizon, capacity=inst.capacity)
        for _ in range(inst.vehicles)
    )
    return RoutingProblem(travel=(travel,), nodes=nodes, vehicles=vehicles, distance=(distance,))


def real_distance(inst: SolomonInstance, routes: tuple[tuple[int, ...], ...]) -> float:
    d = inst.euclid()
    return float(sum(d[a, b] for r in routes if r for a, b in itertools.pairwise((0, *r, 0))))


def check_routes(inst: SolomonInstance, routes: tuple[tuple[int, ...], ...]) -> list[str]:
    """What is wrong with a solution at full precision (empty when it is feasible)."""
    d = inst.euclid()
    problems: list[str] = []
    served = sorted(n for r in routes for n in r)
    if served != list(range(1, len(inst.x))):
        problems.append("not every customer served exactly once")
    if sum(1 for r in routes if r) > inst.vehicles:
        problems.append("more routes than vehicles")
    for k, r in enumerate(routes):
        if not r:
            continue
        if sum(inst.demand[n] for n in r) > inst.capacity:
            problems.append(f"route {k} over capacity")
        t, prev = 0.0, 0
        for n in r:
            t = max(t + d[prev, n], inst.ready[n])
            if t > inst.due[n] + 1e-6:
                problems.append(f"route {k} reaches {n} after its due time")
            t += inst.service[n]
            prev = n
        if t + d[prev, 0] > inst.due[0] + 1e-6 or math.isnan(t):
            problems.append(f"route {k} back after the horizon")
    return problems
