"""The balance stage's tiers stay within 64-bit weights on a county far below its limits."""

from __future__ import annotations

import numpy as np

from matching.balance import tiers
from matching.caseload import assign_caseload
from matching.trade import penalty
from server.caseload_facts import county_problem
from server.demo.county import generate_county


def test_a_county_far_below_its_limits_gets_at_most_24_tiers_whose_weights_fit() -> None:
    capacity = np.array([44, 48, 33, 68], dtype=np.int64)
    cuts = tiers(capacity, np.ones(4, dtype=bool), target=0.3)
    assert cuts.shape[1] - 1 <= 24
    assert (np.diff(cuts, axis=1) >= 0).all() and (cuts[:, -1] == capacity).all()
    top = int(penalty(np.array([cuts.shape[1] - 1]))[0])
    assert top * int(capacity.sum()) * cuts.shape[1] < 2**63


def test_near_its_limits_a_county_keeps_tiers_of_one_percent() -> None:
    capacity = np.array([100, 100], dtype=np.int64)
    cuts = tiers(capacity, np.ones(2, dtype=bool), target=0.9)
    assert cuts.shape[1] - 1 == 10 and list(cuts[0, :3]) == [90, 91, 92]


def test_a_small_county_with_room_to_spare_is_planned() -> None:
    # 200 households, 8 workers at U = 0.7: 31 tiers of 1 % gave CP-SAT a domain beyond 64 bits.
    problem = county_problem(generate_county(households=200, seed=3001, workers=8))
    plan = assign_caseload(problem)
    assert plan.status in ("OPTIMAL", "FEASIBLE")
