"""The documents the frontend sends, and what each may cost: its role, its Cypher round
trips, and the variables it is sent with, drawn from the ids that role can see.

One table serves the query-budget test (the test county, tests/api/test_query_budget.py)
and `bangfu bench documents` (the demo county): a new document in
frontend/src/**/*.graphql.ts needs a row in BUDGETS (measure its `cypherQueries` and pin
what it costs).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from server.roles import Role


class Places(Protocol):
    """Ids one role can see, by kind (`household`, `station`, ...), and its own record."""

    @property
    def inside(self) -> Mapping[str, str | None]: ...

    @property
    def own_id(self) -> str | None: ...


FRONTEND = Path(__file__).resolve().parents[2] / "frontend" / "src"
_DOC = re.compile(r"graphql\(`\s*((query|fragment)\s+(\w+).*?)`\s*\)", re.S)
_SPREAD = re.compile(r"\.\.\.\s*([A-Z]\w*)")


def frontend_documents() -> tuple[dict[str, str], dict[str, str]]:
    """(query documents by operation name, fragments by name) as the frontend sends them."""
    queries: dict[str, str] = {}
    fragments: dict[str, str] = {}
    for path in sorted(FRONTEND.rglob("*.graphql.ts")):
        for m in _DOC.finditer(path.read_text(encoding="utf-8")):
            (queries if m.group(2) == "query" else fragments)[m.group(3)] = m.group(1)
    return queries, fragments


def with_fragments(document: str, fragments: dict[str, str]) -> str:
    needed: list[str] = []
    pending = _SPREAD.findall(document)
    while pending:
        name = pending.pop()
        if name not in needed and name in fragments:
            needed.append(name)
            pending += _SPREAD.findall(fragments[name])
    return "\n".join([document, *(fragments[n] for n in needed)])


Variables = Callable[[Places], dict[str, Any]]


@dataclass(frozen=True)
class Budget:
    role: Role  # whose page sends the document
    # At most this many round trips of its own: reads shared between requests for 2 s (the
    # user, the scope, list totals: server/shared_reads.py) are not the document's cost.
    cypher: int
    variables: Variables
    on_leader: int = 0  # round trips not routed to a follower on a cluster (writes)


def _in(kind: str) -> Callable[[Places], str]:
    return lambda p: p.inside.get(kind) or f"{kind}-none"


def _none(p: Places) -> dict[str, Any]:
    return {}


_household, _station, _worker = _in("household"), _in("station"), _in("worker")
_DAY = "2026-12-03"
C, S, W = Role.COORDINATOR, Role.STATION_MANAGER, Role.SOCIAL_WORKER
CH, EN, V = Role.CHARITY, Role.ENTERPRISE, Role.VOLUNTEER

BUDGETS: dict[str, Budget] = {
    "Me": Budget(C, 0, _none),
    "Today": Budget(C, 0, _none),
    "JobProgress": Budget(C, 1, lambda p: {"id": "job-none"}),
    "Alerts": Budget(C, 5, lambda p: {"first": 20}),
    "AlertTownships": Budget(C, 1, _none),
    "AuditEvents": Budget(Role.AUDITOR, 2, lambda p: {"first": 20}),
    "CaseloadStations": Budget(C, 4, lambda p: {"first": 50}),
    "CaseloadBoard": Budget(C, 5, lambda p: {"first": 50}),
    "UnassignedCount": Budget(C, 2, lambda p: {"filter": {"hasNoWorker": True}}),
    "CaseloadPlans": Budget(C, 3, lambda p: {"first": 20}),
    "CaseloadPlan": Budget(C, 4, lambda p: {"id": _in("plan")(p)}),
    "CaseloadPlanProposals": Budget(C, 7, lambda p: {"id": _in("plan")(p), "first": 20}),
    # One read: the page with its regions and workers; the user, scope and total are shared.
    "Households": Budget(C, 1, lambda p: {"first": 50}),
    "Regions": Budget(C, 1, lambda p: {"level": "TOWNSHIP"}),
    "Household": Budget(C, 1, lambda p: {"id": _household(p)}),  # one read, scope shared
    "ReassignStations": Budget(C, 4, lambda p: {"first": 50}),
    "ReassignWorkers": Budget(C, 4, lambda p: {"first": 50}),
    # +1: the household's case conferences (个案会商) with their decisions, one read;
    # +1: the requests (首问) the household's story starts from, one read.
    "HouseholdTimeline": Budget(C, 7, lambda p: {"householdId": _household(p)}),
    "HouseholdStatement": Budget(C, 6, lambda p: {"id": _household(p)}),
    "HouseholdActiveMatch": Budget(
        C, 4, lambda p: {"filter": {"householdId": _household(p), "status": "ACTIVE"}}
    ),
    "HouseholdAlerts": Budget(C, 2, lambda p: {"householdId": _household(p)}),
    "FollowUpWho": Budget(C, 0, _none),
    "MyDayWho": Budget(W, 0, _none),
    "MyConferenceDecisions": Budget(W, 4, _none),
    "MyDayOverdue": Budget(W, 3, _none),
    "MyDayMatches": Budget(W, 5, lambda p: {"first": 50}),
    "MyDayAlerts": Budget(W, 5, lambda p: {"first": 50}),
    "AlertSubject": Budget(C, 2, lambda p: {"id": _in("alert")(p)}),
    "MatchSubject": Budget(C, 3, lambda p: {"id": _in("match")(p)}),
    "NeedSubject": Budget(C, 3, lambda p: {"id": _in("need")(p)}),
    "UnreadNotifications": Budget(C, 2, lambda p: {"first": 10}),
    "AllNotifications": Budget(C, 2, lambda p: {"first": 50}),
    "OversightStations": Budget(C, 3, lambda p: {"first": 50}),
    "StalePairings": Budget(C, 4, lambda p: {"days": 30, "first": 50}),
    "OversightOverdue": Budget(C, 3, lambda p: {"scope": {"stationId": _station(p)}}),
    "HouseholdLabel": Budget(C, 2, lambda p: {"id": _household(p)}),
    "RoundsWho": Budget(S, 0, _none),
    "MyRoundWorker": Budget(W, 3, lambda p: {"workerId": p.own_id or _worker(p)}),
    "MyRounds": Budget(W, 2, lambda p: {"stationId": _station(p), "date": _DAY}),
    "MyRoundMatches": Budget(W, 5, lambda p: {"workerId": p.own_id or _worker(p)}),
    "RoundHousehold": Budget(W, 2, lambda p: {"id": _household(p)}),
    "StationRounds": Budget(S, 6, lambda p: {"stationId": _station(p), "date": _DAY}),
    "RoundStations": Budget(S, 3, _none),
    "Stations": Budget(C, 5, lambda p: {"first": 20}),
    "VisitMatch": Budget(W, 6, lambda p: {"id": _in("match")(p)}),
    "VisitOpenAlerts": Budget(W, 2, lambda p: {"householdId": _household(p)}),
    "SocialWorkers": Budget(C, 5, lambda p: {"first": 20}),
    "StationOptions": Budget(C, 3, lambda p: {"first": 50}),
    # The marketplace, the coordinator's county, volunteering, jobs and case work.
    # The page, its count, the scope, and the evidence of every adoption on it (one loader).
    "AreaAdoptions": Budget(C, 4, lambda p: {"first": 20}),
    "CareTasksForMe": Budget(V, 3, _none),
    "CaseMatches": Budget(C, 6, lambda p: {"id": _household(p)}),
    "CaseworkMe": Budget(C, 0, _none),
    "Dashboard": Budget(C, 3, _none),
    "DashboardNeeds": Budget(C, 4, lambda p: {"filter": {}}),
    "FundsLedger": Budget(CH, 3, lambda p: {"period": "YEAR"}),
    "GridReportQueue": Budget(S, 2, lambda p: {"status": "PENDING"}),
    "HouseholdAssistance": Budget(C, 2, lambda p: {"householdId": _household(p)}),
    "HouseholdCareTasks": Budget(C, 3, lambda p: {"householdId": _household(p)}),
    "HouseholdConferences": Budget(C, 2, lambda p: {"householdId": _household(p)}),
    "HouseholdConsents": Budget(C, 2, lambda p: {"householdId": _household(p)}),
    "HouseholdEdit": Budget(C, 2, lambda p: {"id": _household(p)}),
    "HouseholdReferrals": Budget(C, 2, lambda p: {"householdId": _household(p)}),
    "Intakes": Budget(S, 4, lambda p: {"mine": False, "openOnly": True}),
    "JobPlaces": Budget(EN, 1, _none),
    "JobPostings": Budget(EN, 2, _none),
    "JobProposals": Budget(EN, 2, lambda p: {"postingId": _in("job_posting")(p)}),
    "MarketNeeds": Budget(CH, 5, lambda p: {"first": 20}),
    "MarketTownships": Budget(CH, 1, _none),
    "MarketVillages": Budget(CH, 2, lambda p: {}),
    "MyGridReports": Budget(V, 2, _none),
    "MyMarket": Budget(CH, 9, _none),
    "MyVolunteerProfile": Budget(V, 3, _none),
    "NetworkGaps": Budget(
        C, 11, lambda p: {"staleDays": 30, "idleDays": 90, "first": 20, "townshipId": None}
    ),
    "NetworkGraph": Budget(C, 2, lambda p: {"filter": {"townshipId": _in("township")(p)}}),
    "NetworkTownships": Budget(C, 1, _none),
    "RecommendedNeeds": Budget(CH, 9, _none),
    "ReferralTargets": Budget(S, 6, _none),
    "ReportVillages": Budget(V, 1, lambda p: {"parentId": _in("township")(p)}),
    "StationCoverage": Budget(C, 3, _none),
    "StationReferrals": Budget(
        S, 2, lambda p: {"stationId": _station(p), "received": False, "openOnly": True}
    ),
    "VillageHouseholds": Budget(S, 2, lambda p: {"villageId": _in("village")(p)}),
}

QUERIES, FRAGMENTS = frontend_documents()
