"""Pure optimisation for Bangfu: facts in, plans out (no I/O, no clock but solve time)."""

from matching.caseload import SOLVER_VERSION, assign_caseload
from matching.checks import check_caseload
from matching.greedy import greedy_caseload
from matching.model import (
    BalancePriority,
    CaseloadPlan,
    CaseloadProblem,
    CaseloadSettings,
    GeoPoint,
    HouseholdFact,
    LevelValues,
    Move,
    Pairing,
    Unassigned,
    Violation,
    WorkerFact,
    settings_for_balance,
)
from matching.priority import PrioritySettings, household_priority

__all__ = [
    "SOLVER_VERSION",
    "BalancePriority",
    "CaseloadPlan",
    "CaseloadProblem",
    "CaseloadSettings",
    "GeoPoint",
    "HouseholdFact",
    "LevelValues",
    "Move",
    "Pairing",
    "PrioritySettings",
    "Unassigned",
    "Violation",
    "WorkerFact",
    "assign_caseload",
    "check_caseload",
    "greedy_caseload",
    "household_priority",
    "settings_for_balance",
]
