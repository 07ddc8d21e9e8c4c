"""createEnterprise / updateEnterprise and the enterprises connection through GraphQL."""

from __future__ import annotations

import uuid
from typing import Any

from graph.driver import Graph
from tests.api.registry_support import (
    area_of,
    audit_actions,
    audit_events,
    created,
    forbidden,
    node_props,
    problems,
    scope_id_of,
    single,
)
from tests.conftest import GraphQLClient

CREATE_ENTERPRISE = """
mutation ($input: CreateEnterpriseInput!) {
  createEnterprise(input: $input) {
    __typename
    ... on CreateEnterpriseSuccess {
      enterprise { id name sectors jobsOffered causesSupported version regions { id } }
    }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

UPDATE_ENTERPRISE = """
mutation ($input: UpdateEnterpriseInput!) {
  updateEnterprise(input: $input) {
    __typename
    ... on UpdateEnterpriseSuccess { enterprise { id name jobsOffered version regions { id } } }
    ... on StaleVersion { currentVersion }
    ... on UserError { message field code }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

ENTERPRISES = """
query ($first: Int!, $after: String, $filter: EnterpriseFilter) {
  enterprises(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name sectors causesSupported } }
  }
}
"""

ENTERPRISE = "query ($id: ID!) { enterprise(id: $id) { id name jobsOffered regions { id } } }"


def _enterprise_input(region_id: str, **overrides: Any) -> dict[str, Any]:
    values = {
        "name": f"测试农业合作社{uuid.uuid4().hex[:8]}",
        "sectors": ["AGRICULTURE", "FOOD_PROCESSING"],
        "jobsOffered": 12,
        "causesSupported": ["UNEMPLOYMENT", "LACK_OF_LABOUR"],
        "regionIds": [region_id],
    }
    return values | overrides


def _create(client: GraphQLClient, region_id: str, **overrides: Any) -> dict[str, Any]:
    values = _enterprise_input(region_id, **overrides)
    return created(
        client, CREATE_ENTERPRISE, values, mutation="createEnterprise", field="enterprise"
    )


async def test_a_coordinator_registers_an_enterprise_a_station_finds_by_sector_and_cause(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    station = gql.as_user("station")
    township = (await area_of(graph, "station")).township_id
    # when
    enterprise = _create(gql.as_user("coordinator"), township)
    # then
    assert enterprise["version"] == 1 and enterprise["regions"] == [{"id": township}]
    assert enterprise["causesSupported"] == ["UNEMPLOYMENT", "LACK_OF_LABOUR"]
    listed = station.execute(
        ENTERPRISES,
        {
            "first": 100,
            "filter": {"sector": "FOOD_PROCESSING", "cause": "LACK_OF_LABOUR", "search": "测试"},
        },
    )["data"]["enterprises"]
    assert enterprise["id"] in [e["node"]["id"] for e in listed["edges"]]
    assert station.execute(ENTERPRISE, {"id": enterprise["id"]})["data"]["enterprise"] == {
        "id": enterprise["id"],
        "name": enterprise["name"],
        "jobsOffered": 12,
        "regions": [{"id": township}],
    }
    assert await audit_actions(graph, enterprise["id"]) == ["CREATE_ENTERPRISE"]


async def test_updating_an_enterprise_bumps_the_version_and_a_stale_one_is_refused(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    coordinator = gql.as_user("coordinator")
    enterprise = _create(coordinator, (await area_of(graph, "station")).township_id)
    # when
    change = {"id": enterprise["id"], "expectedVersion": 1, "jobsOffered": 20}
    result = coordinator.execute(UPDATE_ENTERPRISE, {"input": change})["data"]["updateEnterprise"]
    stale = coordinator.execute(UPDATE_ENTERPRISE, {"input": change})["data"]["updateEnterprise"]
    # then
    assert result["__typename"] == "UpdateEnterpriseSuccess", result
    assert result["enterprise"]["jobsOffered"] == 20 and result["enterprise"]["version"] == 2
    assert (stale["__typename"], stale["currentVersion"]) == ("StaleVersion", 2)
    events = await audit_events(graph, enterprise["id"])
    assert [e["action"] for e in events] == ["CREATE_ENTERPRISE", "UPDATE_ENTERPRISE"]
    assert '"jobs_offered": 12' in events[1]["before"]


async def test_an_enterprise_edits_its_own_record_but_not_its_regions(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: the demo enterprise, a township it does not work in, and another enterprise
    own = await scope_id_of(graph, "enterprise")
    outside = await single(
        graph,
        """
        MATCH (t:Region {level: 'TOWNSHIP'})
        WHERE NOT EXISTS { MATCH (:Enterprise {id: $id})-[:ACTIVE_IN]->(r)
                           WHERE r.id = t.id OR r.id = t.parent_id }
        RETURN min(t.id)
        """,
        id=own,
    )
    other = await single(graph, "MATCH (e:Enterprise) WHERE e.id <> $id RETURN min(e.id)", id=own)
    enterprise = gql.as_user("enterprise")
    original = enterprise.execute(ENTERPRISE, {"id": own})["data"]["enterprise"]
    own_before = await node_props(graph, own)
    try:
        # when
        widened = enterprise.execute(
            UPDATE_ENTERPRISE, {"input": {"id": own, "regionIds": [outside]}}
        )["data"]["updateEnterprise"]
        foreign = enterprise.execute(UPDATE_ENTERPRISE, {"input": {"id": other, "jobsOffered": 0}})
        renamed = enterprise.execute(
            UPDATE_ENTERPRISE, {"input": {"id": own, "jobsOffered": original["jobsOffered"] + 1}}
        )["data"]["updateEnterprise"]
        shrunk = enterprise.execute(UPDATE_ENTERPRISE, {"input": {"id": own, "regionIds": []}})
        # then: its area is the county's to set, wider or narrower
        assert outside is not None
        assert problems(widened) == {("regionIds", "REGIONS_SET_BY_COUNTY")}
        assert problems(shrunk["data"]["updateEnterprise"]) == {
            ("regionIds", "REGIONS_SET_BY_COUNTY")
        }
        assert forbidden(foreign)
        assert renamed["__typename"] == "UpdateEnterpriseSuccess", renamed
        props = await node_props(graph, own)
        assert props is not None and own_before is not None
        assert props["region_ids"] == own_before["region_ids"]
    finally:
        enterprise.execute(
            UPDATE_ENTERPRISE, {"input": {"id": own, "jobsOffered": original["jobsOffered"]}}
        )
