"""The audit log through GraphQL: auditors and administrators read every change with who,
when, what, before and after; filters and pages; nobody else reads it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from graph.driver import Graph
from tests.api.follow_up_support import area, error_code, record_visit, station_user
from tests.conftest import GraphQLClient

AUDIT = """
query ($first: Int!, $after: String, $f: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $f) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id at actorId actorRole actorName action entityType entityId before
                          after reason } }
  }
}
"""
CLOSE = """
mutation ($m: ID!, $v: Int!) {
  closeMatch(matchId: $m, expectedVersion: $v, outcome: MOVED, note: "迁往外县") {
    __typename
  }
}
"""


def audit(
    client: GraphQLClient, f: dict[str, Any], first: int = 50, after: str | None = None
) -> dict[str, Any]:
    body = client.execute(AUDIT, {"first": first, "after": after, "f": f})
    assert "errors" not in body, body
    page: dict[str, Any] = body["data"]["auditEvents"]
    return page


async def test_an_auditor_reads_who_changed_what_with_before_and_after(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a visit and a closing by a station manager
    a = area(gql)
    manager = await station_user(gql, graph, a.station_id)
    start = datetime.now(UTC) - timedelta(seconds=1)
    match = a.take()
    visited = record_visit(manager, match["id"])
    assert visited["__typename"] == "RecordVisitSuccess", visited
    closed = manager.execute(CLOSE, {"m": match["id"], "v": visited["match"]["version"]})
    assert closed["data"]["closeMatch"]["__typename"] == "CloseMatchSuccess", closed
    auditor = gql.as_user("auditor")

    # when: the auditor reads the match's history
    page = audit(auditor, {"entityId": match["id"]})

    # then: newest first, with before/after as JSON objects
    actions = [e["node"]["action"] for e in page["edges"]]
    assert actions[:2] == ["MATCH_CLOSED", "MATCH_FOLLOWED_UP"] and "MATCH_ACTIVATED" in actions
    closing = page["edges"][0]["node"]
    assert closing["before"]["status"] == "ACTIVE"
    assert closing["after"] == {
        "status": "CLOSED",
        "version": visited["match"]["version"] + 1,
        "outcome": "MOVED",
        "transition_months": None,
    }
    assert closing["actorId"] == f"user-fu-manager-{a.station_id}"
    assert (closing["actorRole"], closing["reason"]) == ("STATION_MANAGER", "迁往外县")
    # the page names the actor: the account's display name, not its id
    assert closing["actorName"] == "测试站长"

    # and: by actor, action and time, one page at a time
    mine = {"actorId": closing["actorId"], "from": start.isoformat()}
    everything = audit(auditor, mine)
    assert {"RECORD_VISIT", "MATCH_FOLLOWED_UP", "MATCH_CLOSED"} <= {
        e["node"]["action"] for e in everything["edges"]
    }
    visits = audit(auditor, {**mine, "action": "RECORD_VISIT"})
    by_kind = audit(auditor, {**mine, "entityType": "Visit"})
    assert [e["node"]["id"] for e in by_kind["edges"]] == [e["node"]["id"] for e in visits["edges"]]
    assert visits["edges"] and all(e["node"]["entityType"] == "Visit" for e in visits["edges"])
    assert visits["edges"][0]["node"]["entityId"] == visited["visit"]["id"]
    first = audit(auditor, mine, first=1)
    assert first["pageInfo"]["hasNextPage"] and first["totalCount"] == everything["totalCount"]
    second = audit(auditor, mine, first=1, after=first["pageInfo"]["endCursor"])
    assert second["edges"][0]["node"]["id"] == everything["edges"][1]["node"]["id"]
    future = audit(auditor, {**mine, "from": (datetime.now(UTC) + timedelta(days=1)).isoformat()})
    assert future["totalCount"] == 0


def test_only_auditors_and_administrators_read_the_audit_log(gql: GraphQLClient) -> None:
    for role in ("charity", "station", "worker", "coordinator"):
        body = gql.as_user(role).execute(AUDIT, {"first": 1, "after": None, "f": None})
        assert error_code(body) == "FORBIDDEN", role
    body = gql.as_user("admin").execute(AUDIT, {"first": 1, "after": None, "f": None})
    assert body["data"]["auditEvents"]["totalCount"] > 0
