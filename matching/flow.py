"""Lexicographic min-cost flow on the household -> worker transportation network.

Network: each household h has supply s_h (its weight); arcs h->w (capacity s_h) for its
candidate workers, h->T ("left out", cost 0), and w->T (capacity = the worker's limit).
With a balance stage (`matching.balance`) the w->T arc carries the load up to the target
and parallel w->T arcs, one per overflow tier, carry the rest up to the limit.
With unit weights every integral flow is an assignment; with weights it is the splittable
relaxation of the generalized assignment problem (agent-independent weights), whose optimum
is a lower bound for it.

Lexicographic order in stages. Each stage minimises its own integer cost over the set of
flows optimal for all earlier stages. That set is the optimal face of the previous stage:
with optimal potentials d (shortest-path distances in the residual graph) and reduced costs
r = c + d_tail - d_head, a flow is optimal iff it is 0 on arcs with r > 0 and at capacity
on arcs with r < 0 (complementary slackness holds between *every* optimal primal and any
optimal dual). So the next stage removes arcs with r > 0, fixes arcs with r < 0 at
capacity (moving their flow into the node supplies) and keeps arcs with r = 0 free.
All costs are int64, so r = 0 is tested exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import max_flow, min_cost_flow

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class FlowError(RuntimeError):
    """The solver refused the network (cost range) or broke an invariant: a bug, not data."""


@dataclass(frozen=True, slots=True, eq=False)
class Network:
    """Arcs of the three kinds laid out as one array set:
    [0, a) household->worker, [a, a+n) household->T, [a+n, a+n+m) worker->T, then the
    overflow tiers' worker->T arcs, tier by tier (m each)."""

    n: int  # households (nodes 0..n-1)
    m: int  # workers (nodes n..n+m-1); T is node n+m
    tail: IntArray
    head: IntArray
    cap: IntArray
    supply: IntArray  # per node, T carries minus the total
    balance_cost: IntArray  # per arc: k on tier k's arcs, 0 elsewhere

    @property
    def sink(self) -> int:
        return self.n + self.m


def build_network(
    n: int,
    m: int,
    arc_h: IntArray,
    arc_w: IntArray,
    weight: IntArray,
    capacity: IntArray,
    tiers: IntArray | None = None,
) -> Network:
    """`tiers`: cumulative load thresholds per worker (`matching.balance.tiers`), or None."""
    hs = np.arange(n, dtype=np.int64)
    ws = np.arange(m, dtype=np.int64)
    sink = n + m
    cuts = capacity[:, None] if tiers is None else tiers
    k = cuts.shape[1]
    widths = np.diff(cuts, axis=1, prepend=0)  # (m, k): base, then each tier
    tail = np.concatenate([arc_h, hs, np.tile(ws + n, k)])
    head = np.concatenate([arc_w + n, np.full(n + m * k, sink, dtype=np.int64)])
    cap = np.concatenate([weight[arc_h], weight, widths.T.ravel()]).astype(np.int64)
    cost = np.zeros(len(tail), dtype=np.int64)
    cost[len(arc_h) + n :] = np.repeat(np.arange(k, dtype=np.int64), m)
    supply = np.zeros(n + m + 1, dtype=np.int64)
    supply[:n] = weight
    supply[sink] = -int(weight.sum())
    return Network(n, m, tail, head, cap, supply, cost)


def solve_lexicographic(
    net: Network,
    stages: list[IntArray],
    free: BoolArray | None = None,
    probe: tuple[int, IntArray] | None = None,
) -> tuple[IntArray, IntArray | None]:
    """Flow optimal for stages[0], then stages[1] among those, ... (per-unit arc costs).
    `free` leaves arcs out from the start (flow 0): the caller knows no optimum uses them.
    `probe` = (k, cost): also solve `cost` alone on the face of stages[:k] (what a later
    stage would give without the stages in between); its flow is returned second."""
    face = Face.whole(net, free)
    flow = np.zeros(len(net.tail), dtype=np.int64)
    probed = None
    for k, cost in enumerate(stages):
        if probe is not None and probe[0] == k:
            probed = solve_on_face(net, probe[1], face)
        flow = solve_on_face(net, cost, face)
        if k + 1 < len(stages):
            face = narrow(net, cost, face, flow)
    return flow, probed


@dataclass(frozen=True, slots=True, eq=False)
class Face:
    """The flows optimal for the stages so far: arcs still free, and the flow pinned on
    the others (0 on the dropped ones)."""

    free: BoolArray
    fixed: IntArray

    @staticmethod
    def whole(net: Network, free: BoolArray | None = None) -> Face:
        on = np.ones(len(net.tail), dtype=bool) if free is None else free.copy()
        return Face(on, np.zeros(len(net.tail), dtype=np.int64))


def optimal_face(net: Network, stages: list[IntArray], face: Face) -> Face:
    """The face of flows optimal for every stage in turn."""
    for cost in stages:
        face = narrow(net, cost, face, solve_on_face(net, cost, face))
    return face


def narrow(net: Network, cost: IntArray, face: Face, flow: IntArray) -> Face:
    """The optimal face of `cost` within `face`, from one optimal `flow` on it."""
    red = reduced_costs(net, cost, face.free, flow)
    drop = face.free & (red > 0)
    pin = face.free & (red < 0)
    if np.any(flow[drop] != 0) or np.any(flow[pin] != net.cap[pin]):
        raise FlowError("potentials contradict complementary slackness")
    fixed = face.fixed.copy()
    fixed[pin] = net.cap[pin]
    return Face(face.free & ~(drop | pin), fixed)


def covers_everyone(net: Network) -> bool:
    """Whether some flow sends every household's whole supply to workers (a max-flow)."""
    n = net.n
    a = int(np.count_nonzero(net.tail < n)) - n  # household->worker arcs
    supply = net.supply[:n]
    if int(supply.sum()) == 0:
        return True
    source = net.sink + 1
    hs = np.flatnonzero(supply > 0)
    mf = max_flow.SimpleMaxFlow()
    mf.add_arcs_with_capacity(
        np.full(len(hs), source, dtype=np.int32), hs.astype(np.int32), supply[hs]
    )
    keep = np.concatenate([np.arange(a), np.arange(a + n, len(net.tail))])
    mf.add_arcs_with_capacity(
        net.tail[keep].astype(np.int32), net.head[keep].astype(np.int32), net.cap[keep]
    )
    status = mf.solve(source, net.sink)
    return bool(status == mf.OPTIMAL and mf.optimal_flow() == int(supply.sum()))


def solve_on_face(net: Network, cost: IntArray, face: Face) -> IntArray:
    """A min-cost flow among those of `face`."""
    free, fixed = face.free, face.fixed
    supply = net.supply.copy()
    pinned = np.flatnonzero(~free & (fixed > 0))
    np.subtract.at(supply, net.tail[pinned], fixed[pinned])
    np.add.at(supply, net.head[pinned], fixed[pinned])
    idx = np.flatnonzero(free)
    mcf = min_cost_flow.SimpleMinCostFlow()
    if len(idx):
        mcf.add_arcs_with_capacity_and_unit_cost(
            net.tail[idx], net.head[idx], net.cap[idx], cost[idx]
        )
    # Setting every supply also creates the nodes that have no free arc left.
    mcf.set_nodes_supplies(np.arange(net.sink + 1, dtype=np.int64), supply)
    status = mcf.solve()
    if status != mcf.OPTIMAL:
        raise FlowError(f"min-cost flow returned {status}")
    flow = fixed.copy()
    if len(idx):
        flow[idx] = mcf.flows(np.arange(len(idx), dtype=np.int64))
    return flow


def reduced_costs(net: Network, cost: IntArray, free: BoolArray, flow: IntArray) -> IntArray:
    """c + d_tail - d_head with d the shortest-path distances from a virtual root (0 to
    every node) in the residual graph of the free arcs.

    Bellman-Ford runs on workers and T only: a household node has in-arcs (the reverses of
    its used arcs, and the root) and out-arcs (its unsaturated arcs), so every path through
    it is an in-arc followed by an out-arc, and it can be eliminated into worker-to-worker
    edges. That graph has about one edge per arc but a path there is half as many hops.
    """
    n, m = net.n, net.m
    nw = m + 1  # workers 0..m-1 and T = m in the reduced graph
    t, hd, c, u, f = net.tail, net.head, cost, net.cap, flow
    is_h = free & (t < n)  # household-tail arcs: h->w and h->T
    fwd = np.flatnonzero(is_h & (f < u))
    bwd = np.flatnonzero(is_h & (f > 0))
    # Household in-arcs: from the head of a used arc, cost -c.
    in_h, in_src, in_c = t[bwd], hd[bwd] - n, -c[bwd]
    out_h, out_dst, out_c = t[fwd], hd[fwd] - n, c[fwd]
    # Root -> h -> dst gives every dst at most min(0, c).
    d = np.zeros(nw, dtype=np.int64)
    np.minimum.at(d, out_dst, np.minimum(out_c, 0))
    src, dst, w = _eliminate(n, in_h, in_src, in_c, out_h, out_dst, out_c)
    # Worker -> T arcs among the free ones (the base arc and any balance tiers).
    wt = np.flatnonzero(free & (t >= n))
    wt_f = wt[f[wt] < u[wt]]
    wt_b = wt[f[wt] > 0]
    src = np.concatenate([src, t[wt_f] - n, hd[wt_b] - n])
    dst = np.concatenate([dst, hd[wt_f] - n, t[wt_b] - n])
    w = np.concatenate([w, c[wt_f], -c[wt_b]])  # cost 0 but on balance tiers
    d = _bellman_ford(nw, src, dst, w, d)
    # Household potentials from their in-arcs.
    dh = np.zeros(n, dtype=np.int64)
    np.minimum.at(dh, in_h, d[in_src] + in_c)
    pot = np.concatenate([dh, d])
    reduced: IntArray = c + pot[t] - pot[hd]
    return reduced


def _eliminate(
    n: int,
    in_h: IntArray,
    in_src: IntArray,
    in_c: IntArray,
    out_h: IntArray,
    out_dst: IntArray,
    out_c: IntArray,
) -> tuple[IntArray, IntArray, IntArray]:
    """Edges src -> dst through each household (cross product of its in- and out-arcs),
    reduced to the cheapest per (src, dst)."""
    if len(in_h) == 0 or len(out_h) == 0:
        z = np.zeros(0, dtype=np.int64)
        return z, z, z
    order = np.argsort(in_h, kind="stable")
    in_h, in_src, in_c = in_h[order], in_src[order], in_c[order]
    first = np.searchsorted(in_h, np.arange(n))
    count = np.searchsorted(in_h, np.arange(n), side="right") - first
    k = count[out_h]  # in-arcs of each out-arc's household
    rep = np.repeat(np.arange(len(out_h)), k)
    offset = np.arange(len(rep)) - np.repeat(np.cumsum(k) - k, k)
    pick = first[out_h][rep] + offset
    src, dst = in_src[pick], out_dst[rep]
    w = in_c[pick] + out_c[rep]
    keep = src != dst
    return _cheapest(src[keep], dst[keep], w[keep])


def _cheapest(src: IntArray, dst: IntArray, w: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    if len(src) == 0:
        return src, dst, w
    order = np.lexsort((w, dst, src))
    src, dst, w = src[order], dst[order], w[order]
    first = np.ones(len(src), dtype=bool)
    first[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
    return src[first], dst[first], w[first]


def _bellman_ford(nodes: int, src: IntArray, dst: IntArray, w: IntArray, d: IntArray) -> IntArray:
    order = np.argsort(dst, kind="stable")
    src, dst, w = src[order], dst[order], w[order]
    if len(src) == 0:
        return d
    starts = np.flatnonzero(np.concatenate([[True], dst[1:] != dst[:-1]]))
    heads = dst[starts]
    for _ in range(nodes + 1):
        best = np.minimum.reduceat(d[src] + w, starts)
        improved = best < d[heads]
        if not improved.any():
            return d
        d[heads[improved]] = best[improved]
    raise FlowError("negative cycle in an optimal residual graph")
