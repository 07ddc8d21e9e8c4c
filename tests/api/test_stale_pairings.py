"""Stale pairings through GraphQL: matches nobody has met for N days, workers who have met
none of their households, and the one-click reminder that notifies once a day."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from tests.api.follow_up_support import (
    ago,
    area,
    backdate,
    error_code,
    list_matches,
    record_visit,
    station_user,
    worker_user,
)
from tests.conftest import GraphQLClient

STALE = """
query ($days: Int!, $sid: ID) {
  stalePairings(days: $days, stationId: $sid, first: 100) {
    days asOf totalCount
    pairings { since daysWithoutContact remindedToday match { id worker { id } } }
    silentWorkers { activeMatches staleMatches lastContactAt worker { id } station { id } }
  }
}
"""
REMIND = """
mutation ($m: ID!) {
  remindWorker(matchId: $m) {
    __typename
    ... on RemindWorkerSuccess { alreadySent notification { id kind recipientKind recipientId
                                                             subjectId readAt } }
    ... on UserError { message code }
  }
}
"""
INBOX = """
query ($unread: Boolean!) {
  notifications(first: 100, unreadOnly: $unread) {
    totalCount edges { node { id kind subjectType subjectId } }
  }
}
"""


def stale(client: GraphQLClient, station_id: str, days: int = 30) -> dict[str, Any]:
    body = client.execute(STALE, {"days": days, "sid": station_id})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["stalePairings"]
    return result


def stale_ids(result: dict[str, Any]) -> set[str]:
    return {p["match"]["id"] for p in result["pairings"]}


def silent(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {w["worker"]["id"]: w for w in result["silentWorkers"]}


async def test_stale_pairings_and_silent_workers(gql: GraphQLClient, graph: Graph) -> None:
    # given: a worker whose every pairing began 40 days ago; one was visited 35 days ago
    a = area(gql)
    worker_id = a.take_worker(at_least=3)
    manager = await station_user(gql, graph, a.station_id)
    mine = list_matches(manager, {"workerId": worker_id, "status": "ACTIVE"})
    ids = [m["id"] for m in mine]
    await backdate(graph, ids, days=40)
    a.active = [m for m in a.active if m["id"] not in ids]
    old_visit = record_visit(manager, ids[0], visitedAt=ago(days=35))
    assert old_visit["__typename"] == "RecordVisitSuccess", old_visit

    # when
    result = stale(manager, a.station_id)

    # then: all of them are stale, the one never visited counted from its start
    assert result["days"] == 30 and set(ids) <= stale_ids(result)
    assert result["totalCount"] >= len(ids)
    by_id = {p["match"]["id"]: p for p in result["pairings"]}
    assert 35 <= by_id[ids[0]]["daysWithoutContact"] < 40
    assert all(by_id[i]["daysWithoutContact"] >= 39 for i in ids[1:])
    sinces = [p["since"] for p in result["pairings"]]
    assert sinces == sorted(sinces)  # longest without contact first
    w = silent(result)[worker_id]
    assert (w["activeMatches"], w["staleMatches"]) == (len(ids), len(ids))
    assert w["station"]["id"] == a.station_id and w["lastContactAt"]

    # when: the worker meets one household two days ago
    recent = record_visit(manager, ids[1], visitedAt=ago(days=2))
    assert recent["__typename"] == "RecordVisitSuccess", recent
    result = stale(manager, a.station_id)

    # then: that pairing is no longer stale, and the worker is no longer silent
    assert ids[1] not in stale_ids(result) and ids[0] in stale_ids(result)
    assert worker_id not in silent(result)
    # an attempt that met nobody is not contact
    attempt = record_visit(manager, ids[0], visitedAt=ago(days=1), outcome="NOT_MET", met=[])
    assert attempt["__typename"] == "RecordVisitSuccess"
    assert ids[0] in stale_ids(stale(manager, a.station_id))
    # a shorter window makes more pairings stale, never fewer
    assert stale_ids(stale(manager, a.station_id, days=1)) >= stale_ids(result)


async def test_a_reminder_notifies_the_worker_once_a_day(gql: GraphQLClient, graph: Graph) -> None:
    a = area(gql)
    manager = await station_user(gql, graph, a.station_id)
    match = a.take()
    worker_id = match["worker"]["id"]
    worker = await worker_user(gql, graph, worker_id)
    before = worker.execute(INBOX, {"unread": False})["data"]["notifications"]["totalCount"]

    first = manager.execute(REMIND, {"m": match["id"]})["data"]["remindWorker"]
    second = manager.execute(REMIND, {"m": match["id"]})["data"]["remindWorker"]

    assert first["__typename"] == second["__typename"] == "RemindWorkerSuccess", (first, second)
    assert not first["alreadySent"] and second["alreadySent"]
    n = first["notification"]
    assert n == second["notification"]
    assert (n["kind"], n["recipientKind"], n["recipientId"], n["subjectId"]) == (
        "VISIT_REMINDER",
        "WORKER",
        worker_id,
        match["id"],
    )
    inbox = worker.execute(INBOX, {"unread": False})["data"]["notifications"]
    assert inbox["totalCount"] == before + 1
    assert [e["node"]["id"] for e in inbox["edges"] if e["node"]["subjectId"] == match["id"]] == [
        n["id"]
    ]
    records, _, _ = await graph.driver.execute_query(
        "MATCH (a:AuditEvent {entity_id: $m, action: 'REMIND_WORKER'}) RETURN count(a) AS n",
        m=match["id"],
    )
    assert records[0]["n"] == 1


async def test_who_may_see_stale_pairings_and_send_reminders(
    gql: GraphQLClient, graph: Graph
) -> None:
    a = area(gql)
    match = a.active[0]  # read only
    worker = await worker_user(gql, graph, match["worker"]["id"])
    assert error_code(worker.execute(REMIND, {"m": match["id"]})) == "FORBIDDEN"
    charity = gql.as_user("charity")
    assert error_code(charity.execute(STALE, {"days": 30, "sid": None})) == "FORBIDDEN"
    elsewhere = gql.as_user("station").execute(REMIND, {"m": match["id"]})
    assert elsewhere["data"]["remindWorker"]["__typename"] == "NotFound"
    bad = gql.as_user("coordinator").execute(STALE, {"days": 0, "sid": None})
    assert error_code(bad) == "BAD_USER_INPUT"
    auditor = gql.as_user("auditor").execute(STALE, {"days": 30, "sid": a.station_id})
    assert "errors" not in auditor
