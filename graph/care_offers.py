"""Care visits that are due, offered as care tasks (matching/care_offers.py decides which).

Reads the households workers follow (an ACTIVE match) with what the cadence needs, and the
volunteers with where they live and how far they go. Each offer is written in its own
transaction under the household's lock, keyed by the care visit's date (`t.cycle_due`):
a rerun, or two passes at once, finds the task already there and writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.audit import Actor, record_audit
from graph.driver import Graph
from graph.registry_writes import node_dict
from graph.values import as_date

# `$worker_ids` null: every worker (the cron); otherwise those workers' households only.
_FOLLOWED: LiteralString = """
MATCH (w:SocialWorker)<-[:BY]-(m:Match {status: 'ACTIVE'})-[:FOR]->(h:Household)
WHERE ($worker_ids IS NULL OR w.id IN $worker_ids) AND h.exited_on IS NULL
MATCH (v:Region {id: h.village_id})
RETURN h.id AS household_id, w.id AS worker_id, h.warning_level AS warning_level,
       CASE WHEN m.last_visit_at IS NULL THEN null ELSE date(m.last_visit_at) END AS last_visit,
       coalesce(m.started_on,
                CASE WHEN m.activated_at IS NULL THEN null ELSE date(m.activated_at) END)
         AS started_on,
       v.lat AS lat, v.lon AS lon
"""

_VOLUNTEERS: LiteralString = """
MATCH (x:Volunteer)-[:LIVES_IN]->(:Region)
WHERE x.lat IS NOT NULL AND x.lon IS NOT NULL
RETURN x.lat AS lat, x.lon AS lon, x.radius_km AS radius_km
"""


async def followed_households(
    graph: Graph, worker_ids: Sequence[str] | None
) -> list[dict[str, Any]]:
    records, _, _ = await graph.driver.execute_query(
        _FOLLOWED,
        worker_ids=list(worker_ids) if worker_ids is not None else None,
        database_=graph.database,
        routing_="r",
    )
    return [
        dict(r) | {"last_visit": as_date(r["last_visit"]), "started_on": as_date(r["started_on"])}
        for r in records
    ]


async def volunteer_reach(graph: Graph) -> list[dict[str, Any]]:
    records, _, _ = await graph.driver.execute_query(
        _VOLUNTEERS, database_=graph.database, routing_="r"
    )
    return [dict(r) for r in records]


# Under the household's lock: still followed, and no task yet for this care visit.
_OFFER: LiteralString = """
MATCH (h:Household {id: $household_id})
SET h.locked_by = $marker
REMOVE h.locked_by
WITH h
WHERE EXISTS { MATCH (:Match {status: 'ACTIVE'})-[:FOR]->(h) }
  AND NOT EXISTS { MATCH (t:CareTask {household_id: h.id, cycle_due: date($cycle_due)}) }
CREATE (t:CareTask {id: $id})
SET t.kind = $kind, t.what = '', t.due_on = date($due_on), t.cycle_due = date($cycle_due),
    t.origin = 'CARE_CADENCE', t.worker_id = $worker_id, t.created_by = $marker,
    t.household_id = h.id, t.village_id = h.village_id, t.township_id = h.township_id,
    t.status = 'OPEN', t.version = 1, t.created_at = $now, t.updated_at = $now
CREATE (t)-[:FOR]->(h)
RETURN t{.id, .kind, .what, .due_on, .cycle_due, .origin, .worker_id, .household_id,
         .village_id, .township_id, .status, .version} AS task
"""


async def offer_care_visit_tx(
    tx: AsyncManagedTransaction,
    *,
    actor: Actor,
    task_id: str,
    household_id: str,
    worker_id: str,
    kind: str,
    cycle_due: date,
    due_on: date,
) -> bool:
    """True when the task was written; False when it was there already (or the household
    is no longer followed)."""
    r = await (
        await tx.run(
            _OFFER,
            now=actor.at,
            id=task_id,
            household_id=household_id,
            worker_id=worker_id,
            kind=kind,
            cycle_due=cycle_due.isoformat(),
            due_on=due_on.isoformat(),
            marker=actor.id,
        )
    ).single()
    if r is None:
        return False
    await record_audit(
        tx,
        actor=actor,
        action="OFFER_CARE_VISIT",
        entity_type="CareTask",
        entity_id=task_id,
        before=None,
        after=node_dict(r["task"]),
    )
    return True
