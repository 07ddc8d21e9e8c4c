"""A province's caseload re-plan in shards, and the shards merged back into one plan.

A plan's scope is at most a county (no worker serves across a county line), so counties
are independent problems. Within a county, groups of workers that no household's reach
joins are independent too: `split_by_reach` cuts a county there, packing small groups
together so that a county of scattered hamlets does not become hundreds of tiny jobs.
Each shard is solved by `assign_caseload` alone; `merge_shards` puts the outcomes back into
one plan with a gap per county.

The split is on a coarser graph than the solver's (cheap: it looks at workers only).
Workers i and j are joined when their homes are within 2 x max(reach_i, reach_j) in a
straight line; a household goes with its nearest worker. Every worker that could take a
household is then in its nearest worker's group (the nearest is no farther than it, so
the two homes are within twice its reach), so no arc of the solver crosses a shard and
each shard's optimum is the county's optimum restricted to it. Only the balance target
differs: each shard aims at its own utilisation, which is what a station would see.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from matching.geo import chord_to_km, km_to_chord, unit_vectors
from matching.model import CaseloadPlan, CaseloadProblem, ObjectiveLevel

IntArray = npt.NDArray[np.int64]

# Groups below this many households are packed together into one shard.
DEFAULT_MIN_SHARD_HOUSEHOLDS = 2_000


@dataclass(frozen=True, slots=True)
class ShardKey:
    county: str
    part: int  # 0: the county's largest group (its first job); parts 1.. follow

    @property
    def id(self) -> str:
        return f"{self.county}#{self.part}"


def reach_groups(problem: CaseloadProblem) -> list[tuple[IntArray, IntArray]]:
    """(household indices, worker indices) of each group, in the problem's own order;
    largest group first, ties by first household. Households without a location, and
    workers without households, go with the largest group (nothing can pair them)."""
    n, m = len(problem.households), len(problem.workers)
    if m == 0 or n == 0:
        return [(np.arange(n, dtype=np.int64), np.arange(m, dtype=np.int64))]
    detour = problem.settings.detour_factor
    w_xyz = unit_vectors(
        np.array([w.home.lat for w in problem.workers]),
        np.array([w.home.lon for w in problem.workers]),
    )
    reach = np.array([w.reach_km for w in problem.workers], dtype=float) / detour
    tree = cKDTree(w_xyz)
    pairs = tree.query_pairs(km_to_chord(2.0 * float(reach.max()) + 1e-6), output_type="ndarray")
    if len(pairs):
        km = chord_to_km(np.linalg.norm(w_xyz[pairs[:, 0]] - w_xyz[pairs[:, 1]], axis=1))
        pairs = pairs[km <= 2.0 * np.maximum(reach[pairs[:, 0]], reach[pairs[:, 1]]) + 1e-6]
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(m, m))
    _, worker_label = connected_components(graph, directed=False)
    located = np.array([h.location is not None for h in problem.households], dtype=bool)
    h_label = np.full(n, -1, dtype=np.int64)
    if located.any():
        spots = [h.location for h in problem.households if h.location is not None]
        h_xyz = unit_vectors(np.array([p.lat for p in spots]), np.array([p.lon for p in spots]))
        _, nearest = tree.query(h_xyz, k=1)
        h_label[located] = worker_label[nearest]
    k = int(worker_label.max()) + 1
    placed = h_label >= 0
    sizes = np.bincount(h_label[placed], minlength=k)
    first = np.full(k, n, dtype=np.int64)
    np.minimum.at(first, h_label[placed], np.flatnonzero(placed))
    order = sorted(range(k), key=lambda g: (-int(sizes[g]), int(first[g])))
    # Indices of each group in one pass (stable sorts keep the problem's order inside).
    h_sorted = np.argsort(h_label, kind="stable")
    h_cuts = np.searchsorted(h_label[h_sorted], np.arange(k + 1))
    w_sorted = np.argsort(worker_label, kind="stable")
    w_cuts = np.searchsorted(worker_label[w_sorted], np.arange(k + 1))
    groups = [
        (h_sorted[h_cuts[g] : h_cuts[g + 1]], w_sorted[w_cuts[g] : w_cuts[g + 1]]) for g in order
    ]
    head_h, head_w = groups[0]
    stray_h = np.flatnonzero(h_label < 0)
    idle_w = [w for h, w in groups[1:] if len(h) == 0]
    head = (
        np.sort(np.concatenate([head_h, stray_h])),
        np.sort(np.concatenate([head_w, *idle_w])),
    )
    return [head] + [(h, w) for h, w in groups[1:] if len(h) > 0]


def pack_groups(
    groups: list[tuple[IntArray, IntArray]], min_households: int
) -> list[tuple[IntArray, IntArray]]:
    """Groups of at least `min_households` stay alone; smaller ones are packed, in order,
    into shards of about that size (disjoint groups solve together as well as apart)."""
    shards: list[tuple[IntArray, IntArray]] = []
    bin_h: list[IntArray] = []
    bin_w: list[IntArray] = []
    for h, w in groups:
        if len(h) >= min_households:  # sorted largest first: before any packed bin
            shards.append((h, w))
            continue
        bin_h.append(h)
        bin_w.append(w)
        if sum(len(x) for x in bin_h) >= min_households:
            shards.append((np.sort(np.concatenate(bin_h)), np.sort(np.concatenate(bin_w))))
            bin_h, bin_w = [], []
    if bin_h:
        shards.append((np.sort(np.concatenate(bin_h)), np.sort(np.concatenate(bin_w))))
    return shards


def split_by_reach(
    problem: CaseloadProblem, *, min_households: int = DEFAULT_MIN_SHARD_HOUSEHOLDS
) -> tuple[CaseloadProblem, ...]:
    """The county's problem as independent shards (one when nothing splits it)."""
    shards = pack_groups(reach_groups(problem), min_households)
    if len(shards) == 1:
        return (problem,)
    out: list[CaseloadProblem] = []
    for h_idx, w_idx in shards:
        households = tuple(problem.households[i] for i in h_idx)
        ids = {h.id for h in households}
        out.append(
            CaseloadProblem(
                workers=tuple(problem.workers[i] for i in w_idx),
                households=households,
                conflicts=frozenset(c for c in problem.conflicts if c[1] in ids),
                settings=problem.settings,
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class ShardOutcome:
    """One shard's solve, as the merge needs it (no pairing: those travel apart)."""

    county: str
    part: int
    parts: int  # how many shards the county was cut into
    households: int
    workers: int
    assigned: int
    unassigned: int
    status: str
    gap: float
    gap_level: ObjectiveLevel
    travel_km: float
    covered_priority: float
    solve_seconds: float

    @property
    def key(self) -> ShardKey:
        return ShardKey(self.county, self.part)


def shard_outcome(
    key: ShardKey, parts: int, problem: CaseloadProblem, plan: CaseloadPlan
) -> ShardOutcome:
    return ShardOutcome(
        county=key.county,
        part=key.part,
        parts=parts,
        households=len(problem.households),
        workers=len(problem.workers),
        assigned=len(plan.pairings),
        unassigned=len(plan.unassigned),
        status=plan.status,
        gap=plan.gap,
        gap_level=plan.gap_level,
        travel_km=plan.levels.travel_km,
        covered_priority=plan.levels.covered_priority,
        solve_seconds=plan.seconds,
    )


@dataclass(frozen=True, slots=True)
class CountyOutcome:
    county: str
    parts: int
    households: int
    workers: int
    assigned: int
    unassigned: int
    # The worst shard's gap: each shard is within it of its bound on the first level it did
    # not prove, so the county (their sum, level by level) is too.
    gap: float
    gap_level: ObjectiveLevel
    travel_km: float
    solve_seconds: float  # summed over its shards


@dataclass(frozen=True, slots=True)
class ProvincePlan:
    counties: tuple[CountyOutcome, ...]

    @property
    def households(self) -> int:
        return sum(c.households for c in self.counties)

    @property
    def assigned(self) -> int:
        return sum(c.assigned for c in self.counties)

    @property
    def worst_county_gap(self) -> float:
        return max((c.gap for c in self.counties), default=0.0)

    @property
    def mean_county_gap(self) -> float:
        return sum(c.gap for c in self.counties) / len(self.counties) if self.counties else 0.0


class IncompleteProvince(ValueError):
    """Some shard of a county has no outcome yet (or the outcomes disagree on the split)."""


def merge_shards(outcomes: Iterable[ShardOutcome]) -> ProvincePlan:
    """One plan from the shards' outcomes. A shard reported twice (its job ran again after a
    worker died) counts once: outcomes are keyed by shard, the last one kept."""
    by_key = {o.key: o for o in outcomes}
    by_county: dict[str, list[ShardOutcome]] = {}
    for o in by_key.values():
        by_county.setdefault(o.county, []).append(o)
    counties = []
    for county in sorted(by_county):
        shards = sorted(by_county[county], key=lambda o: o.part)
        parts = {o.parts for o in shards}
        if len(parts) != 1 or [o.part for o in shards] != list(range(parts.pop())):
            missing = {o.parts for o in shards}
            raise IncompleteProvince(
                f"county {county}: shards {[o.part for o in shards]} of {sorted(missing)}"
            )
        worst = max(shards, key=lambda o: o.gap)
        counties.append(
            CountyOutcome(
                county=county,
                parts=len(shards),
                households=sum(o.households for o in shards),
                workers=sum(o.workers for o in shards),
                assigned=sum(o.assigned for o in shards),
                unassigned=sum(o.unassigned for o in shards),
                gap=worst.gap,
                gap_level=worst.gap_level if worst.gap > 0 else "travel",
                travel_km=sum(o.travel_km for o in shards),
                solve_seconds=sum(o.solve_seconds for o in shards),
            )
        )
    return ProvincePlan(counties=tuple(counties))
