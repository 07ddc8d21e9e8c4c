"""Facts in, plans out: the frozen dataclasses at the boundary of the caseload optimiser.

Ids are opaque strings; nothing here names a person. A plan carries the hash of the problem
it was computed from, the solver version and every setting, so it can be reproduced.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Final, Literal

# Why a household was left without a worker, most specific first (see matching.explain).
UnassignedReason = Literal[
    "NO_LOCATION",
    "NO_WORKERS",
    "NO_WORKER_IN_REACH",
    "NO_WORKER_WITH_SKILL",
    "CONFLICT_EXCLUDES_ALL",
    "ALL_IN_REACH_FULL",
]
UNASSIGNED_REASONS: Final = (
    "NO_LOCATION",
    "NO_WORKERS",
    "NO_WORKER_IN_REACH",
    "NO_WORKER_WITH_SKILL",
    "CONFLICT_EXCLUDES_ALL",
    "ALL_IN_REACH_FULL",
)

# Why a pairing was made; a pairing lists every code that applies.
PAIRING_REASONS: Final = (
    "CONTINUITY",  # the household keeps its current worker
    "NEAREST_IN_REACH",  # the nearest worker that could take it
    "ONLY_IN_REACH",  # the only worker that could take it
    "NEARER_ONES_FULL",  # nearer workers are used up by higher-priority or nearer households
    "BALANCE",  # nearer workers have room but are above the station's workload target
    "SKILL",  # the worker has the skills the household needs
    "LANGUAGE",  # the worker speaks one of the household's languages
    "SEX",  # the worker is of the sex the household asked for
    "LANGUAGE_MISMATCH",  # no worker that could take it shares a language
    "SEX_MISMATCH",
)

SolveStatus = Literal["OPTIMAL", "FEASIBLE"]
# The objective levels, in lexicographic order.
ObjectiveLevel = Literal["priority", "continuity", "balance", "travel", "fit"]
Solver = Literal["auto", "flow", "cpsat"]

WARNING_LEVELS: Final = ("NONE", "BLUE", "YELLOW", "ORANGE", "RED")


@dataclass(frozen=True, slots=True)
class GeoPoint:
    lat: float
    lon: float

    def __post_init__(self) -> None:
        if not (-90.0 <= self.lat <= 90.0 and -180.0 <= self.lon <= 180.0):
            raise ValueError(f"not a coordinate: ({self.lat}, {self.lon})")


@dataclass(frozen=True, slots=True)
class WorkerFact:
    id: str
    station_id: str
    capacity: int  # weighted caseload units
    home: GeoPoint
    reach_km: float  # road distance (straight line x detour factor) the worker can cover
    skills: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    sex: str | None = None
    on_leave: bool = False


@dataclass(frozen=True, slots=True)
class HouseholdFact:
    id: str
    location: GeoPoint | None
    weight: int = 1  # caseload units the household takes from its worker
    priority: int = 1  # see matching.priority; every household is worth covering
    warning: str = "NONE"
    needs_skills: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()  # empty: any language will do
    preferred_sex: str | None = None
    current_worker_id: str | None = None

    def __post_init__(self) -> None:
        # A zero weight or priority would make "cover it" meaningless to the objective.
        if self.weight < 1:
            raise ValueError(f"household {self.id}: weight must be >= 1")
        if self.priority < 1:
            raise ValueError(f"household {self.id}: priority must be >= 1")


@dataclass(frozen=True, slots=True)
class CaseloadSettings:
    detour_factor: float = 1.3  # road km per straight-line km
    # Each household may go to its `candidate_limit` nearest eligible workers (plus its
    # current one); None lets it go to every worker in reach.
    candidate_limit: int | None = 40
    language_weight: int = 2  # fit penalty when no shared language
    sex_weight: int = 1  # fit penalty when the preferred sex is not met
    time_limit_s: float = 10.0  # for CP-SAT; the min-cost flows always run to the end
    seed: int = 0
    search_workers: int = 2  # CP-SAT threads; two beat eight on two cores
    # Problems up to this many households go to CP-SAT (exact on weighted loads).
    cpsat_max_households: int = 300
    # CP-SAT starts from the flow solution and its relaxation bound; off only to test the
    # solvers against each other independently.
    cpsat_warm_start: bool = True
    solver: Solver = "auto"
    # Balance stage (`matching.balance`): aim every worker below the station's utilisation
    # plus this much (0.095 = 9.5 points); None leaves travel alone to decide.
    balance_margin: float | None = 0.095
    # The travel the balance stage may add, as a fraction of the travel-optimal plan's
    # (`matching.trade`); beyond it balance is traded against travel. None: balance fully.
    balance_travel_budget: float | None = 0.02

    def __post_init__(self) -> None:
        if self.detour_factor < 1.0:
            raise ValueError("detour_factor must be >= 1")
        if self.candidate_limit is not None and self.candidate_limit < 1:
            raise ValueError("candidate_limit must be >= 1 or None")
        if self.language_weight < 0 or self.sex_weight < 0:
            raise ValueError("fit weights must be >= 0")
        if self.time_limit_s <= 0:
            raise ValueError("time_limit_s must be > 0")
        if self.balance_margin is not None and not 0.0 <= self.balance_margin <= 1.0:
            raise ValueError("balance_margin must be between 0 and 1, or None")
        if self.balance_travel_budget is not None and self.balance_travel_budget < 0.0:
            raise ValueError("balance_travel_budget must be >= 0, or None")


class BalancePriority(Enum):
    """How much travel evening out workloads may cost, the station manager's choice per plan.

    Travel alone fills the workers nearest to dense villages to 100 % and leaves a remote
    one nearly idle; evening that out sends workers farther. The default keeps the county
    benchmark's promise (at most 2 % more travel); a station that wants even loads whatever
    the road says chooses EVEN_LOADS, and the plan reports what it cost.
    """

    TRAVEL_FIRST = "TRAVEL_FIRST"  # balance within 2 % more travel
    BALANCED = "BALANCED"  # within 10 %
    EVEN_LOADS = "EVEN_LOADS"  # as even as the limits and reach allow


BALANCE_TRAVEL_BUDGETS: Final[Mapping[BalancePriority, float | None]] = {
    BalancePriority.TRAVEL_FIRST: 0.02,
    BalancePriority.BALANCED: 0.10,
    BalancePriority.EVEN_LOADS: None,
}


def settings_for_balance(priority: BalancePriority) -> CaseloadSettings:
    return CaseloadSettings(balance_travel_budget=BALANCE_TRAVEL_BUDGETS[priority])


@dataclass(frozen=True, slots=True)
class CaseloadProblem:
    workers: tuple[WorkerFact, ...]
    households: tuple[HouseholdFact, ...]
    # (worker_id, household_id): relatives and declared conflicts of interest.
    conflicts: frozenset[tuple[str, str]] = frozenset()
    settings: CaseloadSettings = field(default_factory=CaseloadSettings)


@dataclass(frozen=True, slots=True)
class Pairing:
    household_id: str
    worker_id: str
    distance_km: float  # road km (straight line x detour factor)
    reasons: tuple[str, ...]  # PAIRING_REASONS codes
    # The best other worker that could take the household in this plan's context, and what
    # choosing them instead would add (km; negative when they are nearer but e.g. full).
    next_best_worker_id: str | None = None
    next_best_extra_km: float | None = None
    next_best_note: str = ""


@dataclass(frozen=True, slots=True)
class Unassigned:
    household_id: str
    reason: UnassignedReason
    detail: str
    what_would_change: str
    nearest_worker_id: str | None = None
    nearest_km: float | None = None


@dataclass(frozen=True, slots=True)
class Move:
    """A household whose worker changes against today (to None: it loses its worker)."""

    household_id: str
    from_worker_id: str
    to_worker_id: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class LevelValues:
    """The lexicographic objective, level by level (fractional for a relaxation's bound)."""

    covered_priority: float  # maximise
    kept: float  # households left with their current worker; maximise
    travel_km: float  # minimise; each pairing counted to the metre, as the solvers do
    fit_penalty: float  # minimise


@dataclass(frozen=True, slots=True)
class WorkloadBalance:
    """Utilisation (load / limit, 0-1) over the workers who can take households."""

    utilisation_max: float
    utilisation_min: float
    utilisation_mean: float
    utilisation_stddev: float
    target: float | None  # U, the level the balance stage aimed below (None: no stage)
    # Travel the balance stage added against the same relaxation without it (percent);
    # None when there was no balance stage or nothing to measure.
    extra_travel_pct: float | None
    travel_km_unbalanced: float | None  # that relaxation's travel without the stage
    # The balance stage's level: tiered overflow above the target (`matching.balance`),
    # of the plan and of the relaxation (a lower bound); 0 and None without the stage.
    overflow: int = 0
    overflow_bound: float | None = None
    load: int = 0  # caseload units placed in the plan
    # Km of travel one unit of load above the target was worth when the full balance
    # would have cost more than the travel budget (`matching.trade`); None: full balance.
    traded_km_per_unit: float | None = None


@dataclass(frozen=True, slots=True)
class CaseloadPlan:
    pairings: tuple[Pairing, ...]  # sorted by household id
    unassigned: tuple[Unassigned, ...]  # sorted by household id
    status: SolveStatus  # OPTIMAL: proven lexicographically optimal on the candidate arcs
    # Value and bound of the first objective level not proven optimal (`gap_level`), in
    # that level's own unit; gap = |objective - bound| / max(|objective|, |bound|).
    objective: float
    bound: float
    gap: float
    gap_level: ObjectiveLevel
    levels: LevelValues
    bound_levels: LevelValues
    seconds: float
    solver: str
    solver_version: str
    restricted_candidates: bool
    moves: tuple[Move, ...]
    input_hash: str
    settings: CaseloadSettings
    notes: tuple[str, ...]
    balance: WorkloadBalance | None = None  # utilisation spread (None: not computed)


@dataclass(frozen=True, slots=True)
class Violation:
    code: str  # OVER_CAPACITY, OUT_OF_REACH, CONFLICT, MISSING_SKILL, ON_LEAVE, ...
    detail: str
    household_id: str | None = None
    worker_id: str | None = None
    # What a page fills the code's sentence with (the detail is for developers and names ids).
    params: tuple[tuple[str, str], ...] = ()
