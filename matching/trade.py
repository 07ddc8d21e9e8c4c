"""Balance traded against travel: the balance stage within a travel budget.

Balancing fully before travel can cost a lot of travel: on the county benchmark every
worker at or below the target costs +4.5 % (the relaxation's own optimum, so no plan does
better), on a township with one remote worker +37 %. With a budget b the balance stage
minimises travel + lambda * penalty, with a lambda whose optimum adds between 95 % of b
and b to the travel-optimal value on the same face (after priority and continuity), or the
largest found within 7 flows. The penalty uses the tiers of `matching.balance` (1 % of each
worker's limit above the target) but charges a unit in tier k 4^(k-1), a steep convex
penalty of utilisation: the fullest workers' top units go first, which comes close to
minimising the maximum utilisation (a linear k left a worker at 100 % on the county).
When every trade tried fits and the full lexicographic balance does too, that is used.

Lambda is in km of travel per unit of load in the first tier. Travel and the penalty both
move monotonically with lambda (a parametric min-cost flow), so a search on log2(lambda)
finds it: halving until one trade exceeds the budget, then a safeguarded regula falsi
(travel grows smoothly with log2(lambda)); each step is one min-cost flow on the face.
The flow for a given lambda is optimal for that weighted sum: among flows with no more
penalty, none travels less (the Lagrangian argument). The budget holds on the relaxation;
a weighted plan's repair (or CP-SAT, which gets the same lambda) can land a little either
side of it.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from matching.arcs import Arcs
from matching.flow import Face, Network, narrow, solve_on_face
from matching.objective import travel_units

IntArray = npt.NDArray[np.int64]

_COST_BITS = 61  # as in `matching.transport`: SimpleMinCostFlow scales costs by nodes + 1
# The search on log2(km per unit of load in the first tier): 2^-18 km (the top tiers of a
# station far above its target weigh 4^10 times more) to 64 km, in at most 7 flows.
_LOG2_LOW, _LOG2_HIGH, _STEPS = -18.0, 6.0, 7
_CLOSE_ENOUGH = 0.95  # stop early once a trade uses this share of the budget


def per_load_unit(km: float | None, unit_m: int, scale_c: int, lcm: int) -> int | None:
    """Lambda in the travel stage's integer cost units (per unit of load per tier)."""
    if km is None:
        return None
    return round(km * 1000.0 / unit_m * scale_c * lcm)  # 0: travel alone


class BalanceTrade:
    """The balance stage on one face of a relaxation: lexicographic if the budget allows,
    otherwise the best trade against travel within it."""

    def __init__(
        self,
        net: Network,
        face: Face,
        travel_cost: IntArray,
        arcs: Arcs,
        weight: IntArray,
        unit_m: int,
        scale_c: int,
        lcm: int,
    ) -> None:
        self._net, self._face, self._travel_cost = net, face, travel_cost
        self._a = len(arcs.h)
        # Travel units per unit of flow on each household->worker arc.
        self._units = travel_units(arcs.km, unit_m) / weight[arcs.h]
        self._unit_m, self._scale_c, self._lcm = unit_m, scale_c, lcm

    def full_balance(self) -> IntArray:
        """Balance first, then travel on its optimal face (the lexicographic order)."""
        net, face, bc = self._net, self._face, self._net.balance_cost
        balanced = narrow(net, bc, face, solve_on_face(net, bc, face))
        return solve_on_face(net, self._travel_cost, balanced)

    def travel(self, flow: IntArray) -> float:
        return float(self._units @ flow[: self._a])

    def search(
        self, budget: float | None, *, measure: bool = True
    ) -> tuple[IntArray, IntArray | None, float | None]:
        """(flow, the travel-only flow on the same face if measured or needed, km per unit
        of load traded or None for the full balance)."""
        net, face, s2 = self._net, self._face, self._travel_cost
        plain = solve_on_face(net, s2, face) if measure or budget is not None else None
        if plain is None or budget is None:
            return self.full_balance(), plain, None
        base = self.travel(plain)
        limit = (1.0 + budget) * base + 1e-9
        best, best_km = plain, 0.0
        low, high = _LOG2_LOW, _LOG2_HIGH
        # Travel added, less the aim (the middle of the window accepted as close), at each
        # end of the bracket: at the low end lambda is negligible (nothing added).
        aim = base + (1.0 + _CLOSE_ENOUGH) / 2.0 * (limit - base)
        low_off, high_off = base - aim, None
        top = int(np.abs(s2).max()) if len(s2) else 0
        weights = penalty(net.balance_cost)
        heaviest = int(weights.max())
        close = False
        mid = (low + high) / 2.0
        for _ in range(_STEPS):
            km = float(2.0**mid)
            lam = per_load_unit(km, self._unit_m, self._scale_c, self._lcm) or 0
            if (top + lam * heaviest) * (net.sink + 2) >= (1 << _COST_BITS):
                high, high_off = mid, None  # too heavy for int64 costs: trade less
                mid = (low + high) / 2.0
                continue
            flow = solve_on_face(net, s2 + lam * weights, face)
            travel = self.travel(flow)
            if travel <= limit:
                best, best_km, low, low_off = flow, km, mid, travel - aim
                close = travel >= base + _CLOSE_ENOUGH * (limit - base)
                if close:
                    break  # uses nearly all the budget: more steps would gain little
            else:
                high, high_off = mid, travel - aim
            mid = _next_probe(low, low_off, high, high_off)
        if high == _LOG2_HIGH and not close:  # every trade fitted: maybe the full one too
            full = self.full_balance()
            if self.travel(full) <= limit:
                return full, plain, None
        return best, plain, best_km


def _next_probe(low: float, low_off: float, high: float, high_off: float | None) -> float:
    """Where to try lambda next (log2 km): halfway until a trade has exceeded the budget,
    then where the line through the bracket's ends meets the aim, kept a tenth of the
    bracket inside it so that the bracket always shrinks (a safeguarded regula falsi).
    Travel grows smoothly with log2(lambda) on a county, so this lands in the accepted
    window in two or three flows where halving took five or six."""
    if high_off is None or high_off <= low_off:
        return (low + high) / 2.0
    x = low + (high - low) * (-low_off) / (high_off - low_off)
    edge = 0.1 * (high - low)
    return min(max(x, low + edge), high - edge)


def penalty(tier: IntArray) -> IntArray:
    """Per unit of load in overflow tier k >= 1: 4^(k-1), so that the fullest workers'
    top units go first (close to minimising the maximum utilisation) and the trade
    empties the higher tiers before the lower ones."""
    out: IntArray = np.where(tier > 0, 4 ** np.maximum(tier - 1, 0), 0).astype(np.int64)
    return out
