"""Grid reporting (网格发现) through GraphQL: a grid member reports from a village, the
station confirms (a need or an indicator event for the household) or dismisses, and a
report left pending past its time limit is escalated, once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from graph.driver import Graph
from tests.api.registry_support import audit_actions, forbidden, node_props
from tests.api.volunteering_support import (
    CONFIRM,
    DISMISS,
    QUEUE,
    SUBMIT,
    Place,
    place,
    result,
    station_id_of,
    volunteer_user,
)
from tests.conftest import GraphQLClient

RUN_ESCALATION = """
mutation ($now: DateTime, $r: ID) { runEscalation(now: $now, regionId: $r) { __typename } }
"""
MY_REPORTS = "{ myGridReports { id status householdId villageName } }"


def _report(kind: str = "NEED", **kw: Any) -> dict[str, Any]:
    values: dict[str, Any] = {"kind": kind, "description": "村东头独居老人腿脚不便，无人照料"}
    if kind == "NEED":
        values["needKind"] = "DAILY_CARE"
    else:
        values["indicator"] = "HOSPITALISATION"
    return values | kw


async def _reporter(gql: GraphQLClient, graph: Graph) -> tuple[GraphQLClient, Place]:
    p = await place(graph, await station_id_of(graph, "station"), 0)
    grid = p.volunteers[0]  # grid members first
    assert (await node_props(graph, grid) or {}).get("grid_role"), "no grid member there"
    return await volunteer_user(gql, graph, grid), p


def _submit(client: GraphQLClient, village_id: str, **kw: Any) -> dict[str, Any]:
    body = client.execute(SUBMIT, {"input": _report(villageId=village_id, **kw)})
    return result(body, "submitGridReport")


async def test_a_need_is_reported_and_confirmed_once(gql: GraphQLClient, graph: Graph) -> None:
    reporter, p = await _reporter(gql, graph)
    station = gql.as_user("station")
    sent = _submit(reporter, p.village_id)
    assert sent["__typename"] == "SubmitGridReportSuccess", sent
    report = sent["report"]
    assert report["status"] == "PENDING" and report["householdId"] is None
    reported = datetime.fromisoformat(report["reportedAt"])
    assert datetime.fromisoformat(report["dueAt"]) - reported == timedelta(hours=48)
    queue = result(station.execute(QUEUE, {"s": "PENDING"}), "gridReports")
    assert report["id"] in {r["id"] for r in queue}
    assert report["id"] in {r["id"] for r in result(reporter.execute(MY_REPORTS), "myGridReports")}

    confirm = {"reportId": report["id"], "expectedVersion": 1, "householdId": p.households[0]}
    wrong = station.execute(
        CONFIRM, {"input": confirm | {"householdId": p.other_village_household}}
    )
    assert result(wrong, "confirmGridReport") == {
        "__typename": "Conflict",
        "code": "HOUSEHOLD_NOT_IN_VILLAGE",
    }
    stale = station.execute(CONFIRM, {"input": confirm | {"expectedVersion": 3}})
    assert result(stale, "confirmGridReport")["__typename"] == "StaleVersion"
    assert (await node_props(graph, report["id"]) or {})["status"] == "PENDING"

    body = station.execute(CONFIRM, {"input": confirm | {"estimatedCost": 800, "urgency": "HIGH"}})
    done = result(body, "confirmGridReport")
    assert done["__typename"] == "ConfirmGridReportSuccess", done
    assert done["report"]["status"] == "CONFIRMED"
    need = await node_props(graph, done["createdId"]) or {}
    assert need["kind"] == "DAILY_CARE" and need["urgency"] == "HIGH"
    assert need["estimated_cost"] == 800
    assert await audit_actions(graph, report["id"]) == [
        "SUBMIT_GRID_REPORT",
        "CONFIRM_GRID_REPORT",
    ]
    assert await audit_actions(graph, done["createdId"]) == ["CREATE_NEED"]
    twice = station.execute(CONFIRM, {"input": confirm | {"expectedVersion": 2}})
    assert result(twice, "confirmGridReport") == {
        "__typename": "Conflict",
        "code": "REPORT_CONFIRMED",
    }
    # The reporter is never told which household it was.
    mine = result(reporter.execute(MY_REPORTS), "myGridReports")
    assert all(r["householdId"] is None for r in mine)


async def test_an_event_report_records_the_indicator_event(
    gql: GraphQLClient, graph: Graph
) -> None:
    reporter, p = await _reporter(gql, graph)
    station = gql.as_user("station")
    report = _submit(reporter, p.village_id, kind="EVENT")["report"]
    confirm = {"reportId": report["id"], "expectedVersion": 1, "householdId": p.households[1]}
    done = result(station.execute(CONFIRM, {"input": confirm}), "confirmGridReport")
    assert done["__typename"] == "ConfirmGridReportSuccess", done
    event = await node_props(graph, done["createdId"]) or {}
    assert event["kind"] == "HOSPITALISATION" and event["household_id"] == p.households[1]


async def test_refusals(gql: GraphQLClient, graph: Graph) -> None:
    reporter, p = await _reporter(gql, graph)
    phone = _submit(reporter, p.village_id, description="联系人电话 13912345678")
    assert {e["code"] for e in phone["errors"]} == {"CONTAINS_PERSONAL_DATA"}
    no_kind = _submit(reporter, p.village_id, needKind=None)
    assert {(e["field"], e["code"]) for e in no_kind["errors"]} == {("needKind", "MISSING_VALUE")}
    other = await _other_village(graph, p.township_id)
    outside = _submit(reporter, other)
    assert {(e["field"], e["code"]) for e in outside["errors"]} == {("villageId", "UNKNOWN_REGION")}
    # A volunteer who is no grid member may not report; a worker may not either.
    plain = await _plain_volunteer(graph)
    if plain is not None:
        body = (await volunteer_user(gql, graph, plain)).execute(
            SUBMIT, {"input": _report(villageId=p.village_id)}
        )
        assert forbidden(body)
    assert forbidden(
        gql.as_user("worker").execute(SUBMIT, {"input": _report(villageId=p.village_id)})
    )

    report = _submit(reporter, p.village_id)["report"]
    station = gql.as_user("station")
    empty = station.execute(DISMISS, {"id": report["id"], "v": 1, "r": ""})
    assert result(empty, "dismissGridReport")["__typename"] == "InvalidInput"
    gone = station.execute(DISMISS, {"id": report["id"], "v": 1, "r": "已在册，社工本周已走访"})
    assert result(gone, "dismissGridReport")["report"] == {"status": "DISMISSED", "version": 2}
    confirm = {"reportId": report["id"], "expectedVersion": 2, "householdId": p.households[0]}
    late = result(station.execute(CONFIRM, {"input": confirm}), "confirmGridReport")
    assert late == {"__typename": "Conflict", "code": "REPORT_DISMISSED"}
    # The queue of another station does not hold it.
    assert report["id"] not in str(gql.as_user("charity").execute(QUEUE))


async def test_an_overdue_report_is_escalated_once(gql: GraphQLClient, graph: Graph) -> None:
    reporter, p = await _reporter(gql, graph)
    report = _submit(reporter, p.village_id)["report"]
    coordinator = gql.as_user("coordinator")
    # A week after the report: past the 48-hour limit and both 2-day grace periods.
    later = (datetime.now(UTC) + timedelta(days=7)).isoformat()
    first = coordinator.execute(RUN_ESCALATION, {"now": later, "r": p.village_id})
    assert "errors" not in first, first
    steps = await _steps(graph, report["id"])
    assert steps == [1, 2, 3]
    coordinator.execute(RUN_ESCALATION, {"now": later, "r": p.village_id})
    assert await _steps(graph, report["id"]) == [1, 2, 3]  # a rerun adds nothing
    queue = result(gql.as_user("station").execute(QUEUE, {"s": "PENDING"}), "gridReports")
    # Not overdue yet by the real clock; the pass was told a later "now".
    assert any(r["id"] == report["id"] for r in queue)
    records, _, _ = await graph.driver.execute_query(
        "MATCH (n:Notification {subject_id: $id}) RETURN n.recipient_kind AS k, n.kind AS kind",
        id=report["id"],
    )
    kinds = {(r["k"], r["kind"]) for r in records}
    assert ("STATION", "GRID_REPORT_OVERDUE") in kinds
    assert ("COUNTY", "GRID_REPORT_ESCALATED") in kinds


async def _steps(graph: Graph, report_id: str) -> list[int]:
    records, _, _ = await graph.driver.execute_query(
        "MATCH (x:Escalation {subject_key: $id}) RETURN x.step AS s ORDER BY s", id=report_id
    )
    return [int(r["s"]) for r in records]


async def _other_village(graph: Graph, township_id: str) -> str:
    records, _, _ = await graph.driver.execute_query(
        "MATCH (v:Region {level: 'VILLAGE'}) WHERE v.parent_id <> $t RETURN min(v.id) AS id",
        t=township_id,
    )
    village: str = records[0]["id"]
    return village


async def _plain_volunteer(graph: Graph) -> str | None:
    records, _, _ = await graph.driver.execute_query(
        "MATCH (x:Volunteer) WHERE x.grid_role IS NULL RETURN min(x.id) AS id"
    )
    found: str | None = records[0]["id"]
    return found
