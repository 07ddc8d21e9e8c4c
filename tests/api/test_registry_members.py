"""addHouseholdMember / updatePerson / removeHouseholdMember through GraphQL: the household's
derived facts follow its members, an ID number belongs to one household only, and refused
changes write nothing."""

from __future__ import annotations

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

ADD_MEMBER = """
mutation ($input: AddHouseholdMemberInput!) {
  addHouseholdMember(input: $input) {
    __typename
    ... on AddHouseholdMemberSuccess {
      person { id relation sex identity { name idNumber birthDate } }
      household { id version size specialGroups }
    }
    ... on StaleVersion { currentVersion }
    ... on UserError { message field code }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

UPDATE_PERSON = """
mutation ($input: UpdatePersonInput!) {
  updatePerson(input: $input) {
    __typename
    ... on UpdatePersonSuccess {
      person { id disabilityGrade relation identity { name idNumber } }
      household { id version specialGroups needsSkills }
    }
    ... on UserError { message field code }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

REMOVE_MEMBER = """
mutation ($input: RemoveHouseholdMemberInput!) {
  removeHouseholdMember(input: $input) {
    __typename
    ... on RemoveHouseholdMemberSuccess { removedPersonId household { id version size } }
    ... on UserError { message field code }
  }
}
"""

PERSON_BY_ID_NUMBER = "MATCH (p:Person {id_number: $n}) RETURN p.id"


async def test_adding_a_member_re_derives_the_household_and_is_audited(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a one-person household
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    child_id = new_id_number("20190301", male=False)
    # when: a grandchild joins, sex and birth date left to the ID number
    result = station.execute(
        ADD_MEMBER,
        {
            "input": {
                "householdId": household["id"],
                "expectedVersion": 1,
                "member": {"name": "王小雨", "idNumber": child_id, "relation": "GRANDCHILD"},
            }
        },
    )["data"]["addHouseholdMember"]
    # then
    assert result["__typename"] == "AddHouseholdMemberSuccess", result
    assert result["person"]["sex"] == "F"
    assert result["person"]["identity"]["birthDate"] == "2019-03-01"
    assert result["household"]["size"] == 2 and result["household"]["version"] == 2
    assert "CHILD" in result["household"]["specialGroups"]
    person_id = result["person"]["id"]
    assert await single(graph, PERSON_BY_ID_NUMBER, n=child_id) == person_id
    events = await audit_events(graph, person_id)
    assert [e["action"] for e in events] == ["ADD_MEMBER"]
    assert household["id"] in events[0]["after"]


async def test_an_id_number_already_in_another_household_is_refused_and_writes_nothing(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: someone registered in one household
    station = gql.as_user("station")
    village = (await area_of(graph, "station")).village_id
    taken = new_id_number("19750808")
    create_household(station, village, members=[member(idNumber=taken)])
    other = create_household(station, village)
    before = await totals(graph)
    # when: a second household registers the same person
    again = station.execute(
        CREATE_HOUSEHOLD,
        {"input": household_input(village, members=[member(), member("SPOUSE", idNumber=taken)])},
    )["data"]["createHousehold"]
    # and the person is added to a third household
    added = station.execute(
        ADD_MEMBER,
        {
            "input": {
                "householdId": other["id"],
                "member": {"name": "重复者", "idNumber": taken, "relation": "SPOUSE"},
            }
        },
    )["data"]["addHouseholdMember"]
    # then: both are refused with the field that holds the number
    assert again["__typename"] == "InvalidInput", again
    assert problems(again) == {("members.1.idNumber", "DUPLICATE_ID_NUMBER")}
    assert added["__typename"] == "InvalidInput", added
    assert problems(added) == {("member.idNumber", "DUPLICATE_ID_NUMBER")}
    assert await totals(graph) == before
    assert (await node_props(graph, other["id"]) or {})["version"] == 1


async def test_the_same_id_number_twice_in_one_new_household_is_refused(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    twin = new_id_number()
    payload = household_input(
        (await area_of(graph, "station")).village_id,
        members=[member(idNumber=twin), member("SPOUSE", idNumber=twin)],
    )
    before = await totals(graph)
    # when
    result = gql.as_user("station").execute(CREATE_HOUSEHOLD, {"input": payload})
    # then
    assert ("members.1.idNumber", "DUPLICATE_ID_NUMBER") in problems(
        result["data"]["createHousehold"]
    )
    assert await totals(graph) == before


async def test_updating_a_person_changes_the_household_care_needs(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    head = household["members"][0]
    # when: the head is registered with a grade-2 disability
    result = station.execute(
        UPDATE_PERSON, {"input": {"id": head["id"], "expectedVersion": 1, "disabilityGrade": 2}}
    )["data"]["updatePerson"]
    # then
    assert result["__typename"] == "UpdatePersonSuccess", result
    assert result["person"]["disabilityGrade"] == 2
    assert "DISABLED" in result["household"]["specialGroups"]
    assert "DISABILITY_CARE" in result["household"]["needsSkills"]
    assert result["household"]["version"] == 2
    events = await audit_events(graph, head["id"])
    assert [e["action"] for e in events] == ["UPDATE_MEMBER"]
    assert '"disability_grade": 2' in events[0]["after"]


async def test_a_corrected_id_number_brings_its_own_birth_date_and_sex(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    head = household["members"][0]
    corrected = new_id_number("19550505", male=False)
    # when
    result = station.execute(UPDATE_PERSON, {"input": {"id": head["id"], "idNumber": corrected}})
    # then
    assert result["data"]["updatePerson"]["__typename"] == "UpdatePersonSuccess", result
    props = await node_props(graph, head["id"])
    assert props is not None
    assert props["id_number"] == corrected and props["sex"] == "F"
    assert str(props["birth_date"]) == "1955-05-05"


async def test_an_invalid_person_update_is_refused_and_changes_nothing(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    head = household["members"][0]
    before = await node_props(graph, head["id"])
    bad = with_wrong_check_digit(new_id_number())
    # when
    result = station.execute(
        UPDATE_PERSON, {"input": {"id": head["id"], "idNumber": bad, "disabilityGrade": 7}}
    )["data"]["updatePerson"]
    # then
    assert result["__typename"] == "InvalidInput"
    assert problems(result) == {
        ("idNumber", "INVALID_ID_NUMBER"),
        ("disabilityGrade", "OUT_OF_RANGE"),
    }
    assert await node_props(graph, head["id"]) == before
    assert (await node_props(graph, household["id"]) or {})["version"] == 1


async def test_a_second_head_is_a_conflict_and_writes_nothing(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    before = await totals(graph)
    # when
    result = station.execute(
        ADD_MEMBER, {"input": {"householdId": household["id"], "member": member("HEAD")}}
    )["data"]["addHouseholdMember"]
    # then
    assert result["__typename"] == "Conflict"
    assert result["code"] == "DUPLICATE_HEAD" and result["field"] == "relation"
    assert await totals(graph) == before
    assert (await node_props(graph, household["id"]) or {})["version"] == 1


async def test_a_stale_household_version_refuses_a_member_change(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: the household moved on to version 2
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    head = household["members"][0]
    station.execute(UPDATE_PERSON, {"input": {"id": head["id"], "chronicIllness": True}})
    before = await totals(graph)
    # when
    result = station.execute(
        ADD_MEMBER,
        {
            "input": {
                "householdId": household["id"],
                "expectedVersion": 1,
                "member": member("SPOUSE"),
            }
        },
    )["data"]["addHouseholdMember"]
    # then
    assert result["__typename"] == "StaleVersion" and result["currentVersion"] == 2
    assert await totals(graph) == before


async def test_removing_a_member_frees_their_id_number_for_another_household(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a two-person household
    station = gql.as_user("station")
    village = (await area_of(graph, "station")).village_id
    leaving = new_id_number("19900909", male=False)
    household = create_household(
        station, village, members=[member(), member("SPOUSE", idNumber=leaving)]
    )
    spouse = next(m for m in household["members"] if m["relation"] == "SPOUSE")
    # when: she leaves (marries out) ...
    result = station.execute(REMOVE_MEMBER, {"input": {"id": spouse["id"], "expectedVersion": 1}})
    # then
    removed = result["data"]["removeHouseholdMember"]
    assert removed["__typename"] == "RemoveHouseholdMemberSuccess", result
    assert removed["household"]["size"] == 1 and removed["household"]["version"] == 2
    assert await single(graph, PERSON_BY_ID_NUMBER, n=leaving) is None
    assert [e["action"] for e in await audit_events(graph, spouse["id"])] == ["REMOVE_MEMBER"]
    # ... and joins another household
    create_household(station, village, members=[member(), member("SPOUSE", idNumber=leaving)])


async def test_the_last_member_cannot_be_removed(gql: GraphQLClient, graph: Graph) -> None:
    # given
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "station")).village_id)
    head = household["members"][0]
    before = await totals(graph)
    # when
    result = station.execute(REMOVE_MEMBER, {"input": {"id": head["id"]}})
    # then
    assert result["data"]["removeHouseholdMember"]["code"] == "LAST_MEMBER"
    assert await totals(graph) == before
    assert await node_props(graph, head["id"]) is not None


async def test_a_member_of_a_household_outside_the_area_is_not_found(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    area = await area_of(graph, "station")
    household = create_household(gql.as_user("coordinator"), area.other_village_id)
    head = household["members"][0]
    # when
    result = gql.as_user("station").execute(
        UPDATE_PERSON, {"input": {"id": head["id"], "name": "改名"}}
    )
    # then
    assert result["data"]["updatePerson"]["__typename"] == "NotFound"
    assert (await node_props(graph, head["id"]) or {})["name"] == "测试户主"


async def test_a_charity_cannot_touch_members(gql: GraphQLClient, graph: Graph) -> None:
    # given
    household = create_household(
        gql.as_user("station"), (await area_of(graph, "station")).village_id
    )
    # when
    body = gql.as_user("charity").execute(
        REMOVE_MEMBER, {"input": {"id": household["members"][0]["id"]}}
    )
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
