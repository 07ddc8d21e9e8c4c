"""Escalation through GraphQL with a controlled clock: an overdue alert and an overdue
follow-up go to the worker, then the station, then the county; a pass re-run at the same
time adds nothing; a pass that crashed half-way is completed by the next, skipping nothing.

`runEscalation(now:)` is given times days ahead, so the real cron (every five minutes, at
the real time) never reaches this test's deadlines; every pass is narrowed to the test's
village.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from graph.driver import Graph
from matching.escalation import follow_up_deadline
from tests.api.registry_support import area_of, single
from tests.api.test_early_warning import REASSIGN, fresh_household, record, station_worker
from tests.conftest import GraphQLClient

RUN = """
mutation ($now: DateTime, $region: ID) {
  runEscalation(now: $now, regionId: $region) { now subjects recorded stepIds }
}
"""
OVERDUE = """
query ($scope: WatchScopeInput, $at: DateTime) {
  overdue(scope: $scope, at: $at) {
    at
    alerts { alertId householdId level dueAt hoursOverdue assignedKind assignedId workerId
             stationId escalationStep }
    followUps { matchId householdId followUpDue daysOverdue workerId stationId escalationStep }
  }
}
"""
STEPS = """
MATCH (x:Escalation) WHERE x.subject_key STARTS WITH $key
OPTIONAL MATCH (n:Notification {id: x.id})
RETURN x.step AS step, x.recipient_kind AS kind, x.recipient_id AS recipient,
       n.kind AS notice, n.recipient_kind AS notice_kind, n.recipient_id AS notice_to
ORDER BY step
"""


def run(client: GraphQLClient, now: datetime, region: str) -> list[str]:
    body = client.execute(RUN, {"now": now.isoformat(), "region": region})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["runEscalation"]
    assert datetime.fromisoformat(result["now"]) == now
    return list(result["stepIds"])


async def steps(graph: Graph, key: str) -> list[dict[str, Any]]:
    records, _, _ = await graph.driver.execute_query(STEPS, key=key)
    return [dict(r) for r in records]


def overdue(client: GraphQLClient, scope: dict[str, str] | None, at: datetime) -> dict[str, Any]:
    body = client.execute(OVERDUE, {"scope": scope, "at": at.isoformat()})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["overdue"]
    return result


async def test_overdue_alert_and_follow_up_go_worker_station_county_once_each(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a household followed by the demo worker, with a RED alert (two days to visit)
    station, coordinator = gql.as_user("station"), gql.as_user("coordinator")
    area = await area_of(graph, "station")
    household, _ = fresh_household(station, area.village_id)
    worker_id, station_id = await station_worker(graph)
    assert station.execute(REASSIGN, {"h": household, "w": worker_id})["data"]["reassignHousehold"][
        "__typename"
    ] == ("ReassignHouseholdSuccess")
    for kind in ("HOSPITALISATION", "CHRONIC_DISEASE", "NEW_DISABILITY"):
        result = record(station, householdId=household, kind=kind)
    alert = result["alert"]
    assert alert["level"] == "RED" and alert["assignedId"] == worker_id
    alert_id, due = alert["id"], datetime.fromisoformat(alert["dueAt"])
    county = await single(graph, "MATCH (h:Household {id: $h}) RETURN h.county_id", h=household)
    match_id, follow_up_due = await _match(graph, household)
    village = area.village_id

    # when: a pass just before the deadline
    assert alert_id + ":1" not in run(coordinator, due - timedelta(minutes=1), village)
    # then: nothing yet, and it is not listed as overdue
    assert await steps(graph, alert_id) == []
    early = overdue(station, {"workerId": worker_id}, due - timedelta(minutes=1))
    assert alert_id not in [a["alertId"] for a in early["alerts"]]

    # when: just past the deadline: the worker is reminded
    at = due + timedelta(minutes=1)
    assert alert_id + ":1" in run(coordinator, at, village)
    assert [(s["step"], s["kind"], s["recipient"]) for s in await steps(graph, alert_id)] == [
        (1, "WORKER", worker_id)
    ]
    listed = overdue(station, {"workerId": worker_id}, at)
    [mine] = [a for a in listed["alerts"] if a["alertId"] == alert_id]
    assert (mine["escalationStep"], mine["stationId"], mine["level"]) == (1, station_id, "RED")
    assert 0 < mine["hoursOverdue"] < 1

    # when: the same pass again
    assert [s for s in run(coordinator, at, village) if s.startswith(alert_id)] == []
    assert len(await steps(graph, alert_id)) == 1

    # when: past the grace period: the station; past another: the county
    assert alert_id + ":2" in run(coordinator, due + timedelta(days=2, minutes=1), village)
    assert alert_id + ":3" in run(coordinator, due + timedelta(days=4, minutes=1), village)
    late = due + timedelta(days=10)
    assert [s for s in run(coordinator, late, village) if s.startswith(alert_id)] == []
    recorded = await steps(graph, alert_id)
    assert [(s["step"], s["kind"], s["recipient"]) for s in recorded] == [
        (1, "WORKER", worker_id),
        (2, "STATION", station_id),
        (3, "COUNTY", county),
    ]
    # each step's notification has its id and goes where the step says
    assert [(s["notice"], s["notice_kind"], s["notice_to"]) for s in recorded] == [
        ("ALERT_REMINDER", "WORKER", worker_id),
        ("ALERT_ESCALATED", "STATION", station_id),
        ("ALERT_ESCALATED", "COUNTY", county),
    ]
    for scope in ({"stationId": station_id}, {"regionId": county}, None):
        client = coordinator if scope is None else station
        listed = overdue(client, scope, late)
        steps_seen = [a["escalationStep"] for a in listed["alerts"] if a["alertId"] == alert_id]
        assert steps_seen == [3], scope

    # and the follow-up of the same match, walked the same way from its due day
    key = f"{match_id}@{follow_up_due.isoformat()}"
    deadline = follow_up_deadline(follow_up_due)
    assert f"{key}:1" not in run(coordinator, deadline - timedelta(minutes=1), village)
    assert f"{key}:1" in run(coordinator, deadline + timedelta(minutes=1), village)
    # the day after the due day, it is one day overdue
    listed = overdue(station, {"workerId": worker_id}, deadline + timedelta(minutes=1))
    [follow] = [f for f in listed["followUps"] if f["matchId"] == match_id]
    assert (follow["daysOverdue"], follow["escalationStep"]) == (1, 1)
    assert follow["stationId"] == station_id

    # when: a late pass writes steps 2 and 3, and a crash is simulated by losing step 2 and
    # its notice (any part a crash could leave unwritten), then the pass is retried
    third = deadline + timedelta(days=4, minutes=1)
    run(coordinator, third, village)
    await _forget(graph, f"{key}:2")
    retried = run(coordinator, third, village)
    # then: the missing step is written, nothing is skipped or doubled
    assert f"{key}:2" in retried and f"{key}:1" not in retried and f"{key}:3" not in retried
    assert [(s["step"], s["kind"], s["notice"]) for s in await steps(graph, key)] == [
        (1, "WORKER", "FOLLOW_UP_OVERDUE"),
        (2, "STATION", "FOLLOW_UP_ESCALATED"),
        (3, "COUNTY", "FOLLOW_UP_ESCALATED"),
    ]


async def _match(graph: Graph, household: str) -> tuple[str, date]:
    records, _, _ = await graph.driver.execute_query(
        "MATCH (m:Match {status: 'ACTIVE'})-[:FOR]->(:Household {id: $h}) "
        "RETURN m.id AS id, m.follow_up_due AS due",
        h=household,
    )
    return records[0]["id"], records[0]["due"].to_native()


async def _forget(graph: Graph, step_id: str) -> None:
    await graph.driver.execute_query(
        "MATCH (x:Escalation {id: $id}) OPTIONAL MATCH (n:Notification {id: $id}) "
        "DETACH DELETE x, n",
        id=step_id,
    )


def test_only_county_roles_run_a_pass_and_the_overdue_scope_is_one_thing(
    gql: GraphQLClient,
) -> None:
    worker = gql.as_user("worker")
    body = worker.execute(RUN, {"now": None, "region": None})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    both = worker.execute(OVERDUE, {"scope": {"workerId": "w-1", "stationId": "s-1"}, "at": None})
    assert both["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    # without a scope, a worker's own list
    mine = worker.execute(OVERDUE, {"scope": None, "at": None})
    assert "errors" not in mine, mine
    now = datetime.now(UTC)
    for item in mine["data"]["overdue"]["followUps"]:
        assert date.fromisoformat(item["followUpDue"]) < now.date() + timedelta(days=1)
