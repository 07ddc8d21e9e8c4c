"""Small rounds to plan in tests, and the exact answers to check them against."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from matching.rounds import Place, RoundPlan, TimeWindow, VisitKind, VisitRequest, WorkerDay
from matching.rounds.travel import km_matrix, minutes_matrix, seconds_matrix

HOME = Place(30.0, 110.0)
KM = 1 / 111.0  # about a kilometre in degrees of latitude


def at(x: float, y: float) -> Place:
    """A place x km east and y km north of HOME (near enough on a township's scale)."""
    return Place(HOME.lat + y * KM, HOME.lon + x * KM / math.cos(math.radians(HOME.lat)))


def day(
    start: int = 8 * 60, end: int = 17 * 60, speed: float = 12.0, worker: str = "w1"
) -> WorkerDay:
    return WorkerDay(worker, HOME, speed, start, end)


def visit(
    i: int,
    place: Place | None,
    *,
    minutes: int = 20,
    windows: tuple[TimeWindow, ...] = (),
    **kw: object,
) -> VisitRequest:
    return VisitRequest(
        f"v{i}",
        f"h{i}",
        place,
        VisitKind.FOLLOW_UP,
        minutes,
        windows,
        **kw,  # type: ignore[arg-type]
    )


def matrices(
    d: WorkerDay, visits: Sequence[VisitRequest]
) -> tuple[list[list[int]], list[list[int]]]:
    """(minutes, seconds) between HOME (index 0) and the visits (1..n)."""
    assert d.start is not None
    places = [d.start, *(v.location for v in visits if v.location is not None)]
    km = km_matrix(places, d.detour)
    return minutes_matrix(km, d.speed_kmh).tolist(), seconds_matrix(km, d.speed_kmh).tolist()


def order_cost(d: WorkerDay, visits: Sequence[VisitRequest], order: Sequence[int]) -> int | None:
    """Travel seconds of visiting `order` (indices into visits) and back; None if a window
    or the end of the day is missed."""
    minutes, seconds = matrices(d, visits)
    t, prev, cost = d.work_start, 0, 0
    for i in order:
        v = visits[i]
        t += minutes[prev][i + 1]
        cost += seconds[prev][i + 1]
        if v.windows:
            fits = [w for w in sorted(v.windows, key=lambda w: w.start) if t <= w.end]
            if not fits:
                return None
            t = max(t, fits[0].start)
        t += v.service_minutes
        prev = i + 1
    t += minutes[prev][0]
    cost += seconds[prev][0]
    return cost if t <= d.work_end else None


def brute_force(d: WorkerDay, visits: Sequence[VisitRequest]) -> int | None:
    """The least travel over every order serving all visits (None: no order fits)."""
    best: int | None = None
    for order in itertools.permutations(range(len(visits))):
        c = order_cost(d, visits, order)
        if c is not None and (best is None or c < best):
            best = c
    return best


def held_karp(d: WorkerDay, visits: Sequence[VisitRequest]) -> int:
    """The least travel over every order, no windows (dynamic programming, n <= 13)."""
    _, seconds = matrices(d, visits)
    n = len(visits)
    inf = 1 << 60
    best = [[inf] * n for _ in range(1 << n)]
    for j in range(n):
        best[1 << j][j] = seconds[0][j + 1]
    for mask in range(1, 1 << n):
        row = best[mask]
        for j in range(n):
            c = row[j]
            if c == inf:
                continue
            for k in range(n):
                if mask >> k & 1:
                    continue
                nxt = mask | 1 << k
                v = c + seconds[j + 1][k + 1]
                if v < best[nxt][k]:
                    best[nxt][k] = v
    full = (1 << n) - 1
    return min(best[full][j] + seconds[j + 1][0] for j in range(n))


def plan_cost(d: WorkerDay, visits: Sequence[VisitRequest], plan: RoundPlan) -> int:
    index = {v.id: i for i, v in enumerate(visits)}
    cost = order_cost(d, visits, [index[s.visit_id] for s in plan.stops])
    assert cost is not None, "the planner's order misses a window"
    return cost
