"""Input a client can abuse (issue 8, findings 8 and 11): personal data in need
descriptions, unbounded reasons, control and bidi characters in names, absurd incomes, and
dates beyond the calendar. Each is a typed, coded refusal that writes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from graph.driver import Graph
from tests.api.registry_support import (
    area_of,
    create_household,
    member,
    new_id_number,
    scope_id_of,
    single,
)
from tests.conftest import GraphQLClient

PROBLEMS = "... on InvalidInput { errors { field code parameters { name value } } }"
CREATE_NEED = (
    "mutation ($input: CreateNeedInput!) { createNeed(input: $input) { __typename "
    "... on CreateNeedSuccess { need { id description } } " + PROBLEMS + " } }"
)
UPDATE_NEED = (
    "mutation ($input: UpdateNeedInput!) { updateNeed(input: $input) { __typename "
    "... on UpdateNeedSuccess { need { id status description } } " + PROBLEMS + " } }"
)
NEED = "query ($id: ID!) { need(id: $id) { id description } }"


def _need(household_id: str, description: str) -> dict[str, Any]:
    return {
        "householdId": household_id,
        "kind": "MEDICAL",
        "description": description,
        "estimatedCost": 800,
        "urgency": "HIGH",
    }


def _problems(result: dict[str, Any]) -> list[tuple[str, str, dict[str, str]]]:
    return [
        (p["field"], p["code"], {x["name"]: x["value"] for x in p["parameters"]})
        for p in result["errors"]
    ]


async def _charity_village(graph: Graph) -> str:
    charity_id = await scope_id_of(graph, "charity")
    village: str = await single(
        graph,
        """
        MATCH (:Charity {id: $id})-[:ACTIVE_IN]->(r:Region)
        MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF*0..1]->(r)
        WITH min(t.id) AS township
        MATCH (v:Region {level: 'VILLAGE', parent_id: township}) RETURN min(v.id)
        """,
        id=charity_id,
    )
    return village


@pytest.mark.parametrize(
    ("description", "kinds"),
    [
        ("户主身份证 11010519491231002X，需要轮椅", "ID_NUMBER"),
        ("老人电话 138 1234 5678，请联系", "PHONE"),
        ("家里座机 0351-7654321", "PHONE"),
        ("身份证１１０１０５１９４９１２３１００２Ｘ", "ID_NUMBER"),
    ],
)
async def test_a_need_naming_an_id_or_phone_number_is_refused(
    gql: GraphQLClient, graph: Graph, description: str, kinds: str
) -> None:
    coordinator = gql.as_user("coordinator")
    household = create_household(coordinator, (await area_of(graph, "station")).village_id)
    created = coordinator.execute(CREATE_NEED, {"input": _need(household["id"], description)})
    result = created["data"]["createNeed"]
    assert result["__typename"] == "InvalidInput", result
    assert _problems(result) == [("description", "CONTAINS_PERSONAL_DATA", {"kinds": kinds})]
    count = await single(
        graph, "MATCH (:Household {id: $id})-[:HAS_NEED]->(n) RETURN count(n)", id=household["id"]
    )
    assert count == 0
    # an update that writes the number is refused the same way
    ok = coordinator.execute(CREATE_NEED, {"input": _need(household["id"], "需要轮椅一台")})
    need_id = ok["data"]["createNeed"]["need"]["id"]
    changed = coordinator.execute(
        UPDATE_NEED, {"input": {"id": need_id, "description": description}}
    )
    assert changed["data"]["updateNeed"]["__typename"] == "InvalidInput"


async def test_outside_roles_read_legacy_descriptions_with_numbers_masked(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a need stored before screening, with a phone and an ID number in its text
    coordinator = gql.as_user("coordinator")
    household = create_household(
        coordinator, await _charity_village(graph), members=[member(idNumber=new_id_number())]
    )
    created = coordinator.execute(CREATE_NEED, {"input": _need(household["id"], "需要轮椅")})
    need_id = created["data"]["createNeed"]["need"]["id"]
    legacy = "联系人 13812345678，身份证 11010519491231002X，费用 4500 元，2024-05-12 前"
    await graph.driver.execute_query(
        "MATCH (n:Need {id: $id}) SET n.description = $text", id=need_id, text=legacy
    )
    # when / then: the charity sees the numbers masked, the coordinator the text as stored
    seen = gql.as_user("charity").execute(NEED, {"id": need_id})["data"]["need"]
    assert seen["description"] == (
        "联系人 ***********，身份证 ******************，费用 4500 元，2024-05-12 前"
    )
    assert coordinator.execute(NEED, {"id": need_id})["data"]["need"]["description"] == legacy
    # and the legacy need can still move along its lifecycle without rewriting its text
    moved = coordinator.execute(UPDATE_NEED, {"input": {"id": need_id, "status": "CANCELLED"}})
    assert moved["data"]["updateNeed"]["__typename"] == "UpdateNeedSuccess", moved


def test_a_reason_longer_than_the_cap_is_refused_with_its_maximum(gql: GraphQLClient) -> None:
    body = gql.as_user("coordinator").execute(
        'mutation ($r: String!) { rejectCaseloadPlan(planId: "no-such-plan", '
        "expectedVersion: 1, reason: $r) { __typename " + PROBLEMS + " } }",
        {"r": "理由" * 300},
    )
    result = body["data"]["rejectCaseloadPlan"]
    assert result["__typename"] == "InvalidInput", body
    assert _problems(result) == [("reason", "TOO_LONG", {"maxLength": "500"})]


UPDATE_PERSON = (
    "mutation ($input: UpdatePersonInput!) { updatePerson(input: $input) { __typename "
    + PROBLEMS
    + " } }"
)
UPDATE_HOUSEHOLD = (
    "mutation ($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { __typename "
    + PROBLEMS
    + " } }"
)


@pytest.mark.parametrize("name", ["张\u202e三", "张\x00三", "张\u2066三", "张\n三"])
async def test_names_with_control_or_bidi_characters_are_refused(
    gql: GraphQLClient, graph: Graph, name: str
) -> None:
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    head = household["members"][0]
    body = station.execute(UPDATE_PERSON, {"input": {"id": head["id"], "name": name}})
    result = body["data"]["updatePerson"]
    assert result["__typename"] == "InvalidInput", body
    assert [(f, c) for f, c, _ in _problems(result)] == [("name", "FORBIDDEN_CHARACTER")]
    stored = await single(graph, "MATCH (p:Person {id: $id}) RETURN p.name", id=head["id"])
    assert stored == "测试户主"


@pytest.mark.parametrize("income", [1e308, 10_000_001.0, -1.0])
async def test_an_implausible_income_is_refused(
    gql: GraphQLClient, graph: Graph, income: float
) -> None:
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    body = station.execute(
        UPDATE_HOUSEHOLD,
        {
            "input": {
                "id": household["id"],
                "expectedVersion": household["version"],
                "monthlyIncomePerPerson": income,
            }
        },
    )
    result = body["data"]["updateHousehold"]
    assert result["__typename"] == "InvalidInput", body
    assert _problems(result)[0][0] == "monthlyIncomePerPerson"


@pytest.mark.parametrize(
    ("document", "variables"),
    [
        ('{ overdue(at: "9999-12-31T00:00:00") { at } }', None),
        ("query ($at: DateTime) { overdue(at: $at) { at } }", {"at": "9999-12-31T23:59:59"}),
        ('{ overdue(at: "0001-01-01T00:00:00") { at } }', None),
    ],
)
def test_a_date_beyond_the_calendar_is_a_coded_error(
    gql: GraphQLClient, document: str, variables: dict[str, Any] | None
) -> None:
    body = gql.as_user("coordinator").execute(document, variables)
    assert body["errors"][0]["extensions"]["code"] == "BAD_INPUT", body
