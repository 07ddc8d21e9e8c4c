"""createStation / updateStation through GraphQL."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from tests.api.registry_support import (
    area_of,
    audit_actions,
    forbidden,
    node_props,
    scope_id_of,
    single,
)
from tests.conftest import GraphQLClient

CREATE_STATION = """
mutation ($input: CreateStationInput!) {
  createStation(input: $input) {
    __typename
    ... on CreateStationSuccess { station { id name phone location { lat lon } township { id } } }
    ... on InvalidInput { message errors { field reason code } }
  }
}
"""

UPDATE_STATION = """
mutation ($input: UpdateStationInput!) {
  updateStation(input: $input) {
    __typename
    ... on UpdateStationSuccess { station { id name phone township { id } } }
    ... on StaleVersion { currentVersion }
    ... on UserError { message field code }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

STATION = "query ($id: ID!) { station(id: $id) { id name phone township { id } } }"


def _station_input(township_id: str, **overrides: Any) -> dict[str, Any]:
    values = {
        "name": "测试社工站",
        "townshipId": township_id,
        "lat": 37.95,
        "lon": 111.98,
        "phone": "0351-5550001",
    }
    return values | overrides


async def test_a_coordinator_opens_a_station_and_reads_it_back(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    coordinator = gql.as_user("coordinator")
    township = (await area_of(graph, "station")).township_id
    # when
    result = coordinator.execute(CREATE_STATION, {"input": _station_input(township)})
    # then
    created = result["data"]["createStation"]
    assert created["__typename"] == "CreateStationSuccess", result
    station = created["station"]
    assert station["township"]["id"] == township
    assert station["location"] == {"lat": 37.95, "lon": 111.98}
    assert coordinator.execute(STATION, {"id": station["id"]})["data"]["station"] == {
        "id": station["id"],
        "name": "测试社工站",
        "phone": "0351-5550001",
        "township": {"id": township},
    }
    serves = await single(
        graph, "MATCH (:Station {id: $id})-[:SERVES]->(t) RETURN t.id", id=station["id"]
    )
    assert serves == township
    assert await audit_actions(graph, station["id"]) == ["CREATE_STATION"]


async def test_a_station_manager_updates_their_station_under_a_version_check(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a fresh station in the station manager's township
    township = (await area_of(graph, "station")).township_id
    created = gql.as_user("coordinator").execute(
        CREATE_STATION, {"input": _station_input(township)}
    )["data"]["createStation"]["station"]
    station = gql.as_user("station")
    # when
    change = {"id": created["id"], "expectedVersion": 1, "phone": "13700001111"}
    updated = station.execute(UPDATE_STATION, {"input": change})["data"]["updateStation"]
    stale = station.execute(UPDATE_STATION, {"input": change | {"name": "旧版本"}})
    # then
    assert updated["__typename"] == "UpdateStationSuccess", updated
    assert updated["station"]["phone"] == "13700001111"
    refused = stale["data"]["updateStation"]
    assert (refused["__typename"], refused["currentVersion"]) == ("StaleVersion", 2)
    props = await node_props(graph, created["id"])
    assert props is not None and props["name"] == "测试社工站" and props["version"] == 2
    assert await audit_actions(graph, created["id"]) == ["CREATE_STATION", "UPDATE_STATION"]


async def test_a_station_manager_may_not_open_stations_or_edit_another_stations(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    area = await area_of(graph, "station")
    other = await single(
        graph,
        "MATCH (s:Station) WHERE s.township_id <> $t RETURN min(s.id)",
        t=area.township_id,
    )
    station = gql.as_user("station")
    before = await node_props(graph, other)
    # when
    opened = station.execute(CREATE_STATION, {"input": _station_input(area.township_id)})
    edited = station.execute(UPDATE_STATION, {"input": {"id": other, "name": "越权"}})
    # then
    assert forbidden(opened)
    assert edited["data"]["updateStation"]["__typename"] == "NotFound"
    assert await node_props(graph, other) == before
    own = await scope_id_of(graph, "station")
    assert own != other
