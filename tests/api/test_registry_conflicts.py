"""declareConflict / removeConflict and conflictsOfInterest through GraphQL: helpers declare
their own conflicts, only registry editors lift one, and every change is audited."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from tests.api.registry_support import (
    area_of,
    create_household,
    scope_id_of,
    single,
    totals,
)
from tests.conftest import GraphQLClient

DECLARE = """
mutation ($input: DeclareConflictInput!) {
  declareConflict(input: $input) {
    __typename
    ... on DeclareConflictSuccess {
      conflict { helperId helperKind householdId reason note declaredAt declaredBy }
    }
    ... on UserError { message field code }
    ... on InvalidInput { errors { field reason code } }
  }
}
"""

REMOVE = """
mutation ($input: RemoveConflictInput!) {
  removeConflict(input: $input) {
    __typename
    ... on RemoveConflictSuccess { conflict { helperId householdId reason } }
    ... on UserError { message field code }
  }
}
"""

CONFLICTS = """
query ($id: ID!) { conflictsOfInterest(householdId: $id) { helperId helperKind reason note } }
"""

CONFLICT_REL = """
MATCH (x {id: $helper})-[c:CONFLICTS_WITH]->(:Household {id: $household})
RETURN c {.*} AS c
"""

CONFLICT_AUDIT = """
MATCH (a:AuditEvent {entity_type: 'ConflictOfInterest'})
WHERE a.after CONTAINS $household OR a.before CONTAINS $household
WITH a ORDER BY a.at, a.action
RETURN collect([a.action, a.actor_role, a.reason]) AS events
"""


def _declare(client: GraphQLClient, helper: str, household: str, **extra: Any) -> dict[str, Any]:
    payload = {"helperId": helper, "householdId": household, "reason": "KINSHIP"} | extra
    body = client.execute(DECLARE, {"input": payload})
    assert body.get("data"), body
    result: dict[str, Any] = body["data"]["declareConflict"]
    return result


async def test_a_worker_declares_their_own_conflict_once(gql: GraphQLClient, graph: Graph) -> None:
    # given: a household in the worker's township
    worker_id = await scope_id_of(graph, "worker")
    household = create_household(
        gql.as_user("station"), (await area_of(graph, "worker")).village_id
    )
    worker = gql.as_user("worker")
    # when
    first = _declare(worker, worker_id, household["id"], note="户主是我舅舅")
    again = _declare(worker, worker_id, household["id"], reason="DECLARED")
    # then
    assert first["__typename"] == "DeclareConflictSuccess", first
    conflict = first["conflict"]
    assert conflict["helperKind"] == "SOCIAL_WORKER" and conflict["reason"] == "KINSHIP"
    assert conflict["declaredBy"] == "user-demo-worker" and conflict["declaredAt"]
    assert (again["__typename"], again["code"]) == ("Conflict", "ALREADY_DECLARED")
    rel = await single(graph, CONFLICT_REL, helper=worker_id, household=household["id"])
    assert rel["reason"] == "KINSHIP" and rel["note"] == "户主是我舅舅"
    listed = gql.as_user("station").execute(CONFLICTS, {"id": household["id"]})["data"]
    assert listed["conflictsOfInterest"] == [
        {
            "helperId": worker_id,
            "helperKind": "SOCIAL_WORKER",
            "reason": "KINSHIP",
            "note": "户主是我舅舅",
        }
    ]
    events = await single(graph, CONFLICT_AUDIT, household=household["id"])
    assert events == [["DECLARE_CONFLICT", "SOCIAL_WORKER", None]]


async def test_a_worker_cannot_declare_for_a_colleague(gql: GraphQLClient, graph: Graph) -> None:
    # given: another worker of the same station
    own = await scope_id_of(graph, "worker")
    colleague = await single(
        graph,
        """
        MATCH (:SocialWorker {id: $id})-[:WORKS_AT]->(s)<-[:WORKS_AT]-(w:SocialWorker)
        WHERE w.id <> $id RETURN min(w.id)
        """,
        id=own,
    )
    household = create_household(
        gql.as_user("station"), (await area_of(graph, "worker")).village_id
    )
    before = await totals(graph)
    # when
    body = gql.as_user("worker").execute(
        DECLARE,
        {"input": {"helperId": colleague, "householdId": household["id"], "reason": "DECLARED"}},
    )
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await totals(graph) == before


async def test_a_volunteer_declares_their_own_conflict(gql: GraphQLClient, graph: Graph) -> None:
    # given: a household in the volunteer's township
    volunteer_id = await scope_id_of(graph, "volunteer")
    area = await area_of(graph, "volunteer")
    household = create_household(gql.as_user("coordinator"), area.village_id)
    # when
    result = _declare(gql.as_user("volunteer"), volunteer_id, household["id"], reason="DECLARED")
    # then
    assert result["__typename"] == "DeclareConflictSuccess", result
    assert result["conflict"]["helperKind"] == "VOLUNTEER"
    rel = await single(graph, CONFLICT_REL, helper=volunteer_id, household=household["id"])
    assert rel["declared_by"] == "user-demo-volunteer"


async def test_only_a_registry_editor_lifts_a_conflict_and_the_reason_is_audited(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a declared conflict
    worker_id = await scope_id_of(graph, "worker")
    station = gql.as_user("station")
    household = create_household(station, (await area_of(graph, "worker")).village_id)
    assert _declare(station, worker_id, household["id"])["__typename"] == "DeclareConflictSuccess"
    lift = {"helperId": worker_id, "householdId": household["id"], "reason": "核实后非亲属"}
    # when: the worker tries to lift it, then the station manager does
    by_worker = gql.as_user("worker").execute(REMOVE, {"input": lift})
    by_station = station.execute(REMOVE, {"input": lift})["data"]["removeConflict"]
    twice = station.execute(REMOVE, {"input": lift})["data"]["removeConflict"]
    # then
    assert by_worker["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert by_station["__typename"] == "RemoveConflictSuccess", by_station
    assert by_station["conflict"]["reason"] == "KINSHIP"
    assert twice["__typename"] == "NotFound"
    assert await single(graph, CONFLICT_REL, helper=worker_id, household=household["id"]) is None
    events = await single(graph, CONFLICT_AUDIT, household=household["id"])
    assert events == [
        ["DECLARE_CONFLICT", "STATION_MANAGER", None],
        ["REMOVE_CONFLICT", "STATION_MANAGER", "核实后非亲属"],
    ]


async def test_a_conflict_with_a_household_outside_the_area_is_not_found(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given
    worker_id = await scope_id_of(graph, "worker")
    area = await area_of(graph, "worker")
    household = create_household(gql.as_user("coordinator"), area.other_village_id)
    before = await totals(graph)
    # when
    result = _declare(gql.as_user("worker"), worker_id, household["id"])
    # then
    assert (result["__typename"], result["field"]) == ("NotFound", "householdId")
    assert await totals(graph) == before


async def test_an_unknown_helper_is_not_found(gql: GraphQLClient, graph: Graph) -> None:
    # given
    household = create_household(
        gql.as_user("station"), (await area_of(graph, "station")).village_id
    )
    # when
    result = _declare(gql.as_user("station"), "sw-no-such-worker", household["id"])
    # then
    assert (result["__typename"], result["field"]) == ("NotFound", "helperId")


async def test_an_auditor_cannot_declare_conflicts(gql: GraphQLClient, graph: Graph) -> None:
    # given
    worker_id = await scope_id_of(graph, "worker")
    household = create_household(
        gql.as_user("station"), (await area_of(graph, "worker")).village_id
    )
    # when
    body = gql.as_user("auditor").execute(
        DECLARE,
        {"input": {"helperId": worker_id, "householdId": household["id"], "reason": "KINSHIP"}},
    )
    # then
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
