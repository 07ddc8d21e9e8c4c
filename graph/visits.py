"""Home visits (入户走访) on a match, recorded in one transaction with everything they change.

`(:Visit {id, match_id, household_id, worker_id, visited_at, place, met, findings, outcome,
contact, next_follow_up, verifying, recorded_by, recorded_at, discovered_need_ids,
resolved_need_ids, resolved_alert_ids})-[:OF]->(:Match)`; needs it discovers hang off the
household as usual and off the visit by `DISCOVERED`.

The transaction locks the match, lets the caller's `decide` check the visit against the
locked state (it raises to refuse), then writes the visit, moves the match's follow-up,
opens discovered needs, closes resolved ones (telling their reporters), lets a verifying
visit resolve the household's alerts, and audits all of it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction

from graph.alerts import resolve_alerts_for_visit_tx
from graph.audit import Actor, AuditEntry, record_audit_many
from graph.driver import Graph
from graph.match_lifecycle import MatchRecord, MatchState, read_locked
from graph.needs import need_resolved_tx
from graph.values import as_date, as_datetime


@dataclass(frozen=True, slots=True)
class VisitRecord:
    id: str
    match_id: str
    household_id: str
    worker_id: str | None
    visited_at: datetime
    place: str
    met: tuple[str, ...]
    findings: str
    outcome: str
    contact: bool  # someone was met: an attempted visit is not contact
    next_follow_up: date | None
    verifying: bool
    recorded_by: str
    recorded_at: datetime
    discovered_need_ids: tuple[str, ...]
    resolved_need_ids: tuple[str, ...]
    resolved_alert_ids: tuple[str, ...]


# The visit as `visit_record` reads it: named properties, never the whole node.
VISIT: LiteralString = """v{.id, .match_id, .household_id, .worker_id, .visited_at, .place,
  .met, .findings, .outcome, .contact, .next_follow_up, .verifying, .recorded_by,
  .recorded_at, .discovered_need_ids, .resolved_need_ids, .resolved_alert_ids}"""


def visit_record(v: Any) -> VisitRecord:
    visited = as_datetime(v["visited_at"])
    recorded = as_datetime(v["recorded_at"])
    assert visited is not None and recorded is not None
    return VisitRecord(
        id=v["id"],
        match_id=v["match_id"],
        household_id=v["household_id"],
        worker_id=v.get("worker_id"),
        visited_at=visited,
        place=v.get("place") or "",
        met=tuple(v.get("met") or ()),
        findings=v.get("findings") or "",
        outcome=v["outcome"],
        contact=bool(v.get("contact")),
        next_follow_up=as_date(v.get("next_follow_up")),
        verifying=bool(v.get("verifying")),
        recorded_by=v["recorded_by"],
        recorded_at=recorded,
        discovered_need_ids=tuple(v.get("discovered_need_ids") or ()),
        resolved_need_ids=tuple(v.get("resolved_need_ids") or ()),
        resolved_alert_ids=tuple(v.get("resolved_alert_ids") or ()),
    )


# ---- reads -------------------------------------------------------------------------------

_BY_MATCH: LiteralString = (
    """
UNWIND $ids AS id
MATCH (v:Visit)-[:OF]->(:Match {id: id})
RETURN id, """
    + VISIT
    + """ AS visit ORDER BY v.visited_at DESC, v.id
"""
)


async def visits_by_match(graph: Graph, ids: Sequence[str]) -> list[list[VisitRecord]]:
    """Newest first. The caller already checked the matches are in scope."""
    records, _, _ = await graph.driver.execute_query(
        _BY_MATCH, ids=list(ids), database_=graph.database, routing_="r"
    )
    grouped: dict[str, list[VisitRecord]] = {i: [] for i in ids}
    for r in records:
        grouped[r["id"]].append(visit_record(r["visit"]))
    return [grouped[i] for i in ids]


# ---- recording -----------------------------------------------------------------------------

_NEEDS_OF_HOUSEHOLD: LiteralString = """
MATCH (:Household {id: $household_id})-[:HAS_NEED]->(n:Need)
WHERE n.id IN $ids
SET n.locked_by = $marker
REMOVE n.locked_by
RETURN n.id AS id, n.status AS status, coalesce(n.version, 1) AS version
"""

# A late-recorded older visit never moves last_visit_at/last_contact_at backwards; whether
# it moves the follow-up is the caller's decision (`moves_follow_up`).
_CREATE_VISIT: LiteralString = """
MATCH (m:Match {id: $match_id})
CREATE (v:Visit)
SET v = $props, v.visited_at = $visited_at, v.next_follow_up = date($next_follow_up),
    v.recorded_at = $now
CREATE (v)-[:OF]->(m)
SET m.last_visit_at = CASE WHEN m.last_visit_at IS NULL OR m.last_visit_at < $visited_at
                           THEN $visited_at ELSE m.last_visit_at END,
    m.last_contact_at = CASE WHEN $contact AND (m.last_contact_at IS NULL
                                                OR m.last_contact_at < $visited_at)
                             THEN $visited_at ELSE m.last_contact_at END,
    m.follow_up_due = CASE WHEN $moves_follow_up THEN date($next_follow_up)
                           ELSE m.follow_up_due END,
    m.version = coalesce(m.version, 1) + 1
RETURN m.follow_up_due AS follow_up_due, m.version AS version
"""

_CREATE_NEEDS: LiteralString = """
MATCH (h:Household {id: $household_id}), (v:Visit {id: $visit_id})
UNWIND $rows AS row
CREATE (n:Need {id: row.id})
SET n += row.props, n.status = 'OPEN', n.version = 1, n.created_at = $now,
    n.updated_at = $now, n.reported_by = $actor_id, n.reported_in_visit = $visit_id
CREATE (h)-[:HAS_NEED]->(n), (v)-[:DISCOVERED]->(n)
RETURN n.id AS id, properties(n) AS after
"""

# Matching on the status just checked makes the check hold at commit (the need is locked).
_RESOLVE_NEED: LiteralString = """
MATCH (:Household {id: $household_id})-[:HAS_NEED]->(n:Need {id: $id})
WHERE n.status = $expected_status
WITH n, properties(n) AS before
SET n.status = $status, n.version = coalesce(n.version, 1) + 1, n.updated_at = $now,
    n.resolution_note = $note, n.resolved_in_visit = $visit_id
RETURN before, properties(n) AS after
"""

_STAMP_ALERTS: LiteralString = """
MATCH (v:Visit {id: $visit_id}) SET v.resolved_alert_ids = $alert_ids
"""

_READ_VISIT: LiteralString = "MATCH (v:Visit {id: $visit_id}) RETURN " + VISIT + " AS v"


@dataclass(frozen=True, slots=True)
class NeedState:
    id: str
    status: str
    version: int


@dataclass(frozen=True, slots=True)
class VisitState:
    """What a visit is checked against: the locked match, and the needs it would close."""

    match: MatchState
    needs: Mapping[str, NeedState]


@dataclass(frozen=True, slots=True)
class NeedResolution:
    need_id: str
    status: str  # FULFILLED | CANCELLED
    note: str | None


@dataclass(frozen=True, slots=True)
class NewVisit:
    id: str
    match_id: str
    visited_at: datetime  # timezone-aware
    place: str
    met: tuple[str, ...]
    findings: str
    outcome: str
    contact: bool
    verifying: bool
    discovered: tuple[tuple[str, Mapping[str, Any]], ...]  # (need id, need properties)
    resolved: tuple[NeedResolution, ...]


@dataclass(frozen=True, slots=True)
class VisitDecision:
    next_follow_up: date | None  # None: the last check of a transition (渐退期) is done
    moves_follow_up: bool  # False for a visit older than the match's latest one


@dataclass(frozen=True, slots=True)
class VisitWritten:
    visit: VisitRecord
    match: MatchRecord  # as the visit left it: new follow-up date, version, last contact
    notified_reporters: tuple[str, ...]


async def record_visit_tx(
    tx: AsyncManagedTransaction,
    *,
    visit: NewVisit,
    scope_params: dict[str, Any],
    actor: Actor,
    decide: Callable[[VisitState], VisitDecision],
) -> VisitWritten | None:
    """None when the match is not found in the scope; `decide` raises to refuse."""
    state = await read_locked(
        tx, match_id=visit.match_id, scope_params=scope_params, marker=actor.id
    )
    if state is None:
        return None
    household_id = state.match.household_id
    result = await tx.run(
        _NEEDS_OF_HOUSEHOLD,
        household_id=household_id,
        ids=[r.need_id for r in visit.resolved],
        marker=actor.id,
    )
    needs = {r["id"]: NeedState(r["id"], r["status"], int(r["version"])) async for r in result}
    decision = decide(VisitState(match=state, needs=needs))
    written = await _write_visit(tx, visit, state, decision, actor)
    entries = [
        AuditEntry(
            "RECORD_VISIT",
            "Visit",
            visit.id,
            None,
            {
                "match_id": visit.match_id,
                "household_id": household_id,
                "visited_at": visit.visited_at.isoformat(),
                "outcome": visit.outcome,
                "verifying": visit.verifying,
                "next_follow_up": _iso(decision.next_follow_up),
            },
        ),
        AuditEntry(
            "MATCH_FOLLOWED_UP",
            "Match",
            visit.match_id,
            {"follow_up_due": _iso(state.match.follow_up_due), "version": state.match.version},
            {"follow_up_due": _iso(written[0]), "version": written[1]},
        ),
    ]
    entries += await _open_needs(tx, visit, household_id, actor)
    closed, notified = await _close_needs(tx, visit, household_id, needs, actor)
    entries += closed
    await record_audit_many(tx, actor=actor, entries=entries)
    if visit.verifying:
        alert_ids = await resolve_alerts_for_visit_tx(
            tx,
            household_id=household_id,
            visit_id=visit.id,
            visited_at=visit.visited_at,
            actor=actor,
        )
        await tx.run(_STAMP_ALERTS, visit_id=visit.id, alert_ids=list(alert_ids))
    r = await (await tx.run(_READ_VISIT, visit_id=visit.id)).single()
    after = await read_locked(
        tx, match_id=visit.match_id, scope_params=scope_params, marker=actor.id
    )
    assert r is not None and after is not None  # written and locked above
    return VisitWritten(
        visit=visit_record(r["v"]), match=after.match, notified_reporters=tuple(notified)
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


async def _write_visit(
    tx: AsyncManagedTransaction,
    visit: NewVisit,
    state: MatchState,
    decision: VisitDecision,
    actor: Actor,
) -> tuple[date | None, int]:
    props = {
        "id": visit.id,
        "match_id": visit.match_id,
        "household_id": state.match.household_id,
        "worker_id": state.match.worker_id,
        "place": visit.place,
        "met": list(visit.met),
        "findings": visit.findings,
        "outcome": visit.outcome,
        "contact": visit.contact,
        "verifying": visit.verifying,
        "recorded_by": actor.id,
        "discovered_need_ids": [need_id for need_id, _ in visit.discovered],
        "resolved_need_ids": [r.need_id for r in visit.resolved],
        "resolved_alert_ids": [],
    }
    r = await (
        await tx.run(
            _CREATE_VISIT,
            now=actor.at,
            match_id=visit.match_id,
            props=props,
            visited_at=visit.visited_at,
            next_follow_up=_iso(decision.next_follow_up),
            contact=visit.contact,
            moves_follow_up=decision.moves_follow_up,
        )
    ).single()
    assert r is not None
    return as_date(r["follow_up_due"]), int(r["version"])


async def _open_needs(
    tx: AsyncManagedTransaction, visit: NewVisit, household_id: str, actor: Actor
) -> list[AuditEntry]:
    if not visit.discovered:
        return []
    result = await tx.run(
        _CREATE_NEEDS,
        now=actor.at,
        household_id=household_id,
        visit_id=visit.id,
        actor_id=actor.id,
        rows=[{"id": need_id, "props": dict(props)} for need_id, props in visit.discovered],
    )
    return [
        AuditEntry(
            "CREATE_NEED",
            "Need",
            r["id"],
            None,
            {**dict(r["after"]), "household_id": household_id},
            f"discovered on visit {visit.id}",
        )
        async for r in result
    ]


async def _close_needs(
    tx: AsyncManagedTransaction,
    visit: NewVisit,
    household_id: str,
    needs: Mapping[str, NeedState],
    actor: Actor,
) -> tuple[list[AuditEntry], list[str]]:
    entries: list[AuditEntry] = []
    notified: list[str] = []
    for change in visit.resolved:
        result = await tx.run(
            _RESOLVE_NEED,
            now=actor.at,
            household_id=household_id,
            id=change.need_id,
            expected_status=needs[change.need_id].status,
            status=change.status,
            note=change.note,
            visit_id=visit.id,
        )
        r = await result.single()
        assert r is not None  # locked and checked by decide()
        entries.append(
            AuditEntry(
                "UPDATE_NEED",
                "Need",
                change.need_id,
                {**dict(r["before"]), "household_id": household_id},
                {**dict(r["after"]), "household_id": household_id},
                change.note or f"resolved on visit {visit.id}",
            )
        )
        reporter = await need_resolved_tx(
            tx, need_id=change.need_id, status=change.status, actor=actor
        )
        if reporter:
            notified.append(reporter)
    return entries, notified
