"""createCharity / updateCharity and the charities connection through GraphQL."""

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

CREATE_CHARITY = """
mutation ($input: CreateCharityInput!) {
  createCharity(input: $input) {
    __typename
    ... on CreateCharitySuccess { charity { id name focusKinds budgetYuan version regions { id } } }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

UPDATE_CHARITY = """
mutation ($input: UpdateCharityInput!) {
  updateCharity(input: $input) {
    __typename
    ... on UpdateCharitySuccess { charity { id name budgetYuan version regions { id } } }
    ... on StaleVersion { currentVersion }
    ... on UserError { message field code }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

CHARITIES = """
query ($first: Int!, $filter: CharityFilter) {
  charities(first: $first, filter: $filter) {
    totalCount
    edges { cursor node { id name focusKinds regions { id level } } }
  }
}
"""

CHARITY = "query ($id: ID!) { charity(id: $id) { id name budgetYuan version } }"


def _unique_name(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def _charity_input(region_id: str, **overrides: Any) -> dict[str, Any]:
    values = {
        "name": _unique_name("测试助学基金会"),
        "focusKinds": ["EDUCATION", "PSYCHOLOGICAL"],
        "budgetYuan": 200_000,
        "regionIds": [region_id],
    }
    return values | overrides


def _create(client: GraphQLClient, region_id: str, **overrides: Any) -> dict[str, Any]:
    values = _charity_input(region_id, **overrides)
    return created(client, CREATE_CHARITY, values, mutation="createCharity", field="charity")


async def test_a_coordinator_registers_a_charity_found_by_focus_and_region(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    coordinator = gql.as_user("coordinator")
    township = (await area_of(graph, "station")).township_id
    # when
    charity = _create(coordinator, township)
    # then
    assert charity["version"] == 1 and charity["regions"] == [{"id": township}]
    assert charity["focusKinds"] == ["EDUCATION", "PSYCHOLOGICAL"]
    listed = coordinator.execute(
        CHARITIES,
        {
            "first": 100,
            "filter": {"focusKind": "PSYCHOLOGICAL", "regionId": township, "search": "测试助学"},
        },
    )["data"]["charities"]
    assert charity["id"] in [e["node"]["id"] for e in listed["edges"]]
    active_in = await single(
        graph, "MATCH (:Charity {id: $id})-[:ACTIVE_IN]->(r) RETURN collect(r.id)", id=charity["id"]
    )
    assert active_in == [township]
    props = await node_props(graph, charity["id"])
    assert props is not None and props["region_ids"] == [township]
    assert await audit_actions(graph, charity["id"]) == ["CREATE_CHARITY"]


async def test_updating_a_charity_replaces_its_regions_under_a_version_check(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    coordinator = gql.as_user("coordinator")
    area = await area_of(graph, "station")
    county = await single(graph, "MATCH (t:Region {id: $t}) RETURN t.parent_id", t=area.township_id)
    charity = _create(coordinator, area.township_id)
    # when
    change = {"id": charity["id"], "expectedVersion": 1, "regionIds": [county], "budgetYuan": 5}
    result = coordinator.execute(UPDATE_CHARITY, {"input": change})["data"]["updateCharity"]
    stale = coordinator.execute(UPDATE_CHARITY, {"input": change})["data"]["updateCharity"]
    # then
    assert result["__typename"] == "UpdateCharitySuccess", result
    assert result["charity"]["regions"] == [{"id": county}]
    assert result["charity"]["version"] == 2 and result["charity"]["budgetYuan"] == 5
    assert (stale["__typename"], stale["currentVersion"]) == ("StaleVersion", 2)
    active_in = await single(
        graph, "MATCH (:Charity {id: $id})-[:ACTIVE_IN]->(r) RETURN collect(r.id)", id=charity["id"]
    )
    assert active_in == [county]


async def test_a_charity_may_not_change_the_regions_the_county_set(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: the demo charity and the regions the county gave it
    own = await scope_id_of(graph, "charity")
    own_before = await node_props(graph, own)
    regions = gql.as_user("charity").execute(
        "query ($id: ID!) { charity(id: $id) { regions { id } } }", {"id": own}
    )["data"]["charity"]["regions"]
    charity = gql.as_user("charity")
    # when: shrinking, and "changing" to the same regions
    shrunk = charity.execute(UPDATE_CHARITY, {"input": {"id": own, "regionIds": []}})
    same = charity.execute(
        UPDATE_CHARITY, {"input": {"id": own, "regionIds": [r["id"] for r in regions]}}
    )
    # then: a typed refusal on the field, nothing written
    for body in (shrunk, same):
        assert problems(body["data"]["updateCharity"]) == {("regionIds", "REGIONS_SET_BY_COUNTY")}
    assert await node_props(graph, own) == own_before


async def test_a_charity_edits_its_own_record_but_no_other(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: the demo charity, and another charity
    own = await scope_id_of(graph, "charity")
    other = await single(graph, "MATCH (c:Charity) WHERE c.id <> $id RETURN min(c.id)", id=own)
    charity = gql.as_user("charity")
    original = charity.execute(CHARITY, {"id": own})["data"]["charity"]
    other_before = await node_props(graph, other)
    try:
        # when
        renamed = charity.execute(
            UPDATE_CHARITY, {"input": {"id": own, "name": original["name"] + "（测试）"}}
        )["data"]["updateCharity"]
        foreign = charity.execute(UPDATE_CHARITY, {"input": {"id": other, "budgetYuan": 1}})
        # then
        assert renamed["__typename"] == "UpdateCharitySuccess", renamed
        assert renamed["charity"]["name"].endswith("（测试）")
        assert forbidden(foreign)
        assert await node_props(graph, other) == other_before
        events = await audit_events(graph, own)
        assert events[-1]["actor_role"] == "CHARITY"
    finally:
        charity.execute(UPDATE_CHARITY, {"input": {"id": own, "name": original["name"]}})


async def test_a_charity_cannot_register_charities(gql: GraphQLClient, graph: Graph) -> None:
    # given
    township = (await area_of(graph, "station")).township_id
    # when
    body = gql.as_user("charity").execute(CREATE_CHARITY, {"input": _charity_input(township)})
    # then
    assert forbidden(body)


def test_a_page_of_charities_and_enterprises_loads_regions_in_one_batch(
    gql: GraphQLClient,
) -> None:
    # given
    query = """
    query ($first: Int!) {
      charities(first: $first) { edges { node { id regions { id name } } } }
      enterprises(first: $first) { edges { node { id regions { id name } } } }
    }
    """
    admin = gql.as_user("admin")
    # when
    small = admin.execute(query, {"first": 1})
    large = admin.execute(query, {"first": 50})
    # then: a page and a count per connection, the scope, and batched regions; the two
    # connections' region look-ups share a batch when they resolve in the same tick
    counts = [small["extensions"]["cypherQueries"], large["extensions"]["cypherQueries"]]
    assert max(counts) <= 8, counts
