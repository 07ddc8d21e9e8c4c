"""A job candidate is anonymous to the enterprise until the household consents: after the
station records the consent for the proposal, the enterprise reads the candidate's name and
the household's phone (what the consent names, until it expires); every read is audited;
withdrawing the consent hides them again."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from graph.driver import Graph
from server.clock import SystemClock
from tests.api.follow_up_support import station_user
from tests.api.registry_support import forbidden, single
from tests.api.test_job_postings import _PLACES, CONSENT, CREATE, PROPOSALS, PROPOSE, _input
from tests.api.volunteering_support import result
from tests.conftest import GraphQLClient

SHARE = """
mutation ($id: ID!, $v: Int!, $share: JobContactShareInput) {
  recordJobConsent(proposalId: $id, expectedVersion: $v, consented: true, share: $share) {
    __typename
    ... on RecordJobConsentSuccess { proposal { status version } consent { id version forJob } }
    ... on InvalidInput { errors { field code } }
    ... on UserError { code }
  }
}
"""
REVEAL = """
mutation ($id: ID!) {
  revealCandidateContact(proposalId: $id) {
    __typename
    ... on RevealCandidateContactSuccess {
      contact { fields contactName contactPhone address consentExpiresOn }
    }
    ... on NotFound { code }
  }
}
"""
WITHDRAW = """
mutation ($input: WithdrawConsentInput!) {
  withdrawConsent(input: $input) { __typename }
}
"""


def _share(fields: list[str], days: int = 60) -> dict[str, Any]:
    until = SystemClock().today() + timedelta(days=days)
    return {"givenBy": "本人", "fields": fields, "expiresOn": until.isoformat()}


async def _reveals(graph: Graph, household_id: str) -> int:
    count: int = await single(
        graph,
        "MATCH (a:AuditEvent {entity_id: $h, action: 'REVEAL_CANDIDATE_CONTACT'}) RETURN count(a)",
        h=household_id,
    )
    return count


async def test_candidate_contact_only_after_consent_until_withdrawn(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a posting with one proposed candidate, anonymous to the enterprise
    records, _, _ = await graph.driver.execute_query(_PLACES)
    places = records[0]
    enterprise = gql.as_user("enterprise")
    posting = result(
        enterprise.execute(CREATE, {"input": _input(places["villages"][0], count=1)}),
        "createJobPosting",
    )["posting"]
    run = result(enterprise.execute(PROPOSE, {"id": posting["id"]}), "proposeJobCandidates")
    assert run["proposed"] == 1, run
    station = await station_user(gql, graph, places["station"])
    proposal = result(station.execute(PROPOSALS, {"id": posting["id"]}), "jobProposals")[0]
    household_id = proposal["householdId"]
    person_name = proposal["personName"]
    phone = await single(graph, "MATCH (h:Household {id: $id}) RETURN h.phone", id=household_id)

    # before consent: no identity, nothing read so nothing audited
    before = result(enterprise.execute(REVEAL, {"id": proposal["id"]}), "revealCandidateContact")
    assert before["__typename"] == "NotFound"
    assert person_name not in str(before) and phone not in str(before)
    assert await _reveals(graph, household_id) == 0
    assert forbidden(gql.as_user("charity").execute(REVEAL, {"id": proposal["id"]}))

    # a share the enterprise may not have (the address), or without a name: refused, unchanged
    bad = result(
        station.execute(
            SHARE, {"id": proposal["id"], "v": 1, "share": _share(["ADDRESS"]) | {"givenBy": ""}}
        ),
        "recordJobConsent",
    )
    assert {(e["field"], e["code"]) for e in bad["errors"]} == {
        ("share.givenBy", "REQUIRED"),
        ("share.fields", "NOT_IN_VOCABULARY"),
    }
    unchanged = result(station.execute(PROPOSALS, {"id": posting["id"]}), "jobProposals")[0]
    assert (unchanged["status"], unchanged["version"]) == ("PROPOSED", 1)

    # when: the station records the household's yes with name and phone
    given = result(
        station.execute(
            SHARE,
            {"id": proposal["id"], "v": 1, "share": _share(["CONTACT_NAME", "CONTACT_PHONE"])},
        ),
        "recordJobConsent",
    )
    assert given["proposal"] == {"status": "CONSENTED", "version": 2}
    assert given["consent"]["forJob"] is True
    seen = result(enterprise.execute(REVEAL, {"id": proposal["id"]}), "revealCandidateContact")

    # then: the candidate's name and the household's phone, never the address; audited
    contact = seen["contact"]
    assert contact["fields"] == ["CONTACT_NAME", "CONTACT_PHONE"]
    assert (contact["contactName"], contact["contactPhone"]) == (person_name, phone)
    assert contact["address"] is None and contact["consentExpiresOn"]
    assert await _reveals(graph, household_id) == 1
    # the proposal list itself stays anonymous
    listed = str(enterprise.execute(PROPOSALS, {"id": posting["id"]}))
    assert person_name not in listed and household_id not in listed

    # withdrawn: the enterprise sees nothing again (the read is still audited)
    withdrawn = station.execute(
        WITHDRAW, {"input": {"consentId": given["consent"]["id"], "expectedVersion": 1}}
    )
    assert withdrawn["data"]["withdrawConsent"]["__typename"] == "WithdrawConsentSuccess"
    after = result(enterprise.execute(REVEAL, {"id": proposal["id"]}), "revealCandidateContact")
    assert after["contact"]["fields"] == []
    assert after["contact"]["contactName"] is None and after["contact"]["contactPhone"] is None
    assert person_name not in str(after) and phone not in str(after)
    assert await _reveals(graph, household_id) == 2


async def test_a_yes_without_a_share_leaves_the_candidate_anonymous(
    gql: GraphQLClient, graph: Graph
) -> None:
    records, _, _ = await graph.driver.execute_query(_PLACES)
    places = records[0]
    enterprise = gql.as_user("enterprise")
    posting = result(
        enterprise.execute(CREATE, {"input": _input(places["villages"][0], count=1)}),
        "createJobPosting",
    )["posting"]
    result(enterprise.execute(PROPOSE, {"id": posting["id"]}), "proposeJobCandidates")
    station = await station_user(gql, graph, places["station"])
    proposal = result(station.execute(PROPOSALS, {"id": posting["id"]}), "jobProposals")[0]
    # a plain yes (no share) leaves the candidate anonymous
    yes = result(
        station.execute(CONSENT, {"id": proposal["id"], "v": 1, "yes": True}), "recordJobConsent"
    )
    assert yes["proposal"]["status"] == "CONSENTED"
    seen = result(enterprise.execute(REVEAL, {"id": proposal["id"]}), "revealCandidateContact")
    assert seen["contact"]["fields"] == [] and seen["contact"]["contactName"] is None
