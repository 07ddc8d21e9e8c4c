"""The household list: paging, filters, scope, identity, and a constant query count."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQLClient, own_cypher_queries

PAGE = """
query ($first: Int!, $after: String, $filter: HouseholdFilter) {
  households(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id tier dibaoClass warningLevel causes
      village { id name } township { id name }
      identity { headName address phone } location { lat lon } } }
  }
}
"""

PAGE_WITH_RELATIONS = """
query ($first: Int!) {
  households(first: $first) {
    totalCount
    edges { node { id tier
      members { id relation age identity { name idNumber } }
      needs { id kind estimatedCost }
      worker { id name }
      village { name } township { name } } }
  }
}
"""


def _page(client: GraphQLClient, **variables: Any) -> dict[str, Any]:
    body = client.execute(PAGE, {"first": 20, **variables})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["households"]
    return result


def test_paging_walks_every_household_once(gql: GraphQLClient) -> None:
    admin = gql.as_user("admin")
    seen: list[str] = []
    after = None
    while True:
        page = _page(admin, first=100, after=after)
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"]
    assert page["totalCount"] >= 400


def test_filters_narrow_the_list_and_the_count(gql: GraphQLClient) -> None:
    admin = gql.as_user("admin")
    everyone = _page(admin)["totalCount"]
    dibao = _page(admin, filter={"tier": "DIBAO"})
    assert 0 < dibao["totalCount"] < everyone
    assert all(e["node"]["tier"] == "DIBAO" for e in dibao["edges"])
    class_a = _page(admin, filter={"tier": "DIBAO", "dibaoClass": "A"})
    assert all(e["node"]["dibaoClass"] == "A" for e in class_a["edges"])
    illness = _page(admin, filter={"cause": "ILLNESS"})
    assert all("ILLNESS" in e["node"]["causes"] for e in illness["edges"])
    township = dibao["edges"][0]["node"]["township"]["id"]
    in_township = _page(admin, filter={"regionId": township})
    assert 0 < in_township["totalCount"] < everyone
    assert all(e["node"]["township"]["id"] == township for e in in_township["edges"])


def test_name_search_finds_the_household_of_a_member(gql: GraphQLClient) -> None:
    admin = gql.as_user("admin")
    head = _page(admin)["edges"][0]["node"]
    name = head["identity"]["headName"]
    found = _page(admin, filter={"search": name})
    assert head["id"] in [e["node"]["id"] for e in found["edges"]]


def test_a_station_manager_sees_only_the_station_s_townships(gql: GraphQLClient) -> None:
    station = gql.as_user("station")
    page = _page(station, first=100)
    townships = {e["node"]["township"]["id"] for e in page["edges"]}
    assert len(townships) == 1
    assert page["totalCount"] < _page(gql.as_user("admin"))["totalCount"]


def test_a_volunteer_sees_households_without_identity_and_cannot_search_names(
    gql: GraphQLClient,
) -> None:
    volunteer = gql.as_user("volunteer")
    page = _page(volunteer)
    assert page["edges"]
    for edge in page["edges"]:
        assert edge["node"]["identity"] is None
        assert edge["node"]["location"] is None
    name = _page(gql.as_user("admin"))["edges"][0]["node"]["identity"]["headName"]
    # The search term is ignored for roles without identity access: no name-based probing.
    assert _page(volunteer, filter={"search": name})["totalCount"] == page["totalCount"]


def test_charities_and_enterprises_may_not_list_households(gql: GraphQLClient) -> None:
    for username in ("charity", "enterprise"):
        body = gql.as_user(username).execute(PAGE, {"first": 5})
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        one = gql.as_user(username).execute('{ household(id: "hh-000001") { id } }')
        assert one["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_workers_and_stations_outside_scope_read_as_missing(gql: GraphQLClient) -> None:
    admin = gql.as_user("admin")
    edges = admin.execute("{ stations(first: 100) { edges { node { id } } } }")["data"]
    other_station = edges["stations"]["edges"][-1]["node"]["id"]
    workers = admin.execute(
        "query ($s: ID!) { socialWorkers(filter: {stationId: $s}) { edges { node { id } } } }",
        {"s": other_station},
    )["data"]["socialWorkers"]["edges"]
    station = gql.as_user("station")
    assert (
        station.execute("query ($id: ID!) { station(id: $id) { id } }", {"id": other_station})[
            "data"
        ]["station"]
        is None
    )
    assert (
        station.execute(
            "query ($id: ID!) { socialWorker(id: $id) { id } }", {"id": workers[0]["node"]["id"]}
        )["data"]["socialWorker"]
        is None
    )


def test_a_page_of_100_with_members_and_needs_costs_a_constant_number_of_queries(
    gql: GraphQLClient,
) -> None:
    admin = gql.as_user("admin")
    small = admin.execute(PAGE_WITH_RELATIONS, {"first": 5})
    large = admin.execute(PAGE_WITH_RELATIONS, {"first": 100})
    assert "errors" not in large, large
    assert len(large["data"]["households"]["edges"]) == 100
    assert any(e["node"]["members"] for e in large["data"]["households"]["edges"])
    # No more Cypher round trips of its own for 100 households than for 5: no N+1.
    assert own_cypher_queries(large) == own_cypher_queries(small)
    assert large["extensions"]["cypherQueries"] <= 10


def test_an_oversized_page_is_refused_with_a_clear_error(gql: GraphQLClient) -> None:
    body = gql.as_user("admin").execute(PAGE, {"first": 5000})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "first" in body["errors"][0]["message"]
