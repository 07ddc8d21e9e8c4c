"""GraphQL documents and helpers the fault tests share (tests/faults)."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx

from graph.caseload_plans import PlanItemRecord
from graph.driver import Graph
from tests.conftest import GraphQLClient
from tests.support.fault_stack import JOB_TIMEOUT_S, FaultStack
from tests.support.jobs import wait_for_job

REQUEST = """
mutation ($input: RequestCaseloadPlanInput!) {
  requestCaseloadPlan(input: $input) {
    __typename
    ... on RequestCaseloadPlanSuccess { plan { id status version } job { id status } }
    ... on UserError { message field code }
  }
}
"""
PLAN = """
query ($id: ID!) {
  caseloadPlan(id: $id) {
    id status version summary { households assigned newCount movedCount leftOutCount }
  }
}
"""
APPROVE = """
mutation ($id: ID!, $v: Int!) {
  approveCaseloadPlan(planId: $id, expectedVersion: $v) {
    __typename
    ... on ApproveCaseloadPlanSuccess { activated transferred plan { status version } }
    ... on UserError { message code }
  }
}
"""
IMPORT = """
mutation ($file: Upload!) {
  importHouseholds(file: $file) {
    __typename
    ... on ImportHouseholdsSuccess { job { id status } }
    ... on UserError { message field code }
  }
}
"""
HOUSEHOLDS = """
query { households(first: 20) { totalCount edges { node { id tier village { name } } } } }
"""
HOUSEHOLD = "query ($id: ID!) { household(id: $id) { id tier members { id relation age } } }"
COUNTY = "{ regions(level: COUNTY) { id } }"
STATIONS = "{ stations(first: 10) { edges { node { id township { id } } } } }"
VILLAGES = "{ regions(level: VILLAGE) { id parentId } }"


def client(stack: FaultStack, username: str) -> GraphQLClient:
    assert stack.web is not None
    return GraphQLClient(stack.web.url).as_user(username)


def request_plan(c: GraphQLClient, scope_kind: str, scope_id: str) -> dict[str, Any]:
    body = c.execute(REQUEST, {"input": {"scopeKind": scope_kind, "scopeId": scope_id}})
    result: dict[str, Any] = body["data"]["requestCaseloadPlan"]
    return result


def computed_plan(c: GraphQLClient, scope_kind: str, scope_id: str) -> dict[str, Any]:
    started = request_plan(c, scope_kind, scope_id)
    assert started["__typename"] == "RequestCaseloadPlanSuccess", started
    job, _ = wait_for_job(c, started["job"]["id"], timeout=JOB_TIMEOUT_S + 30)
    assert job["status"] == "SUCCEEDED", job
    plan: dict[str, Any] = c.execute(PLAN, {"id": started["plan"]["id"]})["data"]["caseloadPlan"]
    assert plan["status"] == "PROPOSED", plan
    return plan


def upload(c: GraphQLClient, data: bytes) -> httpx.Response:
    operations = json.dumps({"query": IMPORT, "variables": {"file": None}})
    return httpx.post(
        c.url,
        data={"operations": operations, "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("households.csv", data, "text/csv")},
        headers={"Authorization": f"Bearer {c.token}"},
        timeout=60,
    )


async def one(graph: Graph, query: str, **params: Any) -> dict[str, Any]:
    records, _, _ = await graph.driver.execute_query(query, params, database_=graph.database)
    return dict(records[0])


async def wait_for_row(
    graph: Graph, query: str, params: dict[str, Any], ready: str, timeout: float = 120
) -> dict[str, Any]:
    """Polls Neo4j as fast as it answers until the row's `ready` column is true."""
    deadline = time.monotonic() + timeout
    row: dict[str, Any] = {}
    while time.monotonic() < deadline:
        row = await one(graph, query, **params)
        if row[ready]:
            return row
        await asyncio.sleep(0.005)
    raise AssertionError(f"not reached within {timeout} s: {row}")


def proposal(plan_id: str, household_id: str, worker_id: str | None) -> PlanItemRecord:
    return PlanItemRecord(
        id=f"{plan_id}/{household_id}",
        plan_id=plan_id,
        kind="NEW",
        status="PROPOSED",
        household_id=household_id,
        household_version=1,
        warning_level="NONE",
        weight=1,
        from_worker_id=None,
        from_match_id=None,
        to_worker_id=worker_id,
        distance_km=1.0,
        reasons=(),
        next_best_worker_id=None,
        next_best_extra_km=None,
        next_best_note=None,
        left_out_reason=None,
        left_out_detail=None,
        what_would_change=None,
    )
