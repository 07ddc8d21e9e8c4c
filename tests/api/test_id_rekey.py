"""Migration 8: ids derived from personal data become random, every reference kept."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from datetime import date

from graph.county_writer import write_households
from graph.driver import Graph
from graph.households import HouseholdRecord
from graph.id_rekey import rekey_personal_ids
from graph.members import PersonRecord
from graph.regions import known_villages
from tests.support.clock import app_now

RANDOM_HOUSEHOLD = re.compile(r"^hh-[0-9a-f]{32}$")
RANDOM_PERSON = re.compile(r"^p-[0-9a-f]{32}$")

# What the old import left behind besides the nodes: properties naming them.
_LEGACY_REFERENCES = """
MATCH (h:Household {id: $household_id}), (p:Person {id: $person_id})
CREATE (m:Match {id: $match_id, household_id: h.id, status: 'CLOSED'})-[:FOR]->(h)
CREATE (:Alert {id: $alert_id, household_id: h.id, status: 'CLOSED'})
CREATE (:IndicatorEvent {id: $event_id, key: $event_id, household_id: h.id, person_id: p.id})
CREATE (:AuditEvent {id: $audit_id, entity_type: 'Person', entity_id: p.id,
                     after: $audit_after, at: datetime()})
"""

_AFTER = """
MATCH (h:Household)<-[:MEMBER_OF]-(p:Person {id_number: $id_number})
MATCH (m:Match {id: $match_id})-[:FOR]->(mh:Household)
MATCH (a:Alert {id: $alert_id}), (e:IndicatorEvent {id: $event_id}), (x:AuditEvent {id: $audit_id})
RETURN h.id AS household, p.id AS person, mh.id AS match_household, m.household_id AS match_ref,
       a.household_id AS alert_ref, e.household_id AS event_household, e.person_id AS event_person,
       x.entity_id AS audit_entity, x.after AS audit_after, h.legacy_import_digest AS digest
"""

_ANY_OLD_ID = """
MATCH (n) WHERE n.id CONTAINS $old_household OR n.id CONTAINS $old_person
   OR any(k IN keys(n) WHERE n[k] IS :: STRING
          AND (n[k] CONTAINS $old_household OR n[k] CONTAINS $old_person))
RETURN count(n) AS n
"""


def _legacy(prefix: str, value: str) -> str:
    return prefix + hashlib.sha1(f"\x00{value}".encode()).hexdigest()[:20]


async def test_old_ids_become_random_and_every_reference_follows(graph: Graph) -> None:
    # given: a household and a member with ids as the old import made them
    records, _, _ = await graph.driver.execute_query(
        "MATCH (v:Region {level: 'VILLAGE'}) RETURN v.id AS id ORDER BY v.id LIMIT 1"
    )
    village = records[0]["id"]
    ref = "legacy-" + uuid.uuid4().hex[:8]
    id_number = "1101011990" + str(uuid.uuid4().int)[:8]
    household_id, person_id = _legacy("hh-imp-", ref), _legacy("p-imp-", id_number)
    household = HouseholdRecord(
        id=household_id, village_id=village, tier="DIBAO", dibao_class="A", causes=("ILLNESS",),
        special_groups=(), size=1, monthly_income_per_person=300.0, lat=30.1, lon=120.1,
        address="某村1号", phone="13800000000", warning_level="NONE", risk_score=0.0,
        next_review_due=None, needs_skills=(),
    )  # fmt: skip
    person = PersonRecord(
        id=person_id, household_id=household_id, name="旧导入", id_number=id_number, sex="M",
        birth_date=date(1990, 1, 1), disability_grade=None, chronic_illness=False,
        serious_illness=False, can_work=True, relation="HEAD",
    )  # fmt: skip
    from graph.scope import EVERYWHERE

    parents = await known_villages(graph, frozenset({village}), scope=EVERYWHERE)
    await write_households(graph, [household], [person], parents=parents, now=app_now())
    keys = {k: uuid.uuid4().hex for k in ("match_id", "alert_id", "event_id", "audit_id")}
    after = json.dumps({"household_ids": [household_id], "member": person_id})
    await graph.driver.execute_query(
        _LEGACY_REFERENCES,
        household_id=household_id,
        person_id=person_id,
        audit_after=after,
        **keys,
    )

    # when
    rekeyed = await rekey_personal_ids(graph)
    again = await rekey_personal_ids(graph)

    # then: new random ids, and every reference names them
    assert rekeyed >= 2 and again == 0
    records, _, _ = await graph.driver.execute_query(_AFTER, id_number=id_number, **keys)
    r = records[0]
    assert RANDOM_HOUSEHOLD.match(r["household"]) and RANDOM_PERSON.match(r["person"])
    assert r["match_household"] == r["match_ref"] == r["alert_ref"] == r["household"]
    assert r["event_household"] == r["household"] and r["event_person"] == r["person"]
    assert r["audit_entity"] == r["person"]
    assert json.loads(r["audit_after"]) == {
        "household_ids": [r["household"]],
        "member": r["person"],
    }
    assert r["digest"] == household_id.removeprefix("hh-imp-")
    records, _, _ = await graph.driver.execute_query(
        _ANY_OLD_ID, old_household=household_id, old_person=person_id
    )
    assert records[0]["n"] == 0
