"""First-responder intake (首问负责) through GraphQL: whoever receives a request owns it,
hands it over (version-guarded, the new owner told), closes it with what it became; an open
intake past its day escalates owner → station → county with a controlled clock
(`runEscalation(now:)` days ahead, narrowed to the test's township)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from graph.driver import Graph
from matching.escalation import follow_up_deadline
from tests.api.registry_support import area_of, audit_actions, single
from tests.api.test_early_warning import fresh_household
from tests.api.test_escalation import run, steps
from tests.conftest import GraphQLClient
from tests.support.clock import app_today

TIMELINE = (
    "query ($h: ID!) { householdTimeline(householdId: $h) "
    "{ kind subjectId detail actor params { name value } } }"
)
FIELDS = "id status version owner: ownerName dueOn outcome resultId note overdue channel"
RECORD = (
    "mutation ($i: RecordIntakeInput!) { recordIntake(input: $i) { __typename "
    "... on RecordIntakeSuccess { intake { " + FIELDS + " } } "
    "... on InvalidInput { errors { field code } } ... on UserError { code field } } }"
)
HAND_OVER = (
    "mutation ($i: ID!, $v: Int!, $u: ID!) { handOverIntake(intakeId: $i, expectedVersion: $v, "
    "toUserId: $u) { __typename ... on HandOverIntakeSuccess { intake { " + FIELDS + " } } "
    "... on StaleVersion { currentVersion } ... on UserError { code field } } }"
)
CLOSE = (
    "mutation ($i: ID!, $v: Int!, $o: IntakeOutcome!, $r: ID, $n: String) { closeIntake("
    "intakeId: $i, expectedVersion: $v, outcome: $o, resultId: $r, note: $n) { __typename "
    "... on CloseIntakeSuccess { intake { " + FIELDS + " } } "
    "... on StaleVersion { currentVersion } ... on InvalidInput { errors { field code } } "
    "... on UserError { code field } } }"
)


def call(client: GraphQLClient, doc: str, **variables: Any) -> dict[str, Any]:
    body = client.execute(doc, variables)
    assert body.get("data"), body
    result: dict[str, Any] = next(iter(body["data"].values()))
    return result


async def user_id(graph: Graph, username: str) -> str:
    found: str = await single(graph, "MATCH (u:User {username: $u}) RETURN u.id", u=username)
    return found


async def test_an_intake_is_owned_handed_over_and_closed_with_what_it_became(
    gql: GraphQLClient, graph: Graph
) -> None:
    station, worker = gql.as_user("station"), gql.as_user("worker")
    area = await area_of(graph, "station")
    today = app_today()

    # refused: nothing asked, a time limit out of range; a township outside the area
    bad = call(
        station,
        RECORD,
        i={"channel": "HOTLINE", "townshipId": area.township_id, "summary": " ", "days": 11},
    )
    assert {(e["field"], e["code"]) for e in bad["errors"]} == {
        ("summary", "REQUIRED"),
        ("days", "OUT_OF_RANGE"),
    }
    outside = call(
        station, RECORD, i={"channel": "HOTLINE", "townshipId": "t-none", "summary": "求助"}
    )
    assert (outside["__typename"], outside["field"]) == ("NotFound", "townshipId"), outside

    # recorded by whoever took the call: theirs, due in three days
    taken = call(
        station,
        RECORD,
        i={
            "channel": "WALK_IN",
            "townshipId": area.township_id,
            "summary": "老人独居，房屋漏雨，请求帮助 / elder alone, leaking roof",
        },
    )
    assert taken["__typename"] == "RecordIntakeSuccess", taken
    intake = taken["intake"]
    assert (intake["status"], intake["version"], intake["channel"]) == ("OPEN", 1, "WALK_IN")
    assert intake["dueOn"] == (today + timedelta(days=3)).isoformat() and intake["owner"]

    # handed over: not by someone else (a worker who does not own it), not on a stale version
    worker_id = await user_id(graph, "worker")
    not_theirs = worker.execute(HAND_OVER, {"i": intake["id"], "v": 1, "u": worker_id})
    assert not_theirs["errors"][0]["extensions"]["code"] == "FORBIDDEN", not_theirs
    stale = call(station, HAND_OVER, i=intake["id"], v=7, u=worker_id)
    assert (stale["__typename"], stale["currentVersion"]) == ("StaleVersion", 1), stale
    nobody = call(station, HAND_OVER, i=intake["id"], v=1, u="user-none")
    assert nobody["__typename"] == "NotFound", nobody
    handed = call(station, HAND_OVER, i=intake["id"], v=1, u=worker_id)
    assert handed["__typename"] == "HandOverIntakeSuccess", handed
    intake = handed["intake"]
    assert intake["version"] == 2
    told = await single(
        graph,
        "MATCH (n:Notification {subject_id: $i, kind: 'INTAKE_HANDED_OVER'}) RETURN n.recipient_id",
        i=intake["id"],
    )
    assert told == worker_id

    # closed by its new owner with the household it became; refused without one, or stale
    household, _ = fresh_household(station, area.village_id)
    missing = call(worker, CLOSE, i=intake["id"], v=2, o="HOUSEHOLD")
    assert missing["errors"][0]["field"] == "resultId", missing
    unknown = call(worker, CLOSE, i=intake["id"], v=2, o="HOUSEHOLD", r="hh-none")
    assert (unknown["__typename"], unknown["field"]) == ("NotFound", "resultId"), unknown
    late = call(worker, CLOSE, i=intake["id"], v=1, o="HOUSEHOLD", r=household)
    assert late["__typename"] == "StaleVersion", late
    done = call(worker, CLOSE, i=intake["id"], v=2, o="HOUSEHOLD", r=household)
    assert done["__typename"] == "CloseIntakeSuccess", done
    assert (done["intake"]["status"], done["intake"]["resultId"]) == ("CLOSED", household)
    again = call(worker, CLOSE, i=intake["id"], v=3, o="ANSWERED", n="已答复")
    assert (again["__typename"], again["code"]) == ("Conflict", "TRANSITION_NOT_ALLOWED"), again
    assert await audit_actions(graph, intake["id"]) == [
        "INTAKE_RECORDED",
        "INTAKE_HANDED_OVER",
        "INTAKE_CLOSED",
    ]
    # the household's story starts from the request it was registered from
    timeline = station.execute(TIMELINE, {"h": household})["data"]["householdTimeline"]
    [entry] = [i for i in timeline if i["subjectId"] == intake["id"]]
    params = {p["name"]: p["value"] for p in entry["params"]}
    assert (entry["kind"], params["channel"], params["registered"]) == ("INTAKE", "WALK_IN", "True")
    assert entry["detail"] == "老人独居，房屋漏雨，请求帮助 / elder alone, leaking roof"
    assert entry["actor"]


async def test_an_overdue_intake_escalates_owner_station_county_and_stops_when_closed(
    gql: GraphQLClient, graph: Graph
) -> None:
    station, coordinator = gql.as_user("station"), gql.as_user("coordinator")
    area = await area_of(graph, "station")
    owner = await user_id(graph, "station")
    county = await single(
        graph, "MATCH (:Region {id: $t})-[:PART_OF]->(c:Region) RETURN c.id", t=area.township_id
    )
    station_id = await single(
        graph,
        "MATCH (s:Station)-[:SERVES]->(:Region {id: $t}) RETURN min(s.id)",
        t=area.township_id,
    )
    intake = call(
        station,
        RECORD,
        i={
            "channel": "HOTLINE",
            "townshipId": area.township_id,
            "summary": "咨询临时救助",
            "days": 1,
        },
    )["intake"]
    deadline = follow_up_deadline(date.fromisoformat(intake["dueOn"]))
    key = intake["id"]
    assert f"{key}:1" not in run(coordinator, deadline - timedelta(minutes=1), area.township_id)
    assert f"{key}:1" in run(coordinator, deadline + timedelta(minutes=1), area.township_id)
    run(coordinator, deadline + timedelta(days=2, minutes=1), area.township_id)
    run(coordinator, deadline + timedelta(days=4, minutes=1), area.township_id)
    assert [
        (s["step"], s["kind"], s["recipient"], s["notice"]) for s in await steps(graph, key)
    ] == [
        (1, "USER", owner, "INTAKE_OVERDUE"),
        (2, "STATION", station_id, "INTAKE_ESCALATED"),
        (3, "COUNTY", county, "INTAKE_ESCALATED"),
    ]

    # a second, still open, is closed before its step 2: it escalates no further
    other = call(
        station,
        RECORD,
        i={
            "channel": "HOTLINE",
            "townshipId": area.township_id,
            "summary": "咨询低保政策",
            "days": 1,
        },
    )["intake"]
    run(coordinator, deadline + timedelta(minutes=2), area.township_id)
    closed = call(station, CLOSE, i=other["id"], v=1, o="ANSWERED", n="已电话答复政策")
    assert closed["__typename"] == "CloseIntakeSuccess", closed
    run(coordinator, deadline + timedelta(days=5), area.township_id)
    assert [s["step"] for s in await steps(graph, other["id"])] == [1]
