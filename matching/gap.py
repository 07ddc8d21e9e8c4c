"""Generalized assignment (OR-Library format) by CP-SAT: the published yardstick for the
caseload model (agents = workers with capacities, jobs = households with weights).

File format (J. E. Beasley's OR-Library): whitespace-separated integers, line breaks mean
nothing. P, then per problem: m n, costs c[i][j] (m rows of n), resources r[i][j], then
capacities b[i]. Every job goes to exactly one agent with sum_j r[i][j] x[i][j] <= b[i].
"""

from __future__ import annotations

import random
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from typing import Literal

from ortools.sat.python import cp_model

Sense = Literal["max", "min"]
_PART_SECONDS = 0.5  # time for one neighbourhood; most need milliseconds
_SMALL = 1000  # agents x jobs: one CP-SAT worker proves these fastest (no portfolio)


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
    """CP-SAT on the whole problem first (proves the small ones optimal, and gives a bound
    and a good start); then, while time is left, a large-neighbourhood search driven from
    here: free every job of a few agents and let CP-SAT re-solve that part from the current
    solution. One part per worker is in flight at any time, on disjoint agents, so each
    result applies as it comes (a part only moves jobs among its own agents)."""
    started = time.perf_counter()
    deadline = started + time_limit_s
    small = inst.m * inst.n <= _SMALL
    # Small problems: the whole-problem search proves them; larger ones: a quarter of the
    # time for a start and a bound, the rest for the neighbourhood search.
    first_limit = time_limit_s if small else min(time_limit_s, max(1.0, 0.25 * time_limit_s))
    first = _solve_full(inst, sense, first_limit, seed, workers)
    if first.status in ("OPTIMAL", "INFEASIBLE") or first.value is None or inst.m < 2:
        return replace(first, seconds=time.perf_counter() - started)
    best = list(first.assignment)
    bound = first.bound
    sign = 1 if sense == "max" else -1
    rng = random.Random(seed)
    busy: dict[Future[tuple[list[int], list[int], bool]], set[int]] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        while True:
            left = deadline - time.perf_counter()
            done_by_bound = (
                bound is not None and sign * (bound - gap_value(inst, tuple(best))) < 0.5
            )
            if left > 0.02 and not done_by_bound:
                while len(busy) < max(1, workers):
                    agents = _pick_agents(rng, inst, sense, best, set().union(*busy.values()))
                    if not agents:
                        break
                    members = set(agents)
                    jobs = [j for j, i in enumerate(best) if i in members]
                    part = (jobs, agents)
                    limit = min(left, _PART_SECONDS)
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


def _pick_agents(
    rng: random.Random, inst: GapInstance, sense: Sense, best: list[int], busy: set[int]
) -> list[int]:
    """A few agents not in a part in flight: small parts solve exactly in milliseconds,
    larger ones improve from the hint within their time limit. Half the time the agents
    are related: a job's current agent and the agents where it would score better."""
    free = [i for i in range(inst.m) if i not in busy]
    # 2 to 6 agents, or up to about 40 jobs' worth when agents hold few jobs each.
    k = min(len(free), rng.randint(2, max(6, round(40 * inst.m / inst.n))))
    if k < 2:
        return []
    if rng.random() < 0.5:
        j = rng.randrange(inst.n)
        if best[j] not in busy:
            sign = -1 if sense == "max" else 1
            better = sorted(
                (i for i in free if i != best[j]), key=lambda i: (sign * inst.cost[i][j], i)
            )
            return sorted([best[j], *better[: k - 1]])
    return sorted(rng.sample(free, k))


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
    inst: GapInstance, sense: Sense, time_limit_s: float, seed: int, workers: int
) -> GapResult:
    started = time.perf_counter()
    jobs, agents = list(range(inst.n)), list(range(inst.m))
    model, x = _model(inst, sense, jobs, agents, list(inst.capacity))
    start = greedy_start(inst, sense)
    if start is not None:
        for (i, j), var in x.items():
            model.add_hint(var, start[j] == i)
    # Small problems are proved fastest by one worker (no portfolio overhead).
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
