"""Case conferences (个案会商) through GraphQL: convened with its participants, recorded as
held with decisions (each with an owner and a due day), decisions done, closed; or
cancelled. Every move version-guarded and refused from the wrong state; bad input is a typed
error that writes nothing; the household's timeline and the owner's list show the
decisions; an open decision past its day escalates owner → station → county with a
controlled clock (`runEscalation(now:)`, days ahead so the real cron never reaches it)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from graph.driver import Graph
from matching.escalation import follow_up_deadline, today_in_china
from tests.api.registry_support import area_of, audit_actions, forbidden, single
from tests.api.test_early_warning import fresh_household, station_worker
from tests.api.test_escalation import run, steps
from tests.conftest import GraphQLClient

DECISION = "id status version what ownerWorkerId ownerName dueOn doneNote overdue"
CONFERENCE = (
    "id status version heldOn topic notes closeNote "
    "participants { name agencyKind agencyName role } decisions { " + DECISION + " }"
)
INPUT_ERRORS = """
    ... on InvalidInput { errors { field code } }
    ... on UserError { code field params { name value } }
"""
ERRORS = "... on StaleVersion { currentVersion }" + INPUT_ERRORS
CONVENE = (
    "mutation ($i: ConveneConferenceInput!) { conveneConference(input: $i) { __typename "
    "... on ConveneConferenceSuccess { conference { " + CONFERENCE + " } }" + INPUT_ERRORS + "} }"
)
RECORD = (
    "mutation ($c: ID!, $v: Int!, $n: String!, $d: [ConferenceDecisionInput!]!) {"
    " recordConference(conferenceId: $c, expectedVersion: $v, notes: $n, decisions: $d) {"
    " __typename ... on RecordConferenceSuccess { conference { "
    + CONFERENCE
    + " } }"
    + ERRORS
    + "} }"
)
CLOSE = (
    "mutation ($c: ID!, $v: Int!, $n: String) {"
    " closeConference(conferenceId: $c, expectedVersion: $v, note: $n) {"
    " __typename ... on CloseConferenceSuccess { conference { "
    + CONFERENCE
    + " } }"
    + ERRORS
    + "} }"
)
DONE = (
    "mutation ($d: ID!, $v: Int!, $n: String!) {"
    " completeConferenceDecision(decisionId: $d, expectedVersion: $v, note: $n) {"
    " __typename ... on CompleteConferenceDecisionSuccess { decision { "
    + DECISION
    + " } }"
    + ERRORS
    + "} }"
)
LISTS = (
    "query ($h: ID!) { householdConferences(householdId: $h) { id status }"
    " conferenceDecisions(mine: true) { id ownerName household { id } }"
    " householdTimeline(householdId: $h) { kind subjectId detail params { name value } } }"
)
PEOPLE = [
    {"name": "王芳", "agencyKind": "STATION", "agencyName": "镇社工站", "role": "站长"},
    {"name": "李强", "agencyKind": "DEPARTMENT", "agencyName": "县医保局", "role": "科长"},
    {"name": "赵敏", "agencyKind": "CHARITY", "agencyName": "县慈善总会"},
]


def today() -> date:
    return today_in_china(datetime.now(UTC))


def call(client: GraphQLClient, document: str, field: str, **values: Any) -> dict[str, Any]:
    body = client.execute(document, values)
    assert body.get("data"), body
    result: dict[str, Any] = body["data"][field]
    return result


def convene(client: GraphQLClient, household: str, **overrides: Any) -> dict[str, Any]:
    fields = {
        "householdId": household,
        "heldOn": today().isoformat(),
        "topic": "因病致贫户：医疗费用与子女就学 / medical costs and schooling",
        "participants": PEOPLE,
        **overrides,
    }
    return call(client, CONVENE, "conveneConference", i=fields)


def record(
    client: GraphQLClient, conf: dict[str, Any], decisions: list[dict[str, Any]], notes: str = ""
) -> dict[str, Any]:
    return call(
        client,
        RECORD,
        "recordConference",
        c=conf["id"],
        v=conf["version"],
        n=notes or "医保二次报销由医保局办理；助学金由社工站申请。",
        d=decisions,
    )


def refused_from(result: dict[str, Any]) -> tuple[str, str]:
    assert (result["__typename"], result["code"]) == ("Conflict", "TRANSITION_NOT_ALLOWED"), result
    params = {p["name"]: p["value"] for p in result["params"]}
    return params["currentStatus"], params["requestedStatus"]


def day(days: int) -> str:
    return (today() + timedelta(days=days)).isoformat()


async def test_a_conference_is_convened_held_followed_up_and_closed(
    gql: GraphQLClient, graph: Graph
) -> None:
    station, worker = gql.as_user("station"), gql.as_user("worker")
    area = await area_of(graph, "station")
    household, _ = fresh_household(station, area.village_id)
    worker_id, _ = await station_worker(graph)

    # refused input: a day past, no topic, a single participant without an agency
    bad = convene(
        station,
        household,
        heldOn=day(-1),
        topic=" ",
        participants=[{"name": "王芳", "agencyKind": "STATION", "agencyName": ""}],
    )
    assert bad["__typename"] == "InvalidInput", bad
    assert {(e["field"], e["code"]) for e in bad["errors"]} == {
        ("heldOn", "PAST_DATE"),
        ("topic", "REQUIRED"),
        ("participants", "TOO_FEW"),
        ("participants.0.agencyName", "REQUIRED"),
    }
    typo = convene(station, household, heldOn="2026-02-30")
    assert (typo["__typename"], typo["errors"]) == (
        "InvalidInput",
        [{"field": "heldOn", "code": "INVALID_FORMAT"}],
    ), typo
    count = "MATCH (c:Conference)-[:FOR]->(:Household {id: $h}) RETURN count(c)"
    assert await single(graph, count, h=household) == 0

    # convened for today
    made = convene(station, household)
    assert made["__typename"] == "ConveneConferenceSuccess", made
    conf = made["conference"]
    assert (conf["status"], conf["version"], len(conf["participants"])) == ("SCHEDULED", 1, 3)
    assert conf["participants"][1] == PEOPLE[1]

    # refused decisions: without owner, with two owners, without or past a due day
    wrong = record(
        station,
        conf,
        [
            {"what": "医保二次报销", "dueOn": day(10)},
            {"what": "助学金", "ownerWorkerId": worker_id, "ownerName": "李强", "dueOn": day(5)},
            {"what": "危房评估", "ownerName": "住建局"},
            {"what": "低保复核", "ownerName": "民政办", "dueOn": day(-2)},
        ],
    )
    assert wrong["__typename"] == "InvalidInput", wrong
    assert {(e["field"], e["code"]) for e in wrong["errors"]} == {
        ("decisions.0.owner", "REQUIRED"),
        ("decisions.1.owner", "NOT_APPLICABLE"),
        ("decisions.2.dueOn", "REQUIRED"),
        ("decisions.3.dueOn", "PAST_DATE"),
    }
    none = record(station, conf, [])
    assert none["errors"] == [{"field": "decisions", "code": "REQUIRED"}], none
    stranger = record(
        station, conf, [{"what": "随访", "ownerWorkerId": "sw-none", "dueOn": day(3)}]
    )
    assert (stranger["__typename"], stranger["field"]) == (
        "NotFound",
        "decisions.0.ownerWorkerId",
    ), stranger
    stale = record(
        station, {**conf, "version": 9}, [{"what": "随访", "ownerName": "李强", "dueOn": day(3)}]
    )
    assert (stale["__typename"], stale["currentVersion"]) == ("StaleVersion", 1), stale
    early_close = call(station, CLOSE, "closeConference", c=conf["id"], v=1, n=None)
    assert early_close["errors"] == [{"field": "note", "code": "REQUIRED"}], early_close

    # held: two decisions, one for the demo worker, one for the department's officer
    held = record(
        station,
        conf,
        [
            {
                "what": "申请助学金 / apply for the school grant",
                "ownerWorkerId": worker_id,
                "dueOn": day(7),
            },
            {"what": "大病医保二次报销", "ownerName": "县医保局 李强", "dueOn": day(14)},
        ],
    )
    assert held["__typename"] == "RecordConferenceSuccess", held
    conf = held["conference"]
    assert (conf["status"], conf["version"], conf["notes"]) == (
        "HELD",
        2,
        "医保二次报销由医保局办理；助学金由社工站申请。",
    )
    grant, medical = conf["decisions"]
    assert (grant["ownerWorkerId"], grant["status"], grant["overdue"]) == (worker_id, "OPEN", False)
    assert grant["ownerName"] and medical["ownerName"] == "县医保局 李强"
    again = record(station, conf, [{"what": "随访", "ownerName": "李强", "dueOn": day(3)}])
    assert refused_from(again) == ("HELD", "HELD")

    # the worker sees the decision among theirs; the timeline shows both as due
    lists = worker.execute(LISTS, {"h": household})
    assert "errors" not in lists, lists
    mine = [d for d in lists["data"]["conferenceDecisions"] if d["id"] == grant["id"]]
    assert mine and mine[0]["household"]["id"] == household
    kinds = {(i["kind"], i["subjectId"]) for i in lists["data"]["householdTimeline"]}
    assert {("CONFERENCE_CONVENED", conf["id"]), ("CONFERENCE_HELD", conf["id"])} <= kinds
    assert {("DECISION_DUE", grant["id"]), ("DECISION_DUE", medical["id"])} <= kinds

    # not closed while a decision is open
    open_left = call(station, CLOSE, "closeConference", c=conf["id"], v=2, n=None)
    assert (open_left["__typename"], open_left["code"]) == ("Conflict", "DECISIONS_OPEN"), open_left

    # decisions done: words required, version-guarded, once
    mute = call(worker, DONE, "completeConferenceDecision", d=grant["id"], v=1, n=" ")
    assert mute["__typename"] == "InvalidInput", mute
    old = call(worker, DONE, "completeConferenceDecision", d=grant["id"], v=5, n="已申请")
    assert (old["__typename"], old["currentVersion"]) == ("StaleVersion", 1), old
    done = call(worker, DONE, "completeConferenceDecision", d=grant["id"], v=1, n="已申请 2000 元")
    assert done["__typename"] == "CompleteConferenceDecisionSuccess", done
    assert (done["decision"]["status"], done["decision"]["version"]) == ("DONE", 2)
    twice = call(worker, DONE, "completeConferenceDecision", d=grant["id"], v=2, n="再次")
    assert refused_from(twice) == ("DONE", "DONE")
    call(station, DONE, "completeConferenceDecision", d=medical["id"], v=1, n="已报销")

    # closed, then final
    stale_close = call(station, CLOSE, "closeConference", c=conf["id"], v=1, n=None)
    assert stale_close["__typename"] == "StaleVersion", stale_close
    closed = call(station, CLOSE, "closeConference", c=conf["id"], v=2, n="两项均已办结")
    assert closed["__typename"] == "CloseConferenceSuccess", closed
    assert (closed["conference"]["status"], closed["conference"]["version"]) == ("CLOSED", 3)
    final = call(station, CLOSE, "closeConference", c=conf["id"], v=3, n="再关")
    assert refused_from(final) == ("CLOSED", "CLOSED")
    assert await audit_actions(graph, conf["id"]) == [
        "CONFERENCE_CONVENED",
        "CONFERENCE_HELD",
        "CONFERENCE_CLOSED",
    ]
    assert await audit_actions(graph, grant["id"]) == [
        "CONFERENCE_DECISION_RECORDED",
        "CONFERENCE_DECISION_DONE",
    ]
    timeline = worker.execute(LISTS, {"h": household})["data"]["householdTimeline"]
    assert ("DECISION_DONE", grant["id"]) in {(i["kind"], i["subjectId"]) for i in timeline}


async def test_a_future_conference_is_not_recorded_early_and_can_be_cancelled(
    gql: GraphQLClient, graph: Graph
) -> None:
    station = gql.as_user("station")
    area = await area_of(graph, "station")
    household, _ = fresh_household(station, area.village_id)
    too_far = convene(station, household, heldOn=day(120))
    assert too_far["errors"] == [{"field": "heldOn", "code": "OUT_OF_RANGE"}], too_far
    conf = convene(station, household, heldOn=day(3))["conference"]
    early = record(station, conf, [{"what": "随访", "ownerName": "李强", "dueOn": day(5)}])
    assert (early["__typename"], early["code"]) == ("Conflict", "NOT_YET_HELD"), early
    cancelled = call(station, CLOSE, "closeConference", c=conf["id"], v=1, n="医保局无法到场")
    assert cancelled["__typename"] == "CloseConferenceSuccess", cancelled
    assert (cancelled["conference"]["status"], cancelled["conference"]["closeNote"]) == (
        "CANCELLED",
        "医保局无法到场",
    )
    late = record(
        station, cancelled["conference"], [{"what": "随访", "ownerName": "李", "dueOn": day(5)}]
    )
    assert refused_from(late) == ("CANCELLED", "HELD")


async def test_an_overdue_decision_escalates_and_a_done_one_stops(
    gql: GraphQLClient, graph: Graph
) -> None:
    station, coordinator = gql.as_user("station"), gql.as_user("coordinator")
    area = await area_of(graph, "station")
    household, _ = fresh_household(station, area.village_id)
    worker_id, _ = await station_worker(graph)
    conf = convene(station, household)["conference"]
    held = record(
        station,
        conf,
        [
            {"what": "入户核实医疗费用", "ownerWorkerId": worker_id, "dueOn": day(2)},
            {"what": "医保二次报销", "ownerName": "县医保局 李强", "dueOn": day(2)},
        ],
    )["conference"]
    mine, theirs = held["decisions"]
    if mine["ownerWorkerId"] is None:
        mine, theirs = theirs, mine
    county = await single(graph, "MATCH (h:Household {id: $h}) RETURN h.county_id", h=household)
    home = await single(graph, "MATCH (c:Conference {id: $c}) RETURN c.station_id", c=conf["id"])
    convener = await single(graph, "MATCH (u:User {username: 'station'}) RETURN u.id")
    deadline = follow_up_deadline(date.fromisoformat(mine["dueOn"]))
    village = area.village_id

    assert not [
        s
        for s in run(coordinator, deadline - timedelta(minutes=1), village)
        if s.startswith(mine["id"])
    ]
    after = run(coordinator, deadline + timedelta(minutes=1), village)
    assert f"{mine['id']}:1" in after and f"{theirs['id']}:1" in after
    # step 1: the owner; a name outside the platform: the user who convened, who chases it
    assert [
        (s["step"], s["kind"], s["recipient"], s["notice"]) for s in await steps(graph, mine["id"])
    ] == [(1, "WORKER", worker_id, "DECISION_OVERDUE")]
    assert [(s["kind"], s["recipient"]) for s in await steps(graph, theirs["id"])] == [
        ("USER", convener)
    ]
    # the same pass again adds nothing
    assert not [
        s
        for s in run(coordinator, deadline + timedelta(minutes=1), village)
        if s.startswith(mine["id"])
    ]

    # the officer's decision is done; the worker's escalates to the station, then the county
    done = call(station, DONE, "completeConferenceDecision", d=theirs["id"], v=1, n="已报销")
    assert done["__typename"] == "CompleteConferenceDecisionSuccess", done
    run(coordinator, deadline + timedelta(days=2, minutes=1), village)
    late = run(coordinator, deadline + timedelta(days=4, minutes=1), village)
    assert f"{mine['id']}:3" in late
    assert [
        (s["step"], s["kind"], s["recipient"], s["notice"]) for s in await steps(graph, mine["id"])
    ] == [
        (1, "WORKER", worker_id, "DECISION_OVERDUE"),
        (2, "STATION", home, "DECISION_ESCALATED"),
        (3, "COUNTY", county, "DECISION_ESCALATED"),
    ]
    assert [s["step"] for s in await steps(graph, theirs["id"])] == [1]
    assert "ESCALATE" in await audit_actions(graph, mine["id"])


def test_outside_roles_and_areas_see_no_conference(gql: GraphQLClient) -> None:
    worker = gql.as_user("worker")
    ghost = convene(worker, "hh-none")
    assert (ghost["__typename"], ghost["field"]) == ("NotFound", "householdId"), ghost
    missing = call(worker, CLOSE, "closeConference", c="conf-none", v=1, n="x")
    assert missing["__typename"] == "NotFound", missing
    for outsider in ("charity", "enterprise", "volunteer"):
        body = gql.as_user(outsider).execute(
            'query { householdConferences(householdId: "hh-none") { id topic } }'
        )
        assert forbidden(body), (outsider, body)
