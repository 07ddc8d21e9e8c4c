"""Care tasks through GraphQL: a station sets one, a volunteer nearby who fits takes it and
records it on the household's timeline; every refusal changes nothing."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from tests.api.registry_support import audit_actions, forbidden, node_props
from tests.api.volunteering_support import (
    AVAILABILITY,
    CANCEL,
    CREATE_TASK,
    FOR_ME,
    RECORD,
    RELEASE,
    TAKE,
    Place,
    place,
    result,
    station_id_of,
    today_text,
    volunteer_user,
)
from tests.conftest import GraphQLClient

PROFILE = "{ myVolunteerProfile { id version skills gridRole } }"
TIMELINE = "query ($h: ID!) { householdTimeline(householdId: $h) { kind actor detail } }"
OF_HOUSEHOLD = """
query ($h: ID!) { householdCareTasks(householdId: $h) { id status volunteerName note minutes } }
"""


async def _ready(gql: GraphQLClient, graph: Graph, volunteer_id: str) -> GraphQLClient:
    """A volunteer user who is free any day, any time, within 20 km."""
    client = await volunteer_user(gql, graph, volunteer_id)
    me = result(client.execute(PROFILE), "myVolunteerProfile")
    body = client.execute(
        AVAILABILITY, {"id": volunteer_id, "v": me["version"], "d": [], "w": [], "r": 20.0}
    )
    assert result(body, "setVolunteerAvailability")["__typename"].endswith("Success"), body
    return client


def _create(client: GraphQLClient, household_id: str, **kw: Any) -> dict[str, Any]:
    values = {
        "householdId": household_id,
        "kind": "COMPANY_VISIT",
        "what": "陪老人聊天，看看屋里冷不冷",
        "dueOn": today_text(2),
    } | kw
    return result(client.execute(CREATE_TASK, {"input": values}), "createCareTask")


async def _setting(gql: GraphQLClient, graph: Graph, skip: int) -> tuple[GraphQLClient, Place]:
    station = gql.as_user("station")
    return station, await place(graph, await station_id_of(graph, "station"), skip)


async def test_a_task_is_taken_once_recorded_and_on_the_timeline(
    gql: GraphQLClient, graph: Graph
) -> None:
    station, p = await _setting(gql, graph, 0)
    a = await _ready(gql, graph, p.volunteers[0])
    b = await _ready(gql, graph, p.volunteers[1])
    household = p.households[0]
    made = _create(station, household)
    assert made["__typename"] == "CreateCareTaskSuccess", made
    task = made["task"]
    assert task["status"] == "OPEN" and task["householdId"] == household

    offered = {t["id"]: t for t in result(a.execute(FOR_ME), "careTasksForMe")}
    assert task["id"] in offered and not offered[task["id"]]["mine"]
    assert offered[task["id"]]["villageName"]
    # Village level only: the household is named nowhere in what a volunteer reads.
    assert household not in str(a.execute(FOR_ME))

    taken = result(a.execute(TAKE, {"id": task["id"], "v": 1}), "takeCareTask")
    assert taken["__typename"] == "TakeCareTaskSuccess", taken
    assert taken["task"]["status"] == "TAKEN" and taken["task"]["mine"]
    # The race's loser: a stale version, and at the current version a taken task.
    late = result(b.execute(TAKE, {"id": task["id"], "v": 1}), "takeCareTask")
    assert (late["__typename"], late["currentVersion"]) == ("StaleVersion", 2)
    again = result(b.execute(TAKE, {"id": task["id"], "v": 2}), "takeCareTask")
    assert again == {"__typename": "Conflict", "code": "TASK_TAKEN"}
    not_yours = {"taskId": task["id"], "expectedVersion": 2, "note": "来过了", "minutes": 30}
    body = b.execute(RECORD, {"input": not_yours | {"doneOn": today_text()}})
    assert result(body, "recordCareTask") == {"__typename": "Conflict", "code": "TASK_NOT_YOURS"}

    bad = a.execute(RECORD, {"input": not_yours | {"minutes": 0, "doneOn": today_text(1)}})
    problems = {(e["field"], e["code"]) for e in result(bad, "recordCareTask")["errors"]}
    assert problems == {("minutes", "OUT_OF_RANGE"), ("doneOn", "IN_THE_FUTURE")}
    assert (await node_props(graph, task["id"]) or {})["status"] == "TAKEN"

    record = {"taskId": task["id"], "expectedVersion": 2, "note": "陪聊一小时，屋里已生炉子"}
    done = a.execute(RECORD, {"input": record | {"minutes": 60, "doneOn": today_text()}})
    assert result(done, "recordCareTask")["task"]["status"] == "DONE", done
    assert await audit_actions(graph, task["id"]) == [
        "CREATE_CARE_TASK",
        "TAKE_CARE_TASK",
        "RECORD_CARE_TASK",
    ]
    timeline = result(station.execute(TIMELINE, {"h": household}), "householdTimeline")
    done_items = [i for i in timeline if i["kind"] == "CARE_TASK_DONE"]
    assert "陪聊一小时，屋里已生炉子" in {i["detail"] for i in done_items}
    listed = result(station.execute(OF_HOUSEHOLD, {"h": household}), "householdCareTasks")
    mine = next(t for t in listed if t["id"] == task["id"])
    assert mine["status"] == "DONE" and mine["volunteerName"] and mine["minutes"] == 60


async def test_refusals_change_nothing(gql: GraphQLClient, graph: Graph) -> None:
    station, p = await _setting(gql, graph, 1)
    a = await _ready(gql, graph, p.volunteers[0])
    household = p.households[1]
    past = _create(station, household, dueOn=today_text(-1))
    assert {(e["field"], e["code"]) for e in past["errors"]} == {("dueOn", "IN_THE_PAST")}
    phone = _create(station, household, what="联系电话 13912345678")
    assert ("what", "CONTAINS_PERSONAL_DATA") in {(e["field"], e["code"]) for e in phone["errors"]}
    outside = _create(station, "hh-not-in-your-area")
    assert outside["__typename"] == "NotFound"

    # A skill the volunteer lacks: not offered, and refused if asked for by id.
    profile = result(a.execute(PROFILE), "myVolunteerProfile")
    kind = "HEALTH_CHECK" if "MEDICAL" not in profile["skills"] else "LEGAL_HELP"
    skilled = _create(station, household, kind=kind)["task"]
    assert skilled["id"] not in {t["id"] for t in result(a.execute(FOR_ME), "careTasksForMe")}
    refused = result(a.execute(TAKE, {"id": skilled["id"], "v": 1}), "takeCareTask")
    assert refused == {"__typename": "Conflict", "code": "TASK_NEEDS_SKILL"}

    # Taken, given back, cancelled by the station: then nobody takes it.
    task = _create(station, household)["task"]
    assert result(a.execute(TAKE, {"id": task["id"], "v": 1}), "takeCareTask")["task"]["mine"]
    back = result(a.execute(RELEASE, {"id": task["id"], "v": 2}), "releaseCareTask")
    assert back["task"]["status"] == "OPEN" and not back["task"]["mine"]
    no_reason = result(
        station.execute(CANCEL, {"id": task["id"], "v": 3, "r": ""}), "cancelCareTask"
    )
    assert no_reason["__typename"] == "InvalidInput"
    gone = result(
        station.execute(CANCEL, {"id": task["id"], "v": 3, "r": "家属已安排"}), "cancelCareTask"
    )
    assert gone["task"] == {"status": "CANCELLED", "version": 4}
    late = result(a.execute(TAKE, {"id": task["id"], "v": 4}), "takeCareTask")
    assert late == {"__typename": "Conflict", "code": "TASK_CANCELLED"}

    # A volunteer of another township does not find the task; a charity may not ask.
    other = await place(graph, await _other_station(graph, p.station_id))
    stranger = await _ready(gql, graph, other.volunteers[0])
    missing = result(stranger.execute(TAKE, {"id": skilled["id"], "v": 1}), "takeCareTask")
    assert missing["__typename"] == "NotFound"
    assert skilled["id"] not in str(stranger.execute(FOR_ME))
    assert forbidden(gql.as_user("charity").execute(TAKE, {"id": skilled["id"], "v": 1}))
    assert (await node_props(graph, skilled["id"]) or {})["status"] == "OPEN"


async def test_availability_is_the_volunteers_own(gql: GraphQLClient, graph: Graph) -> None:
    _, p = await _setting(gql, graph, 0)
    a = await volunteer_user(gql, graph, p.volunteers[0])
    me = result(a.execute(PROFILE), "myVolunteerProfile")
    other = {"id": p.volunteers[1], "v": 1, "d": [1], "w": [], "r": 5.0}
    assert forbidden(a.execute(AVAILABILITY, other))
    bad = {"id": me["id"], "v": me["version"], "d": [0, 8], "w": ["9-10"], "r": 80.0}
    errors = result(a.execute(AVAILABILITY, bad), "setVolunteerAvailability")["errors"]
    assert {e["code"] for e in errors} == {"OUT_OF_RANGE", "BAD_WINDOW"}
    stale = {"id": me["id"], "v": me["version"] + 7, "d": [6, 7], "w": [], "r": 5.0}
    answer = result(a.execute(AVAILABILITY, stale), "setVolunteerAvailability")
    assert answer["__typename"] == "StaleVersion"
    ok = {"id": me["id"], "v": me["version"], "d": [7, 6], "w": ["14:00-18:00"], "r": 3.5}
    set_ = result(a.execute(AVAILABILITY, ok), "setVolunteerAvailability")["volunteer"]
    assert set_["availableWeekdays"] == [6, 7] and set_["availableWindows"] == ["14:00-18:00"]
    assert set_["radiusKm"] == 3.5 and set_["version"] == me["version"] + 1
    assert "SET_VOLUNTEER_AVAILABILITY" in await audit_actions(graph, me["id"])
    # Free again: the journeys sign in as volunteers of this village.
    back = {"id": me["id"], "v": set_["version"], "d": [], "w": [], "r": 20.0}
    assert result(a.execute(AVAILABILITY, back), "setVolunteerAvailability")["volunteer"]


async def _other_station(graph: Graph, station_id: str) -> str:
    records, _, _ = await graph.driver.execute_query(
        """MATCH (s:Station)-[:SERVES]->(t:Region) WHERE s.id <> $id
           AND NOT EXISTS { (:Station {id: $id})-[:SERVES]->(t) }
           RETURN s.id AS id ORDER BY id LIMIT 1""",
        id=station_id,
    )
    other: str = records[0]["id"]
    return other
