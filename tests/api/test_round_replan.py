"""Re-planning a round mid-day (issue 12): the visit recorded today keeps its place at the
head, an emergency is inserted, the rest ordered again; the difference comes back by
household. Someone else's day, a past day and a day never planned are refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graph.driver import Graph
from matching.escalation import today_in_china
from tests.api.follow_up_support import area, error_code, record_visit, worker_user
from tests.api.test_rounds import PLAN_DAY, RECORD_EVENT
from tests.conftest import GraphQLClient

REPLAN = """
mutation ($w: ID!, $d: String!, $e: [ID!]) {
  replanWorkerDay(workerId: $w, date: $d, emergencyHouseholdIds: $e) {
    __typename
    ... on ReplanWorkerDaySuccess {
      round { version stops { position householdId kind done } }
      change { added removed unchanged moved { householdId oldPosition newPosition }
               retimed { householdId oldStart newStart } }
    }
    ... on UserError { message field code }
  }
}
"""


async def test_a_mid_day_replan_keeps_the_visit_done_and_inserts_the_emergency(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a worker's planned day with an alert stop, verified by a recorded visit
    a = area(gql)
    worker_id = a.take_worker(at_least=3)
    worker = await worker_user(gql, graph, worker_id)
    match = a.take(worker_id=worker_id)
    emergency = a.take(worker_id=worker_id)["household"]["id"]
    household = match["household"]["id"]
    today = today_in_china(datetime.now(UTC))
    for kind in ("HOSPITALISATION", "NEW_DISABILITY", "NEW_UNEMPLOYMENT", "CHRONIC_DISEASE"):
        worker.execute(RECORD_EVENT, {"h": household, "kind": kind, "on": str(today)})
    planned = worker.execute(PLAN_DAY, {"w": worker_id, "d": str(today)})["data"]["planWorkerDay"]
    assert planned["__typename"] == "PlanWorkerDaySuccess", planned
    assert household in {s["householdId"] for s in planned["round"]["stops"]}
    visit = record_visit(
        worker, match["id"], visitedAt=datetime.now(UTC).isoformat(), verifying=True
    )
    assert visit["__typename"] == "RecordVisitSuccess", visit

    # when: the worker re-plans with an emergency
    body = worker.execute(REPLAN, {"w": worker_id, "d": str(today), "e": [emergency]})
    done = body["data"]["replanWorkerDay"]

    # then: the visit made stays first and done, the emergency is in the round, the change said
    assert done["__typename"] == "ReplanWorkerDaySuccess", body
    stops = sorted(done["round"]["stops"], key=lambda s: s["position"])
    assert stops[0]["householdId"] == household and stops[0]["done"]
    assert {"householdId": emergency, "kind": "EMERGENCY"} in [
        {"householdId": s["householdId"], "kind": s["kind"]} for s in stops
    ]
    assert done["round"]["version"] == planned["round"]["version"] + 1
    change = done["change"]
    assert emergency in change["added"]
    assert household not in change["removed"]


async def test_a_replan_of_someone_else_s_past_or_unplanned_day_is_refused(
    gql: GraphQLClient, graph: Graph
) -> None:
    a = area(gql)
    worker_id = a.take_worker(at_least=1)
    worker = await worker_user(gql, graph, worker_id)
    today = today_in_china(datetime.now(UTC))
    other = next(m["worker"]["id"] for m in a.active if m["worker"]["id"] != worker_id)
    assert error_code(worker.execute(REPLAN, {"w": other, "d": str(today)})) == "FORBIDDEN"
    past = worker.execute(REPLAN, {"w": worker_id, "d": str(today - timedelta(days=1))})
    assert past["data"]["replanWorkerDay"]["code"] == "INVALID_INPUT", past
    later = str(today + timedelta(days=20))
    never = worker.execute(REPLAN, {"w": worker_id, "d": later})["data"]["replanWorkerDay"]
    assert (never["__typename"], never["code"]) == ("Conflict", "NO_ROUND"), never
