"""An organisation's own notifications, in its bell: a hand-over offered to it, and its claim
about to lapse (told once however often the pass runs); no other organisation reads them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from graph.driver import Graph
from server.clock import FixedClock
from server.services.adoptions import run_adoption_pass
from tests.api.market_support import TRANSFER, claim, new_charity, new_need, run
from tests.conftest import GraphQLClient

BELL = """
{
  notifications(first: 50, unreadOnly: true) {
    totalCount
    edges { node { kind subjectType subjectId params { name value } } }
  }
}
"""


def _bell(client: GraphQLClient) -> list[dict[str, Any]]:
    body = client.execute(BELL)
    assert "errors" not in body, body
    return [e["node"] for e in body["data"]["notifications"]["edges"]]


def _params(node: dict[str, Any]) -> dict[str, str]:
    return {p["name"]: p["value"] for p in node["params"]}


async def test_an_organisation_hears_of_an_offer_and_of_its_claim_lapsing(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: two charities; the giver holds two claims (7 days each)
    giver, _, village = await new_charity(gql, graph)
    taker, taker_id, _ = await new_charity(gql, graph)
    bystander, _, _ = await new_charity(gql, graph)
    offered = claim(giver, new_need(gql, village))["adoption"]
    kept = claim(giver, new_need(gql, village))["adoption"]
    assert _bell(taker) == [] and _bell(giver) == []

    # when: one claim is offered to the taker; the pass runs 6 days on (twice)
    run(giver, TRANSFER, adoptionId=offered["id"], expectedVersion=1, toOrganisationId=taker_id)
    later = FixedClock(at=datetime.now(UTC) + timedelta(days=6))
    first = await run_adoption_pass(graph, clock=later)
    await run_adoption_pass(graph, clock=later)

    # then: the taker is told of the offer, by whom and of what kind
    [offer] = [n for n in _bell(taker) if n["kind"] == "ADOPTION_TRANSFER_OFFERED"]
    assert offer["subjectType"] == "Adoption" and offer["subjectId"] == offered["id"]
    assert _params(offer)["needKind"] == "MEDICAL" and _params(offer)["organisation"]
    # each holder of a lapsing claim, once, with the deadline: the giver of the claim it kept,
    # the taker of the one handed over meanwhile (the offer approved itself after 36 hours)
    lapsing = [n for n in _bell(giver) if n["kind"] == "ADOPTION_EXPIRING"]
    assert [n["subjectId"] for n in lapsing] == [kept["id"]]
    assert _params(lapsing[0]) == {"needKind": "MEDICAL", "expiresOn": kept["expiresOn"]}
    taken = [n["subjectId"] for n in _bell(taker) if n["kind"] == "ADOPTION_EXPIRING"]
    assert taken == [offered["id"]]
    assert first.transferred >= 1 and first.warned >= 2
    # nobody else reads them
    assert _bell(bystander) == []
