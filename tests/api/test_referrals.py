"""Referrals (转介) through GraphQL: sent with a time limit, accepted or refused, closed with
feedback; every move version-guarded and refused from the wrong state; an open referral past
its day escalates (who must act, then the sending station, then the county) with a
controlled clock (`runEscalation(now:)`, days ahead so the real cron never reaches it); the
household's timeline and the station's lists show it."""

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

REFERRAL = (
    "id status version dueOn sentOn request note feedback overdue open targetKind "
    "department targetName household { id }"
)
CREATE = (
    """
mutation ($i: CreateReferralInput!) {
  createReferral(input: $i) {
    __typename
    ... on CreateReferralSuccess { referral { """
    + REFERRAL
    + """ } }
    ... on InvalidInput { code errors { field code } }
    ... on UserError { code field }
  }
}
"""
)
ANSWER = (
    """
mutation ($r: ID!, $v: Int!, $a: ReferralAnswer!, $n: String) {
  answerReferral(referralId: $r, expectedVersion: $v, answer: $a, note: $n) {
    __typename
    ... on AnswerReferralSuccess { referral { """
    + REFERRAL
    + """ } }
    ... on StaleVersion { currentVersion }
    ... on InvalidInput { errors { field code } }
    ... on UserError { code field params { name value } }
  }
}
"""
)
LISTS = """
query ($s: ID!, $received: Boolean!, $h: ID!) {
  stationReferrals(stationId: $s, received: $received, openOnly: true) { id status }
  householdReferrals(householdId: $h) { id status }
  householdTimeline(householdId: $h) { kind subjectId detail params { name value } }
}
"""


def refused_from(result: dict[str, Any]) -> tuple[str, str]:
    """A move the referral's state does not take: (its state, the answer given)."""
    assert (result["__typename"], result["code"]) == ("Conflict", "TRANSITION_NOT_ALLOWED"), result
    params = {p["name"]: p["value"] for p in result["params"]}
    return params["currentStatus"], params["requestedStatus"]


def create(client: GraphQLClient, **fields: Any) -> dict[str, Any]:
    body = client.execute(CREATE, {"i": fields})
    assert body.get("data"), body
    result: dict[str, Any] = body["data"]["createReferral"]
    return result


def answer(
    client: GraphQLClient, ref: dict[str, Any], given: str, note: str | None = None
) -> dict[str, Any]:
    body = client.execute(ANSWER, {"r": ref["id"], "v": ref["version"], "a": given, "n": note})
    assert body.get("data"), body
    result: dict[str, Any] = body["data"]["answerReferral"]
    return result


async def station_of(graph: Graph, household: str) -> str:
    station: str = await single(
        graph,
        "MATCH (h:Household {id: $h}) MATCH (s:Station)-[:SERVES]->(:Region {id: h.township_id}) "
        "RETURN min(s.id)",
        h=household,
    )
    return station


async def test_a_referral_is_sent_accepted_and_closed_with_feedback(
    gql: GraphQLClient, graph: Graph
) -> None:
    station = gql.as_user("station")
    area = await area_of(graph, "station")
    household, _ = fresh_household(station, area.village_id)
    today = app_today()

    # refused input: nothing asked, a department without its name, a time limit out of range
    bad = create(station, householdId=household, targetKind="DEPARTMENT", request=" ", days=0)
    assert bad["__typename"] == "InvalidInput", bad
    assert {(e["field"], e["code"]) for e in bad["errors"]} == {
        ("request", "REQUIRED"),
        ("department", "REQUIRED"),
        ("days", "OUT_OF_RANGE"),
    }
    unknown = create(
        station, householdId=household, targetKind="CHARITY", targetId="ch-none", request="助学"
    )
    assert (unknown["__typename"], unknown["field"]) == ("NotFound", "targetId"), unknown
    assert (
        await single(
            graph, "MATCH (r:Referral)-[:FOR]->(:Household {id: $h}) RETURN count(r)", h=household
        )
        == 0
    )

    # sent: to education, ten days
    sent = create(
        station,
        householdId=household,
        targetKind="DEPARTMENT",
        department="EDUCATION",
        request="子女就学资助申请 / school grant for the child",
        days=10,
    )
    assert sent["__typename"] == "CreateReferralSuccess", sent
    ref = sent["referral"]
    assert (ref["status"], ref["version"], ref["open"], ref["overdue"]) == ("SENT", 1, True, False)
    assert date.fromisoformat(ref["dueOn"]) == date.fromisoformat(ref["sentOn"]) + timedelta(10)
    assert ref["sentOn"] == today.isoformat() and ref["household"]["id"] == household

    # refused moves: feedback before acceptance, refusal without a reason, a stale version
    early = answer(station, ref, "FEEDBACK", "已办")
    assert refused_from(early) == ("SENT", "FEEDBACK")
    mute = answer(station, ref, "REFUSE")
    assert mute["__typename"] == "InvalidInput" and mute["errors"][0]["field"] == "note", mute
    stale = answer(station, {**ref, "version": 7}, "ACCEPT")
    assert (stale["__typename"], stale["currentVersion"]) == ("StaleVersion", 1), stale

    # allowed: accepted, then closed with feedback
    accepted = answer(station, ref, "ACCEPT", "教育局已受理")
    assert accepted["__typename"] == "AnswerReferralSuccess", accepted
    ref = accepted["referral"]
    assert (ref["status"], ref["version"], ref["note"], ref["open"]) == (
        "ACCEPTED",
        2,
        "教育局已受理",
        True,
    )
    again = answer(station, ref, "ACCEPT")
    assert refused_from(again) == ("ACCEPTED", "ACCEPT")
    done = answer(station, ref, "FEEDBACK", "已发放助学金 2000 元")
    assert done["__typename"] == "AnswerReferralSuccess", done
    ref = done["referral"]
    assert (ref["status"], ref["feedback"], ref["open"]) == (
        "COMPLETED",
        "已发放助学金 2000 元",
        False,
    )
    assert await audit_actions(graph, ref["id"]) == [
        "REFERRAL_SENT",
        "REFERRAL_ACCEPTED",
        "REFERRAL_COMPLETED",
    ]

    # the household's referrals and timeline show it; the station's open list no longer does
    sid = await station_of(graph, household)
    lists = station.execute(LISTS, {"s": sid, "received": False, "h": household})
    assert "errors" not in lists, lists
    data = lists["data"]
    assert [r["id"] for r in data["householdReferrals"]] == [ref["id"]]
    assert ref["id"] not in [r["id"] for r in data["stationReferrals"]]
    story = [
        (i["kind"], i["detail"], {p["name"]: p["value"] for p in i["params"]}["status"])
        for i in data["householdTimeline"]
        if i["subjectId"] == ref["id"]
    ]
    # the request, the acceptance with its note, the feedback that closed it
    assert sorted(story) == [
        ("REFERRAL_ANSWERED", "已发放助学金 2000 元", "COMPLETED"),
        ("REFERRAL_ANSWERED", "教育局已受理", "ACCEPTED"),
        ("REFERRAL_SENT", "子女就学资助申请 / school grant for the child", "COMPLETED"),
    ]


async def test_a_refused_referral_is_final(gql: GraphQLClient, graph: Graph) -> None:
    station = gql.as_user("station")
    area = await area_of(graph, "station")
    household, _ = fresh_household(station, area.village_id)
    ref = create(
        station,
        householdId=household,
        targetKind="DEPARTMENT",
        department="HOUSING",
        request="危房改造 / unsafe house",
        days=5,
    )["referral"]
    refused = answer(station, ref, "REFUSE", "不符合危房认定条件")
    assert refused["__typename"] == "AnswerReferralSuccess", refused
    ref = refused["referral"]
    assert (ref["status"], ref["note"], ref["open"]) == ("REFUSED", "不符合危房认定条件", False)
    late = answer(station, ref, "ACCEPT")
    assert refused_from(late) == ("REFUSED", "ACCEPT")


async def test_an_overdue_referral_escalates_and_an_answered_one_stops(
    gql: GraphQLClient, graph: Graph
) -> None:
    station, coordinator = gql.as_user("station"), gql.as_user("coordinator")
    area = await area_of(graph, "station")
    household, _ = fresh_household(station, area.village_id)
    sending = await station_of(graph, household)
    county = await single(graph, "MATCH (h:Household {id: $h}) RETURN h.county_id", h=household)
    other = await single(
        graph, "MATCH (s:Station) WHERE s.id <> $s RETURN s.id ORDER BY s.id LIMIT 1", s=sending
    )
    to_department = create(
        station,
        householdId=household,
        targetKind="DEPARTMENT",
        department="MEDICAL_INSURANCE",
        request="大病医保二次报销 / second reimbursement",
        days=3,
    )["referral"]
    to_station = create(
        station,
        householdId=household,
        targetKind="STATION",
        targetId=other,
        request="户主在外务工，请协助走访 / the head works in your township",
        days=3,
    )["referral"]
    assert to_station["targetName"], to_station
    deadline = follow_up_deadline(date.fromisoformat(to_department["dueOn"]))
    village = area.village_id

    # a pass just before the deadline: nothing
    before = run(coordinator, deadline - timedelta(minutes=1), village)
    assert not [s for s in before if s.startswith(to_department["id"])]

    # just after: who must act is reminded (a department: the sending station chases it;
    # a station: the receiving station)
    after = run(coordinator, deadline + timedelta(minutes=1), village)
    assert f"{to_department['id']}:1" in after and f"{to_station['id']}:1" in after
    first = await steps(graph, to_station["id"])
    assert [(s["step"], s["kind"], s["recipient"], s["notice"]) for s in first] == [
        (1, "STATION", other, "REFERRAL_OVERDUE")
    ]
    # the same pass again adds nothing
    assert not [
        s
        for s in run(coordinator, deadline + timedelta(minutes=1), village)
        if s.startswith(to_department["id"])
    ]

    # the receiving station accepts: still open, still overdue until its feedback
    accepted = answer(station, to_station, "ACCEPT")
    assert accepted["__typename"] == "AnswerReferralSuccess", accepted
    done = answer(station, accepted["referral"], "FEEDBACK", "已走访 / visited")
    assert done["__typename"] == "AnswerReferralSuccess", done

    # later passes: the department referral goes to the station, then the county; the closed
    # one escalates no further
    run(coordinator, deadline + timedelta(days=2, minutes=1), village)
    late: list[str] = run(coordinator, deadline + timedelta(days=4, minutes=1), village)
    assert f"{to_department['id']}:3" in late
    recorded = await steps(graph, to_department["id"])
    assert [(s["step"], s["kind"], s["recipient"], s["notice"]) for s in recorded] == [
        (1, "STATION", sending, "REFERRAL_OVERDUE"),
        (2, "STATION", sending, "REFERRAL_ESCALATED"),
        (3, "COUNTY", county, "REFERRAL_ESCALATED"),
    ]
    assert [s["step"] for s in await steps(graph, to_station["id"])] == [1]
    assert "ESCALATE" in await audit_actions(graph, to_department["id"])


def test_outside_the_area_a_referral_is_not_found(gql: GraphQLClient) -> None:
    worker = gql.as_user("worker")
    ghost = create(
        worker,
        householdId="hh-none",
        targetKind="DEPARTMENT",
        department="EMPLOYMENT",
        request="就业援助",
    )
    assert ghost["__typename"] == "NotFound", ghost
    body = worker.execute(ANSWER, {"r": "ref-none", "v": 1, "a": "ACCEPT", "n": None})
    assert body["data"]["answerReferral"]["__typename"] == "NotFound", body
