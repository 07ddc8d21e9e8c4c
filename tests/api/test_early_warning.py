"""Early warning through GraphQL with the real worker: events in, alerts out, a verifying
visit resolves them and tells the reporters; duplicates, unknown ID numbers and bad feed
lines are reported, never dropped; rescoring is idempotent.

Every household here is created by the test, so nothing depends on the demo county's
warning levels or on what other tests do.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from graph.alerts import resolve_alerts_for_visit_tx
from graph.audit import Actor
from graph.driver import Graph
from tests.api.registry_support import (
    area_of,
    audit_events,
    create_household,
    member,
    new_id_number,
    scope_id_of,
    single,
)
from tests.conftest import GraphQLClient
from tests.support.clock import app_now, app_today
from tests.support.jobs import wait_for_job

RECORD = """
mutation ($input: RecordIndicatorEventInput!) {
  recordIndicatorEvent(input: $input) {
    __typename
    ... on RecordIndicatorEventSuccess {
      duplicate levelBefore level score indicators
      event { id kind householdId personId occurredOn amount source reportedBy }
      alert { id level status dueAt raisedAt assignedKind assignedId indicators eventIds
              household { id warningLevel } }
    }
    ... on InvalidInput { message field code errors { field reason code } }
    ... on NotFound { message field code }
  }
}
"""
ALERT = """
query ($id: ID!) {
  alert(id: $id) { id level status resolvedAt resolvedByVisit supersededBy version overdue }
}
"""
HOUSEHOLD_ALERTS = """
query ($h: ID!) {
  householdAlerts(householdId: $h) { id level status supersededBy assignedKind assignedId }
  householdEvents(householdId: $h) { id kind amount source externalId }
  household(id: $h) { id warningLevel riskScore version }
}
"""
ALERTS = """
query ($first: Int!, $after: String, $filter: AlertFilterInput) {
  alerts(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id level dueAt householdId assignedKind assignedId status } }
  }
}
"""
REASSIGN = """
mutation ($h: ID!, $w: ID!) {
  reassignHousehold(householdId: $h, workerId: $w, reason: "测试", override: true) {
    __typename ... on UserError { message code }
  }
}
"""
IMPORT = """
mutation ($file: Upload!) {
  importIndicatorEvents(file: $file) {
    __typename
    ... on ImportIndicatorEventsSuccess { job { id status } }
    ... on UserError { message field code }
  }
}
"""
RESCORE = """
mutation ($scope: WatchScopeInput) { rescoreHouseholds(scope: $scope) { id status } }
"""


def today() -> str:
    # The API judges "the future" by the day in China; a day ago is always in the past.
    return (datetime.now(UTC) - timedelta(days=1)).date().isoformat()


def record(client: GraphQLClient, **fields: Any) -> dict[str, Any]:
    body = client.execute(RECORD, {"input": {"occurredOn": today(), **fields}})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["recordIndicatorEvent"]
    return result


def fresh_household(station: GraphQLClient, village_id: str, **overrides: Any) -> tuple[str, str]:
    """(household id, the head's ID number) of a new household of 2 on 400 yuan each."""
    head = member()
    h = create_household(
        station,
        village_id,
        members=[head, member("SPOUSE", sex="F", idNumber=new_id_number(male=False))],
        monthlyIncomePerPerson=400.0,
        **overrides,
    )
    return h["id"], head["idNumber"]


async def station_worker(graph: Graph) -> tuple[str, str]:
    """(the demo worker's id, its station's id)."""
    worker = await scope_id_of(graph, "worker")
    station = await single(
        graph, "MATCH (:SocialWorker {id: $w})-[:WORKS_AT]->(s:Station) RETURN s.id", w=worker
    )
    return worker, station


async def test_event_raises_an_alert_a_visit_resolves_it_and_the_reporters_hear(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a household followed by the demo worker
    station, worker = gql.as_user("station"), gql.as_user("worker")
    area = await area_of(graph, "station")
    household, id_number = fresh_household(station, area.village_id)
    worker_id, _ = await station_worker(graph)
    moved = station.execute(REASSIGN, {"h": household, "w": worker_id})
    assert moved["data"]["reassignHousehold"]["__typename"] == "ReassignHouseholdSuccess", moved
    version_before = station.execute(HOUSEHOLD_ALERTS, {"h": household})["data"]["household"][
        "version"
    ]

    # when: the worker reports a hospitalisation by ID number
    started = datetime.now(UTC)
    first = record(worker, idNumber=id_number, kind="HOSPITALISATION", source="县医院")

    # then: YELLOW, one alert due in 10 days, assigned to the worker
    assert first["__typename"] == "RecordIndicatorEventSuccess", first
    assert (first["duplicate"], first["levelBefore"], first["level"]) == (False, "NONE", "YELLOW")
    assert first["event"]["personId"] and first["event"]["householdId"] == household
    alert = first["alert"]
    assert alert["level"] == "YELLOW" and alert["status"] == "OPEN"
    assert (alert["assignedKind"], alert["assignedId"]) == ("WORKER", worker_id)
    assert alert["household"] == {"id": household, "warningLevel": "YELLOW"}
    due = datetime.fromisoformat(alert["dueAt"])
    assert timedelta(days=10) <= due - started <= timedelta(days=10, minutes=1)

    # when: the same event is fed again
    again = record(worker, idNumber=id_number, kind="HOSPITALISATION", source="县医院")
    # then: recorded once, no second alert
    assert again["duplicate"] is True and again["alert"] is None
    assert again["event"]["id"] == first["event"]["id"]
    state = station.execute(HOUSEHOLD_ALERTS, {"h": household})["data"]
    assert len(state["householdEvents"]) == 1 and len(state["householdAlerts"]) == 1
    # and the score is not a registry edit: the household's version did not move
    assert state["household"]["version"] == version_before
    assert state["household"]["warningLevel"] == "YELLOW"

    # when: the station reports a chronic disease too: overlapping hardships, ORANGE
    second = record(station, householdId=household, kind="CHRONIC_DISEASE")
    assert second["level"] == "ORANGE" and second["alert"]["level"] == "ORANGE"
    orange = second["alert"]["id"]
    assert set(second["alert"]["eventIds"]) == {first["event"]["id"], second["event"]["id"]}
    # the open yellow alert is covered by the orange one
    yellow = station.execute(ALERT, {"id": alert["id"]})["data"]["alert"]
    assert yellow["status"] == "RESOLVED" and yellow["supersededBy"] == orange

    # when: a verifying visit is recorded (the visit engineer calls this in their tx)
    visit_id = f"visit-test-{uuid.uuid4().hex[:8]}"
    async with graph.driver.session() as session:
        resolved = await session.execute_write(
            resolve_alerts_for_visit_tx,
            household_id=household,
            visit_id=visit_id,
            visited_at=datetime.now(UTC),
            actor=Actor("user-demo-worker", "SOCIAL_WORKER", app_now()),
        )
    # then: the orange alert is resolved by the visit
    assert resolved == [orange]
    done = station.execute(ALERT, {"id": orange})["data"]["alert"]
    assert done["status"] == "RESOLVED" and done["resolvedByVisit"] == visit_id
    assert done["version"] == 2 and done["overdue"] is False
    # and both reporters are told, once each
    records, _, _ = await graph.driver.execute_query(
        "MATCH (n:Notification {kind: 'REPORT_RESOLVED', subject_id: $a}) "
        "RETURN n.recipient_kind AS kind, n.recipient_id AS user ORDER BY user",
        a=orange,
    )
    assert [(r["kind"], r["user"]) for r in records] == [
        ("USER", "user-demo-station"),
        ("USER", "user-demo-worker"),
    ]
    # and the raise, the supersession and the resolution are audited
    assert [e["action"] for e in await audit_events(graph, orange)] == [
        "RAISE_ALERT",
        "RESOLVE_ALERT",
    ]
    assert "SUPERSEDE_ALERT" in [e["action"] for e in await audit_events(graph, alert["id"])]

    # when: the visit transaction is retried
    async with graph.driver.session() as session:
        again_resolved = await session.execute_write(
            resolve_alerts_for_visit_tx,
            household_id=household,
            visit_id=visit_id,
            visited_at=datetime.now(UTC),
            actor=Actor("user-demo-worker", "SOCIAL_WORKER", app_now()),
        )
    # then: nothing more is resolved and nobody is told twice
    assert again_resolved == []
    count = await single(
        graph,
        "MATCH (n:Notification {kind: 'REPORT_RESOLVED', subject_id: $a}) RETURN count(n)",
        a=orange,
    )
    assert count == 2


async def test_a_visit_before_the_alert_was_raised_does_not_resolve_it(
    gql: GraphQLClient, graph: Graph
) -> None:
    station = gql.as_user("station")
    area = await area_of(graph, "station")
    household, _ = fresh_household(station, area.village_id)
    raised = record(station, householdId=household, kind="NEW_DISABILITY")["alert"]
    async with graph.driver.session() as session:
        resolved = await session.execute_write(
            resolve_alerts_for_visit_tx,
            household_id=household,
            visit_id="visit-earlier",
            visited_at=datetime.now(UTC) - timedelta(hours=1),
            actor=Actor("user-demo-worker", "SOCIAL_WORKER", app_now()),
        )
    assert resolved == []
    assert station.execute(ALERT, {"id": raised["id"]})["data"]["alert"]["status"] == "OPEN"


async def test_a_household_without_a_worker_alerts_its_station(
    gql: GraphQLClient, graph: Graph
) -> None:
    station = gql.as_user("station")
    area = await area_of(graph, "station")
    household, _ = fresh_household(station, area.village_id)
    serving = await single(
        graph,
        "MATCH (s:Station)-[:SERVES]->(:Region {id: $t}) RETURN min(s.id)",
        t=area.township_id,
    )
    # three overlapping hardships: RED, two days to visit
    record(station, householdId=household, kind="HOSPITALISATION")
    record(station, householdId=household, kind="NEW_UNEMPLOYMENT")
    red = record(station, householdId=household, kind="MEDICAL_COST", amount=5000)
    assert red["level"] == "RED", red
    assert red["indicators"] == ["HOSPITALISATION", "NEW_UNEMPLOYMENT", "MEDICAL_COST"]
    alert = red["alert"]
    assert (alert["assignedKind"], alert["assignedId"]) == ("STATION", serving)
    due = datetime.fromisoformat(alert["dueAt"]) - datetime.fromisoformat(alert["raisedAt"])
    assert due == timedelta(days=2)


def test_unknown_and_invalid_input_is_reported_not_dropped(gql: GraphQLClient) -> None:
    worker = gql.as_user("worker")
    unknown = new_id_number()
    result = record(worker, idNumber=unknown, kind="HOSPITALISATION")
    assert result["__typename"] == "NotFound" and result["field"] == "idNumber"
    assert unknown in result["message"]

    bad = record(worker, idNumber=unknown[:17] + "Y", kind="MEDICAL_COST")
    assert bad["__typename"] == "InvalidInput"
    assert {(p["field"], p["code"]) for p in bad["errors"]} == {
        ("idNumber", "INVALID_ID_NUMBER"),
        ("amount", "MISSING_VALUE"),
    }

    future = (app_today() + timedelta(days=3)).isoformat()
    late = record(worker, idNumber=unknown, kind="HOSPITALISATION", occurredOn=future)
    assert late["__typename"] == "InvalidInput" and late["errors"][0]["code"] == "FUTURE_DATE"

    neither = record(worker, kind="HOSPITALISATION")
    assert neither["__typename"] == "InvalidInput" and neither["field"] == "householdId"

    body = gql.as_user("charity").execute(
        RECORD, {"input": {"householdId": "h-x", "kind": "HOSPITALISATION", "occurredOn": today()}}
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_household_outside_the_area_is_not_found(gql: GraphQLClient, graph: Graph) -> None:
    admin = gql.as_user("admin")
    area = await area_of(graph, "station")
    # a household in another station's township, created by the county administrator
    household, id_number = fresh_household(admin, area.other_village_id)
    station = gql.as_user("station")
    by_id = record(station, householdId=household, kind="HOSPITALISATION")
    by_number = record(station, idNumber=id_number, kind="HOSPITALISATION")
    assert by_id["__typename"] == by_number["__typename"] == "NotFound"
    count = await single(
        graph, "MATCH (e:IndicatorEvent {household_id: $h}) RETURN count(e)", h=household
    )
    assert count == 0


def upload(client: GraphQLClient, data: bytes, filename: str) -> dict[str, Any]:
    operations = json.dumps({"query": IMPORT, "variables": {"file": None}})
    r = httpx.post(
        client.url,
        data={"operations": operations, "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (filename, data, "text/plain")},
        # Uploads need the client header (no cross-site form posts).
        headers={"Authorization": f"Bearer {client.token}", "X-Bangfu-Client": "web"},
        timeout=60,
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["importIndicatorEvents"]
    return result


async def test_a_feed_file_records_known_people_and_lists_unknown_ones(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: two households, and a CSV as a medical-insurance department would send it
    coordinator = gql.as_user("coordinator")
    area = await area_of(graph, "station")
    h1, n1 = fresh_household(coordinator, area.village_id)
    h2, n2 = fresh_household(coordinator, area.village_id)
    stranger = new_id_number()
    day = today()
    feed = (
        "id_number,kind,occurred_on,amount,source,external_id\n"
        f"{n1},住院,{day},,医保,claim-{n1}-1\n"
        f"{n1},MEDICAL_COST,{day},9000,医保,claim-{n1}-2\n"
        f"{stranger},HOSPITALISATION,{day},,医保,claim-{stranger}\n"
        f"{n2},NEW_UNEMPLOYMENT,{day},,人社,\n"
        f"{n2},NEW_UNEMPLOYMENT,{day},,人社,\n"  # the same line twice in one file
    ).encode()

    # when
    started = upload(coordinator, feed, "yibao.csv")
    assert started["__typename"] == "ImportIndicatorEventsSuccess", started
    job, seen = wait_for_job(coordinator, started["job"]["id"])

    # then: recorded, with the unknown ID number listed by line
    assert job["status"] == "SUCCEEDED", job
    result = job["result"]
    assert (result["lines"], result["recorded"], result["duplicates"]) == (5, 3, 1)
    assert result["unknown_id_numbers"] == [{"line": 4, "id_number": stranger}]
    assert result["households_rescored"] == 2 and result["alerts_raised"] == 2
    levels = {
        h: coordinator.execute(HOUSEHOLD_ALERTS, {"h": h})["data"]["household"]["warningLevel"]
        for h in (h1, h2)
    }
    assert levels == {h1: "ORANGE", h2: "BLUE"}  # 0.30 + 0.20 + 0.05; 0.15

    # when: the department sends the same file again
    again, _ = wait_for_job(coordinator, upload(coordinator, feed, "yibao.csv")["job"]["id"])
    # then: nothing twice
    assert again["status"] == "SUCCEEDED", again
    assert (again["result"]["recorded"], again["result"]["duplicates"]) == (0, 4)
    assert again["result"]["alerts_raised"] == 0
    alerts = coordinator.execute(HOUSEHOLD_ALERTS, {"h": h1})["data"]["householdAlerts"]
    assert len(alerts) == 1


async def test_a_feed_with_a_bad_line_is_refused_whole_with_line_numbers(
    gql: GraphQLClient, graph: Graph
) -> None:
    coordinator = gql.as_user("coordinator")
    area = await area_of(graph, "station")
    household, number = fresh_household(coordinator, area.village_id)
    lines = [
        {"id_number": number, "kind": "HOSPITALISATION", "occurred_on": today()},
        {"id_number": number, "kind": "FIRE", "occurred_on": "2026-02-30"},
        "not json",
        {"id_number": number, "kind": "SCHOOLING_COST", "occurred_on": today()},
    ]
    data = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode()

    job, _ = wait_for_job(coordinator, upload(coordinator, data, "jiaoyu.jsonl")["job"]["id"])

    assert job["status"] == "FAILED"
    errors = [(e["line"], e["field"], e["code"]) for e in job["result"]["errors"]]
    assert errors == [
        (2, "kind", "UNKNOWN_VALUE"),
        (2, "occurred_on", "IMPOSSIBLE_DATE"),
        (3, "", "INVALID_FORMAT"),
        (4, "amount", "MISSING_VALUE"),
    ]
    count = await single(
        graph, "MATCH (e:IndicatorEvent {household_id: $h}) RETURN count(e)", h=household
    )
    assert count == 0  # the good first line was not recorded either


async def test_rescoring_an_area_is_idempotent_and_alerts_list_red_first(
    gql: GraphQLClient, graph: Graph
) -> None:
    station = gql.as_user("station")
    area = await area_of(graph, "station")
    blue, _ = fresh_household(station, area.village_id)
    red, _ = fresh_household(station, area.village_id)
    record(station, householdId=blue, kind="COLLEGE_ADMISSION")
    for kind in ("HOSPITALISATION", "CHRONIC_DISEASE", "NEW_DISABILITY"):
        record(station, householdId=red, kind=kind)
    before = await single(
        graph, "MATCH (a:Alert) WHERE a.household_id IN $h RETURN count(a)", h=[blue, red]
    )

    job, _ = wait_for_job(
        station,
        station.execute(RESCORE, {"scope": {"regionId": area.village_id}})["data"][
            "rescoreHouseholds"
        ]["id"],
    )

    assert job["status"] == "SUCCEEDED", job
    assert job["result"]["alerts_raised"] == 0 and job["result"]["households"] >= 2
    after = await single(
        graph, "MATCH (a:Alert) WHERE a.household_id IN $h RETURN count(a)", h=[blue, red]
    )
    # yellow, orange and red for one (the lower ones superseded), blue for the other
    assert after == before == 4

    # the open alerts of the village, red first, one page at a time
    flt = {"status": "OPEN", "regionId": area.village_id}
    page = station.execute(ALERTS, {"first": 100, "filter": flt})["data"]["alerts"]
    levels = [e["node"]["level"] for e in page["edges"]]
    rank = {"RED": 0, "ORANGE": 1, "YELLOW": 2, "BLUE": 3}
    assert levels == sorted(levels, key=rank.__getitem__)
    assert page["totalCount"] == len(page["edges"])
    walked, after_cursor = [], None
    while True:
        one = station.execute(ALERTS, {"first": 1, "after": after_cursor, "filter": flt})
        conn = one["data"]["alerts"]
        walked += [e["node"]["id"] for e in conn["edges"]]
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after_cursor = conn["pageInfo"]["endCursor"]
    assert walked == [e["node"]["id"] for e in page["edges"]]

    # "assigned to me": the station's own alerts include both (neither has a worker)
    mine = station.execute(ALERTS, {"first": 100, "filter": {**flt, "assignedToMe": True}})
    ids = {e["node"]["householdId"] for e in mine["data"]["alerts"]["edges"]}
    assert {blue, red} <= ids
    # an auditor has no address: "mine" is empty, not everything
    auditor = gql.as_user("auditor")
    none = auditor.execute(ALERTS, {"first": 5, "filter": {"assignedToMe": True}})
    assert none["data"]["alerts"]["totalCount"] == 0
