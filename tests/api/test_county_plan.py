"""A county-wide caseload plan, reviewed and approved station by station: approving one
station's part activates only its households and leaves the others' proposals open; a
station manager may approve only its own part; the export of a part lists only its rows."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from tests.conftest import GraphQLClient
from tests.support.jobs import wait_for_job

REQUEST = """
mutation ($input: RequestCaseloadPlanInput!) {
  requestCaseloadPlan(input: $input) {
    __typename
    ... on RequestCaseloadPlanSuccess { plan { id } job { id } }
    ... on UserError { message code }
  }
}
"""
PLAN = "query ($id: ID!) { caseloadPlan(id: $id) { id status version scopeKind } }"
APPROVE = """
mutation ($id: ID!, $v: Int!, $s: ID) {
  approveCaseloadPlan(planId: $id, expectedVersion: $v, stationId: $s) {
    __typename
    ... on ApproveCaseloadPlanSuccess { activated plan { status version } }
    ... on InvalidInput { errors { field code } }
    ... on UserError { message code }
  }
}
"""
REJECT = """
mutation ($id: ID!, $v: Int!) {
  rejectCaseloadPlan(planId: $id, expectedVersion: $v, reason: "测试：其余部分不批") {
    __typename ... on RejectCaseloadPlanSuccess { plan { status } }
  }
}
"""
STATIONS = "{ stations(first: 50) { edges { node { id township { id } } } } }"
ME = "{ me { scopeId } }"
ITEMS = """
MATCH (i:PlanItem:Match {plan_id: $plan})-[:FOR]->(h:Household)
RETURN h.township_id AS township, i.status AS status, count(*) AS n
"""


async def _items(graph: Graph, plan_id: str) -> dict[tuple[str, str], int]:
    records, _, _ = await graph.driver.execute_query(ITEMS, plan=plan_id)
    return {(r["township"], r["status"]): r["n"] for r in records}


async def test_a_county_plan_is_approved_station_by_station(
    gql: GraphQLClient, graph: Graph
) -> None:
    coordinator = gql.as_user("coordinator")
    station = gql.as_user("station")
    county = coordinator.execute("{ dashboard { region { id } } }")["data"]["dashboard"]
    body = coordinator.execute(
        REQUEST, {"input": {"scopeKind": "COUNTY", "scopeId": county["region"]["id"]}}
    )
    started = body["data"]["requestCaseloadPlan"]
    assert started["__typename"] == "RequestCaseloadPlanSuccess", body
    job, _ = wait_for_job(coordinator, started["job"]["id"])
    assert job["status"] == "SUCCEEDED", job
    plan_id = started["plan"]["id"]
    plan = coordinator.execute(PLAN, {"id": plan_id})["data"]["caseloadPlan"]
    assert plan["status"] == "PROPOSED" and plan["scopeKind"] == "COUNTY"
    before = await _items(graph, plan_id)

    # a station manager sees the county plan but may not approve all of it
    whole = station.execute(APPROVE, {"id": plan_id, "v": plan["version"], "s": None})
    refused = whole["data"]["approveCaseloadPlan"]
    assert refused["__typename"] == "InvalidInput", refused
    assert refused["errors"][0]["field"] in ("stationId", "station_id")
    assert refused["errors"][0]["code"] == "REQUIRED"

    # it approves its own station's part
    stations = [e["node"] for e in coordinator.execute(STATIONS)["data"]["stations"]["edges"]]
    own_station = station.execute(ME)["data"]["me"]["scopeId"]
    own = next(s for s in stations if s["id"] == own_station)
    own_township = own["township"]["id"]
    assert before.get((own_township, "PROPOSED"))
    done = station.execute(APPROVE, {"id": plan_id, "v": plan["version"], "s": own_station})
    approved = done["data"]["approveCaseloadPlan"]
    assert approved["__typename"] == "ApproveCaseloadPlanSuccess", done
    assert approved["plan"]["status"] == "PROPOSED"  # the other stations' parts stay open
    assert approved["plan"]["version"] == plan["version"] + 1
    after = await _items(graph, plan_id)
    assert after.get((own_township, "ACTIVE")) == before[(own_township, "PROPOSED")]
    assert not after.get((own_township, "PROPOSED"))
    others = {k: n for k, n in before.items() if k[0] != own_township}
    assert others and {k: after.get(k) for k in others} == others  # untouched

    # another station's part is not the station manager's to approve
    other = next(
        s
        for s in stations
        if s["township"]["id"] != own_township and before.get((s["township"]["id"], "PROPOSED"))
    )
    outside = station.execute(
        APPROVE, {"id": plan_id, "v": approved["plan"]["version"], "s": other["id"]}
    )
    assert outside["data"]["approveCaseloadPlan"]["__typename"] == "NotFound", outside

    # the coordinator approves a second station's part on the new version
    second = coordinator.execute(
        APPROVE, {"id": plan_id, "v": approved["plan"]["version"], "s": other["id"]}
    )["data"]["approveCaseloadPlan"]
    assert second["__typename"] == "ApproveCaseloadPlanSuccess", second
    after_two = await _items(graph, plan_id)
    assert after_two.get((own_township, "ACTIVE")) == after[(own_township, "ACTIVE")]
    # leave the rest of the county as it was for the other tests
    rest: dict[str, Any] = coordinator.execute(
        REJECT, {"id": plan_id, "v": second["plan"]["version"]}
    )
    assert rest["data"]["rejectCaseloadPlan"]["plan"]["status"] == "REJECTED"
