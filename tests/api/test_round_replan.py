"""Re-planning a round mid-day (issue 12): an emergency is inserted, the rest ordered again;
the difference comes back by household. Someone else's day, a past day and a day never
planned are refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graph.driver import Graph
from matching.escalation import today_in_china
from tests.api.follow_up_support import area, error_code, worker_user
from tests.api.test_rounds import PLAN_DAY
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


async def test_a_replan_inserts_the_emergency_and_says_what_changed(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a worker's planned day. Tomorrow, so that the working day has not ended whatever
    # the hour the test runs at (the pinning of visits done is in tests/unit/matching).
    a = area(gql)
    worker_id = a.take_worker(at_least=3)
    worker = await worker_user(gql, graph, worker_id)
    emergency = a.take(worker_id=worker_id)["household"]["id"]
    day = str(today_in_china(datetime.now(UTC)) + timedelta(days=1))
    planned = worker.execute(PLAN_DAY, {"w": worker_id, "d": day})["data"]["planWorkerDay"]
    assert planned["__typename"] == "PlanWorkerDaySuccess", planned

    # when: the worker re-plans with an emergency
    body = worker.execute(REPLAN, {"w": worker_id, "d": day, "e": [emergency]})
    done = body["data"]["replanWorkerDay"]

    # then: the emergency is in the round, the round's version moved, the change said by household
    assert done["__typename"] == "ReplanWorkerDaySuccess", body
    kinds = {s["householdId"]: s["kind"] for s in done["round"]["stops"]}
    assert kinds.get(emergency) == "EMERGENCY", kinds
    assert done["round"]["version"] == planned["round"]["version"] + 1
    assert emergency in done["change"]["added"]

    # and: re-planning again with nothing new changes no order
    again = worker.execute(REPLAN, {"w": worker_id, "d": day, "e": [emergency]})
    change = again["data"]["replanWorkerDay"]["change"]
    assert change["added"] == [] and change["removed"] == [], change


async def test_a_replan_of_someone_else_s_past_or_unplanned_day_is_refused(
    gql: GraphQLClient, graph: Graph
) -> None:
    a = area(gql)
    # no match of theirs changes and no day of theirs is planned: a worker shared with others
    worker_id = a.worker(at_least=1)
    worker = await worker_user(gql, graph, worker_id)
    today = today_in_china(datetime.now(UTC))
    other = next(m["worker"]["id"] for m in a.active if m["worker"]["id"] != worker_id)
    assert error_code(worker.execute(REPLAN, {"w": other, "d": str(today)})) == "FORBIDDEN"
    past = worker.execute(REPLAN, {"w": worker_id, "d": str(today - timedelta(days=1))})
    assert past["data"]["replanWorkerDay"]["code"] == "INVALID_INPUT", past
    later = str(today + timedelta(days=20))
    never = worker.execute(REPLAN, {"w": worker_id, "d": later})["data"]["replanWorkerDay"]
    assert (never["__typename"], never["code"]) == ("Conflict", "NO_ROUND"), never
