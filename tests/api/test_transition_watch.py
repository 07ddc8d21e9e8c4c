"""The transition after an exit (渐退期) through GraphQL: the closed match keeps a monthly
check that escalates when missed (controlled clock: `runEscalation(now:)` a month ahead)
and takes check visits; a warning during it reopens support in one click (version-guarded,
refused outside a transition, when the household is followed already, or when the former
worker now breaks a pairing rule), weighing the household as it is today."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from graph.driver import Graph
from matching.cadence import add_months
from matching.escalation import follow_up_deadline
from tests.api.follow_up_support import (
    area,
    list_matches,
    record_visit,
    station_user,
    worker_user,
)
from tests.api.registry_support import (
    area_of,
    audit_actions,
    create_household,
    scope_id_of,
    single,
)
from tests.api.test_caseload_plans import REASSIGN
from tests.api.test_escalation import run, steps
from tests.api.test_match_lifecycle import MATCH, close
from tests.api.test_registry_conflicts import _declare as declare_conflict
from tests.api.test_registry_social_workers import CREATE_WORKER, _worker_input
from tests.conftest import GraphQLClient
from tests.support.clock import app_today

REOPEN = """
mutation ($h: ID!, $v: Int!) {
  reopenSupport(householdId: $h, expectedVersion: $v) {
    __typename
    ... on ReopenSupportSuccess { match { id status followUpDue worker { id } } }
    ... on StaleVersion { currentVersion }
    ... on RuleViolation { rules { code } overridable }
    ... on UserError { code field }
  }
}
"""
VERSION = "query ($h: ID!) { household(id: $h) { version } }"
SET_WARNING = """
mutation ($input: UpdateHouseholdInput!) {
  updateHousehold(input: $input) { __typename ... on UserError { code field } }
}
"""
WATCHED = "query ($id: ID!) { match(id: $id) { status followUpDue transitionUntil overdue } }"


def reopen(client: GraphQLClient, household: str, version: int) -> dict[str, Any]:
    body = client.execute(REOPEN, {"h": household, "v": version})
    assert body.get("data"), body
    result: dict[str, Any] = body["data"]["reopenSupport"]
    return result


async def active_matches(graph: Graph, household: str) -> int:
    count: int = await single(
        graph,
        "MATCH (:Household {id: $h})<-[:FOR]-(m:Match {status: 'ACTIVE'}) RETURN count(m)",
        h=household,
    )
    return count


def version_of(client: GraphQLClient, household: str) -> int:
    return int(client.execute(VERSION, {"h": household})["data"]["household"]["version"])


async def test_an_exit_is_checked_monthly_escalates_and_reopens_in_one_click(
    gql: GraphQLClient, graph: Graph
) -> None:
    a = area(gql)
    manager = await station_user(gql, graph, a.station_id)
    coordinator = gql.as_user("coordinator")
    match = a.take()
    household, worker_id = match["household"]["id"], match["worker"]["id"]
    today = app_today()

    # when: the match closes with an exit of six months
    done = close(manager, match, "EXITED", months=6, note="务工收入稳定，脱困退出")
    assert done["__typename"] == "CloseMatchSuccess", done
    # then: its first monthly check is its follow-up, until the transition ends
    first_check = add_months(today, 1)
    watched = manager.execute(WATCHED, {"id": match["id"]})["data"]["match"]
    assert watched == {
        "status": "CLOSED",
        "followUpDue": first_check.isoformat(),
        "transitionUntil": add_months(today, 6).isoformat(),
        "overdue": False,
    }

    # when: the check is missed, a pass after its day reminds the worker, as for any follow-up
    village = await single(graph, "MATCH (h:Household {id: $h}) RETURN h.village_id", h=household)
    key = f"{match['id']}@{first_check.isoformat()}"
    deadline = follow_up_deadline(first_check)
    assert f"{key}:1" not in run(coordinator, deadline - timedelta(minutes=1), village)
    assert f"{key}:1" in run(coordinator, deadline + timedelta(minutes=1), village)
    assert [
        (s["step"], s["kind"], s["recipient"], s["notice"]) for s in await steps(graph, key)
    ] == [(1, "WORKER", worker_id, "FOLLOW_UP_OVERDUE")]

    # when: the worker records the check on the closed match
    worker = await worker_user(gql, graph, worker_id)
    visit = record_visit(worker, match["id"], outcome="STABLE")
    assert visit["__typename"] == "RecordVisitSuccess", visit
    # then: the next check is a month after the visit
    assert visit["match"]["followUpDue"] == add_months(today, 1).isoformat()

    # when: a warning: support is reopened, first on a stale screen
    current = version_of(manager, household)
    stale = reopen(manager, household, current - 1)
    assert (stale["__typename"], stale["currentVersion"]) == ("StaleVersion", current), stale
    reopened = reopen(worker, household, current)
    # then: the former worker follows it again; the transition and its checks end
    assert reopened["__typename"] == "ReopenSupportSuccess", reopened
    assert (reopened["match"]["status"], reopened["match"]["worker"]["id"]) == ("ACTIVE", worker_id)
    assert reopened["match"]["followUpDue"]
    after = manager.execute(WATCHED, {"id": match["id"]})["data"]["match"]
    assert after["followUpDue"] is None and not after["overdue"]
    assert (
        await single(graph, "MATCH (h:Household {id: $h}) RETURN h.transition_until", h=household)
        is None
    )
    assert "HOUSEHOLD_TRANSITION_ENDED" in await audit_actions(graph, household)
    assert await audit_actions(graph, reopened["match"]["id"]) == ["MATCH_REOPENED"]

    # and: a second click is refused, nothing changes
    again = reopen(manager, household, version_of(manager, household))
    assert (again["__typename"], again["code"]) == ("Conflict", "NOT_IN_TRANSITION"), again
    assert await active_matches(graph, household) == 1


async def test_reopening_a_household_outside_a_transition_is_refused(
    gql: GraphQLClient, graph: Graph
) -> None:
    a = area(gql)
    manager = await station_user(gql, graph, a.station_id)
    match = a.take()
    household = match["household"]["id"]
    refused = reopen(manager, household, version_of(manager, household))
    assert (refused["__typename"], refused["code"]) == ("Conflict", "NOT_IN_TRANSITION"), refused
    outside = reopen(gql.as_user("worker"), household, 1)
    assert outside["__typename"] == "NotFound", outside
    still = manager.execute(MATCH, {"id": match["id"]})["data"]["match"]
    assert still["status"] == "ACTIVE"


async def own_match(
    gql: GraphQLClient, graph: Graph, **household: Any
) -> tuple[GraphQLClient, dict[str, Any]]:
    """An ACTIVE match of its own, made through the app: a new household in the demo
    station's village, a new worker of that station, a manual assignment (the area's shared
    matches are left to the tests that need a plan's). The station manager, and the match."""
    place = await area_of(graph, "station")
    station_id = await scope_id_of(graph, "station")
    manager = gql.as_user("station")
    home = create_household(manager, place.village_id, **household)
    made = manager.execute(CREATE_WORKER, {"input": _worker_input(station_id)})
    worker = made["data"]["createSocialWorker"]["socialWorker"]["id"]
    moved = manager.execute(
        REASSIGN, {"h": home["id"], "w": worker, "r": "测试：指定责任社工", "o": True}
    )["data"]["reassignHousehold"]
    assert moved["__typename"] == "ReassignHouseholdSuccess", moved
    [match] = list_matches(manager, {"householdId": home["id"], "status": "ACTIVE"})
    return manager, match


async def test_a_former_worker_who_declared_a_conflict_since_is_not_brought_back(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: an exit, then the former worker declares kinship with the household
    manager, match = await own_match(gql, graph)
    household, worker_id = match["household"]["id"], match["worker"]["id"]
    assert close(manager, match, "EXITED", months=6)["__typename"] == "CloseMatchSuccess"
    worker = await worker_user(gql, graph, worker_id)
    assert declare_conflict(worker, worker_id, household)["__typename"] == "DeclareConflictSuccess"
    # when
    refused = reopen(manager, household, version_of(manager, household))
    # then: refused with the rule, no override offered; nothing changed
    assert refused["__typename"] == "RuleViolation", refused
    assert ("CONFLICT" in [r["code"] for r in refused["rules"]]) and not refused["overridable"]
    assert refused["field"] == "householdId"
    assert await active_matches(graph, household) == 0
    assert await single(
        graph, "MATCH (h:Household {id: $h}) RETURN h.transition_until IS NOT NULL", h=household
    )


async def test_a_reopened_match_weighs_the_household_as_it_is_today(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a household of one unit exits, then its warning turns red (why support reopens)
    manager, match = await own_match(gql, graph, tier="NEAR_DIBAO", dibaoClass=None)
    household = match["household"]["id"]
    assert close(manager, match, "EXITED", months=6)["__typename"] == "CloseMatchSuccess"
    assert await single(graph, "MATCH (m:Match {id: $id}) RETURN m.weight", id=match["id"]) == 1
    red = {
        "id": household,
        "expectedVersion": version_of(manager, household),
        "warningLevel": "RED",
    }
    changed = manager.execute(SET_WARNING, {"input": red})["data"]["updateHousehold"]
    assert changed["__typename"] == "UpdateHouseholdSuccess", changed
    # when
    reopened = reopen(manager, household, version_of(manager, household))
    # then: a red warning weighs 3 units, not the 1 the exit's match carried
    assert reopened["__typename"] == "ReopenSupportSuccess", reopened
    weight = await single(
        graph, "MATCH (m:Match {id: $id}) RETURN m.weight", id=reopened["match"]["id"]
    )
    assert weight == 3
