"""Consent-scoped reveal: an adopting organisation sees only what the household consented to,
for the life of the adoption; withdrawing stops it; every reveal is audited."""

from __future__ import annotations

import json
from datetime import timedelta

from graph.driver import Graph
from server.clock import SystemClock
from tests.api.market_support import RELEASE, claim, new_charity, new_need, run
from tests.api.registry_support import single
from tests.conftest import GraphQLClient

RECORD = """
mutation ($input: RecordConsentInput!) {
  recordConsent(input: $input) {
    __typename
    ... on RecordConsentSuccess { consent { id version fields } }
    ... on InvalidInput { errors { field code } }
    ... on NotFound { code }
  }
}
"""
WITHDRAW = """
mutation ($input: WithdrawConsentInput!) {
  withdrawConsent(input: $input) { __typename ... on WithdrawConsentSuccess { consent { id } } }
}
"""
REVEAL = """
mutation ($id: ID!) {
  revealAdoptionContact(adoptionId: $id) {
    __typename
    ... on RevealAdoptionContactSuccess {
      contact { fields contactName contactPhone address }
    }
    ... on NotFound { code }
  }
}
"""


async def test_an_adopter_sees_only_consented_fields_until_withdrawn(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: an adopted need whose household consented to share the phone only
    charity, _, village = await new_charity(gql, graph)
    need_id = new_need(gql, village)
    household_id = await single(
        graph, "MATCH (h:Household)-[:HAS_NEED]->(:Need {id: $id}) RETURN h.id", id=need_id
    )
    adoption = claim(charity, need_id)["adoption"]
    until = (SystemClock().today() + timedelta(days=90)).isoformat()
    station = gql.as_user("coordinator")
    bad = station.execute(
        RECORD,
        {"input": {"householdId": household_id, "givenBy": "", "fields": [], "expiresOn": until}},
    )["data"]["recordConsent"]
    recorded = station.execute(
        RECORD,
        {
            "input": {
                "householdId": household_id,
                "givenBy": "户主本人",
                "fields": ["CONTACT_PHONE"],
                "expiresOn": until,
            }
        },
    )["data"]["recordConsent"]
    # when
    seen = charity.execute(REVEAL, {"id": adoption["id"]})["data"]["revealAdoptionContact"]
    # then: the phone, and nothing else
    assert {e["field"] for e in bad["errors"]} == {"givenBy", "fields"}
    contact = seen["contact"]
    assert contact["fields"] == ["CONTACT_PHONE"]
    assert contact["contactPhone"] == "13800138000"
    assert contact["contactName"] is None and contact["address"] is None
    reveals = await single(
        graph,
        "MATCH (a:AuditEvent {entity_id: $h, action: 'REVEAL_CONTACT'}) RETURN count(a)",
        h=household_id,
    )
    assert reveals == 1
    # another organisation sees nothing of it
    other, _, _ = await new_charity(gql, graph)
    assert (
        other.execute(REVEAL, {"id": adoption["id"]})["data"]["revealAdoptionContact"]["__typename"]
        == "NotFound"
    )
    # withdrawn: nothing shows any more
    consent = recorded["consent"]
    station.execute(WITHDRAW, {"input": {"consentId": consent["id"], "expectedVersion": 1}})
    after = charity.execute(REVEAL, {"id": adoption["id"]})["data"]["revealAdoptionContact"]
    assert after["contact"]["fields"] == [] and after["contact"]["contactPhone"] is None
    # and once the adoption ends, the household is closed to the organisation
    run(charity, RELEASE, adoptionId=adoption["id"], expectedVersion=1)
    ended = charity.execute(REVEAL, {"id": adoption["id"]})["data"]["revealAdoptionContact"]
    assert ended["__typename"] == "NotFound"
    text = json.dumps(ended)
    assert "13800138000" not in text
