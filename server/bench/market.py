"""`bangfu bench market`: the fair allocation against first-come claiming on the demo county.

The demo county (server.demo, deterministic from its seed) with the capacities the demo
marketplace declares (server.demo.market): charities serve their focus kinds within their
yearly budget and 8 open adoptions, enterprises employment, education, basic living and
housing within 120,000 yuan and 6. Both allocations see the same open needs; the figures
are coverage per village (villages reached, left out, the least-covered village's share)
and the urgency-weighted need covered.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from matching.allocation import (
    Allocation,
    NeedItem,
    OrgItem,
    allocate,
    coverage_by_village,
    eligible,
    first_come,
)
from server.demo.county import generate_county
from server.demo.market import ENTERPRISE_KINDS


def demo_instance(households: int, seed: int) -> tuple[list[NeedItem], list[OrgItem]]:
    county = generate_county(households=households, seed=seed)
    village_of = {h.id: h.village_id for h in county.households}
    parent = {r.id: r.parent_id for r in county.regions}
    townships_of: dict[str, set[str]] = {}
    for r in county.regions:
        if r.level == "TOWNSHIP" and r.parent_id:
            townships_of.setdefault(r.parent_id, set()).add(r.id)

    def townships(region_ids: Sequence[str]) -> frozenset[str]:
        out: set[str] = set()
        for rid in region_ids:
            out |= townships_of.get(rid, {rid})
        return frozenset(out)

    needs = [
        NeedItem(
            id=n.id,
            village_id=village_of[n.household_id or ""],
            township_id=parent[village_of[n.household_id or ""]] or "",
            kind=n.kind,
            cost=n.estimated_cost,
            urgency=n.urgency,
        )
        for n in county.needs
        if n.status == "OPEN" and n.household_id in village_of
    ]
    orgs = [
        OrgItem(c.id, c.budget_yuan, frozenset(c.focus_kinds), townships(c.region_ids), 8)
        for c in county.charities
    ] + [
        OrgItem(e.id, 120_000, frozenset(ENTERPRISE_KINDS), townships(e.region_ids), 6)
        for e in county.enterprises
    ]
    return needs, orgs


def _figures(
    needs: list[NeedItem], orgs: list[OrgItem], a: Allocation, seconds: float
) -> dict[str, Any]:
    coverable = {n.village_id for n in needs if any(eligible(n, o) for o in orgs)}
    rows = [c for c in coverage_by_village(needs, a) if c.village_id in coverable]
    shares = [c.covered / c.needs for c in rows]
    return {
        "status": a.status,
        "seconds": round(seconds, 2),
        "needs_covered": len(a.given),
        "covered_weight": a.covered_weight,
        "villages_reached": a.villages_reached,
        "villages_left_out": sum(1 for c in rows if c.covered == 0),
        "min_village_share": round(min(shares), 3) if shares else 0.0,
        "mean_village_share": round(sum(shares) / len(shares), 3) if shares else 0.0,
    }


def run_market_bench(*, households: int, seed: int, seconds: float) -> dict[str, Any]:
    needs, orgs = demo_instance(households, seed)
    start = time.perf_counter()
    fair = allocate(needs, orgs, seconds=seconds)
    fair_s = time.perf_counter() - start
    start = time.perf_counter()
    greedy = first_come(needs, orgs)
    greedy_s = time.perf_counter() - start
    coverable = {n.village_id for n in needs if any(eligible(n, o) for o in orgs)}
    return {
        "households": households,
        "open_needs": len(needs),
        "organisations": len(orgs),
        "villages_with_open_needs": len({n.village_id for n in needs}),
        "villages_coverable": len(coverable),
        "fair": _figures(needs, orgs, fair, fair_s),
        "first_come": _figures(needs, orgs, greedy, greedy_s),
    }
