"""A worker's load at plan approval counts each household at its weight today, as the plan
did: a household whose class fell after its match began must not make a fresh plan, which
kept the limit, "over capacity" at approval (the weight stored on the match was stale)."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from tests.api.registry_support import area_of, audit_actions, create_household, created, single
from tests.api.test_caseload_plans import APPROVE, REASSIGN, plan_for, station_id
from tests.api.test_registry_households import UPDATE_HOUSEHOLD
from tests.api.test_registry_social_workers import CREATE_WORKER, _worker_input
from tests.conftest import GraphQLClient

# Far from the demo county's workers (around 37.9 N, 112.0 E): only the new worker reaches it.
REMOTE = {"lat": 39.05, "lon": 113.55}
MATCH_OF = """
MATCH (h:Household {id: $h})<-[:FOR]-(m:Match {status: 'ACTIVE'})-[:BY]->(w:SocialWorker)
RETURN m{.id, .weight, worker_id: w.id} AS m
"""


def household_at_remote(station: GraphQLClient, village_id: str, dibao: str) -> dict[str, Any]:
    return create_household(station, village_id, dibaoClass=dibao, **REMOTE)


async def test_a_plan_approves_when_a_matched_household_became_lighter(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a new worker with room for 3 units, out where nobody else works
    station = gql.as_user("station")
    sid = station_id(station)
    village = (await area_of(graph, "station")).village_id
    values = _worker_input(
        sid, caseloadLimit=3, travelMode="WALK", homeLat=REMOTE["lat"], homeLon=REMOTE["lon"]
    )
    worker = created(
        station, CREATE_WORKER, values, mutation="createSocialWorker", field="socialWorker"
    )["id"]
    # and: a class A household (3 units) given to that worker: full
    heavy = household_at_remote(station, village, "A")
    moved = station.execute(REASSIGN, {"h": heavy["id"], "w": worker, "r": "新建", "o": False})
    reassigned = moved["data"]["reassignHousehold"]
    assert reassigned["__typename"] == "ReassignHouseholdSuccess", moved
    began = await single(graph, MATCH_OF, h=heavy["id"])
    assert (began["worker_id"], began["weight"]) == (worker, 3)
    # when: its class falls to C (1 unit) and a class B household (2 units) comes in nearby
    lowered = station.execute(
        UPDATE_HOUSEHOLD,
        {
            "input": {
                "id": heavy["id"],
                "expectedVersion": reassigned["household"]["version"],
                "dibaoClass": "C",
            }
        },
    )["data"]["updateHousehold"]
    assert lowered["__typename"] == "UpdateHouseholdSuccess", lowered
    newcomer = household_at_remote(station, village, "B")
    plan = plan_for(station, sid)
    # then: the plan gives the newcomer to the worker, filling it by today's weights
    load = next(w for w in plan["workerLoads"] if w["workerId"] == worker)
    assert (load["before"], load["after"], load["limit"]) == (1, 3, 3), load
    proposed = {
        e["node"]["householdId"]: e["node"]["toWorkerId"] for e in plan["proposals"]["edges"]
    }
    assert proposed.get(newcomer["id"]) == worker, plan["summary"]
    # when: the plan is approved
    body = station.execute(APPROVE, {"id": plan["id"], "v": plan["version"], "ids": None})
    # then: the approval counts the same 1 + 2 units, not the stale 3 + 2
    result = body["data"]["approveCaseloadPlan"]
    assert result["__typename"] == "ApproveCaseloadPlanSuccess", result
    assert result["plan"]["status"] == "APPROVED"
    # and: the kept match now carries its household's weight today, audited
    kept = await single(graph, MATCH_OF, h=heavy["id"])
    assert (kept["id"], kept["worker_id"], kept["weight"]) == (began["id"], worker, 1)
    assert "MATCH_WEIGHT_REFRESHED" in await audit_actions(graph, kept["id"])
    joined = await single(graph, MATCH_OF, h=newcomer["id"])
    assert (joined["worker_id"], joined["weight"]) == (worker, 2)
