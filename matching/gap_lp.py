"""The LP relaxation of a generalized assignment problem, by HiGHS (through scipy), with
its duals: a bound, prices on the capacities and every cell's reduced cost.

Minimisation (a maximisation is passed with its costs negated). With the duals u_j (one
agent per job) and lambda_i <= 0 (capacities), the reduced cost of job j on agent i is
rc_ij = c_ij - u_j - lambda_i r_ij >= 0, and any assignment costs at least the LP optimum
plus the reduced costs of its cells. So an assignment cheaper than `upper` uses only cells
with rc_ij < upper - LP: the search can leave out every other cell without losing one
(reduced-cost fixing), and on tight instances few cells per job are left.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class LpRelaxation:
    bound: float  # the LP optimum: a lower bound on every assignment's cost
    prices: FloatArray  # per agent, >= 0: the cost of a unit of its capacity
    reduced: FloatArray  # [agent, job] reduced costs, >= 0 (up to rounding)


def lp_relaxation(cost: IntArray, resource: IntArray, capacity: IntArray) -> LpRelaxation | None:
    """None when the LP is infeasible (then so is the problem) or HiGHS fails."""
    m, n = cost.shape
    cells = np.arange(m * n)
    one_agent = coo_matrix((np.ones(m * n), (np.tile(np.arange(n), m), cells)), shape=(n, m * n))
    load = coo_matrix(
        (resource.ravel().astype(np.float64), (np.repeat(np.arange(m), n), cells)),
        shape=(m, m * n),
    )
    res = linprog(
        cost.ravel().astype(np.float64),
        A_ub=load,
        b_ub=capacity.astype(np.float64),
        A_eq=one_agent,
        b_eq=np.ones(n),
        bounds=(0, None),  # sum = 1 caps each cell; no dual on x <= 1 to account for
        method="highs",
    )
    if res.status != 0:
        return None
    per_job = np.asarray(res.eqlin.marginals, dtype=np.float64)
    per_agent = np.asarray(res.ineqlin.marginals, dtype=np.float64)  # <= 0
    reduced = cost - per_job[None, :] - per_agent[:, None] * resource
    return LpRelaxation(bound=float(res.fun), prices=np.maximum(0.0, -per_agent), reduced=reduced)
