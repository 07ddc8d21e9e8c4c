"""Visit rounds through GraphQL against the real stack: an alert becomes a stop of the
worker's planned round, within the availability the worker recorded; a visit recorded on
it marks the stop done and the alert leaves the next plan; a station's week is a job."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from graph.driver import Graph
from matching.escalation import today_in_china
from tests.api.follow_up_support import area, error_code, record_visit, station_user, worker_user
from tests.conftest import GraphQLClient
from tests.support.jobs import wait_for_job

RECORD_EVENT = """
mutation ($h: ID!, $kind: IndicatorKind!, $on: String!) {
  recordIndicatorEvent(input: {householdId: $h, kind: $kind, occurredOn: $on}) {
    __typename ... on RecordIndicatorEventSuccess { alert { id status } }
  }
}
"""
AVAILABILITY = """
mutation ($h: ID!, $w: [String!]!, $d: [Int!]!) {
  setHouseholdAvailability(householdId: $h, windows: $w, unavailableWeekdays: $d) {
    __typename
    ... on SetHouseholdAvailabilitySuccess { householdId version windows unavailableWeekdays }
    ... on InvalidInput { field code errors { field code } }
  }
}
"""
ROUND_FIELDS = """
  id workerId stationId date start end km travelMinutes engine warnings version doneCount
  stops { position householdId kind arrival start departure travelMinutes km late warnings
          done visitId }
  dropped { householdId kind reason }
"""
PLAN_DAY = (
    """
mutation ($w: ID!, $d: String!) {
  planWorkerDay(workerId: $w, date: $d) {
    __typename
    ... on PlanWorkerDaySuccess { round {"""
    + ROUND_FIELDS
    + """} }
    ... on UserError { message field code }
  }
}
"""
)
ROUND = "query ($id: ID!) { round(id: $id) {" + ROUND_FIELDS + "} }"
STATION_ROUNDS = (
    "query ($s: ID!, $d: String!) { stationRounds(stationId: $s, date: $d) {" + ROUND_FIELDS + "} }"
)
WEEK = """
mutation ($s: ID!, $w: String!) {
  requestStationWeekRounds(stationId: $s, weekStart: $w) {
    __typename
    ... on RequestStationWeekRoundsSuccess { job { id status } }
    ... on UserError { message field code }
  }
}
"""
AUDIT: Any = """
MATCH (e:AuditEvent {entity_id: $id, action: $action}) RETURN count(e) AS n
"""


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


async def test_from_an_alert_to_a_planned_round_to_a_recorded_visit(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a worker of their own, an alert on one of their households
    a = area(gql)
    worker_id = a.take_worker(at_least=3)
    worker = await worker_user(gql, graph, worker_id)
    match = a.take(worker_id=worker_id)
    household = match["household"]["id"]
    today = today_in_china(datetime.now(UTC))
    for kind in ("HOSPITALISATION", "NEW_DISABILITY", "NEW_UNEMPLOYMENT", "CHRONIC_DISEASE"):
        body = worker.execute(RECORD_EVENT, {"h": household, "kind": kind, "on": str(today)})
        assert body["data"]["recordIndicatorEvent"]["__typename"] == "RecordIndicatorEventSuccess"

    # and: the worker records when the household is at home (a bad window writes nothing)
    bad = worker.execute(AVAILABILITY, {"h": household, "w": ["25:00-26:00"], "d": []})
    assert bad["data"]["setHouseholdAvailability"]["__typename"] == "InvalidInput", bad
    assert bad["data"]["setHouseholdAvailability"]["errors"][0]["field"] == "windows.0"
    away = (today.isoweekday() % 7) + 1  # tomorrow's weekday: not today
    ok = worker.execute(AVAILABILITY, {"h": household, "w": ["14:00-17:00"], "d": [away]})
    result = ok["data"]["setHouseholdAvailability"]
    assert result["__typename"] == "SetHouseholdAvailabilitySuccess", ok
    assert result["windows"] == ["14:00-17:00"] and result["unavailableWeekdays"] == [away]
    records, _, _ = await graph.driver.execute_query(
        AUDIT, id=household, action="SET_HOUSEHOLD_AVAILABILITY"
    )
    assert records[0]["n"] == 1

    # when: the worker plans their day
    body = worker.execute(PLAN_DAY, {"w": worker_id, "d": str(today)})
    planned = body["data"]["planWorkerDay"]
    assert planned["__typename"] == "PlanWorkerDaySuccess", body
    rnd = planned["round"]

    # then: the alert is a stop, verified within the household's window
    stop = next(s for s in rnd["stops"] if s["householdId"] == household)
    assert stop["kind"] == "ALERT_VERIFICATION"
    assert 14 * 60 <= _minutes(stop["start"]) <= 17 * 60
    assert not stop["done"] and rnd["doneCount"] == 0
    assert rnd["workerId"] == worker_id and rnd["date"] == str(today)
    for prev, nxt in zip(rnd["stops"], rnd["stops"][1:], strict=False):
        assert _minutes(nxt["arrival"]) >= _minutes(prev["departure"]) + nxt["travelMinutes"]
    records, _, _ = await graph.driver.execute_query(AUDIT, id=rnd["id"], action="PLAN_ROUND")
    assert records[0]["n"] == 1

    # and: no one else's day is theirs to plan; a day that is not a date is a typed error
    other = next(m["worker"]["id"] for m in a.active if m["worker"]["id"] != worker_id)
    assert error_code(worker.execute(PLAN_DAY, {"w": other, "d": str(today)})) == "FORBIDDEN"
    bad_day = worker.execute(PLAN_DAY, {"w": worker_id, "d": "2026-02-30"})
    assert bad_day["data"]["planWorkerDay"]["code"] == "BAD_DATE"

    # when: the worker records the verifying visit
    visit = record_visit(
        worker, match["id"], visitedAt=datetime.now(UTC).isoformat(), verifying=True
    )
    assert visit["__typename"] == "RecordVisitSuccess", visit

    # then: the round shows the stop done, and planning again leaves the alert out
    again = worker.execute(ROUND, {"id": rnd["id"]})["data"]["round"]
    done = next(s for s in again["stops"] if s["householdId"] == household)
    assert done["done"] and done["visitId"] == visit["visit"]["id"]
    assert again["doneCount"] == 1
    replanned = worker.execute(PLAN_DAY, {"w": worker_id, "d": str(today)})["data"]["planWorkerDay"]
    assert replanned["round"]["version"] == rnd["version"] + 1
    kinds = {s["householdId"]: s["kind"] for s in replanned["round"]["stops"]}
    assert kinds.get(household) != "ALERT_VERIFICATION"


async def test_a_station_plans_its_week_as_a_job_and_sees_every_round_of_a_day(
    gql: GraphQLClient, graph: Graph
) -> None:
    a = area(gql)
    manager = await station_user(gql, graph, a.station_id)
    today = today_in_china(datetime.now(UTC))
    monday = today + timedelta(days=7 - today.weekday())  # next week: no test's today
    not_monday = manager.execute(WEEK, {"s": a.station_id, "w": str(monday + timedelta(days=1))})
    assert not_monday["data"]["requestStationWeekRounds"]["code"] == "INVALID_INPUT"

    body = manager.execute(WEEK, {"s": a.station_id, "w": str(monday)})
    started = body["data"]["requestStationWeekRounds"]
    assert started["__typename"] == "RequestStationWeekRoundsSuccess", body
    job, _ = wait_for_job(manager, started["job"]["id"])
    assert job["status"] == "SUCCEEDED", job
    assert job["result"]["rounds"] >= 1

    rounds = manager.execute(STATION_ROUNDS, {"s": a.station_id, "d": str(monday)})
    day_rounds = rounds["data"]["stationRounds"]
    assert day_rounds and all(r["stationId"] == a.station_id for r in day_rounds)
    assert all(r["date"] == str(monday) for r in day_rounds)
    # A household planned on Monday is not planned again later that week.
    seen: dict[str, date] = {}
    for k in range(5):
        d = monday + timedelta(days=k)
        for r in manager.execute(STATION_ROUNDS, {"s": a.station_id, "d": str(d)})["data"][
            "stationRounds"
        ]:
            for s in r["stops"]:
                assert s["householdId"] not in seen, (s["householdId"], seen)
                seen[s["householdId"]] = d
