"""A station's round that takes over a colleague's urgent visit tells the responsible worker
(issue 12): one notice with a code and parameters, in the worker's inbox, never repeated when
the day is planned again; a visit kept by its own worker tells nobody."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from graph.audit import Actor
from graph.driver import Graph
from graph.registry_writes import execute_write
from graph.rounds import write_round_tx
from tests.api.registry_support import single

DAY = date(2026, 12, 3)
STATION_ACTOR = Actor(
    id="user-test-station", role="STATION_MANAGER", at=datetime(2026, 12, 3, 1, tzinfo=UTC)
)


def _stop(position: int, household_id: str, responsible: str) -> dict[str, Any]:
    return {
        "position": position,
        "visit_id": f"v-{household_id}",
        "household_id": household_id,
        "kind": "ALERT_VERIFICATION",
        "arrival": 540,
        "start": 540,
        "departure": 570,
        "travel_minutes": 10,
        "km": 1.2,
        "late": None,
        "warnings": ["REASSIGNED"] if position == 0 else [],
        "responsible_worker_id": responsible,
    }


async def _round(graph: Graph, colleague: str, stops: list[dict[str, Any]]) -> None:
    props = {
        "id": f"round-{colleague}-{DAY.isoformat()}",
        "worker_id": colleague,
        "station_id": "st-test",
        "township_id": "t-test",
        "date": DAY,
        "start": 510,
        "end": 600,
        "km": 1.2,
        "travel_minutes": 10,
        "engine": "test",
        "warnings": [],
        "dropped_household_ids": [],
        "dropped_kinds": [],
        "dropped_reasons": [],
    }
    await execute_write(graph, write_round_tx, round_props=props, stops=stops, actor=STATION_ACTOR)


async def _notices(graph: Graph, worker: str) -> list[dict[str, Any]]:
    records, _, _ = await graph.driver.execute_query(
        "MATCH (n:Notification {recipient_kind: 'WORKER', recipient_id: $w, "
        "kind: 'VISIT_HANDED_OVER'}) RETURN n ORDER BY n.id",
        w=worker,
    )
    return [dict(r["n"]) for r in records]


async def test_the_responsible_worker_is_told_once_when_a_colleague_takes_their_urgent_visit(
    graph: Graph,
) -> None:
    # given: two workers of one station and two households of the first
    workers = await single(
        graph,
        "MATCH (w:SocialWorker)-[:WORKS_AT]->(s:Station) WITH s, collect(w.id) AS ws "
        "WHERE size(ws) >= 2 RETURN ws[0..2] ORDER BY s.id LIMIT 1",
    )
    responsible, colleague = workers
    households = await single(graph, "MATCH (h:Household) RETURN collect(h.id)[0..2] AS ids")
    handed, kept = households

    # when: the colleague's round takes one urgent visit of the responsible worker
    await _round(graph, colleague, [_stop(0, handed, responsible), _stop(1, kept, colleague)])
    # and the day is planned again
    await _round(graph, colleague, [_stop(0, handed, responsible), _stop(1, kept, colleague)])

    # then: the responsible worker has one notice about that household, with its parameters
    notices = await _notices(graph, responsible)
    assert [n["subject_id"] for n in notices] == [handed]
    assert '"workerId"' in notices[0]["params"] and colleague in notices[0]["params"]
    assert DAY.isoformat() in notices[0]["params"]
    # and the colleague is told nothing about the visit they keep as their own
    assert await _notices(graph, colleague) == []
