"""Care visits due by the warning-level cadence are offered to volunteers nearby as care
tasks: not before the lead, once per care visit however often the pass runs, the worker
still responsible (their follow-up unmoved), and the volunteer reads it at village level."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import LiteralString

from graph.driver import Graph
from matching.cadence import first_visit_due
from matching.care_offers import LEAD_DAYS
from server.clock import FixedClock
from server.services.care_offers import run_care_offer_pass
from tests.api.follow_up_support import area
from tests.api.registry_support import single
from tests.api.volunteering_support import AVAILABILITY, FOR_ME, result, volunteer_user
from tests.conftest import GraphQLClient

# Households of the follow-through area's active matches with a volunteer living in their
# village and no care task yet.
_CANDIDATES: LiteralString = """
UNWIND $ids AS hid
MATCH (h:Household {id: hid})
WHERE NOT EXISTS { MATCH (:CareTask {household_id: h.id}) }
MATCH (x:Volunteer)-[:LIVES_IN]->(:Region {id: h.village_id})
RETURN h.id AS household, min(x.id) AS volunteer
"""

_TASKS: LiteralString = """
MATCH (t:CareTask {household_id: $h, origin: 'CARE_CADENCE'})
RETURN t.id AS id, t.due_on AS due_on, t.worker_id AS worker, t.kind AS kind
"""


def _at(day: date) -> FixedClock:
    return FixedClock(at=datetime.combine(day, time(4, 0), tzinfo=UTC))  # noon in China


async def test_a_due_care_visit_is_offered_once_near_a_volunteer(
    gql: GraphQLClient, graph: Graph
) -> None:
    # given: a followed household (a match of its own, not yet visited), a volunteer of its
    # village free any day within 20 km, and the care visit's date by the cadence
    pool = area(gql)
    records, _, _ = await graph.driver.execute_query(
        _CANDIDATES, ids=[m["household"]["id"] for m in pool.active]
    )
    nearby = {r["household"]: r["volunteer"] for r in records}
    match = pool.take(where=lambda m: m["household"]["id"] in nearby)
    household, worker = match["household"]["id"], match["worker"]["id"]
    volunteer_id = nearby[household]
    volunteer = await volunteer_user(gql, graph, volunteer_id)
    me = result(volunteer.execute("{ myVolunteerProfile { version } }"), "myVolunteerProfile")
    ready = volunteer.execute(
        AVAILABILITY, {"id": volunteer_id, "v": me["version"], "d": [], "w": [], "r": 20.0}
    )
    assert result(ready, "setVolunteerAvailability")["__typename"].endswith("Success"), ready
    cycle = first_visit_due(
        date.fromisoformat(match["startedOn"]), warning_level=match["household"]["warningLevel"]
    )

    # when: the pass runs before the lead, then on the day (twice: a rerun after a crash)
    early = await run_care_offer_pass(
        graph, clock=_at(cycle - timedelta(days=LEAD_DAYS + 1)), worker_ids=[worker]
    )
    none_yet, _, _ = await graph.driver.execute_query(_TASKS, h=household)
    first = await run_care_offer_pass(graph, clock=_at(cycle), worker_ids=[worker])
    again = await run_care_offer_pass(graph, clock=_at(cycle), worker_ids=[worker])

    # then: nothing early; one company visit on the care visit's date, the worker's
    assert none_yet == []
    assert first.offered >= 1 and again.offered == 0 and again.due == first.due
    assert early.due <= first.due
    tasks, _, _ = await graph.driver.execute_query(_TASKS, h=household)
    assert len(tasks) == 1
    task = tasks[0]
    assert task["due_on"].to_native() == cycle and task["worker"] == worker
    assert task["kind"] == "COMPANY_VISIT"
    offered = await single(
        graph,
        "MATCH (a:AuditEvent {entity_id: $id}) RETURN collect(a.action)",
        id=task["id"],
    )
    assert offered == ["OFFER_CARE_VISIT"]
    # the worker keeps responsibility: their follow-up date has not moved
    follow_up = await single(
        graph,
        "MATCH (m:Match {status: 'ACTIVE'})-[:FOR]->(:Household {id: $h}) RETURN m.follow_up_due",
        h=household,
    )
    assert str(follow_up.to_native()) == match["followUpDue"]

    # the volunteer of the village is offered it, at village level
    body = volunteer.execute(FOR_ME)
    listed = {t["id"]: t for t in result(body, "careTasksForMe")}
    assert task["id"] in listed and listed[task["id"]]["kind"] == "COMPANY_VISIT"
    assert household not in str(body)
