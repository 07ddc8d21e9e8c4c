"""Shared by the follow-through API tests: an area of their own, with active matches made
the way the app makes them (a caseload plan, approved), and users for its people.

The tests work in the last station of the demo county, so the caseload tests (which plan
the first station) see none of their changes; a second-to-last station holds an unapproved
plan whose proposals the lifecycle tests accept and reject. Everything is prepared once per
session and handed out so that no two tests share a match.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from graph.driver import Graph
from graph.users import upsert_user
from server.auth import hash_password
from tests.conftest import GraphQLClient
from tests.support.clock import app_now, app_today
from tests.support.jobs import wait_for_job

PASSWORD = "bangfu-demo"

STATIONS = "{ stations(first: 100) { edges { node { id } } } }"
REQUEST_PLAN = """
mutation ($sid: ID!) {
  requestCaseloadPlan(input: {scopeKind: STATION, scopeId: $sid}) {
    __typename
    ... on RequestCaseloadPlanSuccess { plan { id } job { id } }
    ... on UserError { message code }
  }
}
"""
PLAN = "query ($id: ID!) { caseloadPlan(id: $id) { id status version } }"
APPROVE = """
mutation ($id: ID!, $v: Int!) {
  approveCaseloadPlan(planId: $id, expectedVersion: $v) {
    __typename ... on UserError { message code }
  }
}
"""
MATCHES = """
query ($f: MatchFilter, $after: String) {
  matches(first: 100, after: $after, filter: $f) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id status version startedOn followUpDue
                   household { id warningLevel } worker { id } } }
  }
}
"""


@dataclass
class Area:
    station_id: str
    proposal_station_id: str
    active: list[dict[str, Any]]  # ACTIVE match nodes of the area, not yet handed out
    proposed: list[dict[str, Any]]  # PROPOSED matches of the proposal station's plan
    taken_workers: set[str] = field(default_factory=set)  # one test's alone
    touched_workers: set[str] = field(default_factory=set)  # some match handed out

    def take(
        self,
        *,
        worker_id: str | None = None,
        where: Callable[[dict[str, Any]], bool] = lambda m: True,
    ) -> dict[str, Any]:
        """An active match no other test has: of that worker, or else of a worker no test
        holds alone, preferring workers already touched (so untouched ones stay free for
        `take_worker`); `where` narrows the choice."""
        if worker_id is not None:
            usable = [m for m in self.active if m["worker"]["id"] == worker_id and where(m)]
        else:
            usable = [
                m for m in self.active if m["worker"]["id"] not in self.taken_workers and where(m)
            ]
        usable.sort(key=lambda m: m["worker"]["id"] not in self.touched_workers)
        if not usable:
            raise AssertionError(f"no active match left for {worker_id or 'anyone'}")
        self.active.remove(usable[0])
        self.touched_workers.add(usable[0]["worker"]["id"])
        return usable[0]

    def _counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in self.active:
            counts[m["worker"]["id"]] = counts.get(m["worker"]["id"], 0) + 1
        return counts

    def worker(self, *, at_least: int) -> str:
        """A worker with `at_least` matches left (shared with other tests)."""
        counts = self._counts()
        for wid, n in sorted(counts.items(), key=lambda kv: kv[0] not in self.touched_workers):
            if n >= at_least and wid not in self.taken_workers:
                self.touched_workers.add(wid)
                return wid
        raise AssertionError("no worker with enough matches")

    def take_worker(self, *, at_least: int) -> str:
        """A worker for one test alone, untouched so far, with `at_least` active matches: the
        one with fewest such, since a worker taken alone takes every match of theirs out of
        the pool the other tests share."""
        busy = self.taken_workers | self.touched_workers
        for wid, n in sorted(self._counts().items(), key=lambda kv: (kv[1], kv[0])):
            if n >= at_least and wid not in busy:
                self.taken_workers.add(wid)
                return wid
        raise AssertionError("no free worker with enough matches")


_area: Area | None = None


def _plan(client: GraphQLClient, station_id: str) -> dict[str, Any]:
    body = client.execute(REQUEST_PLAN, {"sid": station_id})
    started = body["data"]["requestCaseloadPlan"]
    assert started["__typename"] == "RequestCaseloadPlanSuccess", body
    job, _ = wait_for_job(client, started["job"]["id"])
    assert job["status"] == "SUCCEEDED", job
    plan: dict[str, Any] = client.execute(PLAN, {"id": started["plan"]["id"]})["data"][
        "caseloadPlan"
    ]
    return plan


def list_matches(client: GraphQLClient, flt: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    after = None
    while True:
        body = client.execute(MATCHES, {"f": flt, "after": after})
        assert "errors" not in body, body
        page = body["data"]["matches"]
        out += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return out
        after = page["pageInfo"]["endCursor"]


def area(gql: GraphQLClient) -> Area:
    """The area, prepared on first use: one approved plan, one left open."""
    global _area
    if _area is not None:
        return _area
    admin = gql.as_user("admin")
    stations = [e["node"]["id"] for e in admin.execute(STATIONS)["data"]["stations"]["edges"]]
    ours, proposals = stations[-1], stations[-2]
    plan = _plan(admin, ours)
    if plan["status"] == "PROPOSED":
        approved = admin.execute(APPROVE, {"id": plan["id"], "v": plan["version"]})
        assert "errors" not in approved, approved
    _plan(admin, proposals)  # left PROPOSED: its proposals are PROPOSED matches
    active = list_matches(admin, {"stationId": ours, "status": "ACTIVE"})
    proposed = list_matches(admin, {"stationId": proposals, "status": "PROPOSED"})
    assert len(active) >= 20 and len(proposed) >= 3, (len(active), len(proposed))
    _area = Area(ours, proposals, active, proposed)
    return _area


async def worker_user(gql: GraphQLClient, graph: Graph, worker_id: str) -> GraphQLClient:
    """A signed-in SOCIAL_WORKER user who is that worker (demo users are only one)."""
    username = f"fu-{worker_id}"
    await upsert_user(
        graph,
        user_id=f"user-{username}",
        username=username,
        password_hash=hash_password(PASSWORD),
        role="SOCIAL_WORKER",
        display_name=f"测试社工 {worker_id}",
        scope_kind="SELF",
        scope_id=worker_id,
        now=app_now(),
    )
    return gql.as_user(username)


async def station_user(gql: GraphQLClient, graph: Graph, station_id: str) -> GraphQLClient:
    """A signed-in STATION_MANAGER of that station."""
    username = f"fu-manager-{station_id}"
    await upsert_user(
        graph,
        user_id=f"user-{username}",
        username=username,
        password_hash=hash_password(PASSWORD),
        role="STATION_MANAGER",
        display_name="测试站长",
        scope_kind="STATION",
        scope_id=station_id,
        now=app_now(),
    )
    return gql.as_user(username)


def ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


# Time travel, the one raw write these tests make: the server's clock cannot be moved, so a
# match "activated 40 days ago" is made by moving its dates back.
BACKDATE: str = """
UNWIND $ids AS id
MATCH (m:Match {id: id})
SET m.activated_at = datetime() - duration({days: $days}),
    m.started_on = $today - duration({days: $days})
"""


async def backdate(graph: Graph, match_ids: list[str], days: int) -> None:
    await graph.driver.execute_query(BACKDATE, ids=match_ids, days=days, today=app_today())


RECORD_VISIT = """
mutation ($input: RecordVisitInput!) {
  recordVisit(input: $input) {
    __typename
    ... on RecordVisitSuccess {
      visit { id visitedAt place met findings outcome contact nextFollowUp verifying
              recordedBy resolvedAlertIds resolvedNeedIds
              needsDiscovered { id kind status estimatedCost } }
      match { id version followUpDue lastVisitAt lastContactAt overdue }
      resolvedAlertIds reportersTold
    }
    ... on InvalidInput { message field code errors { field reason code } }
    ... on StaleVersion { currentVersion }
    ... on UserError { message field code }
  }
}
"""


def visit_input(match_id: str, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "matchId": match_id,
        # now: a visit is never before its match (activated earlier), even just after midnight
        "visitedAt": ago(seconds=0),
        "place": "家中 / at home",
        "met": ["户主"],
        "findings": "老人血压偏高，按时服药 / blood pressure high, taking medicine",
        "outcome": "CONCERN",
    }
    return values | overrides


def record_visit(client: GraphQLClient, match_id: str, **overrides: Any) -> dict[str, Any]:
    body = client.execute(RECORD_VISIT, {"input": visit_input(match_id, **overrides)})
    assert "data" in body and body["data"], body
    result: dict[str, Any] = body["data"]["recordVisit"]
    return result


def error_code(body: dict[str, Any]) -> str | None:
    errors = body.get("errors") or []
    return errors[0].get("extensions", {}).get("code") if errors else None
