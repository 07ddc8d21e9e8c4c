"""A household's timeline and its statement of help received (幸福清单), through GraphQL:
what happened, in order, with who did it; what help reached the household, with totals;
only for the roles that may know who the household is."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from graph.driver import Graph
from tests.api.follow_up_support import area, error_code, record_visit, station_user, worker_user
from tests.conftest import GraphQLClient
from tests.support.clock import app_today

TIMELINE = """
query ($h: ID!) {
  householdTimeline(householdId: $h) { at kind detail actor subjectId params { name value } }
}
"""
STATEMENT = """
query ($h: ID!) {
  householdStatement(householdId: $h) {
    householdId headName generatedOn since transitionUntil
    matches { workerName stationName startedOn endedOn status outcome }
    visits { visitedOn workerName place outcome }
    needsFulfilled { kind description costYuan fulfilledOn fulfilledBy organisations }
    referrals { referredOn to workerName }
    totals { workers visits needsFulfilled valueYuan referrals }
  }
}
"""
UPDATE_NEED = """
mutation ($id: ID!, $status: NeedStatus!) {
  updateNeed(input: {id: $id, status: $status}) { __typename }
}
"""
CLOSE = """
mutation ($m: ID!, $v: Int!, $note: String) {
  closeMatch(matchId: $m, expectedVersion: $v, outcome: REFERRED, note: $note) {
    __typename ... on CloseMatchSuccess { match { status } }
  }
}
"""


def _params(entry: dict[str, Any]) -> dict[str, str | None]:
    return {p["name"]: p["value"] for p in entry["params"]}


async def helped_household(gql: GraphQLClient, graph: Graph) -> dict[str, Any]:
    """A household followed, visited (once in vain), a need found and met, then referred."""
    a = area(gql)
    worker_id = a.worker(at_least=2)
    worker = await worker_user(gql, graph, worker_id)
    manager = await station_user(gql, graph, a.station_id)
    match = a.take(worker_id=worker_id)
    missed = record_visit(worker, match["id"], outcome="NOT_MET", met=[], findings="无人在家")
    assert missed["__typename"] == "RecordVisitSuccess", missed
    need = {
        "kind": "REHABILITATION",
        "description": "康复训练",
        "estimatedCost": 1800,
        "urgency": "MEDIUM",
    }
    found = record_visit(worker, match["id"], needsDiscovered=[need])
    need_id = found["visit"]["needsDiscovered"][0]["id"]
    manager.execute(UPDATE_NEED, {"id": need_id, "status": "PLEDGED"})
    met = record_visit(
        manager, match["id"], needsResolved=[{"needId": need_id, "status": "FULFILLED"}]
    )
    assert met["__typename"] == "RecordVisitSuccess", met
    closed = manager.execute(
        CLOSE, {"m": match["id"], "v": met["match"]["version"], "note": "县残联康复中心"}
    )
    assert closed["data"]["closeMatch"]["__typename"] == "CloseMatchSuccess", closed
    return {
        "household": match["household"]["id"],
        "match": match,
        "need": need_id,
        "worker": worker,
        "worker_id": worker_id,
        "manager": manager,
    }


async def test_the_timeline_tells_what_happened_in_order_and_who_did_it(
    gql: GraphQLClient, graph: Graph
) -> None:
    h = await helped_household(gql, graph)

    entries = h["worker"].execute(TIMELINE, {"h": h["household"]})["data"]["householdTimeline"]

    times = [datetime.fromisoformat(e["at"]) for e in entries]
    assert times == sorted(times)
    kinds = [e["kind"] for e in entries if e["subjectId"] in (h["match"]["id"], h["need"])]
    assert kinds[:2] == ["MATCH_PROPOSED", "MATCH_ACTIVATED"] and kinds[-1] == "MATCH_CLOSED"
    visits = [e for e in entries if e["kind"] == "VISIT"]
    assert len(visits) >= 3 and _params(visits[0])["outcome"] == "NOT_MET"
    changes = [
        e for e in entries if e["kind"] == "NEED_STATUS_CHANGED" and e["subjectId"] == h["need"]
    ]
    assert [_params(c)["status"] for c in changes] == ["PLEDGED", "FULFILLED"]
    assert {c["actor"] for c in changes} == {"测试站长"}
    reported = next(e for e in entries if e["subjectId"] == h["need"])
    assert reported["actor"] == f"测试社工 {h['worker_id']}"
    assert _params(reported)["estimatedCost"] == "1800"
    closed = next(e for e in entries if e["kind"] == "MATCH_CLOSED")
    assert _params(closed)["outcome"] == "REFERRED"
    assert closed["detail"] == "县残联康复中心"
    # Codes and values only: the page says each entry in its own language.
    assert all(
        "title" not in e and (e["params"] or e["kind"] == "TRANSITION_ENDS") for e in entries
    )


async def test_the_statement_lists_the_help_received_with_totals(
    gql: GraphQLClient, graph: Graph
) -> None:
    h = await helped_household(gql, graph)

    s = h["manager"].execute(STATEMENT, {"h": h["household"]})["data"]["householdStatement"]

    assert s["householdId"] == h["household"]
    today = app_today().isoformat()
    assert s["generatedOn"] == today and s["since"] == h["match"]["startedOn"]
    line = s["matches"][-1]
    assert line["workerName"] and line["stationName"]
    assert (line["status"], line["outcome"], line["endedOn"]) == ("CLOSED", "REFERRED", today)
    assert len(s["visits"]) >= 2 and all(v["outcome"] != "NOT_MET" for v in s["visits"])
    ours = [n for n in s["needsFulfilled"] if n["description"] == "康复训练"]
    assert ours == [
        {
            "kind": "REHABILITATION",
            "description": "康复训练",
            "costYuan": 1800,
            "fulfilledOn": today,
            "fulfilledBy": "测试站长",
            "organisations": [],
        }
    ]
    assert s["referrals"] == [
        {"referredOn": today, "to": "县残联康复中心", "workerName": line["workerName"]}
    ]
    t = s["totals"]
    needs = s["needsFulfilled"]  # the demo county's history may hold more
    assert (t["needsFulfilled"], t["referrals"]) == (len(needs), 1)
    assert t["valueYuan"] == sum(n["costYuan"] for n in needs) >= 1800
    assert t["visits"] == len(s["visits"]) and t["workers"] == len(
        {m["workerName"] for m in s["matches"]}
    )


def test_charities_never_see_a_household_s_story_and_others_only_in_their_area(
    gql: GraphQLClient,
) -> None:
    a = area(gql)
    household = a.active[0]["household"]["id"]
    charity = gql.as_user("charity")
    assert error_code(charity.execute(STATEMENT, {"h": household})) == "FORBIDDEN"
    assert error_code(charity.execute(TIMELINE, {"h": household})) == "FORBIDDEN"
    elsewhere = gql.as_user("station").execute(STATEMENT, {"h": household})
    assert elsewhere["data"]["householdStatement"] is None
    auditor = gql.as_user("auditor").execute(TIMELINE, {"h": household})
    assert auditor["data"]["householdTimeline"]
