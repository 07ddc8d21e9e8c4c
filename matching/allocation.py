"""为您推荐: allocating open needs to organisations, fairly across villages.

Each organisation has what is left of its budget this period, the kinds it serves, the
townships the county lets it work in and how many more adoptions it can carry. The
allocation gives each need to at most one organisation that may take it, within every
budget and limit, and maximises first the number of villages reached (no village left out
while some organisation still has room for one of its needs), then the urgency-weighted
need covered. CP-SAT solves it; `first_come` is the baseline it is compared with: each
organisation in turn claims the most urgent need it may take, as a board with a claim button
does when nobody coordinates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from ortools.sat.python import cp_model

URGENCY_WEIGHT: Final = {"HIGH": 5, "MEDIUM": 3, "LOW": 1}


@dataclass(frozen=True, slots=True)
class NeedItem:
    id: str
    village_id: str
    township_id: str
    kind: str
    cost: int  # yuan
    urgency: str  # LOW | MEDIUM | HIGH

    @property
    def weight(self) -> int:
        return URGENCY_WEIGHT.get(self.urgency, 1)


@dataclass(frozen=True, slots=True)
class OrgItem:
    id: str
    budget: int  # yuan left this period
    kinds: frozenset[str]
    townships: frozenset[str]
    slots: int  # adoptions it can still open


def eligible(need: NeedItem, org: OrgItem) -> bool:
    return (
        need.kind in org.kinds
        and need.township_id in org.townships
        and 0 < need.cost <= org.budget
        and org.slots > 0
    )


@dataclass(frozen=True, slots=True)
class Allocation:
    given: tuple[tuple[str, str], ...]  # (need id, org id)
    status: str  # OPTIMAL | FEASIBLE | FIRST_COME | EMPTY
    villages_reached: int
    covered_weight: int


def _summary(needs: Sequence[NeedItem], given: list[tuple[str, str]], status: str) -> Allocation:
    by_id = {n.id: n for n in needs}
    return Allocation(
        given=tuple(sorted(given)),
        status=status,
        villages_reached=len({by_id[n].village_id for n, _ in given}),
        covered_weight=sum(by_id[n].weight for n, _ in given),
    )


# Candidates kept per organisation and village besides the cheapest: an organisation carries
# a few adoptions, so more of one village's needs cannot help it.
KEEP_PER_VILLAGE: Final = 3


def candidate_pairs(
    needs: Sequence[NeedItem], orgs: Sequence[OrgItem]
) -> list[tuple[NeedItem, OrgItem]]:
    """The pairs the model considers: per organisation and village, its most urgent needs
    (cheapest first among equals) and the cheapest one. Keeping the cheapest keeps the
    fairness bound exact: if any need of a village fits what an organisation has left, the
    cheapest does."""
    pairs = []
    for org in orgs:
        by_village: dict[str, list[NeedItem]] = defaultdict(list)
        for n in needs:
            if eligible(n, org):
                by_village[n.village_id].append(n)
        for group in by_village.values():
            best = sorted(group, key=lambda n: (-n.weight, n.cost, n.id))
            kept = best[: min(org.slots, KEEP_PER_VILLAGE)]
            cheapest = min(group, key=lambda n: (n.cost, -n.weight, n.id))
            if cheapest not in kept:
                kept.append(cheapest)
            pairs += [(n, org) for n in kept]
    return pairs


def allocate(
    needs: Sequence[NeedItem], orgs: Sequence[OrgItem], *, seconds: float = 10.0, workers: int = 2
) -> Allocation:
    """The fair allocation: villages reached first, then urgency-weighted need covered."""
    pairs = candidate_pairs(needs, orgs)
    if not pairs:
        return Allocation(given=(), status="EMPTY", villages_reached=0, covered_weight=0)
    model = cp_model.CpModel()
    x = {(n.id, o.id): model.new_bool_var(f"x_{i}") for i, (n, o) in enumerate(pairs)}
    by_need: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    by_org: dict[str, list[tuple[NeedItem, cp_model.IntVar]]] = defaultdict(list)
    by_village: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for n, o in pairs:
        var = x[(n.id, o.id)]
        by_need[n.id].append(var)
        by_org[o.id].append((n, var))
        by_village[n.village_id].append(var)
    for vars_ in by_need.values():
        model.add_at_most_one(vars_)
    org_by_id = {o.id: o for o in orgs}
    for org_id, items in by_org.items():
        org = org_by_id[org_id]
        model.add(sum(n.cost * v for n, v in items) <= org.budget)
        model.add(sum(v for _, v in items) <= org.slots)
    reached = {}
    for village_id, vars_ in by_village.items():
        y = model.new_bool_var(f"y_{village_id}")
        model.add(y <= sum(vars_))
        reached[village_id] = y
    total_weight = sum(n.weight for n, _ in pairs) + 1
    # Lexicographic in one objective: a village reached outweighs all urgency together.
    model.maximize(
        total_weight * sum(reached.values()) + sum(n.weight * x[(n.id, o.id)] for n, o in pairs)
    )
    # Start from first-come claiming: the solver only ever improves on it.
    baseline = set(first_come(needs, orgs).given)
    for key, var in x.items():
        model.add_hint(var, key in baseline)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 1
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return first_come(needs, orgs)
    given = [key for key, var in x.items() if solver.boolean_value(var)]
    return _summary(needs, given, "OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE")


def board_order(needs: Sequence[NeedItem]) -> list[NeedItem]:
    """The order the board shows: most urgent first, then by id."""
    return sorted(needs, key=lambda n: (-n.weight, n.id))


def first_come(needs: Sequence[NeedItem], orgs: Sequence[OrgItem]) -> Allocation:
    """Uncoordinated claiming: organisations take turns; each claims the first need on the
    board it may take, until none can take anything more."""
    budget = {o.id: o.budget for o in orgs}
    slots = {o.id: o.slots for o in orgs}
    taken: set[str] = set()
    given: list[tuple[str, str]] = []
    ordered = board_order(needs)
    progress = True
    while progress:
        progress = False
        for org in sorted(orgs, key=lambda o: o.id):
            if slots[org.id] <= 0:
                continue
            left = OrgItem(org.id, budget[org.id], org.kinds, org.townships, slots[org.id])
            pick = next((n for n in ordered if n.id not in taken and eligible(n, left)), None)
            if pick is None:
                continue
            taken.add(pick.id)
            budget[org.id] -= pick.cost
            slots[org.id] -= 1
            given.append((pick.id, org.id))
            progress = True
    return _summary(needs, given, "FIRST_COME")


@dataclass(frozen=True, slots=True)
class VillageCoverage:
    village_id: str
    needs: int
    covered: int


def coverage_by_village(needs: Sequence[NeedItem], allocation: Allocation) -> list[VillageCoverage]:
    covered = {n for n, _ in allocation.given}
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for n in needs:
        totals[n.village_id][0] += 1
        totals[n.village_id][1] += n.id in covered
    return [VillageCoverage(v, t[0], t[1]) for v, t in sorted(totals.items())]


def reasons(
    need: NeedItem, org: OrgItem, allocation: Allocation, needs: Sequence[NeedItem]
) -> list[tuple[str, str | None]]:
    """Why this need for this organisation: codes and values the page words."""
    by_id = {n.id: n for n in needs}
    spent = sum(by_id[n].cost for n, o in allocation.given if o == org.id)
    in_village = sum(1 for n, _ in allocation.given if by_id[n].village_id == need.village_id)
    out: list[tuple[str, str | None]] = [
        ("KIND_SERVED", need.kind),
        ("REGION_SERVED", None),
        ("URGENCY", need.urgency),
    ]
    if in_village == 1:
        out.append(("VILLAGE_OTHERWISE_LEFT_OUT", None))
    out.append(("FITS_BUDGET", str(max(org.budget - spent, 0))))
    return out
