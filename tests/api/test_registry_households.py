"""createHousehold / updateHousehold through GraphQL: what is written, what is refused and
that a refusal writes nothing, versions, scope, permissions and the audit trail."""

from __future__ import annotations

from typing import Any

import pytest

from graph.driver import Graph
from tests.api.registry_support import (
    CREATE_HOUSEHOLD,
    area_of,
    audit_events,
    create_household,
    household_input,
    member,
    new_id_number,
    node_props,
    problems,
    single,
    totals,
    with_wrong_check_digit,
)
from tests.conftest import GraphQLClient

HOUSEHOLD = """
query ($id: ID!) {
  household(id: $id) {
    id version tier dibaoClass causes size monthlyIncomePerPerson nextReviewDue
    specialGroups village { id } identity { headName address phone }
    members { relation identity { name idNumber } }
  }
}
"""

UPDATE_HOUSEHOLD = """
mutation ($input: UpdateHouseholdInput!) {
  updateHousehold(input: $input) {
    __typename
    ... on UpdateHouseholdSuccess {
      household { id version tier dibaoClass causes monthlyIncomePerPerson village { id } }
    }
    ... on StaleVersion { currentVersion field code message }
    ... on UserError { message field code }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""


async def test_a_station_manager_registers_a_household_and_reads_it_back(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    station = gql.as_user("station")
    area = await area_of(graph, "station")
    head = member("HEAD", name="李建国", idNumber=new_id_number("19600305"))
    child = member("GRANDCHILD", name="李子涵", idNumber=new_id_number("20180612", male=False))
    # when
    created = create_household(station, area.village_id, members=[head, child])
    # then
    assert created["version"] == 1
    assert created["size"] == 2
    assert created["tier"] == "DIBAO" and created["dibaoClass"] == "B"
    assert {"ELDERLY", "CHILD"} <= set(created["specialGroups"])
    assert created["village"]["id"] == area.village_id
    assert created["identity"]["headName"] == "李建国"
    read = station.execute(HOUSEHOLD, {"id": created["id"]})["data"]["household"]
    assert read["causes"] == ["ILLNESS"]
    assert read["nextReviewDue"] is not None  # class B: reviewed within six months
    assert {m["identity"]["idNumber"] for m in read["members"]} == {
        head["idNumber"],
        child["idNumber"],
    }
    props = await node_props(graph, created["id"])
    assert props is not None
    assert props["township_id"] == area.township_id and props["head_name"] == "李建国"
    members = await single(
        graph,
        "MATCH (:Household {id: $id})<-[:MEMBER_OF]-(p:Person) RETURN count(p)",
        id=created["id"],
    )
    assert members == 2
    events = await audit_events(graph, created["id"])
    assert [(e["action"], e["actor_id"], e["actor_role"]) for e in events] == [
        ("CREATE_HOUSEHOLD", "user-demo-station", "STATION_MANAGER")
    ]


async def test_updating_a_household_changes_the_given_fields_and_bumps_the_version(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    # when
    result = station.execute(
        UPDATE_HOUSEHOLD,
        {
            "input": {
                "id": household["id"],
                "expectedVersion": 1,
                "monthlyIncomePerPerson": 380.5,
                "causes": ["UNEMPLOYMENT", "ILLNESS"],
            }
        },
    )["data"]["updateHousehold"]
    # then
    assert result["__typename"] == "UpdateHouseholdSuccess", result
    updated = result["household"]
    assert updated["version"] == 2
    assert updated["monthlyIncomePerPerson"] == 380.5
    assert updated["causes"] == ["ILLNESS", "UNEMPLOYMENT"]  # vocabulary order
    assert updated["tier"] == "DIBAO" and updated["dibaoClass"] == "B"  # untouched
    events = await audit_events(graph, household["id"])
    assert [e["action"] for e in events] == ["CREATE_HOUSEHOLD", "UPDATE_HOUSEHOLD"]
    assert '"monthly_income_per_person": 420.0' in events[1]["before"]
    assert '"monthly_income_per_person": 380.5' in events[1]["after"]


async def test_a_stale_version_is_refused_and_changes_nothing(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: two editors read version 1; the first one saves
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    first = {"id": household["id"], "expectedVersion": 1, "monthlyIncomePerPerson": 300.0}
    assert (
        station.execute(UPDATE_HOUSEHOLD, {"input": first})["data"]["updateHousehold"]["__typename"]
        == "UpdateHouseholdSuccess"
    )
    before = await node_props(graph, household["id"])
    # when: the second saves on top of the version it read
    second = {"id": household["id"], "expectedVersion": 1, "monthlyIncomePerPerson": 999.0}
    result = station.execute(UPDATE_HOUSEHOLD, {"input": second})["data"]["updateHousehold"]
    # then
    assert result["__typename"] == "StaleVersion"
    assert result["currentVersion"] == 2
    assert result["code"] == "STALE_VERSION" and result["field"] == "expectedVersion"
    assert await node_props(graph, household["id"]) == before


def _invalid_household_cases(
    village: str, other_village: str
) -> list[tuple[str, dict[str, Any], str, str]]:
    """(case, input, field, code): one per validation the issue names."""
    good = new_id_number()
    return [
        (
            "malformed ID number",
            household_input(village, members=[member(idNumber="14012319800101")]),
            "members.0.idNumber",
            "INVALID_ID_NUMBER",
        ),
        (
            "bad check digit",
            household_input(village, members=[member(idNumber=with_wrong_check_digit(good))]),
            "members.0.idNumber",
            "INVALID_ID_NUMBER",
        ),
        (
            "impossible date",
            household_input(
                village,
                members=[member(idNumber=new_id_number("19800228"), birthDate="1980-02-30")],
            ),
            "members.0.birthDate",
            "IMPOSSIBLE_DATE",
        ),
        (
            "negative income",
            household_input(village, monthlyIncomePerPerson=-1.0),
            "monthlyIncomePerPerson",
            "NEGATIVE_INCOME",
        ),
        (
            "coordinates outside China",
            household_input(village, lat=0.0, lon=0.0),
            "lat",
            "OUTSIDE_CHINA",
        ),
        (
            "unknown region",
            household_input("rg-v-no-such-village"),
            "villageId",
            "UNKNOWN_REGION",
        ),
        (
            "region outside the caller's scope",
            household_input(other_village),
            "villageId",
            "UNKNOWN_REGION",
        ),
        (
            "class on a non-dibao household",
            household_input(village, tier="TEMPORARY", dibaoClass="A"),
            "dibaoClass",
            "CLASS_WITHOUT_DIBAO",
        ),
        (
            "dibao without a class",
            household_input(village, tier="DIBAO", dibaoClass=None),
            "dibaoClass",
            "DIBAO_WITHOUT_CLASS",
        ),
        (
            "no head",
            household_input(village, members=[member("SPOUSE")]),
            "members",
            "HEAD_REQUIRED",
        ),
    ]


CASE_NAMES = [c[0] for c in _invalid_household_cases("v", "o")]


@pytest.mark.parametrize("case", CASE_NAMES)
async def test_an_invalid_household_is_refused_with_a_typed_error_and_writes_nothing(
    gql: GraphQLClient, graph: Graph, case: str
) -> None:
    # given
    station = gql.as_user("station")
    area = await area_of(graph, "station")
    cases = {c[0]: c[1:] for c in _invalid_household_cases(area.village_id, area.other_village_id)}
    payload, field, code = cases[case]
    before = await totals(graph)
    # when
    result = station.execute(CREATE_HOUSEHOLD, {"input": payload})["data"]["createHousehold"]
    # then
    assert result["__typename"] == "InvalidInput", result
    assert (field, code) in problems(result)
    assert all(p["reason"] for p in result["errors"])
    assert result["code"] == "INVALID_INPUT"
    assert await totals(graph) == before


async def test_the_check_digit_error_says_what_the_digit_should_be(gql: GraphQLClient) -> None:
    # given
    good = new_id_number()
    payload = household_input("any", members=[member(idNumber=with_wrong_check_digit(good))])
    # when
    result = gql.as_user("admin").execute(CREATE_HOUSEHOLD, {"input": payload})
    # then
    reasons = [p["reason"] for p in result["data"]["createHousehold"]["errors"]]
    assert any(f"should be {good[17]}" in r for r in reasons), reasons


async def test_changing_the_tier_without_clearing_the_class_is_refused(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a class-B dibao household
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    before = await node_props(graph, household["id"])
    # when: the tier changes but the class stays
    change = {"id": household["id"], "expectedVersion": 1, "tier": "NEAR_DIBAO"}
    result = station.execute(UPDATE_HOUSEHOLD, {"input": change})["data"]["updateHousehold"]
    # then
    assert result["__typename"] == "InvalidInput"
    assert ("dibaoClass", "CLASS_WITHOUT_DIBAO") in problems(result)
    assert await node_props(graph, household["id"]) == before
    # and clearing the class in the same change is accepted
    change["dibaoClass"] = None
    result = station.execute(UPDATE_HOUSEHOLD, {"input": change})["data"]["updateHousehold"]
    assert result["__typename"] == "UpdateHouseholdSuccess", result
    assert result["household"]["dibaoClass"] is None


async def test_moving_a_household_to_a_village_elsewhere_in_the_county_follows_the_township(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a coordinator (whole county) and a household in the station's township
    coordinator = gql.as_user("coordinator")
    area = await area_of(graph, "station")
    household = create_household(coordinator, area.village_id)
    # when
    change = {"id": household["id"], "expectedVersion": 1, "villageId": area.other_village_id}
    result = coordinator.execute(UPDATE_HOUSEHOLD, {"input": change})["data"]["updateHousehold"]
    # then
    assert result["__typename"] == "UpdateHouseholdSuccess", result
    assert result["household"]["village"]["id"] == area.other_village_id
    props = await node_props(graph, household["id"])
    assert props is not None and props["township_id"] != area.township_id
    villages = await single(
        graph,
        "MATCH (:Household {id: $id})-[:IN_VILLAGE]->(v) RETURN collect(v.id)",
        id=household["id"],
    )
    assert villages == [area.other_village_id]


async def test_a_social_worker_updates_a_household_in_their_area(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    household = create_household(
        gql.as_user("station"), (await area_of(graph, "worker")).village_id
    )
    # when
    change = {"id": household["id"], "expectedVersion": 1, "phone": "0351-5123456"}
    result = gql.as_user("worker").execute(UPDATE_HOUSEHOLD, {"input": change})
    # then
    assert result["data"]["updateHousehold"]["__typename"] == "UpdateHouseholdSuccess", result
    events = await audit_events(graph, household["id"])
    assert events[-1]["actor_role"] == "SOCIAL_WORKER"


async def test_a_household_outside_the_callers_area_is_not_found(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a household in another township than the station manager's
    area = await area_of(graph, "station")
    household = create_household(gql.as_user("coordinator"), area.other_village_id)
    before = await node_props(graph, household["id"])
    # when
    change = {"id": household["id"], "expectedVersion": 1, "monthlyIncomePerPerson": 1.0}
    result = gql.as_user("station").execute(UPDATE_HOUSEHOLD, {"input": change})
    # then: the same answer as for an id that does not exist
    assert result["data"]["updateHousehold"]["__typename"] == "NotFound"
    assert result["data"]["updateHousehold"]["code"] == "NOT_FOUND"
    assert await node_props(graph, household["id"]) == before


@pytest.mark.parametrize("username", ["charity", "enterprise", "volunteer", "auditor", "worker"])
async def test_roles_without_registry_rights_cannot_create_a_household(
    gql: GraphQLClient, graph: Graph, username: str
) -> None:
    # given
    payload = household_input((await area_of(graph, "station")).village_id)
    before = await totals(graph)
    # when
    body = gql.as_user(username).execute(CREATE_HOUSEHOLD, {"input": payload})
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await totals(graph) == before


async def test_an_auditor_cannot_update_a_household(gql: GraphQLClient, graph: Graph) -> None:
    # given
    household = create_household(
        gql.as_user("station"), (await area_of(graph, "station")).village_id
    )
    # when
    change = {"id": household["id"], "expectedVersion": 1, "monthlyIncomePerPerson": 1.0}
    body = gql.as_user("auditor").execute(UPDATE_HOUSEHOLD, {"input": change})
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await node_props(graph, household["id"]) or {})["version"] == 1
