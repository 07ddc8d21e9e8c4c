"""Fair workloads: the balance stage of the caseload objective, and the spread it leaves.

**Where it sits.** The objective is lexicographic: covered priority, continuity, then
balance, then travel and fit. Balance comes after priority and continuity (nobody is left
out and no household loses its worker to even out loads) and before travel, because
travel alone fills the workers nearest to dense villages to exactly 100 % and leaves a
remote one nearly idle (issue 13: 5 of 8 at 100 %, one at 25 %).

**What it minimises.** Utilisation is load / limit. With M the station's utilisation
(coverable load / total limit of the workers who can take households) the target is
U = M + `balance_margin` (9.5 points: the spread we promise is 10; M weighs workers by
their limits, the reported mean does not, hence the half point). Each worker's load
above floor(U * limit) is overflow, in tiers of `_TIER_STEP` of its limit; a unit in tier
k costs k. The balance stage minimises that convex total: zero exactly when every worker
can stay at or below U, and otherwise the excess is spread (the k-th tier is used only
when every cheaper way is gone), which approximates minimising the maximum utilisation.
In a flow network this is one parallel worker->T arc per tier, so the stage is a
min-cost flow like the others and keeps every plan exact where it was exact.

**What it may cost.** With `balance_travel_budget` (2 %) the stage is traded against
travel when the full balance would add more (`matching.trade`): balance as far as the
budget allows. The full balance is the special case of a budget large enough.

**What it costs.** Travel is minimised only among the balanced plans, so it can rise.
The cost is bounded by the margin (a worker is never pushed below U, and U is above the
mean) and by reach (no household goes out of a worker's reach). It is measured on the
splittable relaxation, which is the plan itself for unit loads: the travel of the same
relaxation without the balance stage is solved on the same face (after priority and
continuity), and the plan reports the difference in percent.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from matching.model import WorkloadBalance

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

_TIER_STEP = 0.01  # overflow tiers, as a fraction of each worker's limit
# At most this many tiers: a unit in tier k weighs 4^(k-1) (`matching.trade.penalty`), and
# a county far below its limits (U = 0.7 gave 31 tiers) would weigh its top units beyond
# 64 bits. Wider tiers there keep the order of the levels.
_MOST_TIERS = 24


def tiers(capacity: IntArray, eligible: BoolArray, target: float) -> IntArray:
    """Cumulative thresholds per worker, shape (m, k + 1): column 0 is floor(U * limit),
    the following ones add `_TIER_STEP` of the limit (more when that would make more than
    `_MOST_TIERS` tiers), the last is the limit itself.
    Ineligible workers (on leave, limit 0) keep their whole limit in column 0."""
    step = max(_TIER_STEP, (1.0 - target) / _MOST_TIERS)
    k = max(1, math.ceil((1.0 - target) / step - 1e-9))
    steps = target + step * np.arange(k + 1)
    cut = np.floor(np.minimum(steps[None, :], 1.0) * capacity[:, None]).astype(np.int64)
    cut[:, -1] = capacity
    cut[~eligible] = capacity[~eligible, None]
    return np.maximum.accumulate(cut, axis=1)


def overflow_of(cuts: IntArray, load: IntArray) -> int:
    """The balance level of loads: each unit in tier k (above threshold k - 1) counts k."""
    return int(np.maximum(load[:, None] - cuts[:, :-1], 0).sum())


def target_of(capacity: IntArray, eligible: BoolArray, load: float, margin: float) -> float:
    total = int(np.where(eligible, capacity, 0).sum())
    return min(1.0, load / total + margin) if total > 0 else 1.0


def spread(
    capacity: IntArray,
    eligible: BoolArray,
    load: IntArray,
    *,
    traded_km_per_unit: float | None = None,
    target: float | None,
    extra_travel_pct: float | None,
    travel_km_unbalanced: float | None,
    overflow: int = 0,
    overflow_bound: float | None = None,
) -> WorkloadBalance:
    on = eligible & (capacity > 0)
    util = load[on] / capacity[on] if on.any() else np.zeros(1)
    return WorkloadBalance(
        utilisation_max=round(float(util.max()), 4),
        utilisation_min=round(float(util.min()), 4),
        utilisation_mean=round(float(util.mean()), 4),
        utilisation_stddev=round(float(util.std()), 4),
        target=None if target is None else round(target, 4),
        extra_travel_pct=None if extra_travel_pct is None else round(extra_travel_pct, 3),
        travel_km_unbalanced=(
            None if travel_km_unbalanced is None else round(travel_km_unbalanced, 3)
        ),
        overflow=overflow,
        overflow_bound=overflow_bound,
        load=int(load.sum()),
        traded_km_per_unit=traded_km_per_unit,
    )
