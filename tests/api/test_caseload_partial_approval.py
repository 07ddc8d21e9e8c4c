"""Approval that survives a busy station (issue 13, item 8): a hand-made change sets aside
only what it touched, the rest is approved; a retried click with the same key returns the
decision already made; a newer plan supersedes the older one still waiting."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from tests.api.test_caseload_plans import (
    REASSIGN,
    active,
    plan_for,
    read_plan,
    station_id,
    townships_of,
)
from tests.conftest import GraphQLClient

APPROVE = """
mutation ($id: ID!, $v: Int!, $keep: Boolean!, $key: String) {
  approveCaseloadPlan(planId: $id, expectedVersion: $v, keepValid: $keep, idempotencyKey: $key) {
    __typename
    ... on ApproveCaseloadPlanSuccess {
      activated transferred plan { status version }
      setAside { code householdId workerId params { name value } }
    }
    ... on StalePlan { items { code householdId workerId } }
    ... on UserError { message code }
  }
}
"""
STATUS = "query ($id: ID!) { caseloadPlan(id: $id) { status version supersededBy } }"


def approve(client: GraphQLClient, plan: dict[str, Any], **args: Any) -> dict[str, Any]:
    variables = {"id": plan["id"], "v": plan["version"], "keep": False, "key": None, **args}
    result: dict[str, Any] = client.execute(APPROVE, variables)["data"]["approveCaseloadPlan"]
    return result


def proposals(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [e["node"] for e in plan["proposals"]["edges"] if e["node"]["kind"] in ("NEW", "MOVED")]


async def test_a_newer_plan_supersedes_the_older_one_still_waiting(gql: GraphQLClient) -> None:
    station = gql.as_user("station")
    sid = station_id(station)
    older = plan_for(station, sid)
    newer = plan_for(station, sid)
    seen = station.execute(STATUS, {"id": older["id"]})["data"]["caseloadPlan"]
    assert seen["status"] == "SUPERSEDED" and seen["supersededBy"] == newer["id"]
    # an approval of the superseded plan is refused, whatever the version
    refused = approve(station, {"id": older["id"], "version": seen["version"]})
    assert (refused["__typename"], refused["code"]) == ("Conflict", "PLAN_SUPERSEDED")
    assert station.execute(STATUS, {"id": newer["id"]})["data"]["caseloadPlan"]["status"] == (
        "PROPOSED"
    )


async def test_a_hand_made_change_sets_aside_only_its_household_and_a_retry_is_safe(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a plan with proposals, then one household reassigned by hand to another worker
    station = gql.as_user("station")
    sid = station_id(station)
    plan = plan_for(station, sid)
    offered = proposals(plan)
    assert len(offered) >= 2, plan["summary"]
    touched = offered[0]
    other_worker = next(
        p["toWorkerId"] for p in offered if p["toWorkerId"] != touched["toWorkerId"]
    )
    moved = station.execute(
        REASSIGN,
        {"h": touched["householdId"], "w": other_worker, "r": "站长手工调整", "o": True},
    )
    assert moved["data"]["reassignHousehold"]["__typename"] == "ReassignHouseholdSuccess", moved
    townships = await townships_of(graph, sid)
    before = await active(graph, townships)

    # when: approved all or nothing
    whole = approve(station, plan)
    # then: refused, naming the household, nothing applied
    assert whole["__typename"] == "StalePlan", whole
    assert touched["householdId"] in {i["householdId"] for i in whole["items"]}
    assert await active(graph, townships) == before

    # when: what still holds is approved, with a key
    key = "approve-" + plan["id"]
    kept = approve(station, plan, keep=True, key=key)
    # then: the rest is active, the touched household set aside with its reason
    assert kept["__typename"] == "ApproveCaseloadPlanSuccess", kept
    assert kept["plan"]["status"] == "PARTIALLY_APPROVED"
    aside = {(c["code"], c["householdId"]) for c in kept["setAside"]}
    assert ("WORKER_CHANGED_HANDS", touched["householdId"]) in aside
    assert 1 <= kept["activated"] <= len(offered) - 1
    after = await active(graph, townships)
    assert after["n"] == before["n"] + kept["activated"] - kept["transferred"]
    # and the hand-made pairing stands
    worker_now = station.execute(
        "query ($id: ID!) { household(id: $id) { worker { id } } }",
        {"id": touched["householdId"]},
    )["data"]["household"]["worker"]["id"]
    assert worker_now == other_worker

    # when: the click is retried with the same key (the answer was lost)
    again = approve(station, plan, keep=True, key=key)
    # then: the same decision, nothing applied twice
    assert again["__typename"] == "ApproveCaseloadPlanSuccess", again
    assert (again["activated"], again["plan"]) == (kept["activated"], kept["plan"])
    assert await active(graph, townships) == after

    # and another click (a new key) is told the plan is decided
    other = approve(station, plan, keep=True, key="another-click-1")
    assert (other["__typename"], other["code"]) == ("Conflict", "PLAN_PARTIALLY_APPROVED")
    assert read_plan(station, plan["id"])["status"] == "PARTIALLY_APPROVED"
