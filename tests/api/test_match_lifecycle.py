"""The match lifecycle through GraphQL: accept and reject proposals, close active matches
with an outcome; every refused move names the state the match is in; versions guard
every move; an exit starts a transition period during which the household is watched."""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.driver import Graph
from matching.cadence import add_months
from tests.api.follow_up_support import area, error_code, station_user, worker_user
from tests.conftest import GraphQLClient, own_cypher_queries
from tests.support.clock import app_today

MATCH_FIELDS = "id status version outcome closeNote closedAt startedOn followUpDue overdue"
FRAGMENTS = (
    "fragment M on Match { " + MATCH_FIELDS + " }\n"
    """
fragment Refusal on UserError {
  __typename message field code
  ... on NotAllowedTransition { currentStatus requestedStatus }
  ... on StaleVersion { currentVersion }
  ... on InvalidInput { errors { field code } }
  ... on RuleViolation { violations }
}
"""
)
CLOSE = (
    """
mutation ($m: ID!, $v: Int!, $o: MatchOutcome!, $note: String, $months: Int) {
  closeMatch(matchId: $m, expectedVersion: $v, outcome: $o, note: $note,
             transitionMonths: $months) {
    __typename
    ... on CloseMatchSuccess { transitionUntil match { ...M } }
    ...Refusal
  }
}
"""
    + FRAGMENTS
)
ACCEPT = (
    """
mutation ($m: ID!, $v: Int!) {
  acceptMatch(matchId: $m, expectedVersion: $v) {
    __typename
    ... on AcceptMatchSuccess { match { ...M household { id worker { id } } } }
    ...Refusal
  }
}
"""
    + FRAGMENTS
)
REJECT = (
    """
mutation ($m: ID!, $v: Int!, $r: String!) {
  rejectMatch(matchId: $m, expectedVersion: $v, reason: $r) {
    __typename
    ... on RejectMatchSuccess { match { ...M } }
    ...Refusal
  }
}
"""
    + FRAGMENTS
)
MATCH = "query ($id: ID!) { match(id: $id) { ...M } }\n" + FRAGMENTS.split("\n")[0]


def close(client: GraphQLClient, m: dict[str, Any], outcome: str, **extra: Any) -> dict[str, Any]:
    body = client.execute(CLOSE, {"m": m["id"], "v": m["version"], "o": outcome, **extra})
    assert body.get("data"), body
    result: dict[str, Any] = body["data"]["closeMatch"]
    return result


async def audit_actions(graph: Graph, entity_id: str) -> list[str]:
    records, _, _ = await graph.driver.execute_query(
        "MATCH (a:AuditEvent {entity_id: $id}) RETURN a.action AS action ORDER BY a.at",
        id=entity_id,
    )
    return [r["action"] for r in records]


async def test_closing_an_active_match_and_closing_it_again(
    gql: GraphQLClient, graph: Graph
) -> None:
    a = area(gql)
    manager = await station_user(gql, graph, a.station_id)
    match = a.take()

    # when: closed as stable
    done = close(manager, match, "STABLE", note="情况稳定，转为常规关注")
    # then
    assert done["__typename"] == "CloseMatchSuccess", done
    closed = done["match"]
    assert (closed["status"], closed["outcome"]) == ("CLOSED", "STABLE")
    assert closed["version"] == match["version"] + 1 and closed["closedAt"]
    assert not closed["overdue"] and done["transitionUntil"] is None
    assert "MATCH_CLOSED" in await audit_actions(graph, match["id"])

    # when: closed again, with the version it now has
    again = close(manager, closed, "MOVED")
    # then: refused, saying it is CLOSED; nothing changed
    assert again["__typename"] == "NotAllowedTransition", again
    assert (again["currentStatus"], again["requestedStatus"]) == ("CLOSED", "CLOSED")
    assert again["code"] == "TRANSITION_NOT_ALLOWED" and "CLOSED" in again["message"]
    now = manager.execute(MATCH, {"id": match["id"]})["data"]["match"]
    assert now["outcome"] == "STABLE" and now["version"] == closed["version"]

    # and: a closed match takes no visits
    visit = manager.execute(
        "mutation ($i: RecordVisitInput!) { recordVisit(input: $i) { __typename "
        "... on UserError { code } } }",
        {
            "i": {
                "matchId": match["id"],
                "visitedAt": closed["closedAt"],
                "place": "家中",
                "met": ["户主"],
                "findings": "",
                "outcome": "STABLE",
            }
        },
    )["data"]["recordVisit"]
    assert visit == {"__typename": "Conflict", "code": "MATCH_NOT_ACTIVE"}


async def test_a_stale_version_is_refused_and_changes_nothing(
    gql: GraphQLClient, graph: Graph
) -> None:
    a = area(gql)
    manager = await station_user(gql, graph, a.station_id)
    match = a.take()
    stale = close(manager, {**match, "version": match["version"] - 1}, "STABLE")
    assert stale["__typename"] == "StaleVersion" and stale["currentVersion"] == match["version"]
    assert manager.execute(MATCH, {"id": match["id"]})["data"]["match"]["status"] == "ACTIVE"


async def test_an_exit_needs_a_transition_of_six_to_twelve_months_and_keeps_watching(
    gql: GraphQLClient, graph: Graph
) -> None:
    a = area(gql)
    manager = await station_user(gql, graph, a.station_id)
    match = a.take()
    household = match["household"]["id"]

    for months in (None, 5, 13):
        refused = close(manager, match, "EXITED", months=months)
        assert refused["__typename"] == "InvalidInput", refused
        assert (refused["field"], refused["errors"][0]["code"]) == (
            "transitionMonths",
            "TRANSITION_MONTHS",
        )
    referral = close(manager, match, "REFERRED", note=" ")
    assert referral["__typename"] == "InvalidInput" and referral["field"] == "note"
    not_an_exit = close(manager, match, "STABLE", months=6)
    assert not_an_exit["__typename"] == "InvalidInput"

    done = close(manager, match, "EXITED", months=6, note="务工收入稳定，脱困退出")
    assert done["__typename"] == "CloseMatchSuccess", done
    until = add_months(app_today(), 6)
    assert done["transitionUntil"] == until.isoformat()
    records, _, _ = await graph.driver.execute_query(
        "MATCH (h:Household {id: $h}) RETURN h.transition_until AS until, h.exited_on AS exited",
        h=household,
    )
    assert records[0]["until"].to_native() == until
    assert records[0]["exited"].to_native() == app_today()
    actions = await audit_actions(graph, household)
    assert "HOUSEHOLD_TRANSITION_STARTED" in actions
    timeline = manager.execute(
        "query ($h: ID!) { householdTimeline(householdId: $h) { kind params { name value } } }",
        {"h": household},
    )["data"]["householdTimeline"]
    kinds = [e["kind"] for e in timeline]
    assert kinds[-1] == "TRANSITION_ENDS" and "MATCH_CLOSED" in kinds
    closed = [e["params"] for e in timeline if e["kind"] == "MATCH_CLOSED"]
    assert {"name": "outcome", "value": "EXITED"} in closed[0]


async def test_a_proposal_is_accepted_or_rejected_once(gql: GraphQLClient, graph: Graph) -> None:
    a = area(gql)
    manager = await station_user(gql, graph, a.proposal_station_id)
    first, second = a.proposed.pop(), a.proposed.pop()

    # accepting with a wrong version is refused; with the right one it activates
    stale = manager.execute(ACCEPT, {"m": first["id"], "v": first["version"] + 1})
    assert stale["data"]["acceptMatch"]["__typename"] == "StaleVersion"
    body = manager.execute(ACCEPT, {"m": first["id"], "v": first["version"]})
    accepted = body["data"]["acceptMatch"]
    assert accepted["__typename"] == "AcceptMatchSuccess", body
    m = accepted["match"]
    assert m["status"] == "ACTIVE" and m["startedOn"] == app_today().isoformat()
    assert date.fromisoformat(m["followUpDue"]) > app_today()
    assert m["household"]["worker"]["id"] == first["worker"]["id"]
    again = manager.execute(ACCEPT, {"m": first["id"], "v": m["version"]})["data"]["acceptMatch"]
    assert again["__typename"] == "NotAllowedTransition" and again["currentStatus"] == "ACTIVE"

    # rejecting needs a reason; a rejected proposal cannot be accepted
    no_reason = manager.execute(REJECT, {"m": second["id"], "v": second["version"], "r": " "})
    assert no_reason["data"]["rejectMatch"]["field"] == "reason"
    rejected = manager.execute(
        REJECT, {"m": second["id"], "v": second["version"], "r": "家属希望由熟悉的社工负责"}
    )["data"]["rejectMatch"]
    assert rejected["__typename"] == "RejectMatchSuccess" and rejected["match"]["status"] == (
        "REJECTED"
    )
    late = manager.execute(ACCEPT, {"m": second["id"], "v": rejected["match"]["version"]})
    result = late["data"]["acceptMatch"]
    assert (result["__typename"], result["currentStatus"]) == ("NotAllowedTransition", "REJECTED")
    assert "MATCH_REJECTED" in await audit_actions(graph, second["id"])
    assert "MATCH_ACTIVATED" in await audit_actions(graph, first["id"])


async def test_only_managers_move_matches_and_only_in_their_area(
    gql: GraphQLClient, graph: Graph
) -> None:
    a = area(gql)
    match = a.active[0]  # read only
    worker = await worker_user(gql, graph, match["worker"]["id"])
    body = worker.execute(CLOSE, {"m": match["id"], "v": match["version"], "o": "STABLE"})
    assert error_code(body) == "FORBIDDEN"
    elsewhere = gql.as_user("station")  # the demo station manager: another station
    result = close(elsewhere, match, "STABLE")
    assert result["__typename"] == "NotFound"


def test_a_page_of_matches_costs_the_same_queries_whatever_its_size(gql: GraphQLClient) -> None:
    a = area(gql)
    admin = gql.as_user("admin")
    page = """
    query ($first: Int!, $sid: ID!) {
      matches(first: $first, filter: {stationId: $sid}) {
        edges { node { id overdue household { id } worker { id } visits { id } } }
      }
    }
    """
    small = admin.execute(page, {"first": 2, "sid": a.station_id})
    large = admin.execute(page, {"first": 50, "sid": a.station_id})
    assert len(large["data"]["matches"]["edges"]) > len(small["data"]["matches"]["edges"])
    own = (own_cypher_queries(small), own_cypher_queries(large))
    assert own[0] == own[1], own
    assert large["extensions"]["cypherQueries"] <= 8
