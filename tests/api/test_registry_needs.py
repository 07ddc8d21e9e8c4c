"""createNeed / updateNeed and the needs board: the lifecycle's allowed and refused moves,
validation, and a charity seeing needs without seeing who has them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from graph.driver import Graph
from tests.api.registry_support import (
    area_of,
    audit_events,
    create_household,
    member,
    new_id_number,
    node_props,
    problems,
    scope_id_of,
    single,
    totals,
)
from tests.conftest import GraphQLClient, own_cypher_queries

CREATE_NEED = """
mutation ($input: CreateNeedInput!) {
  createNeed(input: $input) {
    __typename
    ... on CreateNeedSuccess { need { id kind status version estimatedCost tier } }
    ... on UserError { message field code }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

UPDATE_NEED = """
mutation ($input: UpdateNeedInput!) {
  updateNeed(input: $input) {
    __typename
    ... on UpdateNeedSuccess { need { id status version description urgency } }
    ... on StaleVersion { currentVersion }
    ... on UserError { message field code }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

NEEDS = """
query ($first: Int!, $after: String, $filter: NeedFilter) {
  needs(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id kind description estimatedCost urgency status tier version
      township { id name } household { id identity { headName } }
    } }
  }
}
"""

NEED = """
query ($id: ID!) { need(id: $id) { id status tier township { id } household { id } } }
"""


def _need_input(household_id: str, **overrides: Any) -> dict[str, Any]:
    values = {
        "householdId": household_id,
        "kind": "REHABILITATION",
        "description": "老人术后需要康复护理，每周两次",
        "estimatedCost": 3000,
        "urgency": "HIGH",
    }
    return values | overrides


def _create_need(client: GraphQLClient, household_id: str, **overrides: Any) -> dict[str, Any]:
    body = client.execute(CREATE_NEED, {"input": _need_input(household_id, **overrides)})
    result = body["data"]["createNeed"]
    assert result["__typename"] == "CreateNeedSuccess", body
    need: dict[str, Any] = result["need"]
    return need


def _set_status(client: GraphQLClient, need_id: str, status: str) -> dict[str, Any]:
    body = client.execute(UPDATE_NEED, {"input": {"id": need_id, "status": status}})
    result: dict[str, Any] = body["data"]["updateNeed"]
    return result


async def test_a_worker_records_a_need_that_opens_on_the_board(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    household = create_household(
        gql.as_user("station"), (await area_of(graph, "worker")).village_id
    )
    worker = gql.as_user("worker")
    # when
    need = _create_need(worker, household["id"])
    # then
    assert need["status"] == "OPEN" and need["version"] == 1
    assert need["kind"] == "REHABILITATION" and need["tier"] == "DIBAO"
    read = worker.execute(NEED, {"id": need["id"]})["data"]["need"]
    assert read["household"]["id"] == household["id"]
    linked = await single(
        graph, "MATCH (h:Household)-[:HAS_NEED]->(:Need {id: $id}) RETURN h.id", id=need["id"]
    )
    assert linked == household["id"]
    events = await audit_events(graph, need["id"])
    assert [(e["action"], e["actor_role"]) for e in events] == [("CREATE_NEED", "SOCIAL_WORKER")]


async def test_a_need_follows_its_lifecycle_including_a_lapsed_pledge(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    need = _create_need(station, household["id"])
    # when / then: pledged, lapsed, pledged again, fulfilled
    for status, version in (("PLEDGED", 2), ("OPEN", 3), ("PLEDGED", 4), ("FULFILLED", 5)):
        result = _set_status(station, need["id"], status)
        assert result["__typename"] == "UpdateNeedSuccess", result
        assert (result["need"]["status"], result["need"]["version"]) == (status, version)
    assert [e["action"] for e in await audit_events(graph, need["id"])] == [
        "CREATE_NEED",
        *["UPDATE_NEED"] * 4,
    ]


@pytest.mark.parametrize(
    ("path", "refused", "code"),
    [
        ((), "FULFILLED", "TRANSITION_NOT_ALLOWED"),  # OPEN must be pledged first
        (("CANCELLED",), "OPEN", "NEED_CLOSED"),
        (("PLEDGED", "FULFILLED"), "CANCELLED", "NEED_CLOSED"),
        (("PLEDGED", "FULFILLED"), "PLEDGED", "NEED_CLOSED"),
    ],
)
async def test_a_status_change_outside_the_lifecycle_is_refused_and_changes_nothing(
    gql: GraphQLClient, graph: Graph, path: tuple[str, ...], refused: str, code: str
) -> None:
    # given
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    need = _create_need(station, household["id"])
    for status in path:
        assert _set_status(station, need["id"], status)["__typename"] == "UpdateNeedSuccess"
    before = await node_props(graph, need["id"])
    # when
    result = _set_status(station, need["id"], refused)
    # then
    assert result["__typename"] == "Conflict"
    assert result["code"] == code and result["field"] == "status"
    assert await node_props(graph, need["id"]) == before


async def test_an_invalid_need_is_refused_and_writes_nothing(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    before = await totals(graph)
    # when
    result = station.execute(
        CREATE_NEED, {"input": _need_input(household["id"], estimatedCost=-5, description=" ")}
    )["data"]["createNeed"]
    # then
    assert result["__typename"] == "InvalidInput"
    assert problems(result) == {
        ("estimatedCost", "OUT_OF_RANGE"),
        ("description", "MISSING_VALUE"),
    }
    assert await totals(graph) == before


async def test_a_need_for_a_household_outside_the_area_is_not_found(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    area = await area_of(graph, "station")
    household = create_household(gql.as_user("coordinator"), area.other_village_id)
    before = await totals(graph)
    # when
    result = gql.as_user("station").execute(CREATE_NEED, {"input": _need_input(household["id"])})
    # then
    refused = result["data"]["createNeed"]
    assert refused["__typename"] == "NotFound" and refused["field"] == "householdId"
    assert await totals(graph) == before


async def test_editing_a_need_on_a_stale_version_is_refused(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    need = _create_need(station, household["id"])
    edit = {"id": need["id"], "expectedVersion": 1, "description": "改为每周三次康复护理"}
    assert station.execute(UPDATE_NEED, {"input": edit})["data"]["updateNeed"]["__typename"] == (
        "UpdateNeedSuccess"
    )
    before = await node_props(graph, need["id"])
    # when
    edit["urgency"] = "LOW"
    result = station.execute(UPDATE_NEED, {"input": edit})["data"]["updateNeed"]
    # then
    assert result["__typename"] == "StaleVersion" and result["currentVersion"] == 2
    assert await node_props(graph, need["id"]) == before


async def test_a_charity_sees_needs_but_not_whose_they_are(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a need in a township the demo charity works in
    charity_id = await scope_id_of(graph, "charity")
    township = await single(
        graph,
        """
        MATCH (:Charity {id: $id})-[:ACTIVE_IN]->(r:Region)
        MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF*0..1]->(r)
        RETURN min(t.id)
        """,
        id=charity_id,
    )
    village = await single(
        graph, "MATCH (v:Region {level: 'VILLAGE', parent_id: $t}) RETURN min(v.id)", t=township
    )
    head_id_number = new_id_number("19450101")
    household = create_household(
        gql.as_user("coordinator"),
        village,
        members=[member(name="赵秘密", idNumber=head_id_number)],
        phone="13912345678",
    )
    need = _create_need(gql.as_user("coordinator"), household["id"], kind="MEDICAL")
    # when: the charity pages through medical needs in that township
    charity = gql.as_user("charity")
    found: list[dict[str, Any]] = []
    after = None
    while True:
        body = charity.execute(
            NEEDS,
            {"first": 100, "after": after, "filter": {"kind": "MEDICAL", "regionId": township}},
        )
        page = body["data"]["needs"]
        found += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    # then: the need is there, with coarse context only
    mine = next(n for n in found if n["id"] == need["id"])
    assert mine["township"]["id"] == township and mine["tier"] == "DIBAO"
    assert mine["household"] is None
    assert all(n["household"] is None for n in found)
    text = json.dumps(found, ensure_ascii=False)
    for secret in ("赵秘密", head_id_number, "13912345678", household["id"]):
        assert secret not in text
    assert len(found) == page["totalCount"]


async def test_a_charity_cannot_narrow_needs_to_a_village(gql: GraphQLClient, graph: Graph) -> None:
    # given: a village the charity could otherwise see needs in
    village = await single(
        graph,
        "MATCH (h:Household)-[:HAS_NEED]->(:Need) RETURN h.village_id ORDER BY h.id LIMIT 1",
    )
    # when
    by_village = gql.as_user("charity").execute(
        NEEDS, {"first": 5, "filter": {"regionId": village}}
    )["data"]["needs"]
    coordinator_view = gql.as_user("coordinator").execute(
        NEEDS, {"first": 5, "filter": {"regionId": village}}
    )["data"]["needs"]
    # then: a village is too small a place to show a charity
    assert by_village["totalCount"] == 0
    assert coordinator_view["totalCount"] > 0


async def test_the_needs_board_pages_with_cursors(gql: GraphQLClient) -> None:
    # given
    coordinator = gql.as_user("coordinator")
    # when
    first = coordinator.execute(NEEDS, {"first": 3, "filter": {"status": "OPEN"}})["data"]["needs"]
    cursor = first["pageInfo"]["endCursor"]
    second = coordinator.execute(
        NEEDS, {"first": 3, "after": cursor, "filter": {"status": "OPEN"}}
    )["data"]["needs"]
    # then
    ids = [e["node"]["id"] for e in first["edges"] + second["edges"]]
    assert len(ids) == len(set(ids)) == 6
    assert ids == sorted(ids)
    assert first["totalCount"] == second["totalCount"] >= 6
    assert all(e["node"]["status"] == "OPEN" for e in first["edges"] + second["edges"])


async def test_a_charity_cannot_record_or_change_needs(gql: GraphQLClient, graph: Graph) -> None:
    # given
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    need = _create_need(station, household["id"])
    charity = gql.as_user("charity")
    # when
    created = charity.execute(CREATE_NEED, {"input": _need_input(household["id"])})
    changed = charity.execute(UPDATE_NEED, {"input": {"id": need["id"], "status": "PLEDGED"}})
    # then
    assert created["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert changed["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await node_props(graph, need["id"]) or {})["status"] == "OPEN"


BOARD_WITH_HOUSEHOLDS = """
query ($first: Int!) {
  needs(first: $first) {
    edges { node { id township { name } household { id members { id } needs { id } } } }
  }
}
"""


def test_a_page_of_needs_costs_the_same_number_of_queries_whatever_its_size(
    gql: GraphQLClient,
) -> None:
    # given
    coordinator = gql.as_user("coordinator")
    # when
    small = coordinator.execute(BOARD_WITH_HOUSEHOLDS, {"first": 5})
    large = coordinator.execute(BOARD_WITH_HOUSEHOLDS, {"first": 100})
    # then: loaders batch the townships, households, members and needs of a page
    assert len(large["data"]["needs"]["edges"]) > len(small["data"]["needs"]["edges"])
    own = (own_cypher_queries(small), own_cypher_queries(large))
    assert own[0] == own[1], own
    assert large["extensions"]["cypherQueries"] <= 8
