"""救急难 through GraphQL: a worker asks for temporary assistance (临时救助) with an amount and
its reason; the station manager decides it the same day; a decided request is not decided
again; versions guard the decision; the household's list shows the amount and the reason."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from tests.api.registry_support import area_of, audit_actions
from tests.api.test_early_warning import fresh_household
from tests.conftest import GraphQLClient

FIELDS = "id amountYuan reason status requestedOn decidedOn note version sameDay"
REQUEST = (
    "mutation ($h: ID!, $a: Int!, $r: String!) { requestTemporaryAssistance(householdId: $h, "
    "amountYuan: $a, reason: $r) { __typename ... on RequestTemporaryAssistanceSuccess { "
    "assistance { " + FIELDS + " } } ... on InvalidInput { errors { field code } } "
    "... on UserError { code field } } }"
)
DECIDE = (
    "mutation ($i: ID!, $v: Int!, $ok: Boolean!, $n: String) { decideTemporaryAssistance("
    "assistanceId: $i, expectedVersion: $v, approve: $ok, note: $n) { __typename "
    "... on DecideTemporaryAssistanceSuccess { assistance { " + FIELDS + " } } "
    "... on StaleVersion { currentVersion } ... on InvalidInput { errors { field code } } "
    "... on UserError { code field } } }"
)
LIST = "query ($h: ID!) { householdAssistance(householdId: $h) { " + FIELDS + " } }"


def call(client: GraphQLClient, doc: str, **variables: Any) -> dict[str, Any]:
    body = client.execute(doc, variables)
    assert body.get("data"), body
    result: dict[str, Any] = next(iter(body["data"].values()))
    return result


async def test_a_request_is_decided_once_the_same_day(gql: GraphQLClient, graph: Graph) -> None:
    station, worker = gql.as_user("station"), gql.as_user("worker")
    area = await area_of(graph, "station")
    household, _ = fresh_household(station, area.village_id)

    bad = call(station, REQUEST, h=household, a=0, r=" ")
    assert {(e["field"], e["code"]) for e in bad["errors"]} == {
        ("reason", "REQUIRED"),
        ("amountYuan", "OUT_OF_RANGE"),
    }
    ghost = call(station, REQUEST, h="hh-none", a=500, r="火灾")
    assert ghost["__typename"] == "NotFound", ghost

    asked = call(station, REQUEST, h=household, a=3000, r="房屋失火，衣物被褥全部烧毁")
    assert asked["__typename"] == "RequestTemporaryAssistanceSuccess", asked
    aid = asked["assistance"]
    assert (aid["status"], aid["amountYuan"], aid["sameDay"]) == ("REQUESTED", 3000, None)

    # a worker may ask but not decide
    body = worker.execute(DECIDE, {"i": aid["id"], "v": 1, "ok": True, "n": None})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body
    mute = call(station, DECIDE, i=aid["id"], v=1, ok=False)
    assert mute["errors"][0]["field"] == "note", mute
    stale = call(station, DECIDE, i=aid["id"], v=5, ok=True)
    assert (stale["__typename"], stale["currentVersion"]) == ("StaleVersion", 1), stale

    approved = call(station, DECIDE, i=aid["id"], v=1, ok=True, n="同意，当日发放")
    assert approved["__typename"] == "DecideTemporaryAssistanceSuccess", approved
    aid = approved["assistance"]
    assert (aid["status"], aid["sameDay"], aid["decidedOn"]) == (
        "APPROVED",
        True,
        aid["requestedOn"],
    )
    again = call(station, DECIDE, i=aid["id"], v=2, ok=False, n="重复")
    assert (again["__typename"], again["code"]) == ("Conflict", "TRANSITION_NOT_ALLOWED"), again

    listed = call(station, LIST, h=household)
    assert [(a["amountYuan"], a["reason"], a["status"]) for a in listed] == [
        (3000, "房屋失火，衣物被褥全部烧毁", "APPROVED")
    ]
    assert await audit_actions(graph, aid["id"]) == ["ASSISTANCE_REQUESTED", "ASSISTANCE_APPROVED"]
