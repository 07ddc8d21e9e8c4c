"""A station chooses how much travel even workloads may cost (issue 13, item 6): the plan is
computed with that choice and says which it was; the solver's side of each choice is held by
tests/unit/matching/test_caseload_trade.py."""

from __future__ import annotations

import json
from typing import Any

from graph.driver import Graph
from tests.api.registry_support import single
from tests.api.test_caseload_plans import read_plan, station_id
from tests.conftest import GraphQLClient
from tests.support.jobs import wait_for_job

REQUEST = """
mutation ($input: RequestCaseloadPlanInput!) {
  requestCaseloadPlan(input: $input) {
    __typename
    ... on RequestCaseloadPlanSuccess { plan { id status balancePriority } job { id } }
    ... on UserError { message field code }
  }
}
"""
BALANCE = "query ($id: ID!) { caseloadPlan(id: $id) { balancePriority } }"
SETTINGS = "MATCH (p:CaseloadPlan {id: $id}) RETURN p.settings"


def what_if_plan(client: GraphQLClient, sid: str, balance: str | None) -> dict[str, Any]:
    # A what-if plan: computed like any other, never proposed, so other tests see no change.
    extra = {} if balance is None else {"balance": balance}
    body = client.execute(
        REQUEST, {"input": {"scopeKind": "STATION", "scopeId": sid, "whatIf": {}, **extra}}
    )
    started = body["data"]["requestCaseloadPlan"]
    assert started["__typename"] == "RequestCaseloadPlanSuccess", body
    job, _ = wait_for_job(client, started["job"]["id"])
    assert job["status"] == "SUCCEEDED", job
    plan = read_plan(client, started["plan"]["id"])
    plan["asked"] = started["plan"]["balancePriority"]
    plan["balancePriority"] = client.execute(BALANCE, {"id": plan["id"]})["data"]["caseloadPlan"][
        "balancePriority"
    ]
    return plan


async def test_a_plan_is_solved_with_the_balance_the_station_chose(
    gql: GraphQLClient, graph: Graph
) -> None:
    station = gql.as_user("station")
    sid = station_id(station)

    default = what_if_plan(station, sid, None)
    even = what_if_plan(station, sid, "EVEN_LOADS")
    balanced = what_if_plan(station, sid, "BALANCED")

    # the plan says what it was asked for, from the moment it is requested
    assert [p["asked"] for p in (default, even, balanced)] == [
        "TRAVEL_FIRST",
        "EVEN_LOADS",
        "BALANCED",
    ]
    assert [p["balancePriority"] for p in (default, even, balanced)] == [
        "TRAVEL_FIRST",
        "EVEN_LOADS",
        "BALANCED",
    ]
    # and the solver ran with that choice's travel budget (stored with the plan, to reproduce it)
    budgets = [
        json.loads(await single(graph, SETTINGS, id=p["id"]))["balance_travel_budget"]
        for p in (default, even, balanced)
    ]
    assert budgets == [0.02, None, 0.1]
    # nobody is left out for the sake of even loads; the spread is no wider
    assert even["summary"]["assigned"] == default["summary"]["assigned"]
    assert even["summary"]["utilisationMax"] <= default["summary"]["utilisationMax"] + 1e-9

    # a choice that is not one is refused before anything is computed
    body = station.execute(
        REQUEST,
        {"input": {"scopeKind": "STATION", "scopeId": sid, "whatIf": {}, "balance": "FAST"}},
    )
    assert body.get("errors") and body.get("data") is None, body
