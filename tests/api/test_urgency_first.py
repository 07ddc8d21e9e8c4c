"""Urgency first (issue 13, item 7): a household given to a worker is first visited by its
open alert's deadline, not a flat month, and its open alerts follow it to the new worker on
every reassignment; a refused reassignment moves nothing."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from graph.driver import Graph
from tests.api.registry_support import area_of, audit_events, single
from tests.api.test_early_warning import (
    HOUSEHOLD_ALERTS,
    fresh_household,
    record,
    station_worker,
)
from tests.conftest import GraphQLClient

CHINA = ZoneInfo("Asia/Shanghai")

REASSIGN = """
mutation ($h: ID!, $w: ID!) {
  reassignHousehold(householdId: $h, workerId: $w, reason: "调整", override: true) {
    __typename ... on UserError { message code field }
  }
}
"""


async def _first_visit_due(graph: Graph, household_id: str) -> date:
    due = await single(
        graph,
        "MATCH (m:Match {household_id: $h, status: 'ACTIVE'}) RETURN m.follow_up_due",
        h=household_id,
    )
    return date.fromisoformat(str(due))


async def _colleague(graph: Graph, worker_id: str, station_id: str) -> str:
    found = await single(
        graph,
        "MATCH (w:SocialWorker)-[:WORKS_AT]->(:Station {id: $s}) WHERE w.id <> $w "
        "AND NOT coalesce(w.on_leave, false) RETURN w.id ORDER BY w.id LIMIT 1",
        s=station_id,
        w=worker_id,
    )
    return str(found)


async def test_an_alerted_household_is_first_visited_by_the_alert_deadline_and_the_alert_follows_it(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: an unassigned household with an open alert (held by the station: no worker yet)
    station = gql.as_user("station")
    area = await area_of(graph, "station")
    household, id_number = fresh_household(station, area.village_id)
    raised = record(station, idNumber=id_number, kind="HOSPITALISATION", source="县医院")
    alert = raised["alert"]
    assert alert is not None and alert["assignedKind"] != "WORKER", raised
    alert_due = datetime.fromisoformat(alert["dueAt"]).astimezone(CHINA).date()
    worker, station_id = await station_worker(graph)

    # when: the household is given to the demo worker
    moved = station.execute(REASSIGN, {"h": household, "w": worker})
    assert moved["data"]["reassignHousehold"]["__typename"] == "ReassignHouseholdSuccess", moved

    # then: the first visit is due by the alert's deadline (10 days), not in 30
    assert await _first_visit_due(graph, household) == alert_due
    alerts = station.execute(HOUSEHOLD_ALERTS, {"h": household})["data"]["householdAlerts"]
    assert [(a["assignedKind"], a["assignedId"]) for a in alerts] == [("WORKER", worker)]

    # when: it is handed over to a colleague
    colleague = await _colleague(graph, worker, station_id)
    again = station.execute(REASSIGN, {"h": household, "w": colleague})
    assert again["data"]["reassignHousehold"]["__typename"] == "ReassignHouseholdSuccess", again

    # then: the open alert moved with it, audited
    alerts = station.execute(HOUSEHOLD_ALERTS, {"h": household})["data"]["householdAlerts"]
    assert [(a["assignedKind"], a["assignedId"]) for a in alerts] == [("WORKER", colleague)]
    moves = [e for e in await audit_events(graph, alert["id"]) if e["action"] == "ALERT_MOVED"]
    assert len(moves) == 2, moves


async def test_a_refused_reassignment_leaves_the_alert_with_its_worker(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: an alerted household already with the demo worker
    station = gql.as_user("station")
    area = await area_of(graph, "station")
    household, id_number = fresh_household(station, area.village_id)
    worker, _ = await station_worker(graph)
    station.execute(REASSIGN, {"h": household, "w": worker})
    record(station, idNumber=id_number, kind="HOSPITALISATION", source="县医院")

    # when: it is "reassigned" to the same worker
    refused = station.execute(REASSIGN, {"h": household, "w": worker})

    # then: refused, and the alert stays where it was
    answer = refused["data"]["reassignHousehold"]
    assert (answer["__typename"], answer["field"]) == ("InvalidInput", "workerId"), refused
    alerts = station.execute(HOUSEHOLD_ALERTS, {"h": household})["data"]["householdAlerts"]
    assert [(a["assignedKind"], a["assignedId"]) for a in alerts] == [("WORKER", worker)]


async def test_a_quiet_household_is_first_visited_within_a_month(
    gql: GraphQLClient, graph: Graph
) -> None:
    station = gql.as_user("station")
    area = await area_of(graph, "station")
    household, _ = fresh_household(station, area.village_id)
    worker, _ = await station_worker(graph)
    before = datetime.now(CHINA).date()
    station.execute(REASSIGN, {"h": household, "w": worker})
    assert (await _first_visit_due(graph, household) - before).days in (30, 29)
