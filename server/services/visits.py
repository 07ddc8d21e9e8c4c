"""Recording a home visit (入户走访) on a match.

Who: the match's own worker, or a station manager, coordinator or administrator whose area
holds the household. What is checked: the input alone first (dates not in the future,
sizes, needs), then, on the locked match, that it is active, not changed since the worker
read it, and that the visit is not dated before the match began.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo

from graph.driver import Graph
from graph.match_lifecycle import MatchState
from graph.registry_writes import new_id
from graph.visits import (
    NeedResolution,
    NewVisit,
    VisitDecision,
    VisitState,
    VisitWritten,
    record_visit_tx,
)
from matching.cadence import DEFAULT_CADENCE, CadenceSettings, follow_up_problem, next_follow_up
from matching.lifecycle import takes_transition_visits, takes_visits, transition_check_after
from matching.need_status import NEED_TRANSITIONS
from server.clock import Clock
from server.registry.validation import FieldError
from server.roles import Role
from server.services.errors import (
    EntityNotFound,
    InvalidFields,
    NotPermitted,
    StateConflict,
    VersionConflict,
)
from server.services.needs import need_props
from server.services.registry import Caller
from server.services.registry_checks import validate_need
from server.services.writes import run_write

# A phone's clock may run a little ahead of the server's.
CLOCK_SKEW = timedelta(minutes=5)
PLACE_MAX, FINDINGS_MAX, NOTE_MAX, NAME_MAX = 200, 4000, 1000, 100
MAX_MET, MAX_NEEDS = 20, 20
FINAL_NEED_STATUSES = ("FULFILLED", "CANCELLED")

# 走访结果. NOT_MET is an attempted visit: it is recorded, but it is not contact.
VISIT_OUTCOMES: Mapping[str, str] = {
    "STABLE": "情况稳定",
    "CONCERN": "需持续关注",
    "URGENT": "情况紧急",
    "NOT_MET": "未见到人",
}


@dataclass(frozen=True, slots=True)
class ResolveNeed:
    need_id: str
    status: str  # FULFILLED | CANCELLED
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RecordVisit:
    match_id: str
    visited_at: datetime  # naive means the clock's zone (China time unless configured)
    place: str
    met: tuple[str, ...]
    findings: str
    outcome: str
    needs_discovered: tuple[Mapping[str, object], ...] = ()  # kind, description, ...
    needs_resolved: tuple[ResolveNeed, ...] = ()
    next_follow_up: date | None = None
    verifying: bool = False
    expected_version: int | None = None


def _input_errors(cmd: RecordVisit, visited_at: datetime, now: datetime) -> list[FieldError]:
    errors: list[FieldError] = []

    def bad(field: str, reason: str, code: str) -> None:
        errors.append(FieldError(field, reason, code))

    if visited_at > now + CLOCK_SKEW:
        bad("visited_at", "a visit cannot be in the future", "IN_FUTURE")
    if not cmd.place.strip():
        bad("place", "where the visit took place is required", "REQUIRED")
    elif len(cmd.place) > PLACE_MAX:
        bad("place", f"at most {PLACE_MAX} characters", "TOO_LONG")
    if len(cmd.findings) > FINDINGS_MAX:
        bad("findings", f"at most {FINDINGS_MAX} characters", "TOO_LONG")
    if len(cmd.met) > MAX_MET or any(len(m) > NAME_MAX for m in cmd.met):
        bad("met", f"at most {MAX_MET} people of {NAME_MAX} characters", "TOO_MANY")
    if cmd.outcome not in VISIT_OUTCOMES:
        bad("outcome", f"one of {', '.join(VISIT_OUTCOMES)}", "UNKNOWN_VALUE")
    if cmd.verifying and cmd.outcome == "NOT_MET":
        bad("verifying", "a visit that met nobody verifies nothing", "NOT_MET")
    if cmd.outcome != "NOT_MET" and not cmd.met:
        bad("met", "say who was met (or record the visit as NOT_MET)", "REQUIRED")
    if len(cmd.needs_discovered) > MAX_NEEDS:
        bad("needs_discovered", f"at most {MAX_NEEDS}", "TOO_MANY")
    for i, fields in enumerate(cmd.needs_discovered[:MAX_NEEDS]):
        errors += [
            replace(e, field=f"needs_discovered.{i}.{e.field}") for e in validate_need(fields)
        ]
    if len(cmd.needs_resolved) > MAX_NEEDS:
        bad("needs_resolved", f"at most {MAX_NEEDS}", "TOO_MANY")
    seen: set[str] = set()
    for i, r in enumerate(cmd.needs_resolved[:MAX_NEEDS]):
        if r.status not in FINAL_NEED_STATUSES:
            bad(f"needs_resolved.{i}.status", "FULFILLED or CANCELLED", "UNKNOWN_VALUE")
        if r.need_id in seen:
            bad(f"needs_resolved.{i}.need_id", "listed twice", "DUPLICATE")
        seen.add(r.need_id)
        if r.note and len(r.note) > NOTE_MAX:
            bad(f"needs_resolved.{i}.note", f"at most {NOTE_MAX} characters", "TOO_LONG")
    return errors


def _need_errors(resolved: Sequence[ResolveNeed], state: VisitState) -> list[FieldError]:
    errors = []
    for i, r in enumerate(resolved):
        need = state.needs.get(r.need_id)
        if need is None:
            errors.append(
                FieldError(
                    f"needs_resolved.{i}.need_id", "not a need of this household", "NOT_FOUND"
                )
            )
        elif r.status not in NEED_TRANSITIONS.get(need.status, frozenset()):
            errors.append(
                FieldError(
                    f"needs_resolved.{i}.status",
                    f"a {need.status} need cannot become {r.status}",
                    "TRANSITION_NOT_ALLOWED",
                )
            )
    return errors


def _decider(
    cmd: RecordVisit, caller: Caller, visited_at: datetime, zone: tzinfo, cadence: CadenceSettings
) -> Callable[[VisitState], VisitDecision]:
    def decide(state: VisitState) -> VisitDecision:
        m = state.match.match
        if caller.role is Role.SOCIAL_WORKER and m.worker_id != caller.own_id:
            raise NotPermitted("a social worker records visits on their own matches only")
        visited_on = visited_at.astimezone(zone).date()
        # A match closed by an exit takes the monthly checks of its transition (渐退期).
        watch = takes_transition_visits(m.status, m.transition_until, visited_on)
        if not takes_visits(m.status) and not watch:
            raise StateConflict(
                "MATCH_NOT_ACTIVE",
                f"only an ACTIVE match takes visits; this one is {m.status}",
                "match_id",
                {"status": m.status},
            )
        if cmd.expected_version is not None and cmd.expected_version != m.version:
            raise VersionConflict("Match", m.id, m.version)
        errors = []
        if m.started_on is not None and visited_on < m.started_on:
            errors.append(
                FieldError(
                    "visited_at",
                    f"the match began on {m.started_on}",
                    "BEFORE_MATCH_START",
                )
            )
        errors += _need_errors(cmd.needs_resolved, state)
        due: date | None
        if watch and m.transition_until is not None:
            due, problem = transition_check_after(visited_on, m.transition_until), None
        else:
            due, problem = _follow_up(cmd, state.match, visited_on, cadence)
        if problem:
            errors.append(FieldError("next_follow_up", problem[1], problem[0]))
        if errors:
            raise InvalidFields(errors)
        latest = m.last_visit_at is None or visited_at >= m.last_visit_at
        return VisitDecision(next_follow_up=due, moves_follow_up=latest)

    return decide


def _follow_up(
    cmd: RecordVisit, state: MatchState, visited_on: date, cadence: CadenceSettings
) -> tuple[date, tuple[str, str] | None]:
    record = state.household.record
    due = next_follow_up(
        visited_on,
        warning_level=record.warning_level,
        review_due=record.next_review_due,
        settings=cadence,
    )
    if cmd.next_follow_up is None:
        return due, None
    code = follow_up_problem(
        cmd.next_follow_up,
        last_seen=visited_on,
        warning_level=record.warning_level,
        review_due=record.next_review_due,
        settings=cadence,
    )
    if code == "AFTER_VISIT":
        return due, (code, "the next follow-up comes after the visit")
    if code:
        return due, (code, f"by the care cadence, {due} at the latest")
    return cmd.next_follow_up, None


async def record_visit(
    graph: Graph,
    caller: Caller,
    cmd: RecordVisit,
    *,
    clock: Clock,
    cadence: CadenceSettings = DEFAULT_CADENCE,
) -> VisitWritten:
    # Naive: the registry's local time, as the worker meant it.
    given = cmd.visited_at
    # Naive: read in the clock's zone, then told in UTC (Neo4j must not be sent a named
    # zone, see server/clock.py).
    visited_at = given if given.tzinfo else given.replace(tzinfo=clock.zone).astimezone(UTC)
    errors = _input_errors(cmd, visited_at, clock.now())
    if errors:
        raise InvalidFields(errors)
    visit = NewVisit(
        id=new_id("visit"),
        match_id=cmd.match_id,
        visited_at=visited_at,
        place=cmd.place.strip(),
        met=tuple(m.strip() for m in cmd.met if m.strip()),
        findings=cmd.findings.strip(),
        outcome=cmd.outcome,
        contact=cmd.outcome != "NOT_MET",
        verifying=cmd.verifying,
        discovered=tuple((new_id("nd"), need_props(f)) for f in cmd.needs_discovered),
        resolved=tuple(
            NeedResolution(r.need_id, r.status, (r.note or "").strip() or None)
            for r in cmd.needs_resolved
        ),
    )
    written: VisitWritten | None = await run_write(
        graph,
        record_visit_tx,
        visit=visit,
        scope_params=caller.scope.params(),
        actor=caller.actor,
        decide=_decider(cmd, caller, visited_at, clock.zone, cadence),
    )
    if written is None:
        raise EntityNotFound("Match", cmd.match_id, "match_id")
    return written
