"""The baseline: nearest-available greedy, the way a station would do it by hand.

Households in priority order (most urgent first, then by id), each to the nearest worker
that may take it (every hard rule) and still has room. No look-ahead: an early household
can take the only worker a later one could have had.
"""

from __future__ import annotations

import time

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from matching.arcs import (
    Arcs,
    Indexed,
    build_arcs,
    feasible,
    fit_penalty,
    index_problem,
    pair_km,
)
from matching.caseload import SOLVER_VERSION, _levels, scope_notes
from matching.explain import moves, pairings, unassigned
from matching.fingerprint import input_hash
from matching.geo import km_to_chord
from matching.model import CaseloadPlan, CaseloadProblem, CaseloadSettings

IntArray = npt.NDArray[np.int64]


def greedy_caseload(problem: CaseloadProblem) -> CaseloadPlan:
    started = time.perf_counter()
    s = problem.settings
    ix = index_problem(problem)
    limit = s.candidate_limit
    arcs = build_arcs(
        ix,
        detour=s.detour_factor,
        limit=limit,
        fit=(s.language_weight, s.sex_weight),
        threads=max(1, s.search_workers),
    )
    first = np.searchsorted(arcs.h, np.arange(ix.n))
    last = np.searchsorted(arcs.h, np.arange(ix.n), side="right")
    left = ix.capacity.copy()
    assign = np.full(ix.n, -1, dtype=np.int64)
    extra_h: list[int] = []
    extra_w: list[int] = []
    order = sorted(range(ix.n), key=lambda i: (-int(ix.priority[i]), ix.households[i].id))
    arc_w = arcs.w.tolist()
    for h in order:
        wt = int(ix.weight[h])
        pick = next((arc_w[j] for j in range(first[h], last[h]) if left[arc_w[j]] >= wt), -1)
        if pick < 0 and limit is not None and last[h] - first[h] >= limit:
            # Its nearest candidates are full: look at everyone in reach, as a person would.
            pick = _nearest_with_room(ix, h, left, s.detour_factor)
            if pick >= 0:
                extra_h.append(h)
                extra_w.append(pick)
        if pick >= 0:
            assign[h] = pick
            left[pick] -= wt
    if extra_h:
        arcs = _with_extra(ix, arcs, extra_h, extra_w, s)
    kept = (ix.current[arcs.h] == arcs.w).astype(np.int64)
    levels = _levels(ix, arcs, kept, assign)
    return CaseloadPlan(
        pairings=pairings(ix, arcs, assign),
        unassigned=unassigned(ix, arcs, assign, detour=s.detour_factor, limit=limit),
        status="FEASIBLE",
        objective=levels.travel_km,
        bound=levels.travel_km,  # a greedy proves nothing; no bound of its own
        gap=0.0,
        gap_level="travel",
        levels=levels,
        bound_levels=levels,
        seconds=time.perf_counter() - started,
        solver="greedy",
        solver_version=SOLVER_VERSION,
        restricted_candidates=False,
        moves=moves(ix, arcs, assign, s.detour_factor),
        input_hash=input_hash(problem),
        settings=s,
        notes=tuple(scope_notes(ix, problem)),
    )


def _nearest_with_room(ix: Indexed, h: int, left: IntArray, detour: float) -> int:
    ok_workers = np.flatnonzero(ix.eligible & (left >= ix.weight[h]))
    if len(ok_workers) == 0:
        return -1
    reach = float(ix.reach[ok_workers].max())
    tree = cKDTree(ix.w_xyz[ok_workers])
    near = np.array(tree.query_ball_point(ix.h_xyz[h], r=km_to_chord(reach / detour) * 1.0001))
    if len(near) == 0:
        return -1
    ws = ok_workers[near.astype(np.int64)]
    hs = np.full(len(ws), h, dtype=np.int64)
    km = pair_km(ix, hs, ws, detour)
    ok = feasible(ix, hs, ws, km)
    if not ok.any():
        return -1
    ws, km = ws[ok], km[ok]
    return int(ws[np.lexsort((ws, km))[0]])


def _with_extra(
    ix: Indexed, arcs: Arcs, hs: list[int], ws: list[int], settings: CaseloadSettings
) -> Arcs:
    """The arcs plus the pairings found beyond the candidates (last in their household:
    they are farther than every candidate, all of which were full)."""
    h = np.array(hs, dtype=np.int64)
    w = np.array(ws, dtype=np.int64)
    km = pair_km(ix, h, w, settings.detour_factor)
    fit = fit_penalty(ix, h, w, settings.language_weight, settings.sex_weight)
    order = np.argsort(np.concatenate([arcs.h, h]), kind="stable")
    return Arcs(
        np.concatenate([arcs.h, h])[order],
        np.concatenate([arcs.w, w])[order],
        np.concatenate([arcs.km, km])[order],
        np.concatenate([arcs.fit, fit])[order],
        arcs.restricted,
    )
