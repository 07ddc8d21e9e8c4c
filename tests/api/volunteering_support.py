"""Shared by the volunteering API tests: a place with households and volunteers, users for
those volunteers, and the documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, LiteralString

from graph.driver import Graph
from graph.users import upsert_user
from server.auth import hash_password
from server.clock import SystemClock
from tests.conftest import GraphQLClient
from tests.support.clock import app_now

PASSWORD = "bangfu-demo"

CREATE_TASK = """
mutation ($input: CreateCareTaskInput!) {
  createCareTask(input: $input) {
    __typename
    ... on CreateCareTaskSuccess { task { id status version householdId villageId } }
    ... on InvalidInput { errors { field code } }
    ... on UserError { code }
  }
}
"""
TASK_FIELDS = "task { id status version villageName mine distanceKm note minutes }"
TAKE = f"""
mutation ($id: ID!, $v: Int!) {{
  takeCareTask(taskId: $id, expectedVersion: $v) {{
    __typename ... on TakeCareTaskSuccess {{ {TASK_FIELDS} }}
    ... on StaleVersion {{ currentVersion }} ... on UserError {{ code }}
  }}
}}
"""
RELEASE = f"""
mutation ($id: ID!, $v: Int!) {{
  releaseCareTask(taskId: $id, expectedVersion: $v) {{
    __typename ... on ReleaseCareTaskSuccess {{ {TASK_FIELDS} }} ... on UserError {{ code }}
  }}
}}
"""
RECORD = f"""
mutation ($input: RecordCareTaskInput!) {{
  recordCareTask(input: $input) {{
    __typename ... on RecordCareTaskSuccess {{ {TASK_FIELDS} }}
    ... on InvalidInput {{ errors {{ field code }} }} ... on UserError {{ code }}
  }}
}}
"""
CANCEL = """
mutation ($id: ID!, $v: Int!, $r: String!) {
  cancelCareTask(taskId: $id, expectedVersion: $v, reason: $r) {
    __typename ... on CancelCareTaskSuccess { task { status version } } ... on UserError { code }
  }
}
"""
FOR_ME = """
{ careTasksForMe { id kind what dueOn window status villageName distanceKm mine version } }
"""
AVAILABILITY = """
mutation ($id: ID!, $v: Int!, $d: [Int!]!, $w: [String!]!, $r: Float!) {
  setVolunteerAvailability(volunteerId: $id, expectedVersion: $v, weekdays: $d, windows: $w,
                           radiusKm: $r) {
    __typename
    ... on SetVolunteerAvailabilitySuccess {
      volunteer { version availableWeekdays availableWindows radiusKm gridRole }
    }
    ... on InvalidInput { errors { field code } }
    ... on UserError { code }
  }
}
"""
SUBMIT = """
mutation ($input: SubmitGridReportInput!) {
  submitGridReport(input: $input) {
    __typename
    ... on SubmitGridReportSuccess {
      report { id status version dueAt reportedAt householdId villageName overdue }
    }
    ... on InvalidInput { errors { field code } }
  }
}
"""
CONFIRM = """
mutation ($input: ConfirmGridReportInput!) {
  confirmGridReport(input: $input) {
    __typename
    ... on ConfirmGridReportSuccess { createdId report { status version householdId } }
    ... on StaleVersion { currentVersion }
    ... on InvalidInput { errors { field code } }
    ... on UserError { code }
  }
}
"""
DISMISS = """
mutation ($id: ID!, $v: Int!, $r: String!) {
  dismissGridReport(reportId: $id, expectedVersion: $v, reason: $r) {
    __typename
    ... on DismissGridReportSuccess { report { status version } }
    ... on InvalidInput { errors { field code } }
    ... on UserError { code }
  }
}
"""
QUEUE = """
query ($s: GridReportStatus) {
  gridReports(status: $s) { id kind status villageName overdue householdId version }
}
"""


def today_text(days: int = 0) -> str:
    return (SystemClock().today() + timedelta(days=days)).isoformat()


@dataclass(frozen=True)
class Place:
    """A village served by a station, with households and (grid) volunteers living there."""

    station_id: str
    township_id: str
    village_id: str
    households: list[str]
    volunteers: list[str]  # the village's volunteers, grid members first
    other_village_household: str  # a household of another village, same township


_PLACE: LiteralString = """
MATCH (s:Station)-[:SERVES]->(t:Region)<-[:PART_OF]-(v:Region {level: 'VILLAGE'})
WHERE s.id = $station_id
WITH s, t, v,
     COLLECT { MATCH (h:Household {village_id: v.id}) RETURN h.id ORDER BY h.id } AS hs,
     COLLECT { MATCH (x:Volunteer)-[:LIVES_IN]->(v)
               RETURN x.id ORDER BY x.grid_role IS NULL, x.id } AS vs
WHERE size(hs) >= 3 AND size(vs) >= 2
WITH s, t, v, hs, vs ORDER BY v.id SKIP $skip LIMIT 1
MATCH (o:Household {township_id: t.id}) WHERE o.village_id <> v.id
RETURN s.id AS station, t.id AS township, v.id AS village, hs, vs, min(o.id) AS other
"""


async def place(graph: Graph, station_id: str, skip: int = 0) -> Place:
    records, _, _ = await graph.driver.execute_query(_PLACE, station_id=station_id, skip=skip)
    r = records[0]
    return Place(
        r["station"], r["township"], r["village"], list(r["hs"]), list(r["vs"]), r["other"]
    )


async def volunteer_user(gql: GraphQLClient, graph: Graph, volunteer_id: str) -> GraphQLClient:
    username = f"vo-{volunteer_id}"
    await upsert_user(
        graph,
        user_id=f"user-{username}",
        username=username,
        password_hash=hash_password(PASSWORD),
        role="VOLUNTEER",
        display_name=f"测试志愿者 {volunteer_id}",
        scope_kind="SELF",
        scope_id=volunteer_id,
        now=app_now(),
    )
    return gql.as_user(username)


async def station_id_of(graph: Graph, username: str) -> str:
    records, _, _ = await graph.driver.execute_query(
        "MATCH (u:User {username: $u}) RETURN u.scope_id AS id", u=username
    )
    station: str = records[0]["id"]
    return station


def result(body: dict[str, Any], field: str) -> dict[str, Any]:
    assert "errors" not in body, body
    out: dict[str, Any] = body["data"][field]
    return out
