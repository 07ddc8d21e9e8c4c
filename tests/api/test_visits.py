"""recordVisit through GraphQL against the real stack: a visit moves the follow-up, opens
the needs it found, shows on the timeline; bad dates and other people's matches are
refused and write nothing; a verifying visit resolves the household's alerts; a need a
visit closes tells whoever reported it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from graph.driver import Graph
from tests.api.follow_up_support import (
    ago,
    area,
    error_code,
    record_visit,
    station_user,
    worker_user,
)
from tests.conftest import GraphQLClient
from tests.support.clock import app_today

TIMELINE = """
query ($h: ID!) {
  householdTimeline(householdId: $h) { at kind detail actor subjectId params { name value } }
}
"""
NOTIFICATIONS = """
query ($unread: Boolean!) {
  notifications(first: 50, unreadOnly: $unread) {
    totalCount edges { node { id kind message subjectType subjectId readAt } }
  }
}
"""
UPDATE_NEED = """
mutation ($id: ID!, $status: NeedStatus!) {
  updateNeed(input: {id: $id, status: $status}) {
    __typename ... on UserError { message code }
  }
}
"""
RECORD_EVENT = """
mutation ($h: ID!, $kind: IndicatorKind!, $on: String!) {
  recordIndicatorEvent(input: {householdId: $h, kind: $kind, occurredOn: $on}) {
    __typename
    ... on RecordIndicatorEventSuccess { level alert { id status } }
    ... on UserError { message code }
  }
}
"""
ALERT = "query ($id: ID!) { alert(id: $id) { id status resolvedByVisit } }"

VISITS_OF: Any = "MATCH (v:Visit)-[:OF]->(:Match {id: $m}) RETURN count(v) AS n"


async def visits_of(graph: Graph, match_id: str) -> int:
    records, _, _ = await graph.driver.execute_query(VISITS_OF, m=match_id)
    return int(records[0]["n"])


async def test_a_visit_moves_the_follow_up_opens_needs_and_shows_on_the_timeline(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a worker and one of their active matches
    a = area(gql)
    worker_id = a.worker(at_least=1)
    worker = await worker_user(gql, graph, worker_id)
    match = a.take(worker_id=worker_id)

    # when: the worker records a visit that found a need
    need = {
        "kind": "MEDICAL",
        "description": "需要血压计 / needs a blood-pressure meter",
        "estimatedCost": 200,
        "urgency": "MEDIUM",
    }
    result = record_visit(worker, match["id"], needsDiscovered=[need], met=["户主", "老伴"])

    # then: the visit, the follow-up by the cadence, the need on the board
    assert result["__typename"] == "RecordVisitSuccess", result
    visit, m = result["visit"], result["match"]
    assert visit["contact"] and visit["met"] == ["户主", "老伴"] and not visit["verifying"]
    assert visit["recordedBy"] == f"测试社工 {worker_id}"
    due = date.fromisoformat(m["followUpDue"])
    assert app_today() < due <= app_today() + timedelta(days=30)
    assert visit["nextFollowUp"] == m["followUpDue"] and not m["overdue"]
    assert m["version"] == match["version"] + 1 and m["lastContactAt"]
    assert [(n["kind"], n["status"], n["estimatedCost"]) for n in visit["needsDiscovered"]] == [
        ("MEDICAL", "OPEN", 200)
    ]
    records, _, _ = await graph.driver.execute_query(
        "MATCH (h:Household {id: $h})-[:HAS_NEED]->(n:Need {id: $n}) "
        "RETURN n.reported_by AS by, n.status AS status",
        h=match["household"]["id"],
        n=visit["needsDiscovered"][0]["id"],
    )
    assert records and records[0]["by"] == f"user-fu-{worker_id}"
    records, _, _ = await graph.driver.execute_query(
        "MATCH (a:AuditEvent {entity_id: $v, action: 'RECORD_VISIT'}) RETURN a.actor_id AS who",
        v=visit["id"],
    )
    assert [r["who"] for r in records] == [f"user-fu-{worker_id}"]

    # and: the station manager sees it on the household's timeline, in time order
    manager = await station_user(gql, graph, a.station_id)
    body = manager.execute(TIMELINE, {"h": match["household"]["id"]})
    entries = body["data"]["householdTimeline"]
    kinds = [e["kind"] for e in entries]
    assert {"MATCH_ACTIVATED", "VISIT", "NEED_REPORTED", "FOLLOW_UP_DUE"} <= set(kinds)
    times = [datetime.fromisoformat(e["at"]) for e in entries]
    assert times == sorted(times)
    shown = next(e for e in entries if e["subjectId"] == visit["id"])
    said = {p["name"]: p["value"] for p in shown["params"]}
    assert said["outcome"] and said["verifying"] == "False"  # a home visit, said by the page
    assert "老伴" in (said["met"] or "") and shown["actor"]
    assert kinds.index("MATCH_ACTIVATED") < kinds.index("VISIT") < kinds.index("FOLLOW_UP_DUE")


async def test_a_visit_in_the_future_or_before_the_match_began_is_refused(
    gql: GraphQLClient, graph: Graph
) -> None:
    a = area(gql)
    manager = await station_user(gql, graph, a.station_id)
    match = a.take()
    started = date.fromisoformat(match["startedOn"])
    before = await visits_of(graph, match["id"])

    future = record_visit(manager, match["id"], visitedAt=ago(hours=-24))
    assert future["__typename"] == "InvalidInput"
    assert (future["field"], future["errors"][0]["code"]) == ("visitedAt", "IN_FUTURE")

    early = datetime.combine(started - timedelta(days=1), datetime.min.time()).astimezone()
    too_early = record_visit(manager, match["id"], visitedAt=early.isoformat())
    assert too_early["__typename"] == "InvalidInput"
    assert (too_early["field"], too_early["errors"][0]["code"]) == (
        "visitedAt",
        "BEFORE_MATCH_START",
    )
    assert await visits_of(graph, match["id"]) == before  # nothing written


async def test_only_the_match_s_own_worker_or_a_manager_records_and_versions_are_checked(
    gql: GraphQLClient, graph: Graph
) -> None:
    a = area(gql)
    worker_id = a.worker(at_least=1)
    worker = await worker_user(gql, graph, worker_id)
    someone_elses = a.take(where=lambda m: m["worker"]["id"] != worker_id)
    assert someone_elses["worker"]["id"] != worker_id

    body = worker.execute(
        "mutation ($i: RecordVisitInput!) { recordVisit(input: $i) { __typename } }",
        {
            "i": {
                "matchId": someone_elses["id"],
                "visitedAt": ago(hours=1),
                "place": "家中",
                "met": ["户主"],
                "findings": "",
                "outcome": "STABLE",
            }
        },
    )
    assert error_code(body) == "FORBIDDEN"
    charity = gql.as_user("charity")
    body = charity.execute("{ matches(first: 1) { totalCount } }")
    assert error_code(body) == "FORBIDDEN"

    own = a.take(worker_id=worker_id)
    stale = record_visit(worker, own["id"], expectedVersion=own["version"] + 5)
    assert stale["__typename"] == "StaleVersion" and stale["currentVersion"] == own["version"]
    later = (app_today() + timedelta(days=400)).isoformat()
    too_late = record_visit(worker, own["id"], nextFollowUp=later)
    assert too_late["__typename"] == "InvalidInput" and too_late["field"] == "nextFollowUp"
    assert too_late["errors"][0]["code"] == "LATER_THAN_CADENCE"
    soon = (app_today() + timedelta(days=1)).isoformat()  # within any cadence
    ok = record_visit(worker, own["id"], nextFollowUp=soon, expectedVersion=own["version"])
    assert ok["__typename"] == "RecordVisitSuccess" and ok["match"]["followUpDue"] == soon

    not_met = record_visit(worker, own["id"], outcome="NOT_MET", met=[], verifying=True)
    assert not_met["__typename"] == "InvalidInput" and not_met["field"] == "verifying"


async def test_a_verifying_visit_resolves_the_household_s_alerts(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: an event raises an alert on a household a worker follows
    a = area(gql)
    manager = await station_user(gql, graph, a.station_id)
    quiet = any(m["household"]["warningLevel"] == "NONE" for m in a.active)
    match = a.take(where=lambda m: not quiet or m["household"]["warningLevel"] == "NONE")
    household = match["household"]["id"]
    alert_ids = []
    for kind in ("HOSPITALISATION", "NEW_DISABILITY", "NEW_UNEMPLOYMENT", "CHRONIC_DISEASE"):
        body = manager.execute(
            RECORD_EVENT, {"h": household, "kind": kind, "on": app_today().isoformat()}
        )
        result = body["data"]["recordIndicatorEvent"]
        assert result["__typename"] == "RecordIndicatorEventSuccess", body
        if result["alert"]:
            alert_ids.append(result["alert"]["id"])
    assert alert_ids, "no event raised an alert"

    # when: a verifying visit is recorded after them
    result = record_visit(
        manager, match["id"], visitedAt=datetime.now(UTC).isoformat(), verifying=True
    )

    # then: the open alerts raised before it are resolved by it
    assert result["__typename"] == "RecordVisitSuccess", result
    resolved = set(result["resolvedAlertIds"])
    assert alert_ids[-1] in resolved  # the latest alert; earlier ones may be superseded
    assert set(result["visit"]["resolvedAlertIds"]) == resolved
    for alert_id in resolved:
        alert = manager.execute(ALERT, {"id": alert_id})["data"]["alert"]
        assert alert["status"] == "RESOLVED"
        assert alert["resolvedByVisit"] == result["visit"]["id"]
    kinds = [
        e["kind"] for e in manager.execute(TIMELINE, {"h": household})["data"]["householdTimeline"]
    ]
    assert "ALERT_RAISED" in kinds and "ALERT_RESOLVED" in kinds and "EVENT" in kinds


async def test_closing_a_need_on_a_visit_tells_whoever_reported_it(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a worker reports a need on a visit; a charity pledges it
    a = area(gql)
    worker_id = a.worker(at_least=2)
    worker = await worker_user(gql, graph, worker_id)
    match = a.take(worker_id=worker_id)
    found = record_visit(
        worker,
        match["id"],
        needsDiscovered=[
            {"kind": "HOUSING", "description": "屋顶漏雨", "estimatedCost": 3000, "urgency": "HIGH"}
        ],
    )
    need_id = found["visit"]["needsDiscovered"][0]["id"]
    manager = await station_user(gql, graph, a.station_id)
    pledged = manager.execute(UPDATE_NEED, {"id": need_id, "status": "PLEDGED"})
    assert pledged["data"]["updateNeed"]["__typename"] == "UpdateNeedSuccess", pledged
    before = worker.execute(NOTIFICATIONS, {"unread": True})["data"]["notifications"]

    # when: the station manager's visit sees the roof mended
    done = record_visit(
        manager,
        match["id"],
        needsResolved=[{"needId": need_id, "status": "FULFILLED", "note": "屋顶已修好"}],
    )

    # then: the need is fulfilled and the worker who reported it is told, once
    assert done["__typename"] == "RecordVisitSuccess", done
    assert done["reportersTold"] == 1 and done["visit"]["resolvedNeedIds"] == [need_id]
    after = worker.execute(NOTIFICATIONS, {"unread": True})["data"]["notifications"]
    assert after["totalCount"] == before["totalCount"] + 1
    told = next(e["node"] for e in after["edges"] if e["node"]["subjectId"] == need_id)
    assert told["kind"] == "REPORT_RESOLVED" and told["subjectType"] == "Need"

    # and: closing it again is refused (a fulfilled need is final), nobody told twice
    again = record_visit(
        manager, match["id"], needsResolved=[{"needId": need_id, "status": "CANCELLED"}]
    )
    assert again["__typename"] == "InvalidInput"
    assert again["errors"][0]["code"] == "TRANSITION_NOT_ALLOWED"

    # and: the worker marks it read
    read = worker.execute(
        "mutation ($id: ID!) { markNotificationRead(id: $id) { __typename "
        "... on MarkNotificationReadSuccess { notification { readAt } } } }",
        {"id": told["id"]},
    )["data"]["markNotificationRead"]
    assert read["notification"]["readAt"]
    unread = worker.execute(NOTIFICATIONS, {"unread": True})["data"]["notifications"]
    assert all(e["node"]["id"] != told["id"] for e in unread["edges"])
    other = gql.as_user("station").execute(
        "mutation ($id: ID!) { markNotificationRead(id: $id) { __typename } }", {"id": told["id"]}
    )
    assert other["data"]["markNotificationRead"]["__typename"] == "NotFound"
