"""The import and member writes keep identity inside the caller's scope (issue 8, 1/3/4):
ids are random, a household ref is unique within its township only, and an ID number
registered outside the caller's scope is refused without saying where, and audited."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import replace
from typing import Any

from graph.driver import Graph
from graph.households import HouseholdRecord
from graph.members import PersonRecord
from tests.api.follow_up_support import station_user
from tests.api.registry_support import create_household, problems
from tests.api.test_import_job import station_villages, upload
from tests.api.test_registry_members import ADD_MEMBER
from tests.conftest import GraphQLClient
from tests.support.import_files import csv_bytes, households_for_villages
from tests.support.jobs import wait_for_job

STATIONS = "{ stations(first: 100) { edges { node { id township { id } } } } }"

_HOUSEHOLDS_OF_REF = """
MATCH (h:Household {import_ref: $ref})
OPTIONAL MATCH (p:Person)-[:MEMBER_OF]->(h)
RETURN h.id AS id, h.township_id AS township, collect(p.id_number) AS numbers,
       collect(p.id) AS people
ORDER BY h.township_id
"""

_LOOKUPS = """
MATCH (a:AuditEvent {action: 'ID_NUMBER_REGISTERED_ELSEWHERE'})
MATCH (p:Person {id: a.entity_id}) WHERE p.id_number = $number
RETURN a.actor_id AS actor, a.after AS after
"""


def one_household(
    villages: list[str], ref: str, seed: int
) -> tuple[list[HouseholdRecord], list[PersonRecord]]:
    households, people = households_for_villages(villages, households=1, seed=seed)
    old = households[0].id
    return (
        [replace(households[0], id=ref)],
        [replace(p, household_id=ref) for p in people if p.household_id == old],
    )


def imported(client: GraphQLClient, data: bytes) -> dict[str, Any]:
    job, _ = wait_for_job(client, upload(client, data, "households.csv")["job"]["id"])
    # A refused file ends the job FAILED, with the report of its errors as the result.
    assert job["status"] in ("SUCCEEDED", "FAILED") and job["result"], job
    result: dict[str, Any] = job["result"]
    return result


async def other_station(gql: GraphQLClient, graph: Graph) -> GraphQLClient:
    """A station manager of another township than the demo station manager's."""
    admin = gql.as_user("admin")
    mine = station_villages(gql.as_user("station"))
    edges = admin.execute(STATIONS)["data"]["stations"]["edges"]
    regions = admin.execute("{ regions(level: VILLAGE) { id parentId } }")["data"]["regions"]
    my_township = next(r["parentId"] for r in regions if r["id"] == mine[0])
    station = next(e["node"]["id"] for e in edges if e["node"]["township"]["id"] != my_township)
    return await station_user(gql, graph, station)


async def test_two_stations_importing_ref_001_get_two_households_with_random_ids(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: two stations in different townships, each with a household it calls the same ref
    ref = "001-" + uuid.uuid4().hex[:6]  # "001", unique to this test run
    first, second = gql.as_user("station"), await other_station(gql, graph)
    a_households, a_people = one_household(station_villages(first), ref, seed=71)
    b_households, b_people = one_household(station_villages(second), ref, seed=72)

    # when: both import; the first imports its file again
    assert imported(first, csv_bytes(a_households, a_people))["accepted"]
    assert imported(second, csv_bytes(b_households, b_people))["accepted"]
    assert imported(first, csv_bytes(a_households, a_people))["accepted"]

    # then: two households, each with only its own members, nobody doubled
    records, _, _ = await graph.driver.execute_query(_HOUSEHOLDS_OF_REF, ref=ref)
    assert len(records) == 2
    by_numbers = {frozenset(r["numbers"]) for r in records}
    assert by_numbers == {
        frozenset(p.id_number for p in a_people),
        frozenset(p.id_number for p in b_people),
    }
    # and the ids are random: no hash of the ref or of an ID number in them
    for r in records:
        assert re.fullmatch(r"hh-[0-9a-f]{32}", r["id"]), r["id"]
        for person_id, number in zip(r["people"], r["numbers"], strict=True):
            assert re.fullmatch(r"p-[0-9a-f]{32}", person_id), person_id
            assert hashlib.sha1(f"\x00{number}".encode()).hexdigest()[:20] not in person_id


async def test_an_id_number_registered_outside_the_importer_s_scope_is_a_neutral_audited_error(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a person registered by the first station
    first, second = gql.as_user("station"), await other_station(gql, graph)
    a_households, a_people = one_household(station_villages(first), "own-" + uuid.uuid4().hex, 73)
    assert imported(first, csv_bytes(a_households, a_people))["accepted"]
    records, _, _ = await graph.driver.execute_query(_HOUSEHOLDS_OF_REF, ref=a_households[0].id)
    their_household = records[0]["id"]
    taken = a_people[0].id_number

    # when: the other station imports a household with that person in it
    b_households, b_people = one_household(station_villages(second), "b-" + uuid.uuid4().hex, 74)
    a = a_people[0]  # the same person: ID number, birth date and sex agree
    b_people[0] = replace(b_people[0], id_number=taken, birth_date=a.birth_date, sex=a.sex)
    result = imported(second, csv_bytes(b_households, b_people))

    # then: refused, with a code that names no household
    assert not result["accepted"]
    errors = [e for e in result["errors"] if e["column"] == "member_id_number"]
    assert len(errors) == 1, result
    error = errors[0]
    assert error["code"] == "ID_NUMBER_REGISTERED_ELSEWHERE"
    assert their_household not in str(result)
    # and the look-up is audited
    records, _, _ = await graph.driver.execute_query(_LOOKUPS, number=taken)
    assert records and "IMPORT_HOUSEHOLDS" in records[0]["after"]

    # when: the other station adds that person to one of its own households
    own = create_household(second, station_villages(second)[0])
    added = second.execute(
        ADD_MEMBER,
        {
            "input": {
                "householdId": own["id"],
                "member": {"name": "外区人", "idNumber": taken, "relation": "SPOUSE"},
            }
        },
    )
    # then: the same neutral refusal, audited again; the household is not named
    result = added["data"]["addHouseholdMember"]
    assert problems(result) == {("member.idNumber", "ID_NUMBER_REGISTERED_ELSEWHERE")}
    assert their_household not in str(added)
    records, _, _ = await graph.driver.execute_query(_LOOKUPS, number=taken)
    assert any("ADD_HOUSEHOLD_MEMBER" in r["after"] for r in records)

    # while inside the first station's own scope the duplicate is the usual one
    mine = create_household(first, station_villages(first)[0])
    inside = first.execute(
        ADD_MEMBER,
        {
            "input": {
                "householdId": mine["id"],
                "member": {"name": "重复者", "idNumber": taken, "relation": "SPOUSE"},
            }
        },
    )["data"]["addHouseholdMember"]
    assert problems(inside) == {("member.idNumber", "DUPLICATE_ID_NUMBER")}
