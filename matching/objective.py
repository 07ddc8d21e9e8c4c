"""The lexicographic objective as integer arc costs, and its value for an assignment.

Levels, in order: (1) covered priority, (2) continuity (households kept with their current
worker), (3) travel in metres, (4) fit penalty. The solvers optimise two stages, each a
pair of levels folded into one integer key:

    stage 1 = A * priority + kept      (maximise)
    stage 2 = C * travel_m + fit       (minimise)

**Why the folding is exact (the scales dominate).** Take x optimal for a folded key and y
better in the lexicographic order of its two levels. In a flow network y - x is a
circulation of the residual graph of x and splits into simple cycles (Ford-Fulkerson flow
decomposition). A household node only touches worker nodes and the sink, so a simple cycle
passes through at most H = min(households, workers + 1) households, each changing one
unit of its flow from one arc to another. Per unit of flow a household changes the lower
level by at most L * R (R = its range of the lower level: 1 for kept, the largest fit
penalty for fit; L = lcm of the weights scales per-unit costs to integers). With
A > H * L * 1 and C > H * L * F, every cycle whose upper-level change is non-zero has the
sign of that change, and the lexicographic improvement of y over x needs a cycle that
improves the folded key: a negative cycle at an optimum, a contradiction. CP-SAT models
are not flows; there H is the number of households, which bounds any change outright.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.model import LevelValues

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class Keys:
    """Per-assignment keys of each arc, and the scales used to fold them."""

    stage1: IntArray  # A * priority + kept  (to maximise)
    stage2: IntArray  # C * travel units + fit  (to minimise)
    scale_a: int
    scale_c: int
    travel_unit_m: int  # metres per travel unit


@dataclass(frozen=True, slots=True)
class LpBound:
    """The splittable relaxation's lexicographic optimum, in the solvers' integer units."""

    priority: float
    kept: float
    travel_units: float
    unit_m: int
    overflow: float = 0.0  # the balance stage's optimum (`matching.balance`), 0 without


def travel_units(km: FloatArray, unit_m: int) -> IntArray:
    return np.rint(km * (1000.0 / unit_m)).astype(np.int64)


def fold_keys(
    *,
    priority: IntArray,
    kept: IntArray,
    km: FloatArray,
    fit: IntArray,
    cycle_households: int,
    lcm: int,
    max_fit: int,
    unit_m: int = 1,
) -> Keys:
    """`cycle_households` is H above (households, for a CP-SAT model)."""
    has_kept = bool(kept.any())
    scale_a = cycle_households * lcm + 1 if has_kept else 1
    scale_c = cycle_households * lcm * max_fit + 1 if max_fit > 0 else 1
    return Keys(
        stage1=scale_a * priority + kept,
        stage2=scale_c * travel_units(km, unit_m) + fit,
        scale_a=scale_a,
        scale_c=scale_c,
        travel_unit_m=unit_m,
    )


def weights_lcm(weights: IntArray) -> int:
    return math.lcm(*(int(w) for w in np.unique(weights))) if len(weights) else 1


def levels_of(
    *,
    arc_h: IntArray,
    arc_km: FloatArray,
    arc_fit: IntArray,
    arc_kept: IntArray,
    priority: IntArray,
    share: FloatArray,
    unit_m: int = 1,
) -> LevelValues:
    """Levels of an arc flow; `share` is the fraction of each arc's household it carries
    (1.0 or 0.0 for an assignment, fractions for the relaxation). Travel is counted as the
    solvers count it, each pairing rounded to the travel unit (a metre), so that a plan's
    travel and its relaxation's bound compare exactly."""
    rounded_km = travel_units(arc_km, unit_m) * (unit_m / 1000.0)
    return LevelValues(
        covered_priority=float(np.sum(priority[arc_h] * share)),
        kept=float(np.sum(arc_kept * share)),
        travel_km=float(np.sum(rounded_km * share)),
        fit_penalty=float(np.sum(arc_fit * share)),
    )
