"""A plan's stored input, read back, is the same problem and solves to the same plan.

800 households: above the CP-SAT threshold, so the exact flow path (not a time-limited
search) makes the comparison deterministic."""

from __future__ import annotations

import json

from matching import assign_caseload
from matching.fingerprint import canonical, input_hash, problem_from_canonical
from server.caseload_facts import county_problem
from server.demo.county import generate_county


def test_a_stored_problem_solves_to_the_same_plan() -> None:
    problem = county_problem(generate_county(households=800, seed=3))
    stored = json.loads(json.dumps(canonical(problem)))  # as kept on the plan node
    again = problem_from_canonical(stored)
    assert input_hash(again) == input_hash(problem)
    first, second = assign_caseload(problem), assign_caseload(again)
    assert first.pairings == second.pairings
    assert first.unassigned == second.unassigned
