"""Jobs and training places (就业帮扶): which working-age members to propose for an
enterprise's postings, as a min-cost flow (OR-Tools).

A candidate is a member who can work: of working age, not severely disabled (grade 1-2),
not seriously ill, not already working away, living within the posting's reach. Households
whose only causes are illness, disability or lack of labour (因病/因残/缺劳力) are left to
other help. Priority follows the cause: unemployment (失业: lacking work or skills) first,
then the costs that push a household down (disaster, accident, schooling), then the rest.
One member per household is proposed (help spread across households); each posting gets at
most `count` proposals. Among the assignments with the most proposals, the flow takes the
highest priorities, then the shortest distances; every proposal says why.

Pure: the caller passes the facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from ortools.graph.python import min_cost_flow

from matching.geo import haversine_km

WORKING_AGE: Final = (18, 59)
# Cause → priority (higher first). A household takes the highest of its causes.
CAUSE_PRIORITY: Final = {
    "UNEMPLOYMENT": 3,
    "DISASTER": 2,
    "ACCIDENT": 2,
    "SCHOOLING": 2,
    "ILLNESS": 1,
    "DISABILITY": 1,
    "LACK_OF_LABOUR": 1,
}
# Causes that alone say the household has no labour to offer.
NO_LABOUR_CAUSES: Final = frozenset({"ILLNESS", "DISABILITY", "LACK_OF_LABOUR"})
PRIORITY_WEIGHT: Final = 1_000  # one priority step outweighs any distance (km ≤ 999)
DEFAULT_REACH_KM: Final = 30.0


@dataclass(frozen=True, slots=True)
class Member:
    person_id: str
    household_id: str
    sex: str
    birth_date: date
    can_work: bool
    disability_grade: int | None
    serious_illness: bool
    lives_away: bool
    causes: tuple[str, ...]  # the household's
    lat: float  # the household's home
    lon: float


@dataclass(frozen=True, slots=True)
class Posting:
    id: str
    kind: str  # JOB | TRAINING
    count: int  # places still to fill
    lat: float  # the place's centre
    lon: float
    reach_km: float = DEFAULT_REACH_KM
    min_age: int = WORKING_AGE[0]
    max_age: int = WORKING_AGE[1]
    sex: str | None = None  # a requirement only where the work needs it


@dataclass(frozen=True, slots=True)
class Proposal:
    posting_id: str
    person_id: str
    household_id: str
    priority: int
    distance_km: float
    age: int
    # Why, as codes the page translates: CAUSE_<cause>, WORKING_AGE, WITHIN_<km>KM.
    reasons: tuple[str, ...]


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_band(age: int) -> str:
    """What an enterprise reads instead of a birth date: a ten-year band."""
    low = age // 10 * 10
    return f"{low}-{low + 9}"


def priority_of(causes: Sequence[str]) -> int:
    return max((CAUSE_PRIORITY.get(c, 1) for c in causes), default=1)


def exclusion(member: Member, posting: Posting, today: date) -> str | None:
    """Why the member is not proposed for the posting (a code), or None."""
    age = age_on(member.birth_date, today)
    if not member.can_work:
        return "CANNOT_WORK"
    if member.disability_grade is not None and member.disability_grade <= 2:
        return "SEVERE_DISABILITY"
    if member.serious_illness:
        return "SERIOUS_ILLNESS"
    if member.lives_away:
        return "WORKS_AWAY"
    if member.causes and set(member.causes) <= NO_LABOUR_CAUSES:
        return "NO_LABOUR_CAUSE"
    if not posting.min_age <= age <= posting.max_age:
        return "AGE"
    if posting.sex is not None and member.sex != posting.sex:
        return "SEX"
    if haversine_km(member.lat, member.lon, posting.lat, posting.lon) > posting.reach_km:
        return "TOO_FAR"
    return None


def propose(postings: Sequence[Posting], members: Sequence[Member], today: date) -> list[Proposal]:
    """The proposals: never more than a posting's count, one per household, excluded
    members never, higher priority before lower, then nearer."""
    open_postings = [p for p in postings if p.count > 0]
    households = sorted({m.household_id for m in members})
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = 0, 1
    h_node = {h: 2 + i for i, h in enumerate(households)}
    m_node = {m.person_id: 2 + len(households) + i for i, m in enumerate(members)}
    base = 2 + len(households) + len(members)
    p_node = {p.id: base + i for i, p in enumerate(open_postings)}
    arcs: dict[int, tuple[Member, Posting, float, int]] = {}
    for node in h_node.values():
        flow.add_arc_with_capacity_and_unit_cost(source, node, 1, 0)
    top = 3 * PRIORITY_WEIGHT
    for m in members:
        flow.add_arc_with_capacity_and_unit_cost(h_node[m.household_id], m_node[m.person_id], 1, 0)
        for p in open_postings:
            if exclusion(m, p, today) is not None:
                continue
            km = haversine_km(m.lat, m.lon, p.lat, p.lon)
            prio = priority_of(m.causes)
            # Non-negative cost: lower for higher priority, then for shorter distance.
            cost = top - prio * PRIORITY_WEIGHT + min(int(round(km)), PRIORITY_WEIGHT - 1)
            arc = flow.add_arc_with_capacity_and_unit_cost(
                m_node[m.person_id], p_node[p.id], 1, cost
            )
            arcs[arc] = (m, p, km, prio)
    for p in open_postings:
        flow.add_arc_with_capacity_and_unit_cost(p_node[p.id], sink, p.count, 0)
    if not arcs:
        return []
    # As much as can flow: every household may send one member.
    flow.set_node_supply(source, len(households))
    flow.set_node_supply(sink, -len(households))
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"job matching flow ended with status {status}")
    out = []
    for arc, (m, p, km, prio) in arcs.items():
        if flow.flow(arc) > 0:
            age = age_on(m.birth_date, today)
            reasons = tuple(
                [f"CAUSE_{c}" for c in m.causes if CAUSE_PRIORITY.get(c, 1) == prio]
                + ["WORKING_AGE", f"WITHIN_{int(round(km))}KM"]
            )
            out.append(
                Proposal(p.id, m.person_id, m.household_id, prio, round(km, 1), age, reasons)
            )
    return sorted(out, key=lambda x: (x.posting_id, -x.priority, x.distance_km, x.person_id))


# A proposal's life: the station records the household's consent, then what came of it.
PROPOSAL_TRANSITIONS: Final = {
    "PROPOSED": frozenset({"CONSENTED", "DECLINED"}),
    "CONSENTED": frozenset({"HIRED", "DECLINED"}),
    "HIRED": frozenset({"LEFT"}),
    "LEFT": frozenset(),
    "DECLINED": frozenset(),
    "WITHDRAWN": frozenset(),
}
HELD: Final = frozenset({"CONSENTED", "HIRED"})  # take a place of the posting's count
