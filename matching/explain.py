"""Why each household got its worker, or none, and what would change it.

Explanations are computed from the final plan, not from solver internals, so they hold for
any solver: a pairing names the best other worker that could take the household (nearest
with room, else nearest) and what choosing them would cost; a household left out gets the
most specific reason, in the order of UNASSIGNED_REASONS, and a concrete change.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.spatial import cKDTree

from matching.arcs import REACH_TOLERANCE_KM, Arcs, Indexed, feasible, pair_km
from matching.geo import km_to_chord
from matching.model import Move, Pairing, Unassigned

IntArray = npt.NDArray[np.int64]


def loads(ix: Indexed, assign: IntArray) -> IntArray:
    on = assign >= 0
    return np.bincount(assign[on], weights=ix.weight[on], minlength=ix.m).astype(np.int64)


def pairings(
    ix: Indexed, arcs: Arcs, assign: IntArray, target: float | None = None
) -> tuple[Pairing, ...]:
    """`target`: the balance stage's utilisation target, if the plan had one."""
    load = loads(ix, assign)
    chosen = arcs.w == assign[arcs.h]
    first = np.searchsorted(arcs.h, np.arange(ix.n))
    count = np.searchsorted(arcs.h, np.arange(ix.n), side="right") - first
    room = ~chosen & (load[arcs.w] + ix.weight[arcs.h] <= ix.capacity[arcs.w])
    chosen_at = np.full(ix.n, -1, dtype=np.int64)
    chosen_at[arcs.h[chosen]] = np.flatnonzero(chosen)
    # First arc with room and first other arc per household (arcs are nearest first).
    with_room = _first_per_household(arcs.h[room], np.flatnonzero(room), ix.n)
    others = _first_per_household(arcs.h[~chosen], np.flatnonzero(~chosen), ix.n)
    out = []
    for h in np.flatnonzero(assign >= 0).tolist():
        j = int(chosen_at[h])
        if j < 0:
            raise ValueError(f"household {ix.households[h].id} assigned off its candidates")
        nearer = range(int(first[h]), j)
        alt = int(with_room[h]) if with_room[h] >= 0 else int(others[h])
        out.append(_pairing(ix, arcs, h, j, int(count[h]), nearer, alt, room, load, target))
    return tuple(out)


def _first_per_household(hs: IntArray, js: IntArray, n: int) -> IntArray:
    out = np.full(n, -1, dtype=np.int64)
    out[hs[::-1]] = js[::-1]  # the last write wins: the first arc in order
    return out


def _pairing(
    ix: Indexed,
    arcs: Arcs,
    h: int,
    j: int,
    count: int,
    nearer: range,
    alt: int,
    room: npt.NDArray[np.bool_],
    load: IntArray,
    target: float | None,
) -> Pairing:
    hh = ix.households[h]
    w = int(arcs.w[j])
    reasons: list[str] = []
    if ix.current[h] == w:
        reasons.append("CONTINUITY")
    if count == 1:
        reasons.append("ONLY_IN_REACH")
    elif len(nearer) == 0:
        reasons.append("NEAREST_IN_REACH")
    elif not any(room[k] for k in nearer):
        reasons.append("NEARER_ONES_FULL")
    elif target is not None and all(
        not room[k] or load[arcs.w[k]] + hh.weight > target * ix.capacity[arcs.w[k]] for k in nearer
    ):
        # Nearer workers have room, but taking it would lift them above the balance target.
        reasons.append("BALANCE")
    if hh.needs_skills:
        reasons.append("SKILL")
    if hh.languages:
        shares = bool(hh.languages & ix.workers[w].languages)
        reasons.append("LANGUAGE" if shares else "LANGUAGE_MISMATCH")
    if hh.preferred_sex:
        reasons.append("SEX" if ix.workers[w].sex == hh.preferred_sex else "SEX_MISMATCH")
    km = float(arcs.km[j])
    if alt < 0:
        return Pairing(
            hh.id,
            ix.workers[w].id,
            round(km, 3),
            tuple(reasons),
            None,
            None,
            "no other worker can take this household",
        )
    other = ix.workers[int(arcs.w[alt])]
    extra = float(arcs.km[alt]) - km
    note = f"{other.id} is {abs(extra):.1f} km {'farther' if extra >= 0 else 'nearer'}"
    if not room[alt]:
        short = int(load[arcs.w[alt]] + hh.weight - ix.capacity[arcs.w[alt]])
        note += f" but full ({short} more caseload units needed)"
    if ix.current[h] == w:
        note += f"; ends continuity with {ix.workers[w].id}"
    if arcs.fit[alt] > arcs.fit[j]:
        note += "; worse fit (language or sex)"
    return Pairing(
        hh.id, ix.workers[w].id, round(km, 3), tuple(reasons), other.id, round(extra, 3), note
    )


def unassigned(
    ix: Indexed,
    arcs: Arcs,
    assign: IntArray,
    *,
    detour: float,
    limit: int | None,
) -> tuple[Unassigned, ...]:
    out_h = np.flatnonzero(assign < 0)
    if len(out_h) == 0:
        return ()
    load = loads(ix, assign)
    eligible = np.flatnonzero(ix.eligible)
    tree = cKDTree(ix.w_xyz[eligible]) if len(eligible) else None
    max_reach = float(ix.reach[eligible].max()) if len(eligible) else 0.0
    return tuple(
        _why(ix, h, tree, eligible, max_reach, detour, limit, load) for h in out_h.tolist()
    )


def _why(
    ix: Indexed,
    h: int,
    tree: cKDTree | None,
    eligible: IntArray,
    max_reach: float,
    detour: float,
    limit: int | None,
    load: IntArray,
) -> Unassigned:
    hh = ix.households[h]
    if not ix.located[h]:
        return Unassigned(
            hh.id,
            "NO_LOCATION",
            "the household has no location on record",
            "record its location (lat/lon)",
        )
    if tree is None:
        return Unassigned(
            hh.id,
            "NO_WORKERS",
            "no worker in scope can take households (none, on leave, or limit 0)",
            "add a worker to the scope, end a leave or raise a limit",
        )
    near = np.array(tree.query_ball_point(ix.h_xyz[h], r=km_to_chord(max_reach / detour) * 1.0001))
    cand = eligible[near.astype(np.int64)] if len(near) else np.zeros(0, dtype=np.int64)
    hs = np.full(len(cand), h, dtype=np.int64)
    km = pair_km(ix, hs, cand, detour)
    order = np.lexsort((cand, km))
    cand, km, hs = cand[order], km[order], hs[order]
    in_reach = km <= ix.reach[cand] + REACH_TOLERANCE_KM
    if not in_reach.any():
        _, k = tree.query(ix.h_xyz[h], k=1)
        w = int(eligible[int(k)])
        d = float(pair_km(ix, np.array([h]), np.array([w]), detour)[0])
        wf = ix.workers[w]
        return Unassigned(
            hh.id,
            "NO_WORKER_IN_REACH",
            f"nearest worker {wf.id} is {d:.1f} km away, reach {wf.reach_km:g} km",
            f"{wf.id} with a reach of {d:.1f} km (another travel mode) or a worker living nearer",
            wf.id,
            round(d, 3),
        )
    cand, km, hs = cand[in_reach], km[in_reach], hs[in_reach]
    nearest, nearest_km = ix.workers[int(cand[0])].id, round(float(km[0]), 3)
    big = ix.capacity[cand] >= hh.weight
    if not big.any():
        return Unassigned(
            hh.id,
            "ALL_IN_REACH_FULL",
            f"all {len(cand)} workers in reach have a caseload limit below its weight {hh.weight}",
            f"a limit of at least {hh.weight} at {nearest}",
            nearest,
            nearest_km,
        )
    skilled = np.all((ix.skills_needed[hs] & ~ix.skills_had[cand]) == 0, axis=1) & big
    if not skilled.any():
        need = ", ".join(sorted(hh.needs_skills))
        return Unassigned(
            hh.id,
            "NO_WORKER_WITH_SKILL",
            f"needs {need}; none of the {len(cand)} workers in reach has it",
            f"a worker in reach trained in {need}, e.g. {nearest} ({nearest_km:.1f} km)",
            nearest,
            nearest_km,
        )
    ok = feasible(ix, hs, cand, km)
    if not ok.any():
        names = ", ".join(ix.workers[int(w)].id for w in cand[skilled][:5])
        return Unassigned(
            hh.id,
            "CONFLICT_EXCLUDES_ALL",
            f"conflicts of interest exclude every worker in reach who fits: {names}",
            "a worker in reach with the skills and no conflict with this household",
            nearest,
            nearest_km,
        )
    cand, km = cand[ok], km[ok]
    first = int(cand[0])
    short = int(load[first] + hh.weight - ix.capacity[first])
    has_room = load[cand] + hh.weight <= ix.capacity[cand]
    if has_room.any():
        k = int(np.argmax(has_room))
        free = f"{ix.workers[int(cand[k])].id} ({float(km[k]):.1f} km) has room"
        return Unassigned(
            hh.id,
            "ALL_IN_REACH_FULL",
            f"its {limit} nearest workers that could take it are full"
            if limit is not None
            else f"left out by the repair of a split relaxation although {free}",
            f"a candidate limit above {limit}: {free}"
            if limit is not None
            else f"pair it with {ix.workers[int(cand[k])].id} by hand",
            ix.workers[first].id,
            round(float(km[0]), 3),
        )
    return Unassigned(
        hh.id,
        "ALL_IN_REACH_FULL",
        f"all {len(cand)} workers in reach that could take it are full "
        "(with households of equal or higher priority)",
        f"+{short} caseload units at {ix.workers[first].id} ({float(km[0]):.1f} km) would cover it",
        ix.workers[first].id,
        round(float(km[0]), 3),
    )


def moves(ix: Indexed, arcs: Arcs, assign: IntArray, detour: float) -> tuple[Move, ...]:
    out = []
    for h, hh in enumerate(ix.households):
        cur = hh.current_worker_id
        if cur is None:
            continue
        to = int(assign[h])
        c = int(ix.current[h])
        if to >= 0 and to == c:
            continue
        to_id = ix.workers[to].id if to >= 0 else None
        out.append(Move(hh.id, cur, to_id, _move_reason(ix, h, c, detour)))
    return tuple(out)


def _move_reason(ix: Indexed, h: int, c: int, detour: float) -> str:
    if c < 0:
        return "CURRENT_WORKER_NOT_IN_SCOPE"
    w = ix.workers[c]
    if w.on_leave:
        return "CURRENT_WORKER_ON_LEAVE"
    if w.capacity <= 0:
        return "CURRENT_WORKER_LIMIT_0"
    if not ix.located[h]:
        return "NO_LOCATION"
    hs, ws = np.array([h]), np.array([c])
    km = pair_km(ix, hs, ws, detour)
    if km[0] > w.reach_km + REACH_TOLERANCE_KM:
        return "OUT_OF_REACH"
    if ix.households[h].weight > w.capacity:
        return "LIMIT_BELOW_WEIGHT"
    if not feasible(ix, hs, ws, km)[0]:
        skills_ok = bool(np.all((ix.skills_needed[h] & ~ix.skills_had[c]) == 0))
        return "MISSING_SKILL" if not skills_ok else "CONFLICT"
    # The current pairing was allowed: its capacity went to more urgent households.
    return "CAPACITY_NEEDED"
