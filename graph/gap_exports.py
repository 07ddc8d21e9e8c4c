"""The gap lists (graph/gaps.py) read for an Excel export: every list in one write
transaction that also records the export in the audit log, as the other exports do
(graph/exports.py), with the names of the townships and stations the rows point at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph import gaps
from graph.audit import Actor, record_audit
from graph.driver import Graph
from graph.registry_writes import execute_write
from graph.scope import Scope

_NAMES: LiteralString = """
MATCH (t:Region {level: 'TOWNSHIP'})
WHERE ($all_scope OR t.id IN $townships) AND ($township_id IS NULL OR t.id = $township_id)
OPTIONAL MATCH (t)<-[:SERVES]-(s:Station)
RETURN t.id AS id, t.name AS name, collect({id: s.id, name: s.name}) AS stations
"""


@dataclass(frozen=True, slots=True)
class GapLists:
    uncovered: tuple[gaps.UncoveredVillage, ...]
    single_point: tuple[gaps.SinglePointWorker, ...]
    idle_organisations: tuple[gaps.IdleOrganisation, ...]
    idle_volunteers: tuple[gaps.IdleVolunteer, ...]
    unserved: tuple[gaps.UnservedNeedKind, ...]
    coverage: tuple[gaps.VillageCoverage, ...]
    eligibility: tuple[gaps.EligibilitySignal, ...]
    names: dict[str, str]  # township and station ids → names


@dataclass(frozen=True, slots=True)
class GapExport:
    scope: Scope
    township_id: str | None
    today: date
    idle_since: date
    line: float
    identity: bool  # names of workers, volunteers and heads of household
    limit: int  # rows per list


async def _gap_lists_tx(
    tx: AsyncManagedTransaction, *, ask: GapExport, actor: Actor, export_id: str
) -> GapLists:
    area: dict[str, Any] = {"scope_params": ask.scope.params(), "township_id": ask.township_id}
    names: dict[str, str] = {}
    async for r in await tx.run(_NAMES, {**ask.scope.params(), "township_id": ask.township_id}):
        names[r["id"]] = r["name"]
        names.update({s["id"]: s["name"] for s in r["stations"] if s["id"] is not None})
    organisations, _ = await gaps.idle_organisations(
        tx, **area, since=ask.idle_since, limit=ask.limit
    )
    volunteers, _ = await gaps.idle_volunteers(tx, **area, identity=ask.identity, limit=ask.limit)
    eligibility, _ = await gaps.eligibility_review(
        tx, **area, line=ask.line, identity=ask.identity, limit=ask.limit
    )
    lists = GapLists(
        uncovered=tuple(await gaps.uncovered_by_village(tx, **area, limit=ask.limit)),
        single_point=tuple(
            await gaps.single_point_workers(tx, **area, identity=ask.identity, limit=ask.limit)
        ),
        idle_organisations=tuple(organisations),
        idle_volunteers=tuple(volunteers),
        unserved=tuple(await gaps.unserved_need_kinds(tx, **area)),
        coverage=tuple(await gaps.village_coverage(tx, **area, today=ask.today)),
        eligibility=tuple(eligibility),
        names=names,
    )
    rows = sum(
        len(x)
        for x in (
            lists.uncovered,
            lists.single_point,
            lists.idle_organisations,
            lists.idle_volunteers,
            lists.unserved,
            lists.coverage,
            lists.eligibility,
        )
    )
    await record_audit(
        tx,
        actor=actor,
        action="EXPORTED",
        entity_type="Export",
        entity_id=export_id,
        before=None,
        after={"kind": "GAPS", "township_id": ask.township_id, "rows": rows},
    )
    return lists


async def export_gap_lists(
    graph: Graph, ask: GapExport, *, actor: Actor, export_id: str
) -> GapLists:
    lists: GapLists = await execute_write(
        graph, _gap_lists_tx, ask=ask, actor=actor, export_id=export_id
    )
    return lists
