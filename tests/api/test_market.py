"""The needs marketplace through GraphQL: claiming within capacity and scope, the race, every
step of an adoption (allowed and refused), the expiry and hand-over pass, the ledger."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from graph.driver import Graph
from server.clock import FixedClock, SystemClock
from server.services.adoptions import run_adoption_pass
from tests.api.market_support import (
    CANCEL,
    DECIDE_TRANSFER,
    DISBURSE,
    FULFIL,
    NEED,
    PNG,
    RELEASE,
    TRANSFER,
    claim,
    new_charity,
    new_need,
    run,
    upload_evidence,
)
from tests.api.registry_support import audit_events, single
from tests.conftest import GraphQLClient, own_cypher_queries


async def test_a_charity_adopts_a_need_which_is_then_no_longer_open(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    charity, _, village = await new_charity(gql, graph)
    need_id = new_need(gql, village)
    # when
    result = claim(charity, need_id)
    # then
    assert result["__typename"] == "ClaimNeedSuccess"
    assert result["adoption"]["status"] == "CLAIMED"
    assert result["adoption"]["pledgedYuan"] == 3000
    need = gql.as_user("coordinator").execute(NEED, {"id": need_id})["data"]["need"]
    assert need["status"] == "PLEDGED" and need["version"] == 2
    actions = [e["action"] for e in await audit_events(graph, result["adoption"]["id"])]
    assert actions == ["CLAIM_NEED"]
    told = await single(
        graph,
        "MATCH (n:Notification {subject_id: $id}) RETURN collect(n.kind)",
        id=result["adoption"]["id"],
    )
    assert told == ["ADOPTION_CLAIMED"]


async def test_two_racing_claims_one_wins_the_other_is_told_it_is_taken(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: two organisations and one open need
    first, _, village = await new_charity(gql, graph)
    second, _, _ = await new_charity(gql, graph)
    need_id = new_need(gql, village)
    # when: both claim it at once
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda c: claim(c, need_id), [first, second]))
    # then
    kinds = sorted(r["__typename"] for r in results)
    assert kinds == ["ClaimNeedSuccess", "Conflict"], results
    loser = next(r for r in results if r["__typename"] == "Conflict")
    assert loser["code"] == "NEED_TAKEN"
    held = await single(
        graph, "MATCH (a:Adoption)-[:FOR]->(:Need {id: $id}) RETURN count(a)", id=need_id
    )
    assert held == 1


async def test_claims_are_refused_out_of_scope_over_capacity_stale_and_taken(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a charity that serves medical needs, 5,000 yuan, two open adoptions at most
    charity, _, village = await new_charity(gql, graph, kinds=["MEDICAL"], budget=5000, max_open=2)
    housing = new_need(gql, village, kind="HOUSING")
    first = new_need(gql, village, cost=3000)
    second = new_need(gql, village, cost=3000)
    # when / then: out of its kinds
    assert claim(charity, housing)["code"] == "OUT_OF_KINDS"
    # stale version
    stale = claim(charity, first, version=7)
    assert stale["__typename"] == "StaleVersion" and stale["currentVersion"] == 1
    # above the need
    above = claim(charity, first, amountYuan=3001)
    assert above["code"] == "AMOUNT_ABOVE_NEED"
    assert claim(charity, first, amountYuan=-5)["code"] == "AMOUNT_NOT_POSITIVE"
    # over budget: 3,000 pledged, 2,000 left
    assert claim(charity, first)["__typename"] == "ClaimNeedSuccess"
    over = claim(charity, second)
    assert over["code"] == "OVER_BUDGET"
    assert {p["name"]: p["value"] for p in over["params"]} == {"remaining": "2000"}
    # taken
    other, _, _ = await new_charity(gql, graph)
    assert claim(other, first, version=2)["code"] == "NEED_TAKEN"
    # too many open: a small pledge fits the budget, the third adoption does not
    assert claim(charity, second, amountYuan=1000)["__typename"] == "ClaimNeedSuccess"
    third = new_need(gql, village, cost=500)
    assert claim(charity, third)["code"] == "TOO_MANY_OPEN"
    # nothing was written by the refusals
    need = gql.as_user("coordinator").execute(NEED, {"id": third})["data"]["need"]
    assert need["status"] == "OPEN" and need["version"] == 1
    # out of region: the coordinator's need in another township is not found at all
    far = await single(
        graph,
        """MATCH (u:User {username: 'charity'}), (c:Charity {id: u.scope_id})
           MATCH (h:Household)-[:HAS_NEED]->(n:Need {status: 'OPEN'})
           WHERE NOT EXISTS { MATCH (c)-[:ACTIVE_IN]->(r)
                              WHERE r.id IN [h.township_id, h.county_id] }
           RETURN n.id LIMIT 1""",
    )
    if far is not None:
        assert claim(charity, far)["__typename"] == "NotFound"


async def test_an_adoption_goes_from_pledge_to_fulfilled_with_evidence(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    charity, _, village = await new_charity(gql, graph)
    need_id = new_need(gql, village, cost=2000)
    adoption = claim(charity, need_id)["adoption"]
    today = SystemClock().today().isoformat()
    # when / then: an amount above the need, or negative, is refused
    base = {"adoptionId": adoption["id"], "expectedVersion": 1, "disbursedOn": today}
    above = run(charity, DISBURSE, **base, amountYuan=2001, channel="BANK_TRANSFER")
    assert above["code"] == "AMOUNT_ABOVE_NEED"
    assert run(charity, DISBURSE, **base, amountYuan=-1, channel="CASH")["code"] == (
        "AMOUNT_NOT_POSITIVE"
    )
    paid = run(charity, DISBURSE, **base, amountYuan=1800, channel="BANK_TRANSFER")
    assert paid["adoption"]["status"] == "DISBURSED" and paid["adoption"]["disbursedYuan"] == 1800
    # fulfilling needs evidence
    early = run(charity, FULFIL, adoptionId=adoption["id"], expectedVersion=2)
    assert early["code"] == "EVIDENCE_REQUIRED"
    # evidence of the wrong type, or too large, is refused with the limit
    wrong = upload_evidence(charity, adoption["id"], b"MZ not a picture", "x.exe")
    assert wrong["errors"][0]["code"] == "WRONG_FILE_TYPE"
    big = upload_evidence(charity, adoption["id"], PNG + b"\x00" * (5 * 2**20))
    assert big["errors"][0]["code"] == "TOO_LARGE"
    assert {p["name"]: p["value"] for p in big["errors"][0]["params"]} == {
        "maxBytes": str(5 * 2**20)
    }
    ok = upload_evidence(charity, adoption["id"], PNG)
    assert ok["adoption"]["evidenceCount"] == 1
    # a stale fulfil is refused, then the right one finishes it
    stale = run(charity, FULFIL, adoptionId=adoption["id"], expectedVersion=1)
    assert stale["__typename"] == "StaleVersion"
    done = run(charity, FULFIL, adoptionId=adoption["id"], expectedVersion=2)
    assert done["adoption"]["status"] == "FULFILLED"
    need = gql.as_user("coordinator").execute(NEED, {"id": need_id})["data"]["need"]
    assert need["status"] == "FULFILLED"
    # the station heard each step; the reporter heard it was fulfilled
    kinds = await single(
        graph,
        "MATCH (n:Notification {subject_id: $id}) RETURN collect(n.kind)",
        id=adoption["id"],
    )
    assert sorted(kinds) == ["ADOPTION_CLAIMED", "ADOPTION_DISBURSED", "ADOPTION_FULFILLED"]
    reporter = await single(
        graph, "MATCH (n:Notification {id: $id}) RETURN n.kind", id=f"need-resolved:{need_id}"
    )
    assert reporter == "REPORT_RESOLVED"
    # the ledger shows it, to the charity and to the coordinator
    ledger = charity.execute(
        "{ fundsLedger(period: YEAR) { pledgedYuan disbursedYuan fulfilledYuan } }"
    )
    line = ledger["data"]["fundsLedger"][0]
    assert (line["pledgedYuan"], line["disbursedYuan"], line["fulfilledYuan"]) == (2000, 1800, 1800)


async def test_release_and_cancel_reopen_the_need(gql: GraphQLClient, graph: Graph) -> None:
    # given
    charity, _, village = await new_charity(gql, graph)
    released = new_need(gql, village)
    cancelled = new_need(gql, village)
    a = claim(charity, released)["adoption"]
    b = claim(charity, cancelled)["adoption"]
    # when
    gone = run(charity, RELEASE, adoptionId=a["id"], expectedVersion=1)
    no_reason = run(charity, CANCEL, adoptionId=b["id"], expectedVersion=1, reason=" ")
    ended = run(charity, CANCEL, adoptionId=b["id"], expectedVersion=1, reason="资金未到位")
    # then
    assert gone["adoption"]["status"] == "RELEASED"
    assert no_reason["code"] == "REASON_REQUIRED"
    assert ended["adoption"]["status"] == "CANCELLED"
    again = run(charity, RELEASE, adoptionId=a["id"], expectedVersion=2)
    assert again["code"] == "ADOPTION_RELEASED"
    for need_id in (released, cancelled):
        need = gql.as_user("coordinator").execute(NEED, {"id": need_id})["data"]["need"]
        assert need["status"] == "OPEN"


async def test_an_expired_claim_reopens_once_even_when_the_pass_runs_twice(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a claim whose 7 days have passed
    charity, _, village = await new_charity(gql, graph)
    need_id = new_need(gql, village)
    adoption = claim(charity, need_id)["adoption"]
    later = FixedClock(at=datetime.now(UTC) + timedelta(days=9))
    # when: the pass runs, and runs again (a rerun after a crash)
    await run_adoption_pass(graph, clock=later)
    await run_adoption_pass(graph, clock=later)
    # then
    status = await single(graph, "MATCH (a:Adoption {id: $id}) RETURN a.status", id=adoption["id"])
    assert status == "EXPIRED"
    expiries = [
        e for e in await audit_events(graph, adoption["id"]) if e["action"] == "EXPIRE_ADOPTION"
    ]
    assert len(expiries) == 1
    need = gql.as_user("coordinator").execute(NEED, {"id": need_id})["data"]["need"]
    assert need["status"] == "OPEN"
    # and another organisation may now adopt it
    other, _, _ = await new_charity(gql, graph)
    assert claim(other, need_id, version=need["version"])["__typename"] == "ClaimNeedSuccess"


async def test_a_hand_over_is_accepted_or_approves_itself_after_36_hours(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    giver, _, village = await new_charity(gql, graph)
    taker, taker_id, _ = await new_charity(gql, graph)
    first = claim(giver, new_need(gql, village))["adoption"]
    second = claim(giver, new_need(gql, village))["adoption"]
    # when: the taker accepts one offer; nobody answers the other for 36 hours
    offered = run(
        giver, TRANSFER, adoptionId=first["id"], expectedVersion=1, toOrganisationId=taker_id
    )
    assert offered["adoption"]["status"] == "CLAIMED"
    accepted = run(taker, DECIDE_TRANSFER, adoptionId=first["id"], expectedVersion=2, accept=True)
    run(giver, TRANSFER, adoptionId=second["id"], expectedVersion=1, toOrganisationId=taker_id)
    await run_adoption_pass(graph, clock=FixedClock(at=datetime.now(UTC) + timedelta(hours=37)))
    # then: both are the taker's now
    assert accepted["__typename"] == "DecideAdoptionTransferSuccess"
    holders = await single(
        graph,
        "MATCH (a:Adoption)-[:BY]->(o) WHERE a.id IN $ids RETURN collect(DISTINCT o.id)",
        ids=[first["id"], second["id"]],
    )
    assert holders == [taker_id]
    # a decision on an offer that is no longer there finds nothing
    late = run(taker, DECIDE_TRANSFER, adoptionId=first["id"], expectedVersion=3, accept=False)
    assert late["__typename"] == "NotFound"


async def test_a_receiver_takes_a_hand_over_only_within_its_own_capacity(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a receiver that serves housing only, offered a medical claim
    giver, _, village = await new_charity(gql, graph)
    housing_only, receiver_id, _ = await new_charity(gql, graph, kinds=["HOUSING"])
    offered = claim(giver, new_need(gql, village))["adoption"]
    late = claim(giver, new_need(gql, village))["adoption"]
    for a in (offered, late):
        run(giver, TRANSFER, adoptionId=a["id"], expectedVersion=1, toOrganisationId=receiver_id)
    # when: it accepts one; the other waits out the 36 hours
    refused = run(
        housing_only, DECIDE_TRANSFER, adoptionId=offered["id"], expectedVersion=2, accept=True
    )
    await run_adoption_pass(graph, clock=FixedClock(at=datetime.now(UTC) + timedelta(hours=37)))
    # then: refused with the reason, and the lapsed offer leaves the claim with the giver
    assert refused["code"] == "OUT_OF_KINDS"
    holder = await single(
        graph,
        "MATCH (a:Adoption {id: $id})-[:BY]->(o) RETURN [o.id, a.transfer_to_id]",
        id=late["id"],
    )
    assert holder[1] is None and holder[0] != receiver_id


UPDATE_NEED = """
mutation ($input: UpdateNeedInput!) {
  updateNeed(input: $input) {
    __typename
    ... on UpdateNeedSuccess { need { status version } }
    ... on UserError { field code }
  }
}
"""


async def test_an_adopted_need_does_not_change_under_its_adopter(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a need a charity has adopted (the claim moved it to version 2)
    charity, _, village = await new_charity(gql, graph)
    need_id = new_need(gql, village)
    adoption = claim(charity, need_id)["adoption"]
    station = gql.as_user("coordinator")
    before = await single(graph, "MATCH (n:Need {id: $id}) RETURN properties(n)", id=need_id)
    audited = len(await audit_events(graph, need_id))
    # when: the station changes its cost, or cancels it
    cost = run(station, UPDATE_NEED, id=need_id, expectedVersion=2, estimatedCost=9000)
    cancel = run(station, UPDATE_NEED, id=need_id, expectedVersion=2, status="CANCELLED")
    # then: refused with a code, nothing changed, nothing audited
    assert cost == {"__typename": "Conflict", "field": "id", "code": "NEED_ADOPTED"}
    assert cancel["code"] == "NEED_ADOPTED"
    after = await single(graph, "MATCH (n:Need {id: $id}) RETURN properties(n)", id=need_id)
    assert after == before
    assert len(await audit_events(graph, need_id)) == audited
    # once the claim is given back, the station may change it again
    run(charity, RELEASE, adoptionId=adoption["id"], expectedVersion=1)
    version = station.execute(NEED, {"id": need_id})["data"]["need"]["version"]
    changed = run(station, UPDATE_NEED, id=need_id, expectedVersion=version, estimatedCost=9000)
    assert changed["__typename"] == "UpdateNeedSuccess"


async def test_a_page_of_adoptions_with_evidence_costs_the_same_whatever_its_size(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: four adoptions, each with a receipt
    charity, _, village = await new_charity(gql, graph)
    for _ in range(4):
        adoption = claim(charity, new_need(gql, village))["adoption"]
        assert upload_evidence(charity, adoption["id"], PNG)["adoption"]["evidenceCount"] == 1
    page = """
    query ($first: Int!) {
      adoptions(first: $first) { edges { node { id evidence { id kind } village { id } } } }
    }
    """
    # when
    small = charity.execute(page, {"first": 1})
    large = charity.execute(page, {"first": 20})
    # then: the evidence of every adoption on the page is one read (a loader), not one each
    edges = large["data"]["adoptions"]["edges"]
    assert len(edges) >= 4 and all(e["node"]["evidence"] for e in edges[:4])
    assert own_cypher_queries(large) == own_cypher_queries(small)
