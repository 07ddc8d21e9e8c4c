"""createVolunteer / updateVolunteer and the volunteers connection through GraphQL."""

from __future__ import annotations

from enum import Enum
from typing import Any

import pytest

from graph.audience import Audience
from graph.driver import Graph
from graph.organisations import OrganisationFilter
from graph.scope import EVERYWHERE
from graph.volunteers import volunteer_page, volunteers_by_id
from server.graphql.types import organisations as g
from server.registry import vocabulary as v
from tests.api.registry_support import (
    area_of,
    audit_actions,
    created,
    forbidden,
    node_props,
    single,
)
from tests.conftest import GraphQLClient

CREATE_VOLUNTEER = """
mutation ($input: CreateVolunteerInput!) {
  createVolunteer(input: $input) {
    __typename
    ... on CreateVolunteerSuccess {
      volunteer { id name sex kind skills version phone location { lat lon } village { id } }
    }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

UPDATE_VOLUNTEER = """
mutation ($input: UpdateVolunteerInput!) {
  updateVolunteer(input: $input) {
    __typename
    ... on UpdateVolunteerSuccess { volunteer { id kind skills version village { id } } }
    ... on StaleVersion { currentVersion }
    ... on UserError { message field code }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

VOLUNTEERS = """
query ($first: Int!, $after: String, $filter: VolunteerFilter) {
  volunteers(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name kind phone village { id } } }
  }
}
"""

VOLUNTEER = "query ($id: ID!) { volunteer(id: $id) { id name phone location { lat } } }"


def _volunteer_input(village_id: str, **overrides: Any) -> dict[str, Any]:
    values = {
        "villageId": village_id,
        "name": "村医张大夫",
        "sex": "M",
        "kind": "VILLAGE_DOCTOR",
        "lat": 37.93,
        "lon": 112.05,
        "phone": "13577778888",
        "skills": ["MEDICAL"],
    }
    return values | overrides


def _create(client: GraphQLClient, village_id: str, **overrides: Any) -> dict[str, Any]:
    values = _volunteer_input(village_id, **overrides)
    return created(client, CREATE_VOLUNTEER, values, mutation="createVolunteer", field="volunteer")


async def test_a_station_manager_registers_a_volunteer_found_in_the_list(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    area = await area_of(graph, "station")
    station = gql.as_user("station")
    # when
    volunteer = _create(station, area.village_id, name="网格员测试甲")
    # then
    assert volunteer["version"] == 1 and volunteer["village"]["id"] == area.village_id
    assert volunteer["phone"] == "13577778888"
    listed = station.execute(
        VOLUNTEERS,
        {"first": 10, "filter": {"search": "网格员测试甲", "regionId": area.township_id}},
    )["data"]["volunteers"]
    assert [e["node"]["id"] for e in listed["edges"]] == [volunteer["id"]]
    assert listed["totalCount"] == 1
    lives_in = await single(
        graph, "MATCH (:Volunteer {id: $id})-[:LIVES_IN]->(v) RETURN v.id", id=volunteer["id"]
    )
    assert lives_in == area.village_id
    assert await audit_actions(graph, volunteer["id"]) == ["CREATE_VOLUNTEER"]


async def test_a_volunteers_phone_and_home_are_hidden_from_a_charity(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a volunteer in the county
    volunteer = _create(gql.as_user("coordinator"), (await area_of(graph, "station")).village_id)
    # when
    seen = gql.as_user("charity").execute(VOLUNTEER, {"id": volunteer["id"]})["data"]
    page = gql.as_user("charity").execute(VOLUNTEERS, {"first": 50})["data"]["volunteers"]
    # then
    if seen["volunteer"] is not None:  # visible when the charity works in that township
        assert seen["volunteer"]["phone"] is None and seen["volunteer"]["location"] is None
    assert all(e["node"]["phone"] is None for e in page["edges"])


@pytest.mark.parametrize("audience", [Audience.OUTSIDE, Audience.VOLUNTEER])
async def test_a_volunteers_phone_and_home_are_not_even_read_for_other_audiences(
    gql: GraphQLClient, graph: Graph, audience: Audience
) -> None:
    # given
    volunteer = _create(gql.as_user("coordinator"), (await area_of(graph, "station")).village_id)
    # when: the reads GraphQL makes, in each audience's projection
    [outside] = await volunteers_by_id(
        graph, [volunteer["id"]], scope=EVERYWHERE, audience=audience
    )
    [casework] = await volunteers_by_id(
        graph, [volunteer["id"]], scope=EVERYWHERE, audience=Audience.CASEWORK
    )
    page, _ = await volunteer_page(
        graph, scope=EVERYWHERE, flt=OrganisationFilter(), after=None, limit=50, audience=audience
    )
    # then: nothing identifying left Neo4j for that audience
    assert outside is not None and casework is not None
    assert (outside.record.phone, outside.record.lat, outside.record.lon) == (None, None, None)
    assert casework.record.phone == "13577778888" and casework.record.lat is not None
    assert page and all(r.record.phone is None and r.record.lat is None for r in page)


async def test_updating_a_volunteer_moves_them_and_bumps_the_version(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    area = await area_of(graph, "station")
    coordinator = gql.as_user("coordinator")
    volunteer = _create(coordinator, area.village_id)
    # when
    change = {
        "id": volunteer["id"],
        "expectedVersion": 1,
        "villageId": area.other_village_id,
        "kind": "TEACHER",
        "skills": ["TUTORING", "CHILD_PROTECTION"],
    }
    result = coordinator.execute(UPDATE_VOLUNTEER, {"input": change})["data"]["updateVolunteer"]
    stale = coordinator.execute(UPDATE_VOLUNTEER, {"input": change})["data"]["updateVolunteer"]
    # then
    assert result["__typename"] == "UpdateVolunteerSuccess", result
    updated = result["volunteer"]
    assert updated["version"] == 2 and updated["kind"] == "TEACHER"
    assert updated["skills"] == ["CHILD_PROTECTION", "TUTORING"]  # vocabulary order
    assert updated["village"]["id"] == area.other_village_id
    assert (stale["__typename"], stale["currentVersion"]) == ("StaleVersion", 2)
    villages = await single(
        graph,
        "MATCH (:Volunteer {id: $id})-[:LIVES_IN]->(v) RETURN collect(v.id)",
        id=volunteer["id"],
    )
    assert villages == [area.other_village_id]


async def test_a_volunteer_cannot_edit_volunteers(gql: GraphQLClient, graph: Graph) -> None:
    # given
    volunteer = _create(gql.as_user("coordinator"), (await area_of(graph, "station")).village_id)
    # when
    body = gql.as_user("volunteer").execute(
        UPDATE_VOLUNTEER, {"input": {"id": volunteer["id"], "name": "改名"}}
    )
    # then
    assert forbidden(body)
    assert (await node_props(graph, volunteer["id"]) or {})["name"] == "村医张大夫"


PAIRS: list[tuple[type[Enum], tuple[str, ...]]] = [
    (g.Skill, v.SKILLS),
    (g.VolunteerKind, v.VOLUNTEER_KINDS),
    (g.Sector, v.SECTORS),
    (g.ConflictReason, v.CONFLICT_REASONS),
]


@pytest.mark.parametrize(("enum", "values"), PAIRS, ids=[p[0].__name__ for p in PAIRS])
def test_the_helper_enums_match_the_domain_vocabulary(
    enum: type[Enum], values: tuple[str, ...]
) -> None:
    assert tuple(m.value for m in enum) == tuple(values)
