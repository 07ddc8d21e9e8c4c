"""A worker who also follows a household outside the plan's scope (a county plan or a hand
move gave them a neighbouring township's household) keeps room for it: a station plan fills
only what is left of their limit, as the approval counts every active match of theirs. The
caseload journey found the gap: a fresh station plan refused at approval, "7/6"."""

from __future__ import annotations

from graph.driver import Graph
from matching.caseload_weights import caseload_weight
from tests.api.registry_support import create_household, single
from tests.api.test_caseload_plans import REASSIGN
from tests.api.test_early_warning import station_worker
from tests.api.test_plan_balance import what_if_plan
from tests.conftest import GraphQLClient

OUTSIDE_VILLAGE = """
MATCH (:SocialWorker {id: $w})-[:WORKS_AT]->(:Station)-[:SERVES]->(mine:Region)
WITH collect(mine.id) AS mine
MATCH (v:Region {level: 'VILLAGE'})-[:PART_OF]->(t:Region {level: 'TOWNSHIP'})
WHERE NOT t.id IN mine
RETURN v.id ORDER BY v.id LIMIT 1
"""
WEIGHTS = """
UNWIND $ids AS id MATCH (h:Household {id: id}) RETURN h {.dibao_class, .warning_level} AS h
"""


async def test_a_station_plan_leaves_room_for_what_a_worker_carries_elsewhere(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: the station's worker also follows a household of another township (moved by hand)
    coordinator, station = gql.as_user("coordinator"), gql.as_user("station")
    worker, sid = await station_worker(graph)
    village = await single(graph, OUTSIDE_VILLAGE, w=worker)
    outside = create_household(coordinator, village, dibaoClass="B")  # 2 units
    moved = coordinator.execute(REASSIGN, {"h": outside["id"], "w": worker, "r": "跨镇", "o": True})
    assert moved["data"]["reassignHousehold"]["__typename"] == "ReassignHouseholdSuccess", moved
    limit_before = await single(
        graph, "MATCH (w:SocialWorker {id: $w}) RETURN w.caseload_limit", w=worker
    )
    # and a limit that leaves one unit for the station's households, beside those 2
    limit = 3
    await graph.driver.execute_query(
        "MATCH (w:SocialWorker {id: $w}) SET w.caseload_limit = $limit", w=worker, limit=limit
    )
    try:
        # when: the station plans
        plan = what_if_plan(station, sid, None)
        # then: what the plan gives the worker, with the household elsewhere, fits the limit
        mine = [
            e["node"]["householdId"]
            for e in plan["proposals"]["edges"]
            if e["node"]["toWorkerId"] == worker and e["node"]["kind"] != "LEFT_OUT"
        ]
        rows, _, _ = await graph.driver.execute_query(WEIGHTS, ids=mine)
        given = sum(caseload_weight(r["h"]["dibao_class"], r["h"]["warning_level"]) for r in rows)
        assert given <= limit - 2, (given, limit)
        # and its load bar says so: the limit and the load include the household elsewhere
        [load] = [w for w in plan["workerLoads"] if w["workerId"] == worker]
        assert load["limit"] == limit and load["before"] >= 2 and load["after"] <= limit, load
    finally:
        await graph.driver.execute_query(
            "MATCH (w:SocialWorker {id: $w}) SET w.caseload_limit = $limit",
            w=worker,
            limit=limit_before,
        )
