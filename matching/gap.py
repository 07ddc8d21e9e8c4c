"""Generalized assignment (OR-Library format) by CP-SAT: the published yardstick for the
caseload model (agents = workers with capacities, jobs = households with weights).

File format (J. E. Beasley's OR-Library): whitespace-separated integers, line breaks mean
nothing. P, then per problem: m n, costs c[i][j] (m rows of n), resources r[i][j], then
capacities b[i]. Every job goes to exactly one agent with sum_j r[i][j] x[i][j] <= b[i].
"""

from __future__ import annotations

import math
import random
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import numpy.typing as npt
from ortools.sat.python import cp_model

from matching.gap_lp import lp_relaxation
from matching.gap_search import lagrangian_bound, pick_agents, priced_start, shift_descent

Sense = Literal["max", "min"]
# Time and agents for one neighbourhood, by problem size: up to _FULL cells, parts of up
# to 6 agents with half a second each measured best; beyond, parts of 2-3 agents (proven
# in milliseconds even on type D, so many more are tried) with a tenth of a second.
_PART = {True: (0.5, 6), False: (0.1, 3)}
_SMALL = 1000  # agents x jobs: one CP-SAT worker proves these fastest (no portfolio)
_FULL = 5000  # agents x jobs: up to here CP-SAT on the whole problem comes first
_ROUND_S = 2.0  # one round of CP-SAT on the cells of low reduced cost
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class GapFormatError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class GapInstance:
    m: int  # agents
    n: int  # jobs
    cost: tuple[tuple[int, ...], ...]  # [agent][job]
    resource: tuple[tuple[int, ...], ...]  # [agent][job]
    capacity: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class GapResult:
    value: int | None  # objective of the best assignment found
    bound: float | None  # best proven bound in the same sense
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN
    seconds: float
    assignment: tuple[int, ...]  # agent per job (empty if none found)


def parse_gap(text: str) -> tuple[GapInstance, ...]:
    try:
        tokens = [int(t) for t in text.split()]
    except ValueError as exc:
        raise GapFormatError(f"not a GAP file: {exc}") from exc
    if not tokens:
        raise GapFormatError("empty GAP file")
    pos = 1
    out = []
    for k in range(tokens[0]):
        if pos + 2 > len(tokens):
            raise GapFormatError(f"problem {k + 1}: truncated header")
        m, n = tokens[pos], tokens[pos + 1]
        pos += 2
        need = 2 * m * n + m
        if m <= 0 or n <= 0 or pos + need > len(tokens):
            raise GapFormatError(f"problem {k + 1}: {m}x{n} needs {need} numbers")
        cost = _rows(tokens[pos : pos + m * n], n)
        resource = _rows(tokens[pos + m * n : pos + 2 * m * n], n)
        capacity = tuple(tokens[pos + 2 * m * n : pos + need])
        pos += need
        out.append(GapInstance(m, n, cost, resource, capacity))
    if pos != len(tokens):
        raise GapFormatError(f"{len(tokens) - pos} numbers left after {tokens[0]} problems")
    return tuple(out)


def _rows(flat: list[int], n: int) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(flat[i : i + n]) for i in range(0, len(flat), n))


def gap_value(inst: GapInstance, assignment: tuple[int, ...]) -> int:
    return sum(inst.cost[i][j] for j, i in enumerate(assignment))


def gap_feasible(inst: GapInstance, assignment: tuple[int, ...]) -> bool:
    if len(assignment) != inst.n or any(not 0 <= i < inst.m for i in assignment):
        return False
    used = [0] * inst.m
    for j, i in enumerate(assignment):
        used[i] += inst.resource[i][j]
    return all(u <= b for u, b in zip(used, inst.capacity, strict=True))


def greedy_start(inst: GapInstance, sense: Sense) -> tuple[int, ...] | None:
    """Jobs by regret (the loss if a job misses its best agent), each to its best agent with
    room (Martello-Toth's idea): a feasible start for most instances, or None."""
    sign = -1 if sense == "max" else 1
    left = list(inst.capacity)
    order = []
    for j in range(inst.n):
        ranked = sorted(sign * inst.cost[i][j] / inst.resource[i][j] for i in range(inst.m))
        regret = ranked[1] - ranked[0] if inst.m > 1 else 0.0
        order.append((-regret, j))
    assignment = [-1] * inst.n
    for _, j in sorted(order):
        agents = sorted(range(inst.m), key=lambda i: (sign * inst.cost[i][j], i))
        for i in agents:
            if inst.resource[i][j] <= left[i]:
                assignment[j] = i
                left[i] -= inst.resource[i][j]
                break
        else:
            return None
    return tuple(assignment)


def solve_gap(
    inst: GapInstance,
    *,
    sense: Sense,
    time_limit_s: float = 10.0,
    seed: int = 0,
    workers: int = 2,
) -> GapResult:
    """Problems up to _FULL cells go to CP-SAT on the cells of low LP reduced cost
    (`solve_by_reduced_costs`; measured under a load of 50 on 2 cores, c10100: 1403
    against 1439 for CP-SAT on every cell, optimum 1402). Larger ones get a Lagrangian
    bound (= the LP relaxation's) and a priced start with shift descent first
    (`matching.gap_search`, a fraction of a second); CP-SAT on the whole problem would
    spend the whole limit in its presolve and first LP, so they go straight to a
    large-neighbourhood search driven from here: free every job of a few agents and let
    CP-SAT re-solve that part from the current solution. One part per worker is in flight
    at any time, on disjoint agents, so each result applies as it comes (a part only moves
    jobs among its own agents)."""
    started = time.perf_counter()
    deadline = started + time_limit_s
    sign = 1 if sense == "max" else -1
    cost, resource, capacity = _arrays(inst, sense)
    medium = inst.m * inst.n <= _FULL
    if medium and inst.m > 1:
        return solve_by_reduced_costs(inst, sense, time_limit_s, seed, workers)
    first, prices = _first_solution(inst, sense, time_limit_s, deadline, seed, workers)
    if first.status in ("OPTIMAL", "INFEASIBLE") or first.value is None or inst.m < 2:
        return replace(first, seconds=time.perf_counter() - started)
    bound = first.bound
    best = list(first.assignment)
    rng = random.Random(seed)
    priced = cost + prices[:, None] * resource
    part_seconds, max_agents = _PART[medium]
    busy: dict[Future[tuple[list[int], list[int], bool]], set[int]] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        while True:
            left = deadline - time.perf_counter()
            done_by_bound = (
                bound is not None and sign * (bound - gap_value(inst, tuple(best))) < 0.5
            )
            if left > 0.02 and not done_by_bound:
                while len(busy) < max(1, workers):
                    agents = pick_agents(
                        rng, priced, best, set().union(*busy.values()), max_agents, not medium
                    )
                    if not agents:
                        break
                    members = set(agents)
                    jobs = [j for j, i in enumerate(best) if i in members]
                    part = (jobs, agents)
                    limit = min(left, part_seconds)
                    busy[pool.submit(_solve_part, inst, sense, list(best), part, limit, seed)] = (
                        members
                    )
            if not busy:
                break
            finished, _ = wait(busy, return_when=FIRST_COMPLETED)
            for future in finished:
                del busy[future]
                jobs, agents, _ = future.result()
                for j, i in zip(jobs, agents, strict=True):
                    best[j] = i
    value = gap_value(inst, tuple(best))
    proven = bound is not None and sign * (bound - value) < 0.5
    return GapResult(
        value=value,
        bound=bound,
        status="OPTIMAL" if proven else "FEASIBLE",
        seconds=time.perf_counter() - started,
        assignment=tuple(best),
    )


def solve_by_reduced_costs(
    inst: GapInstance, sense: Sense, time_limit_s: float, seed: int = 0, workers: int = 2
) -> GapResult:
    """Problems up to _FULL cells: CP-SAT on the whole problem restricted to the cells whose
    LP reduced cost is at most `delta` (`matching.gap_lp`; plus the incumbent's cells, so
    the hint stays feasible), in rounds of _ROUND_S with a new seed each. A round proven
    optimal widens `delta`, and once `delta` covers every cell an improvement could use,
    the answer is proven; two rounds in a row without improving also widen it (the answer
    may need a dearer cell). Measured at 10 s under a load of 25-50 on 2 cores: c20100
    1244-1249 (optimum 1243) and c20200 2394-2395 (2391), against 1254-1257 and 2403-2417
    for CP-SAT on every cell followed by the neighbourhood search."""
    started = time.perf_counter()
    deadline = started + time_limit_s
    sign = 1 if sense == "max" else -1
    cost, resource, capacity = _arrays(inst, sense)
    lp = lp_relaxation(cost, resource, capacity)
    if lp is None:  # HiGHS proved the LP infeasible (or failed): the plain path decides
        first, _ = _first_solution(inst, sense, time_limit_s, deadline, seed, workers)
        return replace(first, seconds=time.perf_counter() - started)
    floor = math.ceil(lp.bound - 1e-6)  # costs are integers
    hint = greedy_start(inst, sense)
    if hint is None:
        hint = feasible_start(
            inst, sense, lp.prices, time_limit_s=0.5 * time_limit_s, seed=seed, workers=workers
        )
    if hint is None:
        return GapResult(None, None, "UNKNOWN", time.perf_counter() - started, ())
    best = hint
    upper = int(-sign * gap_value(inst, best))  # in the minimised costs
    delta, proven, rounds, stalls = 1.0, upper <= floor, 0, 0
    while not proven and (left := deadline - time.perf_counter()) > 0.05:
        cells = lp.reduced <= delta
        cells[np.array(best), np.arange(inst.n)] = True
        found, optimal = _solve_cells(
            inst, sense, cells, best, min(left, _ROUND_S), seed + rounds, workers
        )
        rounds += 1
        value = int(-sign * gap_value(inst, found))
        # Every assignment cheaper than `upper` uses only cells with rc < upper - LP.
        proven = value <= floor or (optimal and delta >= upper - 1 - lp.bound)
        stalls = 0 if value < upper else stalls + 1
        if optimal or stalls == 2:  # proven here, or stuck: let dearer cells in
            delta, stalls = 2 * delta, 0
        best, upper = found, value
    return GapResult(
        value=gap_value(inst, best),
        bound=float(-sign * (upper if proven else floor)),
        status="OPTIMAL" if proven else "FEASIBLE",
        seconds=time.perf_counter() - started,
        assignment=best,
    )


def _solve_cells(
    inst: GapInstance,
    sense: Sense,
    cells: npt.NDArray[np.bool_],
    best: tuple[int, ...],
    time_limit_s: float,
    seed: int,
    workers: int,
) -> tuple[tuple[int, ...], bool]:
    """The best assignment using only `cells` [agent, job] (which hold `best`'s, the hint),
    and whether it is optimal among those."""
    model = cp_model.CpModel()
    x = {
        (int(i), int(j)): model.new_bool_var(f"x{i}_{j}")
        for i, j in zip(*np.nonzero(cells), strict=True)
    }
    per_job: list[list[cp_model.IntVar]] = [[] for _ in range(inst.n)]
    per_agent: list[list[tuple[int, cp_model.IntVar]]] = [[] for _ in range(inst.m)]
    for (i, j), var in x.items():
        per_job[j].append(var)
        per_agent[i].append((inst.resource[i][j], var))
        model.add_hint(var, best[j] == i)
    for options in per_job:
        model.add_exactly_one(options)
    for i, used in enumerate(per_agent):
        model.add(sum(r * var for r, var in used) <= inst.capacity[i])
    objective = sum(inst.cost[i][j] * var for (i, j), var in x.items())
    if sense == "max":
        model.maximize(objective)
    else:
        model.minimize(objective)
    solver = _solver(time_limit_s, seed, workers)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return best, False
    found = tuple(
        next(i for i in range(inst.m) if (i, j) in x and solver.boolean_value(x[i, j]))
        for j in range(inst.n)
    )
    sign = 1 if sense == "max" else -1
    if sign * (gap_value(inst, found) - gap_value(inst, best)) < 0:
        found = best  # the hint is feasible: CP-SAT never returns worse, but be sure
    return found, status == cp_model.OPTIMAL


def _first_solution(
    inst: GapInstance,
    sense: Sense,
    time_limit_s: float,
    deadline: float,
    seed: int,
    workers: int,
) -> tuple[GapResult, FloatArray]:
    """The first feasible assignment (empty when none was found) with its bound, and the
    relaxation's prices (zeros when it was not needed)."""
    sign = 1 if sense == "max" else -1
    cost, resource, capacity = _arrays(inst, sense)
    medium = inst.m * inst.n <= _FULL
    # Up to _FULL cells CP-SAT proves or nearly proves the problem from a regret greedy's
    # start (measured: the priced start and the bound's time did not pay there).
    hint = greedy_start(inst, sense) if medium else None
    prices = np.zeros(inst.m)
    lag_bound: float | None = None
    if hint is None:
        rel = lagrangian_bound(cost, resource, capacity, seconds=min(2.0, 0.15 * time_limit_s))
        lag_bound = float(sign * -math.ceil(rel.bound - 1e-6))  # costs are integers
        prices = rel.prices
        hint = feasible_start(
            inst, sense, prices, time_limit_s=0.5 * time_limit_s, seed=seed, workers=workers
        )
        if hint is not None:
            polished = shift_descent(cost, resource, capacity, np.array(hint), 0.1 * time_limit_s)
            hint = tuple(int(i) for i in polished)
    left = deadline - time.perf_counter()
    if medium or hint is None:
        small = inst.m * inst.n <= _SMALL
        # Small problems: the whole-problem search proves them; larger ones: a quarter of
        # the time for a start and a bound, the rest for the neighbourhood search.
        limit = left if small else min(left, max(1.0, 0.25 * time_limit_s))
        first = _solve_full(inst, sense, limit, seed, workers, hint)
        if first.value is None and hint is not None:
            first = GapResult(gap_value(inst, hint), None, "FEASIBLE", 0.0, hint)
    else:
        first = GapResult(gap_value(inst, hint), None, "FEASIBLE", 0.0, hint)
    known = [b for b in (first.bound, lag_bound) if b is not None]
    bound = sign * min(sign * b for b in known) if known else None
    if first.value is not None and bound is not None and sign * (bound - first.value) < 0.5:
        first = replace(first, status="OPTIMAL")
    return replace(first, bound=bound if first.value is not None else first.bound), prices


def feasible_start(
    inst: GapInstance,
    sense: Sense,
    prices: FloatArray,
    *,
    time_limit_s: float,
    seed: int = 0,
    workers: int = 2,
) -> tuple[int, ...] | None:
    """A feasible assignment, or None when none was found in time (or none exists): the
    priced start of `matching.gap_search`; when its repair gets stuck (bin-packing-like
    corners, rare), CP-SAT on the constraints alone, hinted with the least overloaded
    assignment, which it repairs or proves infeasible."""
    cost, resource, capacity = _arrays(inst, sense)
    start, ok = priced_start(cost, resource, capacity, prices)
    if ok:
        return tuple(int(i) for i in start)
    jobs, agents = list(range(inst.n)), list(range(inst.m))
    model = cp_model.CpModel()
    x = {(i, j): model.new_bool_var(f"x{i}_{j}") for i in agents for j in jobs}
    for j in jobs:
        model.add_exactly_one(x[i, j] for i in agents)
    for i in agents:
        model.add(sum(inst.resource[i][j] * x[i, j] for j in jobs) <= inst.capacity[i])
    for (i, j), var in x.items():
        model.add_hint(var, int(start[j]) == i)
    # (repair_hint would suit, but aborts in OR-Tools 9.15: "heuristics.fixed_search").
    solver = _solver(time_limit_s, seed, workers)
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return tuple(next(i for i in agents if solver.boolean_value(x[i, j])) for j in jobs)


def _arrays(inst: GapInstance, sense: Sense) -> tuple[IntArray, IntArray, IntArray]:
    """Costs to minimise (negated for a maximisation), resources, capacities."""
    cost = np.array(inst.cost, dtype=np.int64).reshape(inst.m, inst.n)
    resource = np.array(inst.resource, dtype=np.int64).reshape(inst.m, inst.n)
    return (-cost if sense == "max" else cost), resource, np.array(inst.capacity, dtype=np.int64)


def _model(
    inst: GapInstance,
    sense: Sense,
    jobs: list[int],
    agents: list[int],
    room: list[int],
) -> tuple[cp_model.CpModel, dict[tuple[int, int], cp_model.IntVar]]:
    """Jobs `jobs` over agents `agents` with capacities `room` (parallel to agents)."""
    model = cp_model.CpModel()
    x = {(i, j): model.new_bool_var(f"x{i}_{j}") for i in agents for j in jobs}
    for j in jobs:
        model.add_exactly_one(x[i, j] for i in agents)
    for i, cap in zip(agents, room, strict=True):
        model.add(sum(inst.resource[i][j] * x[i, j] for j in jobs) <= cap)
    objective = sum(inst.cost[i][j] * x[i, j] for i in agents for j in jobs)
    if sense == "max":
        model.maximize(objective)
    else:
        model.minimize(objective)
    return model, x


def _solver(time_limit_s: float, seed: int, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_time_in_seconds = max(0.01, time_limit_s)
    p.num_workers = workers
    p.random_seed = seed
    p.linearization_level = 2  # the LP relaxation is what makes GAP bounds tight
    return solver


def _solve_full(
    inst: GapInstance,
    sense: Sense,
    time_limit_s: float,
    seed: int,
    workers: int,
    start: tuple[int, ...] | None,
    solver: cp_model.CpSolver | None = None,
) -> GapResult:
    """CP-SAT on the whole problem; `solver`, when given, lets another thread stop it."""
    started = time.perf_counter()
    jobs, agents = list(range(inst.n)), list(range(inst.m))
    model, x = _model(inst, sense, jobs, agents, list(inst.capacity))
    if start is not None:
        for (i, j), var in x.items():
            model.add_hint(var, start[j] == i)
    # Small problems are proved fastest by one worker (no portfolio overhead).
    if solver is None:
        solver = _solver(time_limit_s, seed, 1 if inst.m * inst.n <= _SMALL else workers)
    status = solver.solve(model)
    seconds = time.perf_counter() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        name = "INFEASIBLE" if status == cp_model.INFEASIBLE else "UNKNOWN"
        return GapResult(None, None, name, seconds, ())
    assignment = tuple(next(i for i in agents if solver.boolean_value(x[i, j])) for j in jobs)
    return GapResult(
        value=gap_value(inst, assignment),
        bound=solver.best_objective_bound,
        status="OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE",
        seconds=seconds,
        assignment=assignment,
    )


def _solve_part(
    inst: GapInstance,
    sense: Sense,
    best: list[int],
    group: tuple[list[int], list[int]],
    time_limit_s: float,
    seed: int,
) -> tuple[list[int], list[int], bool]:
    """Re-solve `jobs` over `agents` with everything else fixed; the current assignment is
    a feasible hint, so the answer is never worse. The flag: solved to optimality."""
    jobs, agents = group
    chosen = set(jobs)
    used = [0] * inst.m
    for j, i in enumerate(best):
        if j not in chosen:
            used[i] += inst.resource[i][j]
    model, x = _model(inst, sense, jobs, agents, [inst.capacity[i] - used[i] for i in agents])
    for (i, j), var in x.items():
        model.add_hint(var, best[j] == i)
    solver = _solver(time_limit_s, seed, 1)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return jobs, [best[j] for j in jobs], False
    new = [next(i for i in agents if solver.boolean_value(x[i, j])) for j in jobs]
    old_value = sum(inst.cost[best[j]][j] for j in jobs)
    new_value = sum(inst.cost[i][j] for i, j in zip(new, jobs, strict=True))
    worse = new_value < old_value if sense == "max" else new_value > old_value
    return jobs, [best[j] for j in jobs] if worse else new, status == cp_model.OPTIMAL
