"""为您推荐: the fair allocation (matching/allocation) over every organisation that declared
capacity, and the caller's share of it, each need with why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.adoption_reads import capacities, organisations_with_capacity
from graph.audience import Audience
from graph.driver import Graph
from graph.market import MarketFilter, allocation_needs
from graph.needs import NeedRow, needs_by_id
from graph.scope import EVERYWHERE
from matching.allocation import Allocation, NeedItem, OrgItem, allocate, reasons
from server.services.market import all_adoptions, use_of, viewer_org
from server.services.registry import Caller

MAX_NEEDS = 5_000
SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Pick:
    row: NeedRow
    reasons: list[tuple[str, str | None]]


async def market_instance(graph: Graph, *, today: date) -> tuple[list[NeedItem], list[OrgItem]]:
    """Every open need (as ids, kinds, places: nothing identifying) and every organisation
    that declared capacity, with what it has left this period."""
    rows = await allocation_needs(graph, scope=EVERYWHERE, flt=MarketFilter(), limit=MAX_NEEDS)
    needs = [
        NeedItem(
            id=r.id,
            village_id=r.village_id,
            township_id=r.township_id,
            kind=r.kind,
            cost=r.cost,
            urgency=r.urgency,
        )
        for r in rows
    ]
    org_rows = await capacities(graph, await organisations_with_capacity(graph))
    held = await all_adoptions(graph, scope=EVERYWHERE, org_id=None)
    orgs = []
    for row in org_rows:
        c = row.capacity or {}
        use = use_of(row, held, today=today)
        orgs.append(
            OrgItem(
                id=row.org_id,
                budget=max(int(c.get("cap_budget_yuan") or 0) - use.committed_yuan, 0),
                kinds=frozenset(c.get("cap_kinds") or ()),
                townships=frozenset(row.townships),
                slots=max(int(c.get("cap_max_open") or 0) - use.open_adoptions, 0),
            )
        )
    return needs, orgs


# The last allocation solved, by the instance it was solved on: pages reloading an unchanged
# marketplace get it at once; any claim, capacity or need change makes a new instance.
_last: dict[int, Allocation] = {}


def _solved(needs: list[NeedItem], orgs: list[OrgItem]) -> Allocation:
    key = hash((tuple(needs), tuple(orgs)))
    if key not in _last:
        _last.clear()
        _last[key] = allocate(needs, orgs, seconds=SECONDS)
    return _last[key]


async def recommend_for(
    graph: Graph, caller: Caller, *, today: date, audience: Audience
) -> list[Pick]:
    org_id = viewer_org(caller)
    if org_id is None:
        return []
    needs, orgs = await market_instance(graph, today=today)
    mine = next((o for o in orgs if o.id == org_id), None)
    if mine is None:
        return []
    allocation = _solved(needs, orgs)
    by_id = {n.id: n for n in needs}
    picked = [n for n, o in allocation.given if o == org_id]
    rows = await needs_by_id(graph, picked, scope=caller.scope, audience=audience)
    return [
        Pick(row=row, reasons=reasons(by_id[row.record.id], mine, allocation, needs))
        for row in rows
        if row is not None
    ]
