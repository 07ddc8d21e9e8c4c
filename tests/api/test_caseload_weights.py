"""A worker's load at plan approval counts each household at its weight today, as the plan
did: a household whose class fell after its match began must not make a fresh plan, which
kept the limit, "over capacity" at approval (the weight stored on the match was stale)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.driver import Graph
from tests.api.registry_support import area_of, audit_actions, create_household, created, single
from tests.api.test_caseload_plans import APPROVE, REASSIGN, plan_for, station_id
from tests.api.test_registry_households import UPDATE_HOUSEHOLD
from tests.api.test_registry_social_workers import CREATE_WORKER, _worker_input
from tests.conftest import GraphQLClient

# Far from the demo county's workers (around 37.9 N, 112.0 E): only the new worker reaches it.
REMOTE = {"lat": 39.05, "lon": 113.55}
ELSEWHERE = {"lat": 39.55, "lon": 114.05}  # as far from REMOTE: each test has its own worker
MATCH_OF = """
MATCH (h:Household {id: $h})<-[:FOR]-(m:Match {status: 'ACTIVE'})-[:BY]->(w:SocialWorker)
RETURN m{.id, .weight, worker_id: w.id} AS m
"""


@dataclass(frozen=True)
class Lightened:
    worker_id: str
    village_id: str
    match: dict[str, Any]  # the active match of the household that became lighter
    household_id: str


def household_at(
    station: GraphQLClient, village_id: str, dibao: str, where: dict[str, float]
) -> dict[str, Any]:
    return create_household(station, village_id, dibaoClass=dibao, **where)


async def worker_whose_household_became_lighter(
    station: GraphQLClient, graph: Graph, where: dict[str, float]
) -> Lightened:
    """A new worker with room for 3 units, out where nobody else works, given a class A
    household (3 units: full) whose class then fell to C (1 unit)."""
    sid = station_id(station)
    village = (await area_of(graph, "station")).village_id
    values = _worker_input(
        sid, caseloadLimit=3, travelMode="WALK", homeLat=where["lat"], homeLon=where["lon"]
    )
    worker = created(
        station, CREATE_WORKER, values, mutation="createSocialWorker", field="socialWorker"
    )["id"]
    heavy = household_at(station, village, "A", where)
    moved = station.execute(REASSIGN, {"h": heavy["id"], "w": worker, "r": "新建", "o": False})
    reassigned = moved["data"]["reassignHousehold"]
    assert reassigned["__typename"] == "ReassignHouseholdSuccess", moved
    began = await single(graph, MATCH_OF, h=heavy["id"])
    assert (began["worker_id"], began["weight"]) == (worker, 3)
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
    return Lightened(worker, village, began, heavy["id"])


async def test_a_plan_approves_when_a_matched_household_became_lighter(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a worker at 1 unit of 3 today, whose match still says 3
    station = gql.as_user("station")
    sid = station_id(station)
    given = await worker_whose_household_became_lighter(station, graph, REMOTE)
    worker, began = given.worker_id, given.match
    # when: a class B household (2 units) comes in nearby and a plan is computed
    newcomer = household_at(station, given.village_id, "B", REMOTE)
    plan = plan_for(station, sid)
    # then: the plan gives the newcomer to the worker, filling it by today's weights
    load = next(w for w in plan["workerLoads"] if w["workerId"] == worker)
    assert (load["before"], load["after"], load["limit"]) == (1, 3, 3), load
    proposed = {
        e["node"]["householdId"]: e["node"]["toWorkerId"] for e in plan["proposals"]["edges"]
    }
    assert proposed.get(newcomer["id"]) == worker, plan["summary"]
    # when: the newcomer's proposal is approved (only it: the rest of the demo station stays as
    # the other tests of the session left it, for the county plan's test)
    ids = [newcomer["id"]]
    body = station.execute(APPROVE, {"id": plan["id"], "v": plan["version"], "ids": ids})
    # then: the approval counts the worker's load as the plan did, 1 + 2 units, not 3 + 2
    result = body["data"]["approveCaseloadPlan"]
    assert result["__typename"] == "ApproveCaseloadPlanSuccess", result
    assert (result["activated"], result["plan"]["status"]) == (1, "PARTIALLY_APPROVED")
    # and: the kept match now carries its household's weight today, audited
    kept = await single(graph, MATCH_OF, h=given.household_id)
    assert (kept["id"], kept["worker_id"], kept["weight"]) == (began["id"], worker, 1)
    assert "MATCH_WEIGHT_REFRESHED" in await audit_actions(graph, kept["id"])
    joined = await single(graph, MATCH_OF, h=newcomer["id"])
    assert (joined["worker_id"], joined["weight"]) == (worker, 2)


async def test_a_manual_move_counts_the_worker_s_load_by_today_s_weights(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a worker at 1 unit of 3 today, whose match still says 3
    station = gql.as_user("station")
    given = await worker_whose_household_became_lighter(station, graph, ELSEWHERE)
    # when: a class B household (2 units) is given to them by hand, without an override
    newcomer = household_at(station, given.village_id, "B", ELSEWHERE)
    moved = station.execute(
        REASSIGN, {"h": newcomer["id"], "w": given.worker_id, "r": "就近", "o": False}
    )
    # then: 1 + 2 units fit the limit of 3 (the stale 3 + 2 would not)
    result = moved["data"]["reassignHousehold"]
    assert result["__typename"] == "ReassignHouseholdSuccess", result
    assert result["overridden"] is False
    joined = await single(graph, MATCH_OF, h=newcomer["id"])
    assert (joined["worker_id"], joined["weight"]) == (given.worker_id, 2)
