"""The coordinator's dashboard and the Excel exports, through GraphQL over HTTP against the
real worker: the dashboard's numbers are the lists behind them; an export's cells are
escaped against formula injection, carry identity only for the identity roles, are audited,
and the file goes only to the user who started the export."""

from __future__ import annotations

import io
from typing import Any

import httpx
from openpyxl import load_workbook

from graph.driver import Graph
from tests.conftest import GraphQLClient
from tests.support.jobs import wait_for_job

DASHBOARD = """
query ($r: ID) {
  dashboard(regionId: $r) {
    region { id name level }
    path { id level }
    totals { households assigned unassigned redUnassigned activeMatches overdue }
    parts { region { id name level } households assigned unassigned redUnassigned overdue }
    stations { id households assigned workers workersAtLimit loadSpread { median } }
    alertWeeks { week level count }
    needs { kind status count }
    funds { source pledged disbursed }
  }
}
"""
COUNT = """
query ($f: HouseholdFilter) { households(first: 1, filter: $f) { totalCount } }
"""
FIRST_HOUSEHOLD = """
query ($f: HouseholdFilter) {
  households(first: 1, filter: $f) {
    edges { node { id version identity { headName address phone } } }
  }
}
"""
UPDATE = """
mutation ($input: UpdateHouseholdInput!) {
  updateHousehold(input: $input) { __typename ... on UserError { message code } }
}
"""
EXPORT_HOUSEHOLDS = """
mutation ($f: HouseholdFilter) {
  exportHouseholds(filter: $f) {
    __typename
    ... on ExportStarted { downloadUrl job { id status } }
    ... on UserError { message code }
  }
}
"""
EXPORT_DASHBOARD = """
mutation ($r: ID!) {
  exportDashboard(regionId: $r) {
    __typename
    ... on ExportStarted { downloadUrl job { id } }
    ... on UserError { message code }
  }
}
"""
IDENTITY_HEADERS = {"户主", "地址", "联系电话", "人均月收入（元）", "责任社工"}


def _count(client: GraphQLClient, **flt: Any) -> int:
    body = client.execute(COUNT, {"f": flt})
    total: int = body["data"]["households"]["totalCount"]
    return total


def _download(client: GraphQLClient, started: dict[str, Any], token: str | None) -> httpx.Response:
    """Waits for the export as the client that started it, then GETs the file with `token`."""
    job, _ = wait_for_job(client, started["job"]["id"])
    assert job["status"] == "SUCCEEDED", job
    base = client.url.removesuffix("/graphql")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.get(base + started["downloadUrl"], headers=headers, timeout=30)


def _rows(content: bytes, sheet: int = 0) -> list[list[Any]]:
    book = load_workbook(io.BytesIO(content))
    ws = book.worksheets[sheet]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_dashboard_numbers_are_the_lists_behind_them(gql: GraphQLClient) -> None:
    coordinator = gql.as_user("coordinator")
    county = coordinator.execute(DASHBOARD, {"r": None})["data"]["dashboard"]
    assert county["region"]["level"] == "COUNTY" and county["path"] == []
    county_id = county["region"]["id"]
    totals = county["totals"]
    # every number opens as the household list with the same filters
    assert totals["households"] == _count(coordinator, regionId=county_id)
    assert totals["unassigned"] == _count(coordinator, regionId=county_id, hasNoWorker=True)
    assert totals["redUnassigned"] == _count(
        coordinator, regionId=county_id, hasNoWorker=True, warningLevel="RED"
    )
    assert sum(p["households"] for p in county["parts"]) == totals["households"]
    assert {p["region"]["level"] for p in county["parts"]} == {"TOWNSHIP"}
    assert county["funds"]["source"] == "NEED_ESTIMATES"
    # drill down: a township's villages add up to the township's row
    part = max(county["parts"], key=lambda p: p["households"])
    township = coordinator.execute(DASHBOARD, {"r": part["region"]["id"]})["data"]["dashboard"]
    assert [p["id"] for p in township["path"]] == [county_id]
    assert {p["region"]["level"] for p in township["parts"]} == {"VILLAGE"}
    assert sum(p["households"] for p in township["parts"]) == part["households"]
    assert sum(p["assigned"] for p in township["parts"]) == part["assigned"]
    village = township["parts"][0]
    down = coordinator.execute(DASHBOARD, {"r": village["region"]["id"]})["data"]["dashboard"]
    assert down["totals"]["households"] == village["households"]
    assert down["totals"]["households"] == _count(coordinator, regionId=village["region"]["id"])


def test_dashboard_outside_the_area_is_null(gql: GraphQLClient) -> None:
    coordinator = gql.as_user("coordinator")
    station = gql.as_user("station")
    county = coordinator.execute(DASHBOARD, {"r": None})["data"]["dashboard"]
    mine = station.execute(DASHBOARD, {"r": None})["data"]["dashboard"]
    served = {t for s in mine["stations"] for t in [s["id"]]}
    assert len(served) == 1  # a station manager sees its own station only
    others = [
        p
        for p in county["parts"]
        if p["households"] and p["region"]["id"] not in {r["region"]["id"] for r in mine["parts"]}
    ]
    assert others, "the test county has townships the station does not serve"
    outside = station.execute(DASHBOARD, {"r": others[0]["region"]["id"]})
    assert outside["data"]["dashboard"] is None and "errors" not in outside


async def test_export_escapes_formulas_and_keeps_identity_to_identity_roles(
    gql: GraphQLClient, graph: Graph
) -> None:
    coordinator = gql.as_user("coordinator")
    volunteer = gql.as_user("volunteer")
    volunteer_area = volunteer.execute(FIRST_HOUSEHOLD, {"f": {}})["data"]["households"]
    household_id = volunteer_area["edges"][0]["node"]["id"]
    # given: a household in the volunteer's township whose address is a formula
    rows = coordinator.execute(
        "query ($id: ID!) { household(id: $id) { id version village { id } township { id } "
        "identity { headName address phone } } }",
        {"id": household_id},
    )["data"]["household"]
    evil = '=HYPERLINK("http://evil.example","点我")'
    done = coordinator.execute(
        UPDATE, {"input": {"id": household_id, "expectedVersion": rows["version"], "address": evil}}
    )
    assert done["data"]["updateHousehold"]["__typename"] == "UpdateHouseholdSuccess", done
    township = rows["township"]["id"]

    # when: the coordinator exports the township's households
    started = coordinator.execute(EXPORT_HOUSEHOLDS, {"f": {"regionId": township}})
    started = started["data"]["exportHouseholds"]
    assert started["__typename"] == "ExportStarted", started
    response = _download(coordinator, started, coordinator.token)
    assert response.status_code == 200, response.text
    table = _rows(response.content)
    header, body = table[0], table[1:]
    # then: Chinese headers with identity, one row per household of the list
    assert {"户编号", "户主", "地址", "联系电话", "分层", "预警等级"} <= set(header)
    assert len(body) == _count(coordinator, regionId=township)
    row = next(r for r in body if r[header.index("户编号")] == household_id)
    assert row[header.index("地址")] == "'" + evil  # shown as typed, never a formula
    assert row[header.index("户主")] == rows["identity"]["headName"]
    book = load_workbook(io.BytesIO(response.content))
    cells = [c for r in book.worksheets[0].iter_rows(min_row=2) for c in r if c.value]
    assert all(c.data_type != "f" for c in cells)
    assert not any(str(c.value).startswith(("=", "+", "@", "-")) for c in cells)
    # and: the export is in the audit log
    records, _, _ = await graph.driver.execute_query(
        "MATCH (a:AuditEvent {action: 'EXPORTED', entity_id: $id}) RETURN a.actor_id AS actor",
        id=started["job"]["id"],
    )
    assert len(records) == 1

    # the file goes to nobody else, and not without the token
    assert _download(coordinator, started, volunteer.token).status_code == 404
    assert _download(coordinator, started, None).status_code == 401

    # when: the volunteer exports its own area: no identity column, no identity value
    mine = volunteer.execute(EXPORT_HOUSEHOLDS, {"f": {}})["data"]["exportHouseholds"]
    assert mine["__typename"] == "ExportStarted", mine
    table = _rows(_download(volunteer, mine, volunteer.token).content)
    assert not IDENTITY_HEADERS & set(table[0]) and len(table) > 1
    text = " ".join(str(v) for r in table for v in r if v is not None)
    identity = rows["identity"]
    assert identity["headName"] not in text and identity["phone"] not in text
    assert "HYPERLINK" not in text

    # a charity may not export households at all
    charity = gql.as_user("charity")
    refused = charity.execute(EXPORT_HOUSEHOLDS, {"f": {}})
    assert [e["extensions"]["code"] for e in refused["errors"]] == ["FORBIDDEN"]


def test_dashboard_export_has_its_tables(gql: GraphQLClient) -> None:
    coordinator = gql.as_user("coordinator")
    county = coordinator.execute(DASHBOARD, {"r": None})["data"]["dashboard"]
    started = coordinator.execute(EXPORT_DASHBOARD, {"r": county["region"]["id"]})
    started = started["data"]["exportDashboard"]
    assert started["__typename"] == "ExportStarted", started
    content = _download(coordinator, started, coordinator.token).content
    book = load_workbook(io.BytesIO(content))
    assert [ws.title for ws in book.worksheets][1:] == ["社工站", "预警", "需求"]
    coverage = _rows(content)
    assert coverage[0][:3] == ["地区", "户数", "已落实社工"]
    assert sum(r[1] for r in coverage[1:]) == county["totals"]["households"]
    stations = _rows(content, 1)
    assert len(stations) - 1 == len(county["stations"])
