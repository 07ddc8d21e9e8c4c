"""Use cases on one match: accept a proposal, reject it, close an active match.

The state machine is `matching.lifecycle`; each use case hands the graph a `decide` that
applies it to the locked state, so the check and the write cannot drift apart. Refusals
are raised (see `server.services.errors`); nothing is written when one is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.conflicts import ConflictRecord
from graph.driver import Graph
from graph.match_lifecycle import (
    AcceptState,
    Activation,
    Closing,
    MatchRecord,
    MatchState,
    accept_match_tx,
    close_match_tx,
    reject_match_tx,
)
from graph.reassignment import ReassignState
from matching.cadence import DEFAULT_CADENCE, CadenceSettings, next_follow_up
from matching.caseload_weights import caseload_weight
from matching.lifecycle import (
    DEFAULT_LIFECYCLE,
    LifecycleSettings,
    MatchStatus,
    Outcome,
    Refusal,
    Transition,
    transition,
    transition_check_after,
    transition_until,
)
from server.registry.validation import FieldError
from server.services.errors import (
    DomainError,
    EntityNotFound,
    InvalidFields,
    StateConflict,
    TransitionRefused,
    VersionConflict,
)
from server.services.reassignment import judge
from server.services.registry import Caller
from server.services.writes import run_write

NOTE_MAX = 1000


def refusal_error(refusal: Refusal) -> DomainError:
    """A state the match is in refuses the move; a missing or wrong detail is bad input."""
    if refusal.field is None:
        return TransitionRefused(
            refusal.code, refusal.current, refusal.requested.value, refusal.message
        )
    return InvalidFields([FieldError(refusal.field, refusal.message, refusal.code)])


def checked(
    state: MatchState,
    requested: MatchStatus,
    expected_version: int,
    *,
    outcome: Outcome | None = None,
    transition_months: int | None = None,
    note: str | None = None,
    settings: LifecycleSettings = DEFAULT_LIFECYCLE,
) -> Transition:
    """The state decides first: someone acting on an old screen learns what the match has
    become (CLOSED, say), which says more than "stale version"."""
    verdict = transition(
        state.match.status,
        requested,
        outcome=outcome,
        transition_months=transition_months,
        note=note,
        settings=settings,
    )
    if isinstance(verdict, Refusal):
        raise refusal_error(verdict)
    if expected_version != state.match.version:
        raise VersionConflict("Match", state.match.id, state.match.version)
    return verdict


def _found(record: MatchRecord | None, match_id: str) -> MatchRecord:
    if record is None:
        raise EntityNotFound("Match", match_id, "match_id")
    return record


@dataclass(frozen=True, slots=True)
class AcceptMatch:
    match_id: str
    expected_version: int


async def accept_match(
    graph: Graph,
    caller: Caller,
    cmd: AcceptMatch,
    *,
    today: date,
    cadence: CadenceSettings = DEFAULT_CADENCE,
) -> MatchRecord:
    """PROPOSED → ACTIVE for one proposal, outside a plan's approval; the household's
    current match (if any) is transferred. The hard rules are re-checked on today's data."""

    def decide(facts: AcceptState) -> Activation:
        state = facts.state
        checked(state, MatchStatus.ACTIVE, cmd.expected_version)
        if state.plan_status not in (None, "PROPOSED"):
            raise StateConflict(
                "PLAN_NOT_OPEN",
                f"the plan proposing this match is {state.plan_status}",
                "match_id",
                {"planStatus": state.plan_status},
            )
        if facts.current_worker_id == facts.worker.id:
            raise StateConflict(
                "ALREADY_ASSIGNED", "this worker already follows the household", "match_id"
            )
        conflicts = (
            (ConflictRecord(facts.worker.id, state.household.record.id, "DECLARED"),)
            if facts.conflict
            else ()
        )
        pairing = judge(
            ReassignState(
                household=state.household,
                worker=facts.worker,
                current_worker_id=facts.current_worker_id,
                current_match_id=facts.current_match_id,
                load_elsewhere=facts.load_elsewhere,
                conflicts=conflicts,
            ),
            override=False,
            overridable=False,
            field="match_id",
        )
        due = next_follow_up(
            today,
            warning_level=state.household.record.warning_level,
            review_due=state.household.record.next_review_due,
            settings=cadence,
        )
        return Activation(weight=pairing.weight, follow_up_due=due)

    record: MatchRecord | None = await run_write(
        graph,
        accept_match_tx,
        match_id=cmd.match_id,
        scope_params=caller.scope.params(),
        actor=caller.actor,
        today=today,
        decide=decide,
        weigh=caseload_weight,
    )
    return _found(record, cmd.match_id)


@dataclass(frozen=True, slots=True)
class RejectMatch:
    match_id: str
    expected_version: int
    reason: str


async def reject_match(graph: Graph, caller: Caller, cmd: RejectMatch) -> MatchRecord:
    reason = cmd.reason.strip()
    if len(reason) < 2:
        raise InvalidFields([FieldError("reason", "a reason is required", "REQUIRED")])

    def decide(state: MatchState) -> None:
        checked(state, MatchStatus.REJECTED, cmd.expected_version)

    record: MatchRecord | None = await run_write(
        graph,
        reject_match_tx,
        match_id=cmd.match_id,
        scope_params=caller.scope.params(),
        actor=caller.actor,
        reason=reason[:NOTE_MAX],
        decide=decide,
    )
    return _found(record, cmd.match_id)


@dataclass(frozen=True, slots=True)
class CloseMatch:
    match_id: str
    expected_version: int
    outcome: Outcome
    note: str | None
    transition_months: int | None


@dataclass(frozen=True, slots=True)
class Closed:
    match: MatchRecord
    transition_until: date | None  # an exit: the household is watched until this day


async def close_match(
    graph: Graph,
    caller: Caller,
    cmd: CloseMatch,
    *,
    today: date,
    settings: LifecycleSettings = DEFAULT_LIFECYCLE,
) -> Closed:
    """ACTIVE → CLOSED with an outcome. EXITED keeps the household watched until the end of
    its transition (`Household.transition_until`)."""
    note = (cmd.note or "").strip() or None
    if note and len(note) > NOTE_MAX:
        raise InvalidFields([FieldError("note", f"at most {NOTE_MAX} characters", "TOO_LONG")])

    closings: list[Closing] = []

    def decide(state: MatchState) -> Closing:
        move = checked(
            state,
            MatchStatus.CLOSED,
            cmd.expected_version,
            outcome=cmd.outcome,
            transition_months=cmd.transition_months,
            note=note,
            settings=settings,
        )
        months = move.transition_months
        until = transition_until(today, months) if months else None
        closing = Closing(
            outcome=cmd.outcome.value,
            note=note,
            transition_months=months,
            transition_until=until,
            # 渐退期 is watched: the first monthly check is the match's next follow-up.
            follow_up_due=transition_check_after(today, until) if until else None,
        )
        closings.append(closing)  # the last attempt's, should the transaction be retried
        return closing

    record: MatchRecord | None = await run_write(
        graph,
        close_match_tx,
        match_id=cmd.match_id,
        scope_params=caller.scope.params(),
        actor=caller.actor,
        today=today,
        decide=decide,
    )
    found = _found(record, cmd.match_id)
    return Closed(found, closings[-1].transition_until)
