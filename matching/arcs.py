"""The problem as arrays, and the candidate arcs (household, worker) that obey every hard rule.

Arcs come from a KD-tree over the workers' homes on the unit sphere: each household gets its
`candidate_limit` nearest workers that pass every rule (reach, capacity >= its weight,
skills, no conflict, not on leave), plus its current worker if that one passes. Nothing
ever holds all pairs; memory is O(households x candidate_limit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from matching.geo import chord_to_km, km_to_chord, unit_vectors
from matching.model import CaseloadProblem, HouseholdFact, WorkerFact

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

_CHUNK: Final = 20_000  # households per KD-tree query: bounds the temporary arrays
# A pair exactly at a worker's reach is allowed; trigonometric noise must not decide it.
REACH_TOLERANCE_KM: Final = 1e-7


def _masks(sets: list[frozenset[str]], vocabulary: dict[str, int]) -> npt.NDArray[np.uint64]:
    """One row of 64-bit words per set: subset tests become bitwise operations."""
    words = max(1, (len(vocabulary) + 63) // 64)
    out = np.zeros((len(sets), words), dtype=np.uint64)
    for row, items in enumerate(sets):
        for item in items:
            bit = vocabulary[item]
            out[row, bit // 64] |= np.uint64(1 << (bit % 64))
    return out


def _vocabulary(*groups: list[frozenset[str]]) -> dict[str, int]:
    words = sorted({item for group in groups for items in group for item in items})
    return {w: i for i, w in enumerate(words)}


@dataclass(frozen=True, slots=True, eq=False)
class Indexed:
    """Workers and households sorted by id (so input order never changes a plan)."""

    workers: tuple[WorkerFact, ...]
    households: tuple[HouseholdFact, ...]
    worker_index: dict[str, int]
    household_index: dict[str, int]
    capacity: IntArray
    reach: FloatArray
    eligible: BoolArray  # not on leave and capacity > 0
    weight: IntArray
    priority: IntArray
    located: BoolArray
    current: IntArray  # current worker index or -1
    h_xyz: FloatArray  # unit vectors (zeros where not located)
    w_xyz: FloatArray
    skills_needed: npt.NDArray[np.uint64]
    skills_had: npt.NDArray[np.uint64]
    lang_h: npt.NDArray[np.uint64]
    lang_w: npt.NDArray[np.uint64]
    conflict_keys: IntArray  # sorted worker * n_households + household
    has_conflict: BoolArray
    preferred_sex: IntArray  # code of the sex asked for, -1 if none
    sex: IntArray  # worker sex code, -2 if unknown (never equals a request)

    @property
    def n(self) -> int:
        return len(self.households)

    @property
    def m(self) -> int:
        return len(self.workers)


def index_problem(problem: CaseloadProblem) -> Indexed:
    workers = tuple(sorted(problem.workers, key=lambda w: w.id))
    households = tuple(sorted(problem.households, key=lambda h: h.id))
    w_index = {w.id: i for i, w in enumerate(workers)}
    h_index = {h.id: i for i, h in enumerate(households)}
    if len(w_index) != len(workers) or len(h_index) != len(households):
        raise ValueError("worker and household ids must be unique")
    n = len(households)
    located = np.array([h.location is not None for h in households], dtype=bool)
    lat = np.array([h.location.lat if h.location else 0.0 for h in households], dtype=float)
    lon = np.array([h.location.lon if h.location else 0.0 for h in households], dtype=float)
    h_xyz = unit_vectors(lat, lon) if n else np.zeros((0, 3))
    h_xyz[~located] = 0.0
    w_lat = np.array([w.home.lat for w in workers], dtype=float)
    w_lon = np.array([w.home.lon for w in workers], dtype=float)
    w_xyz = unit_vectors(w_lat, w_lon) if workers else np.zeros((0, 3))
    skills = _vocabulary([h.needs_skills for h in households], [w.skills for w in workers])
    langs = _vocabulary([h.languages for h in households], [w.languages for w in workers])
    capacity = np.array([w.capacity for w in workers], dtype=np.int64)
    pairs = [
        (w_index[wid], h_index[hid])
        for wid, hid in problem.conflicts
        if wid in w_index and hid in h_index
    ]
    has_conflict = np.zeros(n, dtype=bool)
    has_conflict[[hi for _, hi in pairs]] = True
    # Coded over requests too: a request no worker here can meet is still unmet (a fit
    # penalty), not "no request" (a code outside the table read as none).
    asked = {h.preferred_sex for h in households if h.preferred_sex}
    sexes = {s: i for i, s in enumerate(sorted({w.sex for w in workers if w.sex} | asked))}
    return Indexed(
        workers=workers,
        households=households,
        worker_index=w_index,
        household_index=h_index,
        capacity=capacity,
        reach=np.array([w.reach_km for w in workers], dtype=float),
        eligible=np.array([not w.on_leave and w.capacity > 0 for w in workers], dtype=bool),
        weight=np.array([h.weight for h in households], dtype=np.int64),
        priority=np.array([h.priority for h in households], dtype=np.int64),
        located=located,
        current=np.array(
            [w_index.get(h.current_worker_id or "", -1) for h in households], dtype=np.int64
        ),
        h_xyz=h_xyz,
        w_xyz=w_xyz,
        skills_needed=_masks([h.needs_skills for h in households], skills),
        skills_had=_masks([w.skills for w in workers], skills),
        lang_h=_masks([h.languages for h in households], langs),
        lang_w=_masks([w.languages for w in workers], langs),
        conflict_keys=np.array(sorted(wi * n + hi for wi, hi in pairs), dtype=np.int64),
        has_conflict=has_conflict,
        preferred_sex=np.array(
            [sexes[h.preferred_sex] if h.preferred_sex else -1 for h in households],
            dtype=np.int64,
        ),
        sex=np.array([sexes.get(w.sex or "", -2) for w in workers], dtype=np.int64),
    )


@dataclass(frozen=True, slots=True, eq=False)
class Arcs:
    """Feasible (household, worker) pairs, grouped by household: nearest first, then the
    current worker when it was not among the nearest."""

    h: IntArray
    w: IntArray
    km: FloatArray  # road km
    fit: IntArray  # fit penalty (language, sex)
    restricted: bool  # some feasible pair was left out by candidate_limit


def pair_km(ix: Indexed, h: IntArray, w: IntArray, detour: float) -> FloatArray:
    chord = np.linalg.norm(ix.h_xyz[h] - ix.w_xyz[w], axis=1)
    return chord_to_km(chord) * detour


def feasible(ix: Indexed, h: IntArray, w: IntArray, km: FloatArray) -> BoolArray:
    """Every hard rule but capacity sharing, pair by pair."""
    ok = ix.eligible[w] & ix.located[h] & (km <= ix.reach[w] + REACH_TOLERANCE_KM)
    ok &= ix.weight[h] <= ix.capacity[w]
    if ix.skills_needed.shape[1] == 1:
        ok &= (ix.skills_needed[h, 0] & ~ix.skills_had[w, 0]) == 0
    else:
        ok &= np.all((ix.skills_needed[h] & ~ix.skills_had[w]) == 0, axis=1)
    if len(ix.conflict_keys):
        # Few households have a conflict: test only their pairs.
        some = np.flatnonzero(ix.has_conflict[h])
        keys = w[some] * ix.n + h[some]
        pos = np.minimum(np.searchsorted(ix.conflict_keys, keys), len(ix.conflict_keys) - 1)
        ok[some[ix.conflict_keys[pos] == keys]] = False
    return ok


def fit_penalty(
    ix: Indexed, h: IntArray, w: IntArray, language_weight: int, sex_weight: int
) -> IntArray:
    if ix.lang_h.shape[1] == 1:
        wants = ix.lang_h[h, 0] != 0
        shares = (ix.lang_h[h, 0] & ix.lang_w[w, 0]) != 0
    else:
        wants = np.any(ix.lang_h[h] != 0, axis=1)
        shares = np.any((ix.lang_h[h] & ix.lang_w[w]) != 0, axis=1)
    pen = np.where(wants & ~shares, language_weight, 0).astype(np.int64)
    asks = ix.preferred_sex[h]
    pen += np.where((asks >= 0) & (asks != ix.sex[w]), sex_weight, 0)
    return pen


def build_arcs(
    ix: Indexed, *, detour: float, limit: int | None, fit: tuple[int, int], threads: int = 1
) -> Arcs:
    parts: list[tuple[IntArray, IntArray, FloatArray]] = []
    restricted = False
    # One KD-tree per set of required skills, over the workers who have them all: the k
    # nearest are then mostly feasible and few households need asking again.
    needs = ix.skills_needed
    groups, group_of = np.unique(needs, axis=0, return_inverse=True)
    group_of = group_of.reshape(-1)
    for g, need in enumerate(groups):
        skilled = np.all((need & ~ix.skills_had) == 0, axis=1) if ix.m else np.zeros(0, bool)
        eligible = np.flatnonzero(ix.eligible & skilled)
        located = np.flatnonzero(ix.located & (group_of == g))
        if len(eligible) == 0 or len(located) == 0:
            continue
        tree = cKDTree(ix.w_xyz[eligible])
        radius = km_to_chord((float(ix.reach[eligible].max()) + 2 * REACH_TOLERANCE_KM) / detour)
        for start in range(0, len(located), _CHUNK):
            rows = located[start : start + _CHUNK]
            if limit is None:
                parts.append(_all_in_radius(ix, tree, rows, eligible, radius, detour, threads))
            else:
                h, w, km, cut = _nearest(ix, tree, rows, eligible, radius, detour, limit, threads)
                parts.append((h, w, km))
                restricted |= cut
    parts.append(_current_arcs(ix, parts, detour))
    h = np.concatenate([p[0] for p in parts])
    w = np.concatenate([p[1] for p in parts])
    km = np.concatenate([p[2] for p in parts])
    order = np.argsort(h, kind="stable")
    h, w, km = h[order], w[order], km[order]
    return Arcs(h, w, km, fit_penalty(ix, h, w, *fit), restricted)


def _all_in_radius(
    ix: Indexed,
    tree: cKDTree,
    rows: IntArray,
    eligible: IntArray,
    radius: float,
    detour: float,
    threads: int,
) -> tuple[IntArray, IntArray, FloatArray]:
    hits = tree.query_ball_point(ix.h_xyz[rows], r=radius, workers=threads, return_sorted=True)
    counts = np.array([len(x) for x in hits], dtype=np.int64)
    flat = np.fromiter((j for x in hits for j in x), dtype=np.int64, count=int(counts.sum()))
    h, w = np.repeat(rows, counts), eligible[flat]
    km = pair_km(ix, h, w, detour)
    ok = feasible(ix, h, w, km)
    h, w, km = h[ok], w[ok], km[ok]
    order = np.lexsort((w, km, h))  # nearest first, as _nearest gives them
    return h[order], w[order], km[order]


def _nearest(
    ix: Indexed,
    tree: cKDTree,
    rows: IntArray,
    eligible: IntArray,
    radius: float,
    detour: float,
    limit: int,
    threads: int,
) -> tuple[IntArray, IntArray, FloatArray, bool]:
    """The `limit` nearest feasible workers per household; rows whose query came back full
    without enough feasible ones are asked again with k doubled."""
    out: list[tuple[IntArray, IntArray, FloatArray]] = []
    restricted = False
    k = min(len(eligible), limit + 8)
    pending = rows
    while len(pending):
        dist, idx = tree.query(ix.h_xyz[pending], k=k, distance_upper_bound=radius, workers=threads)
        dist = dist.reshape(len(pending), k)
        idx = idx.reshape(len(pending), k)
        hit = np.isfinite(dist)
        flat = np.flatnonzero(hit)  # row-major: by household, nearest first
        hh = pending[flat // k]
        ww = eligible[idx.ravel()[flat]]
        km = chord_to_km(dist.ravel()[flat]) * detour
        ok = np.zeros(hit.shape, dtype=bool)
        ok.ravel()[flat] = feasible(ix, hh, ww, km)
        rank = np.cumsum(ok, axis=1)
        keep = (ok & (rank <= limit)).ravel()[flat]
        full = hit[:, -1]
        found = rank[:, -1]
        restricted |= bool(np.any((found > limit) | ((found >= limit) & full)))
        # More feasible workers may lie beyond the k-th neighbour only if all k were hits.
        short = (found < limit) & full
        if k >= len(eligible) or not short.any():
            out.append((hh[keep], ww[keep], km[keep]))
            break
        settled = keep & ~short[flat // k]
        out.append((hh[settled], ww[settled], km[settled]))
        pending = pending[short]
        k = min(len(eligible), 2 * k)
    return (
        np.concatenate([o[0] for o in out]),
        np.concatenate([o[1] for o in out]),
        np.concatenate([o[2] for o in out]),
        restricted,
    )


def _current_arcs(
    ix: Indexed, parts: list[tuple[IntArray, IntArray, FloatArray]], detour: float
) -> tuple[IntArray, IntArray, FloatArray]:
    """Each household's current worker (continuity), when feasible and not yet a candidate."""
    has = np.flatnonzero((ix.current >= 0) & ix.located)
    cur = ix.current[has]
    if len(has) and parts:
        h = np.concatenate([p[0] for p in parts])
        w = np.concatenate([p[1] for p in parts])
        present = np.isin(has * ix.m + cur, h * ix.m + w)
        has, cur = has[~present], cur[~present]
    km = pair_km(ix, has, cur, detour)
    ok = feasible(ix, has, cur, km)
    return has[ok], cur[ok], km[ok]
