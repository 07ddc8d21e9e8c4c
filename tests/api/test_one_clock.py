"""One clock (issue 8, item 12): at 17:00 UTC it is already tomorrow in China, and
"overdue" (`Match.overdue`, the `overdue` list) and the escalation pass agree on that day.

A second web server runs with its clock stopped at 17:00 UTC (`BANGFU_FIXED_NOW`, honoured
outside production only); the data is built through the session's ordinary server first.
With "today" taken from the UTC date, the match due yesterday-in-China would read as not
overdue while escalation (China midnight) had already reminded its worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from graph.driver import Graph
from tests.api.follow_up_support import ago, record_visit
from tests.api.registry_support import area_of, single
from tests.api.test_audit_log import audit
from tests.api.test_early_warning import REASSIGN, fresh_household, station_worker
from tests.api.test_escalation import RUN, _match
from tests.conftest import GraphQLClient, Services
from tests.support.processes import AppProcess, start_web

CHINA = ZoneInfo("Asia/Shanghai")
MATCH = """
query ($h: ID!) {
  matches(first: 5, filter: {householdId: $h, status: ACTIVE}) {
    edges { node { id followUpDue overdue } }
  }
}
"""
UPDATE = """
mutation ($input: UpdateHouseholdInput!) {
  updateHousehold(input: $input) { __typename ... on UserError { message code } }
}
"""
OVERDUE = """
query ($w: ID!) { overdue(scope: {workerId: $w}) { at followUps { matchId daysOverdue } } }
"""


@pytest.fixture(scope="module")
def china_today() -> Any:
    return datetime.now(CHINA).date()


@pytest.fixture(scope="module")
def five_pm_utc(china_today: Any) -> datetime:
    # 17:00 UTC on the day after China's today: China's date there is two days on.
    return datetime.combine(china_today + timedelta(days=1), time(17), UTC)


@pytest.fixture(scope="module")
def stopped_server(seeded: Services, app: AppProcess, five_pm_utc: datetime) -> Iterator[str]:
    web = start_web(
        neo4j_uri=seeded.neo4j.uri,
        redis_url=seeded.redis.url,
        data_dir=seeded.root / "app",
        extra_env={"BANGFU_FIXED_NOW": five_pm_utc.isoformat()},
    )
    try:
        yield web.url
    finally:
        web.stop()
        print(web.log_tail(60))  # shown when the test failed


async def _followed_until(
    station: GraphQLClient, graph: Graph, village: str, worker: str, due: Any
) -> tuple[str, str]:
    """A new household followed by `worker` whose next follow-up is `due`."""
    household, _ = fresh_household(station, village)
    body = station.execute(REASSIGN, {"h": household, "w": worker})
    assert body["data"]["reassignHousehold"]["__typename"] == "ReassignHouseholdSuccess", body
    match_id, _ = await _match(graph, household)
    visit = record_visit(station, match_id, visitedAt=ago(minutes=1), nextFollowUp=due.isoformat())
    assert visit["__typename"] == "RecordVisitSuccess", visit
    assert visit["match"]["followUpDue"] == due.isoformat()
    return household, match_id


async def test_overdue_and_escalation_agree_on_china_s_date_at_five_pm_utc(
    gql: GraphQLClient,
    graph: Graph,
    stopped_server: str,
    five_pm_utc: datetime,
) -> None:
    # given: two matches, due on the UTC date of 17:00 UTC and on the day after it
    station = gql.as_user("station")
    village = (await area_of(graph, "station")).village_id
    worker, _ = await station_worker(graph)
    utc_day = five_pm_utc.date()
    assert five_pm_utc.astimezone(CHINA).date() == utc_day + timedelta(days=1)
    late_household, late = await _followed_until(station, graph, village, worker, utc_day)
    on_time_household, on_time = await _followed_until(
        station, graph, village, worker, utc_day + timedelta(days=1)
    )

    # when: the server whose clock says 17:00 UTC is asked
    at_five = GraphQLClient(stopped_server)
    manager, coordinator = at_five.as_user("station"), at_five.as_user("coordinator")

    # then: the match due on the UTC date is overdue (China has moved on), the other is not
    def overdue_flag(household: str) -> bool:
        body = manager.execute(MATCH, {"h": household})
        assert "errors" not in body, body
        [edge] = body["data"]["matches"]["edges"]
        return bool(edge["node"]["overdue"])

    # the pages count days from the server's today, which is China's date too
    assert (
        manager.execute("{ today }")["data"]["today"] == (utc_day + timedelta(days=1)).isoformat()
    )
    assert overdue_flag(late_household) is True
    assert overdue_flag(on_time_household) is False
    listed = manager.execute(OVERDUE, {"w": worker})
    assert "errors" not in listed, listed
    assert datetime.fromisoformat(listed["data"]["overdue"]["at"]) == five_pm_utc
    days = {f["matchId"]: f["daysOverdue"] for f in listed["data"]["overdue"]["followUps"]}
    assert days.get(late) == 1 and on_time not in days

    # and: the escalation pass at the same instant reminds the worker of that one alone
    body = coordinator.execute(RUN, {"now": None, "region": village})
    assert "errors" not in body, body
    result = body["data"]["runEscalation"]
    assert datetime.fromisoformat(result["now"]) == five_pm_utc
    assert f"{late}@{utc_day.isoformat()}:1" in result["stepIds"]
    assert not [s for s in result["stepIds"] if s.startswith(on_time)]


async def test_a_stopped_server_stamps_its_changes_with_its_own_instant(
    gql: GraphQLClient, graph: Graph, stopped_server: str, five_pm_utc: datetime
) -> None:
    # given: a household registered through the ordinary server (the wall clock)
    station = gql.as_user("station")
    village = (await area_of(graph, "station")).village_id
    household, _ = fresh_household(station, village)

    # when: its manager changes it on the server whose clock says 17:00 UTC, a day ahead
    manager = GraphQLClient(stopped_server).as_user("station")
    change = {"id": household, "expectedVersion": 1, "monthlyIncomePerPerson": 450.0}
    body = manager.execute(UPDATE, {"input": change})
    assert body["data"]["updateHousehold"]["__typename"] == "UpdateHouseholdSuccess", body

    # then: the audit event and the household's updated_at carry that server's instant,
    # not the database's clock (Neo4j's datetime() would say now, a day or more earlier)
    page = audit(gql.as_user("auditor"), {"entityId": household})
    at = {e["node"]["action"]: datetime.fromisoformat(e["node"]["at"]) for e in page["edges"]}
    assert at["UPDATE_HOUSEHOLD"] == five_pm_utc
    assert at["CREATE_HOUSEHOLD"] < five_pm_utc - timedelta(hours=12)
    updated = await single(graph, "MATCH (h:Household {id: $h}) RETURN h.updated_at", h=household)
    assert updated.to_native() == five_pm_utc
