"""createSocialWorker / updateSocialWorker through GraphQL."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from tests.api.registry_support import (
    audit_events,
    created,
    forbidden,
    new_id_number,
    node_props,
    problems,
    scope_id_of,
    single,
)
from tests.conftest import GraphQLClient

CREATE_WORKER = """
mutation ($input: CreateSocialWorkerInput!) {
  createSocialWorker(input: $input) {
    __typename
    ... on CreateSocialWorkerSuccess {
      socialWorker { id name sex caseloadLimit reachKm travelMode skills languages phone
                     home { lat lon } station { id } }
    }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

UPDATE_WORKER = """
mutation ($input: UpdateSocialWorkerInput!) {
  updateSocialWorker(input: $input) {
    __typename
    ... on UpdateSocialWorkerSuccess {
      socialWorker { id caseloadLimit skills travelMode reachKm station { id } }
    }
    ... on StaleVersion { currentVersion }
    ... on UserError { message field code }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

WORKER = "query ($id: ID!) { socialWorker(id: $id) { id name phone caseloadLimit } }"


def _worker_input(station_id: str, **overrides: Any) -> dict[str, Any]:
    values = {
        "stationId": station_id,
        "name": "郭晓燕",
        "sex": "F",
        "phone": "13611112222",
        "idNumber": new_id_number("19920315", male=False),
        "homeLat": 37.91,
        "homeLon": 112.02,
        "caseloadLimit": 24,
        "travelMode": "EBIKE",
        "skills": ["PSYCHOLOGICAL", "ELDERLY_CARE"],
        "languages": ["MANDARIN", "JIN"],
    }
    return values | overrides


def _create(client: GraphQLClient, station_id: str, **overrides: Any) -> dict[str, Any]:
    values = _worker_input(station_id, **overrides)
    return created(
        client, CREATE_WORKER, values, mutation="createSocialWorker", field="socialWorker"
    )


async def test_a_station_manager_adds_a_worker_whose_reach_follows_the_travel_mode(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    station_id = await scope_id_of(graph, "station")
    station = gql.as_user("station")
    # when
    worker = _create(station, station_id)
    # then
    assert worker["station"]["id"] == station_id
    assert worker["reachKm"] == 15.0  # an e-bike's usual reach
    assert worker["skills"] == ["PSYCHOLOGICAL", "ELDERLY_CARE"]
    assert worker["home"] == {"lat": 37.91, "lon": 112.02}
    assert station.execute(WORKER, {"id": worker["id"]})["data"]["socialWorker"] == {
        "id": worker["id"],
        "name": "郭晓燕",
        "phone": "13611112222",
        "caseloadLimit": 24,
    }
    # a charity sees the worker but not their phone
    seen = gql.as_user("charity").execute(WORKER, {"id": worker["id"]})["data"]["socialWorker"]
    assert seen is None or seen["phone"] is None
    works_at = await single(
        graph, "MATCH (:SocialWorker {id: $id})-[:WORKS_AT]->(s) RETURN s.id", id=worker["id"]
    )
    assert works_at == station_id
    events = await audit_events(graph, worker["id"])
    assert [e["action"] for e in events] == ["CREATE_SOCIAL_WORKER"]


async def test_updating_a_worker_bumps_the_version_and_a_stale_one_is_refused(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    station = gql.as_user("station")
    worker = _create(station, await scope_id_of(graph, "station"))
    # when
    change = {"id": worker["id"], "expectedVersion": 1, "caseloadLimit": 30, "skills": ["LEGAL"]}
    updated = station.execute(UPDATE_WORKER, {"input": change})["data"]["updateSocialWorker"]
    stale = station.execute(UPDATE_WORKER, {"input": change})["data"]["updateSocialWorker"]
    # then
    assert updated["__typename"] == "UpdateSocialWorkerSuccess", updated
    assert updated["socialWorker"]["caseloadLimit"] == 30
    assert updated["socialWorker"]["skills"] == ["LEGAL"]
    assert (stale["__typename"], stale["currentVersion"]) == ("StaleVersion", 2)
    events = await audit_events(graph, worker["id"])
    assert [e["action"] for e in events] == ["CREATE_SOCIAL_WORKER", "UPDATE_SOCIAL_WORKER"]
    assert '"caseload_limit": 24' in events[1]["before"]


async def test_a_station_manager_cannot_place_a_worker_in_another_station(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    own = await scope_id_of(graph, "station")
    other = await single(
        graph,
        """
        MATCH (s:Station {id: $own}) MATCH (o:Station) WHERE o.township_id <> s.township_id
        RETURN min(o.id)
        """,
        own=own,
    )
    station = gql.as_user("station")
    worker = _create(station, own)
    # when
    moved = station.execute(UPDATE_WORKER, {"input": {"id": worker["id"], "stationId": other}})
    # then
    assert ("stationId", "UNKNOWN_STATION") in problems(moved["data"]["updateSocialWorker"])
    assert (await node_props(graph, worker["id"]) or {})["version"] == 1


async def test_a_worker_cannot_edit_workers(gql: GraphQLClient, graph: Graph) -> None:
    # given
    own_id = await scope_id_of(graph, "worker")
    # when
    body = gql.as_user("worker").execute(
        UPDATE_WORKER, {"input": {"id": own_id, "caseloadLimit": 1}}
    )
    # then
    assert forbidden(body)
