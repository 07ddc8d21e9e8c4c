"""Helpers of the marketplace API tests: a fresh organisation with its own user, a need in
its area, the GraphQL documents, and uploading evidence."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx

from graph.driver import Graph
from graph.users import upsert_user
from server.auth import hash_password
from tests.api.registry_support import create_household, single
from tests.conftest import GraphQLClient
from tests.support.clock import app_now

ADOPTION = "id status version pledgedYuan disbursedYuan expiresOn organisationName evidenceCount"
ERRORS = """
    ... on StaleVersion { code currentVersion }
    ... on Conflict { code field params { name value } }
    ... on NotFound { code }
    ... on InvalidInput { code errors { field code params { name value } } }
"""
CLAIM = (
    """
mutation ($input: ClaimNeedInput!) {
  claimNeed(input: $input) {
    __typename
    ... on ClaimNeedSuccess { adoption { """
    + ADOPTION
    + " } }"
    + ERRORS
    + "} }"
)


def step(name: str, input_type: str) -> str:
    return (
        f"mutation ($input: {input_type}!) {{ {name}(input: $input) {{ __typename "
        f"... on {name[0].upper() + name[1:]}Success {{ adoption {{ {ADOPTION} }} }}"
        + ERRORS
        + "} }"
    )


RELEASE = step("releaseAdoption", "ReleaseAdoptionInput")
DISBURSE = step("recordDisbursement", "RecordDisbursementInput")
FULFIL = step("fulfilAdoption", "FulfilAdoptionInput")
CANCEL = step("cancelAdoption", "CancelAdoptionInput")
TRANSFER = step("requestAdoptionTransfer", "RequestAdoptionTransferInput")
DECIDE_TRANSFER = step("decideAdoptionTransfer", "DecideAdoptionTransferInput")
EVIDENCE = (
    """
mutation ($id: ID!, $kind: EvidenceKind!, $file: Upload!) {
  addAdoptionEvidence(adoptionId: $id, kind: $kind, file: $file) {
    __typename
    ... on AddAdoptionEvidenceSuccess { adoption { """
    + ADOPTION
    + " } }"
    + ERRORS
    + "} }"
)
SET_CAPACITY = """
mutation ($input: SetOrganisationCapacityInput!) {
  setOrganisationCapacity(input: $input) {
    __typename
    ... on SetOrganisationCapacitySuccess { capacity { budgetYuan maxOpenAdoptions openAdoptions
      committedYuan kinds } }
    ... on InvalidInput { errors { field code } }
    ... on NotFound { code }
  }
}
"""
CREATE_CHARITY = """
mutation ($input: CreateCharityInput!) {
  createCharity(input: $input) { __typename ... on CreateCharitySuccess { charity { id } } }
}
"""
CREATE_NEED = """
mutation ($input: CreateNeedInput!) {
  createNeed(input: $input) { __typename ... on CreateNeedSuccess { need { id version } } }
}
"""
NEED = "query ($id: ID!) { need(id: $id) { id status version } }"

PNG = bytes.fromhex("89504e470d0a1a0a") + b"\x00" * 64


async def new_charity(
    gql: GraphQLClient,
    graph: Graph,
    *,
    kinds: list[str] | None = None,
    budget: int = 1_000_000,
    max_open: int = 50,
) -> tuple[GraphQLClient, str, str]:
    """A charity active in the demo charity's first township, its signed-in client, its id
    and a village there."""
    township = await single(
        graph,
        """MATCH (u:User {username: 'charity'}), (c:Charity {id: u.scope_id})-[:ACTIVE_IN]->(r)
           MATCH (t:Region {level: 'TOWNSHIP'})-[:PART_OF*0..1]->(r) RETURN min(t.id)""",
    )
    village = await single(
        graph, "MATCH (v:Region {level: 'VILLAGE', parent_id: $t}) RETURN min(v.id)", t=township
    )
    body = gql.as_user("coordinator").execute(
        CREATE_CHARITY,
        {
            "input": {
                "name": f"测试基金会{uuid.uuid4().hex[:6]}",
                "focusKinds": ["MEDICAL"],
                "budgetYuan": budget,
                "regionIds": [township],
            }
        },
    )
    charity_id = body["data"]["createCharity"]["charity"]["id"]
    username = f"ch-{uuid.uuid4().hex[:8]}"
    await upsert_user(
        graph,
        user_id=f"user-{username}",
        username=username,
        password_hash=hash_password("bangfu-demo"),
        role="CHARITY",
        display_name="测试慈善",
        scope_kind="ORGANISATION",
        scope_id=charity_id,
        now=app_now(),
    )
    client = gql.as_user(username)
    declared = client.execute(
        SET_CAPACITY,
        {
            "input": {
                "organisationId": charity_id,
                "budgetYuan": budget,
                "period": "YEAR",
                "kinds": kinds or ["MEDICAL", "EDUCATION"],
                "maxOpenAdoptions": max_open,
            }
        },
    )
    assert (
        declared["data"]["setOrganisationCapacity"]["__typename"]
        == "SetOrganisationCapacitySuccess"
    )
    return client, charity_id, village


def new_need(gql: GraphQLClient, village: str, *, kind: str = "MEDICAL", cost: int = 3000) -> str:
    household = create_household(gql.as_user("coordinator"), village)
    body = gql.as_user("coordinator").execute(
        CREATE_NEED,
        {
            "input": {
                "householdId": household["id"],
                "kind": kind,
                "description": "术后康复需要费用",
                "estimatedCost": cost,
                "urgency": "HIGH",
            }
        },
    )
    need_id: str = body["data"]["createNeed"]["need"]["id"]
    return need_id


def claim(client: GraphQLClient, need_id: str, version: int = 1, **extra: Any) -> dict[str, Any]:
    body = client.execute(
        CLAIM, {"input": {"needId": need_id, "expectedVersion": version, **extra}}
    )
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["claimNeed"]
    return result


def run(client: GraphQLClient, document: str, **input: Any) -> dict[str, Any]:
    body = client.execute(document, {"input": input})
    assert "errors" not in body, body
    result: dict[str, Any] = next(iter(body["data"].values()))
    return result


def upload_evidence(
    client: GraphQLClient, adoption_id: str, data: bytes, name: str = "receipt.png"
) -> dict[str, Any]:
    operations = json.dumps(
        {"query": EVIDENCE, "variables": {"id": adoption_id, "kind": "RECEIPT", "file": None}}
    )
    r = httpx.post(
        client.url,
        data={"operations": operations, "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (name, data, "application/octet-stream")},
        headers={"Authorization": f"Bearer {client.token}", "X-Bangfu-Client": "web"},
        timeout=60,
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["addAdoptionEvidence"]
    return result
