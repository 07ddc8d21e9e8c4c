"""Jobs and training places through GraphQL: an enterprise posts, Bangfu proposes members
(anonymous to the enterprise), the station records consent and the outcome, which the
household's timeline shows; refusals change nothing."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from tests.api.follow_up_support import station_user
from tests.api.registry_support import audit_actions, forbidden, node_props
from tests.api.volunteering_support import result
from tests.conftest import GraphQLClient

POSTING = "posting { id status count proposals filled version placeName }"
CREATE = f"""
mutation ($input: CreateJobPostingInput!) {{
  createJobPosting(input: $input) {{
    __typename ... on CreateJobPostingSuccess {{ {POSTING} }}
    ... on InvalidInput {{ errors {{ field code }} }}
  }}
}}
"""
PROPOSE = f"""
mutation ($id: ID!) {{
  proposeJobCandidates(postingId: $id) {{
    __typename ... on ProposeJobCandidatesSuccess {{ proposed {POSTING} }}
    ... on UserError {{ code }}
  }}
}}
"""
CLOSE = f"""
mutation ($id: ID!, $v: Int!) {{
  closeJobPosting(postingId: $id, expectedVersion: $v) {{
    __typename ... on CloseJobPostingSuccess {{ {POSTING} }} ... on UserError {{ code }}
  }}
}}
"""
PROPOSALS = """
query ($id: ID!) {
  jobProposals(postingId: $id) {
    id status ageBand sex villageName distanceKm priority reasons personName householdId version
  }
}
"""
CONSENT = """
mutation ($id: ID!, $v: Int!, $yes: Boolean!) {
  recordJobConsent(proposalId: $id, expectedVersion: $v, consented: $yes) {
    __typename ... on RecordJobConsentSuccess { proposal { status version } }
    ... on UserError { code }
  }
}
"""
OUTCOME = """
mutation ($id: ID!, $v: Int!, $o: JobOutcome!) {
  recordJobOutcome(proposalId: $id, expectedVersion: $v, outcome: $o) {
    __typename ... on RecordJobOutcomeSuccess { proposal { status version } }
    ... on UserError { code }
  }
}
"""
TIMELINE = "query ($h: ID!) { householdTimeline(householdId: $h) { kind detail } }"

_PLACES = """
MATCH (u:User {username: 'enterprise'})
MATCH (:Enterprise {id: u.scope_id})-[:ACTIVE_IN]->(r:Region)
MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF*0..1]->(r)
MATCH (v:Region {level: 'VILLAGE'})-[:PART_OF]->(t)
WITH collect(DISTINCT t.id) AS mine, collect(v.id) AS villages
MATCH (o:Region {level: 'VILLAGE'}) WHERE NOT o.parent_id IN mine
MATCH (s:Station)-[:SERVES]->(:Region {id: mine[0]})
WITH mine, villages, min(o.id) AS other, min(s.id) AS station
RETURN villages, other, station, mine[0] AS township
"""


def _input(place_id: str, **kw: Any) -> dict[str, Any]:
    values = {
        "kind": "JOB",
        "title": "农产品分拣包装工",
        "placeId": place_id,
        "hours": "8:00-17:00，每周五天",
        "pay": 3200,
        "requirements": "能久站",
        "count": 3,
    }
    return values | kw


async def test_post_propose_consent_hire_leave(gql: GraphQLClient, graph: Graph) -> None:
    records, _, _ = await graph.driver.execute_query(_PLACES)
    places = records[0]
    enterprise = gql.as_user("enterprise")
    bad = result(
        enterprise.execute(CREATE, {"input": _input(places["villages"][0], title="", count=0)}),
        "createJobPosting",
    )
    assert {(e["field"], e["code"]) for e in bad["errors"]} == {
        ("title", "MISSING_VALUE"),
        ("count", "OUT_OF_RANGE"),
    }
    outside = result(
        enterprise.execute(CREATE, {"input": _input(places["other"])}), "createJobPosting"
    )
    assert {e["field"] for e in outside["errors"]} == {"placeId"}
    made = result(
        enterprise.execute(CREATE, {"input": _input(places["villages"][0])}), "createJobPosting"
    )
    posting = made["posting"]
    assert posting["status"] == "OPEN" and posting["count"] == 3

    run = result(enterprise.execute(PROPOSE, {"id": posting["id"]}), "proposeJobCandidates")
    assert run["__typename"] == "ProposeJobCandidatesSuccess", run
    assert 1 <= run["proposed"] <= 3 and run["posting"]["proposals"] == run["proposed"]
    seen = result(enterprise.execute(PROPOSALS, {"id": posting["id"]}), "jobProposals")
    assert len(seen) == run["proposed"]
    for p in seen:  # anonymous to the enterprise
        assert p["personName"] is None and p["householdId"] is None
        assert p["ageBand"] and p["villageName"] and "WORKING_AGE" in p["reasons"]
    people, _, _ = await graph.driver.execute_query(
        "MATCH (x:JobProposal {posting_id: $id})-[:PROPOSES]->(p:Person)-[:MEMBER_OF]->(h) "
        "RETURN p.id AS pid, p.name AS name, p.id_number AS idn, h.id AS hid",
        id=posting["id"],
    )
    text = str(enterprise.execute(PROPOSALS, {"id": posting["id"]}))
    for r in people:
        for secret in (r["pid"], r["name"], r["idn"], r["hid"]):
            assert secret not in text
    assert forbidden(gql.as_user("charity").execute(PROPOSALS, {"id": posting["id"]}))
    assert forbidden(enterprise.execute(CONSENT, {"id": seen[0]["id"], "v": 1, "yes": True}))

    station = await station_user(gql, graph, places["station"])
    listed = result(station.execute(PROPOSALS, {"id": posting["id"]}), "jobProposals")
    first = listed[0]
    assert first["personName"] and first["householdId"]
    stale = result(
        station.execute(CONSENT, {"id": first["id"], "v": 9, "yes": True}), "recordJobConsent"
    )
    assert stale["__typename"] == "StaleVersion"
    early = result(
        station.execute(OUTCOME, {"id": first["id"], "v": 1, "o": "HIRED"}), "recordJobOutcome"
    )
    assert early == {"__typename": "Conflict", "code": "PROPOSAL_PROPOSED"}
    yes = result(
        station.execute(CONSENT, {"id": first["id"], "v": 1, "yes": True}), "recordJobConsent"
    )
    assert yes["proposal"] == {"status": "CONSENTED", "version": 2}
    hired = result(
        station.execute(OUTCOME, {"id": first["id"], "v": 2, "o": "HIRED"}), "recordJobOutcome"
    )
    assert hired["proposal"]["status"] == "HIRED"
    twice = result(
        station.execute(OUTCOME, {"id": first["id"], "v": 3, "o": "HIRED"}), "recordJobOutcome"
    )
    assert twice == {"__typename": "Conflict", "code": "PROPOSAL_HIRED"}
    left = result(
        station.execute(OUTCOME, {"id": first["id"], "v": 3, "o": "LEFT"}), "recordJobOutcome"
    )
    assert left["proposal"]["status"] == "LEFT"
    assert await audit_actions(graph, first["id"]) == [
        "PROPOSE_JOB_CANDIDATE",
        "RECORD_JOB_CONSENT",
        "RECORD_JOB_OUTCOME",
        "RECORD_JOB_OUTCOME",
    ]
    timeline = result(station.execute(TIMELINE, {"h": first["householdId"]}), "householdTimeline")
    assert "JOB_OUTCOME" in {i["kind"] for i in timeline}

    # Closing withdraws what was not consented; nothing more is proposed.
    version = result(enterprise.execute(PROPOSE, {"id": posting["id"]}), "proposeJobCandidates")[
        "posting"
    ]["version"]
    stale_close = result(
        enterprise.execute(CLOSE, {"id": posting["id"], "v": version + 5}), "closeJobPosting"
    )
    assert stale_close["__typename"] == "StaleVersion"
    closed = result(
        enterprise.execute(CLOSE, {"id": posting["id"], "v": version}), "closeJobPosting"
    )
    assert closed["posting"]["status"] == "CLOSED"
    after = result(station.execute(PROPOSALS, {"id": posting["id"]}), "jobProposals")
    assert {p["status"] for p in after} <= {"LEFT", "CONSENTED", "HIRED", "DECLINED"}
    late = result(enterprise.execute(PROPOSE, {"id": posting["id"]}), "proposeJobCandidates")
    assert late == {"__typename": "Conflict", "code": "POSTING_CLOSED"}
    assert (await node_props(graph, posting["id"]) or {})["status"] == "CLOSED"
