"""Bound, start and local search for large generalized assignment problems, in numpy.

Minimisation throughout (a maximisation problem is passed with its costs negated).

**Bound.** Relaxing the capacities with prices lambda_i >= 0 leaves one choice per job:
L(lambda) = sum_j min_i (c_ij + lambda_i r_ij) - sum_i lambda_i b_i. Every L(lambda) is a
lower bound, and since each job's subproblem is integral, max L equals the LP relaxation's
optimum (Geoffrion's integrality property). Subgradient ascent with Polyak steps gets
within a small fraction of a percent of it in a few hundred steps of O(m n) each.

**Start.** Each job to its cheapest agent at the prices (c_ij + lambda_i r_ij), then
overloaded agents shed jobs, each time the move that costs least per unit of overload
removed, to an agent with room; when no such move is left, the job that fits with least
resource. Prices make the first assignment nearly feasible already, so few moves remain.

**Local search.** Best-improving shift moves (a job to another agent with room) until
none improves; the ejection chains and swaps are left to the CP-SAT neighbourhoods in
`matching.gap`, which re-solve a few agents' jobs exactly.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class Relaxation:
    bound: float  # a proven lower bound (the best L(lambda) seen)
    prices: FloatArray  # lambda at that bound
    steps: int


def lagrangian_bound(
    cost: IntArray,
    resource: IntArray,
    capacity: IntArray,
    *,
    upper: float | None = None,
    seconds: float = 1.0,
    max_steps: int = 3000,
) -> Relaxation:
    """Subgradient ascent on L; `upper` (a known solution's value) sets the Polyak target."""
    c = cost.astype(np.float64)
    r = resource.astype(np.float64)
    b = capacity.astype(np.float64)
    m, n = c.shape
    cols = np.arange(n)
    lam = np.zeros(m)
    best, best_lam = -np.inf, lam.copy()
    theta, stall = 2.0, 0
    deadline = time.perf_counter() + seconds
    step = 0
    for step in range(1, max_steps + 1):
        priced = c + lam[:, None] * r
        choice = np.argmin(priced, axis=0)
        value = float(priced[choice, cols].sum() - lam @ b)
        if step == 1 or value > best + 1e-9 * max(1.0, abs(best)):
            best, best_lam, stall = value, lam.copy(), 0
        else:
            stall += 1
            if stall >= 20:
                theta, stall = theta / 2, 0
        g = np.bincount(choice, weights=r[choice, cols], minlength=m) - b
        g = np.where((lam <= 0) & (g < 0), 0.0, g)
        norm = float(g @ g)
        if norm == 0.0:  # L's maximum: the priced choice is feasible and complementary
            break
        target = upper if upper is not None and upper > best else best + 0.02 * abs(best) + 1
        lam = np.maximum(0.0, lam + theta * (target - value) / norm * g)
        if theta < 1e-4 or time.perf_counter() > deadline:
            break
    return Relaxation(bound=best, prices=best_lam, steps=step)


def priced_start(
    cost: IntArray, resource: IntArray, capacity: IntArray, prices: FloatArray
) -> tuple[IntArray, bool]:
    """An assignment (agent per job) near the priced optimum and whether it is feasible:
    the cheaper feasible one of two constructions, the priced choice repaired and a regret
    greedy at the prices; if neither repair succeeds, the one with the least overload (a
    hint for an exact repair)."""
    m, n = cost.shape
    # Ties at the prices (common: most prices are often 0) go to the agent it loads least.
    priced = cost + prices[:, None] * resource + 1e-3 * resource / (1 + resource.max())
    found: list[tuple[int, int, IntArray]] = []
    for first in (np.argmin(priced, axis=0), _regret_greedy(priced, resource, capacity)):
        fixed = _repair(priced, resource, capacity, first)
        load = np.bincount(fixed, weights=resource[fixed, np.arange(n)], minlength=m)
        over = int(np.maximum(load - capacity, 0).sum())
        found.append((over, int(cost[fixed, np.arange(n)].sum()), fixed))
    over, _, best = min(found, key=lambda f: (f[0], f[1]))
    return best, over == 0


def _regret_greedy(priced: FloatArray, resource: IntArray, capacity: IntArray) -> IntArray:
    """Jobs with most to lose first (regret), each to its cheapest priced agent with room;
    a job that fits nowhere goes where it overloads least (repaired afterwards)."""
    m, n = priced.shape
    ranked = np.sort(priced, axis=0)
    regret = ranked[1] - ranked[0] if m > 1 else np.zeros(n)
    prefs = np.argsort(priced, axis=0, kind="stable")
    assign = np.empty(n, dtype=np.int64)
    load = np.zeros(m, dtype=np.int64)
    for j in np.argsort(-regret, kind="stable").tolist():
        order = prefs[:, j]
        ok = np.flatnonzero(resource[order, j] <= capacity[order] - load[order])
        i = int(order[ok[0]]) if len(ok) else int(np.argmin(resource[:, j] + load - capacity))
        assign[j] = i
        load[i] += resource[i, j]
    return assign


def _repair(
    priced: FloatArray, resource: IntArray, capacity: IntArray, assign: IntArray
) -> IntArray:
    """Overloaded agents shed jobs, each time the move that adds least priced cost per unit
    of overload removed, to an agent with room (else the least overloading move). Returns
    the last assignment, feasible or not, when moves run out."""
    m, n = priced.shape
    cols = np.arange(n)
    assign = assign.copy()
    load = np.bincount(assign, weights=resource[assign, cols], minlength=m).astype(np.int64)
    for _ in range(4 * n):
        over = np.flatnonzero(load > capacity)
        if len(over) == 0:
            return assign
        room = capacity - load
        jobs = np.flatnonzero(np.isin(assign, over))
        cur = assign[jobs]
        at = np.arange(len(jobs))
        fits = resource[:, jobs] <= room[:, None]  # agents with room for each job
        fits[cur, at] = False
        if fits.any():
            extra = priced[:, jobs] - priced[cur, at]
            freed = np.minimum(resource[cur, jobs], load[cur] - capacity[cur])
            score = np.where(fits, extra / freed, np.inf)
        else:
            after = (resource[:, jobs] - room[:, None]).astype(np.float64)
            after[cur, at] = np.inf
            score = after - 1e-6 * resource[cur, jobs]
        to, k = np.unravel_index(int(np.argmin(score)), score.shape)
        j = int(jobs[k])
        frm = int(assign[j])
        load[frm] -= resource[frm, j]
        load[to] += resource[to, j]
        assign[j] = to
    return assign


def shift_descent(
    cost: IntArray, resource: IntArray, capacity: IntArray, assign: IntArray, seconds: float
) -> IntArray:
    """Improving shifts while any improves; the assignment stays feasible. Each pass finds
    every job's best shift against the current loads and applies them best first, each if
    its target still has room."""
    m, n = cost.shape
    cols = np.arange(n)
    assign = assign.copy()
    load = np.bincount(assign, weights=resource[assign, cols], minlength=m).astype(np.int64)
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        delta = np.where(resource <= (capacity - load)[:, None], cost - cost[assign, cols], 0)
        to = np.argmin(delta, axis=0)
        gain = delta[to, cols]
        movers = np.flatnonzero(gain < 0)
        if len(movers) == 0:
            break
        for j in movers[np.argsort(gain[movers], kind="stable")].tolist():
            i, frm = int(to[j]), int(assign[j])
            if load[i] + resource[i, j] <= capacity[i]:
                load[frm] -= resource[frm, j]
                load[i] += resource[i, j]
                assign[j] = i
    return assign


def pick_agents(
    rng: random.Random,
    priced: FloatArray,
    best: list[int],
    busy: set[int],
    max_agents: int,
    by_loss: bool,
) -> list[int]:
    """A few agents not in a part in flight: small parts solve exactly in milliseconds,
    larger ones improve from the hint within their time limit. Mostly the agents are
    related: a job that loses most against its best priced agent (c + lambda r, the
    relaxation's view), drawn in proportion to that loss, with its current agent and the
    agents where it would be cheapest; otherwise agents at random."""
    m, n = priced.shape
    free = [i for i in range(m) if i not in busy]
    # 2 to max_agents, or up to about 40 jobs' worth when agents hold few jobs each.
    k = min(len(free), rng.randint(2, max(max_agents, round(40 * m / n))))
    if k < 2:
        return []
    if rng.random() < (0.8 if by_loss else 0.5):
        current = np.asarray(best)
        loss = priced[current, np.arange(n)] - priced.min(axis=0)
        if not by_loss:  # any job, uniformly (the medium problems' measured best)
            loss = np.ones(n)
        loss[np.isin(current, list(busy))] = 0.0
        total = float(loss.sum())
        if total > 0:
            j = int(np.searchsorted(np.cumsum(loss), rng.random() * total, side="right"))
            j = min(j, n - 1)
            order = [int(i) for i in np.argsort(priced[:, j], kind="stable")]
            better = [i for i in order if i != best[j] and i not in busy]
            return sorted([best[j], *better[: k - 1]])
    return sorted(rng.sample(free, k))
