"""The gap lists as an Excel export, through GraphQL over HTTP against the real worker, on the
gap analysis' fixture county (tests/api/test_network_gaps.py): one sheet per list with the
rows the gap query answers, names only for identity roles, text escaped against formula
injection, the export audited, outside roles refused."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from typing import Any

import pytest
from openpyxl import load_workbook

from graph.driver import Graph
from graph.users import upsert_user
from server.auth import hash_password
from tests.api.test_dashboard_exports import _download
from tests.api.test_network_gaps import (  # noqa: F401  (the fixture county and its clean-up)
    T1,
    fixture,
    fixture_county_removed_afterwards,
)
from tests.conftest import GraphQLClient
from tests.support.clock import app_now

EXPORT_GAPS = """
mutation ($t: ID, $d: Int) {
  exportGaps(townshipId: $t, idleDays: $d) {
    __typename
    ... on ExportStarted { downloadUrl job { id } }
    ... on UserError { message code }
  }
}
"""
GAPS = """
query ($t: ID) {
  networkGaps(townshipId: $t, first: 500) {
    uncoveredVillages { villageName uncovered red orange }
    singlePointWorkers { workerName householdIds }
    idleOrganisations { totalCount items { name } }
    idleVolunteers { totalCount }
    villageCoverage { villageName households withWorker }
    eligibilityReview { coveredAboveLineCount uncoveredBelowLineCount }
  }
}
"""
CREATE_CHARITY = """
mutation ($input: CreateCharityInput!) {
  createCharity(input: $input) {
    __typename ... on CreateCharitySuccess { charity { id } } ... on UserError { message }
  }
}
"""
SHEETS = [
    "未落实社工",
    "单点风险社工",
    "闲置机构",
    "闲置志愿者",
    "无服务需求",
    "村覆盖",
    "错保漏保复核",
]
EVIL = '=HYPERLINK("http://evil.example","点我")'


@pytest.fixture
async def coordinator(gql: GraphQLClient, graph: Graph) -> AsyncIterator[GraphQLClient]:
    """The fixture county's coordinator, and an idle charity whose name is a formula."""
    await upsert_user(
        graph,
        user_id="user-fx-gap-coordinator",
        username="fx-gap-coordinator",
        password_hash=hash_password("bangfu-demo"),
        role="COORDINATOR",
        display_name="测试统筹",
        scope_kind="COUNTY",
        scope_id="fx-gap-c",
        now=app_now(),
    )
    client = gql.as_user("fx-gap-coordinator")
    made = client.execute(
        CREATE_CHARITY,
        {"input": {"name": EVIL, "focusKinds": ["HOUSING"], "budgetYuan": 500, "regionIds": [T1]}},
    )["data"]["createCharity"]
    assert made["__typename"] == "CreateCharitySuccess", made
    yield client
    await graph.driver.execute_query(
        "MATCH (c:Charity {id: $id}) DETACH DELETE c", id=made["charity"]["id"]
    )


def _sheets(content: bytes) -> dict[str, list[list[Any]]]:
    book = load_workbook(io.BytesIO(content))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def _column(table: list[list[Any]], header: str) -> list[Any]:
    i = table[0].index(header)
    return [r[i] for r in table[1:]]


@pytest.mark.usefixtures("fixture")
async def test_gap_lists_export_as_sheets_escaped_and_audited(
    gql: GraphQLClient, graph: Graph, coordinator: GraphQLClient
) -> None:
    gaps = coordinator.execute(GAPS, {"t": T1})["data"]["networkGaps"]

    # when: the coordinator exports the township's gap lists
    started = coordinator.execute(EXPORT_GAPS, {"t": T1})["data"]["exportGaps"]
    assert started["__typename"] == "ExportStarted", started
    response = _download(coordinator, started, coordinator.token)
    assert response.status_code == 200, response.text
    sheets = _sheets(response.content)

    # then: one sheet per list, the rows the gap queries answer, with Chinese headers
    assert list(sheets) == SHEETS
    uncovered = sheets["未落实社工"]
    assert uncovered[0] == ["乡镇", "村", "户数", "未落实社工", "其中红色", "其中橙色"]
    assert [r[1:2] + r[3:] for r in uncovered[1:]] == [
        [v["villageName"], v["uncovered"], v["red"], v["orange"]] for v in gaps["uncoveredVillages"]
    ]
    assert set(_column(uncovered, "乡镇")) == {"甲镇"}
    single = sheets["单点风险社工"]
    assert _column(single, "社工") == [w["workerName"] for w in gaps["singlePointWorkers"]]
    assert _column(single, "社工站") == ["甲镇社工站"]
    assert _column(single, "仅由其负责的户数") == [
        len(w["householdIds"]) for w in gaps["singlePointWorkers"]
    ]
    assert len(sheets["闲置志愿者"]) - 1 == gaps["idleVolunteers"]["totalCount"]
    assert "志愿者甲" in _column(sheets["闲置志愿者"], "志愿者")
    coverage = sheets["村覆盖"]
    assert _column(coverage, "户数") == [v["households"] for v in gaps["villageCoverage"]]
    review = sheets["错保漏保复核"]
    signals = gaps["eligibilityReview"]
    assert len(review) - 1 == signals["coveredAboveLineCount"] + signals["uncoveredBelowLineCount"]
    assert "户主" in review[0]

    # and: the charity's formula of a name is shown as typed, never run
    organisations = sheets["闲置机构"]
    assert len(organisations) - 1 == gaps["idleOrganisations"]["totalCount"]
    assert "'" + EVIL in _column(organisations, "机构")
    book = load_workbook(io.BytesIO(response.content))
    cells = [c for ws in book.worksheets for r in ws.iter_rows(min_row=2) for c in r if c.value]
    assert cells and all(c.data_type != "f" for c in cells)
    assert not any(str(c.value).startswith(("=", "+", "@")) for c in cells)

    # and: the export is in the audit log, by the coordinator
    records, _, _ = await graph.driver.execute_query(
        "MATCH (a:AuditEvent {action: 'EXPORTED', entity_id: $id}) RETURN a.actor_id AS actor",
        id=started["job"]["id"],
    )
    assert [r["actor"] for r in records] == ["user-fx-gap-coordinator"]

    # a township outside the area is not found, a bad period refused: no job either way
    outside = gql.as_user("coordinator").execute(EXPORT_GAPS, {"t": T1})["data"]["exportGaps"]
    assert outside["__typename"] == "NotFound", outside
    bad = coordinator.execute(EXPORT_GAPS, {"t": T1, "d": 0})["data"]["exportGaps"]
    assert bad["__typename"] == "InvalidInput", bad

    # outside roles get no gap lists at all
    for role in ("charity", "enterprise", "volunteer", "worker"):
        refused = gql.as_user(role).execute(EXPORT_GAPS, {"t": None})
        assert [e["extensions"]["code"] for e in refused["errors"]] == ["FORBIDDEN"], role
