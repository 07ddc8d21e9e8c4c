"""Care visits due by the warning-level cadence are offered to volunteers nearby as care
tasks: not before the lead, once per care visit however often the pass runs, the worker
still responsible (their follow-up unmoved), and the volunteer reads it at village level."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import LiteralString

from graph.driver import Graph
from matching.cadence import care_interval_days, first_visit_due
from matching.care_offers import LEAD_DAYS
from server.clock import FixedClock
from server.services.care_offers import run_care_offer_pass
from tests.api.registry_support import single
from tests.api.volunteering_support import AVAILABILITY, FOR_ME, result, volunteer_user
from tests.conftest import GraphQLClient

# A household one worker follows, away from the `station` user's station (whose villages
# the other care-task tests use), with a volunteer living in its village and no task yet.
_PICK: LiteralString = """
MATCH (u:User {username: 'station'})
MATCH (s:Station)<-[:WORKS_AT]-(w:SocialWorker)<-[:BY]-(m:Match {status: 'ACTIVE'})
      -[:FOR]->(h:Household)
WHERE s.id <> u.scope_id AND h.exited_on IS NULL
  AND COUNT { (:Match {status: 'ACTIVE'})-[:FOR]->(h) } = 1
  AND NOT EXISTS { MATCH (:CareTask {household_id: h.id}) }
MATCH (x:Volunteer)-[:LIVES_IN]->(:Region {id: h.village_id})
WITH w, m, h, min(x.id) AS volunteer ORDER BY h.id LIMIT 1
RETURN w.id AS worker, h.id AS household, volunteer, h.warning_level AS level,
       CASE WHEN m.last_visit_at IS NULL THEN null ELSE date(m.last_visit_at) END AS last,
       coalesce(m.started_on, date(m.activated_at)) AS started, m.follow_up_due AS follow_up
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
    # given: a followed household and its care visit's date by the cadence
    records, _, _ = await graph.driver.execute_query(_PICK)
    r = records[0]
    household, worker = r["household"], r["worker"]
    last = r["last"].to_native() if r["last"] is not None else None
    if last is not None:
        cycle = last + timedelta(days=care_interval_days(r["level"]))
    else:
        cycle = first_visit_due(r["started"].to_native(), warning_level=r["level"])

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
    assert follow_up == r["follow_up"]

    # a volunteer of the village (free any day, within 20 km) is offered it, village-level
    volunteer = await volunteer_user(gql, graph, r["volunteer"])
    me = result(volunteer.execute("{ myVolunteerProfile { version } }"), "myVolunteerProfile")
    volunteer.execute(
        AVAILABILITY, {"id": r["volunteer"], "v": me["version"], "d": [], "w": [], "r": 20.0}
    )
    body = volunteer.execute(FOR_ME)
    listed = {t["id"]: t for t in result(body, "careTasksForMe")}
    assert task["id"] in listed and listed[task["id"]]["kind"] == "COMPANY_VISIT"
    assert household not in str(body)
