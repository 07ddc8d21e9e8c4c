"""Use cases on case conferences (个案会商): convene one on a household, record it as held
with its notes and decisions, mark a decision done, close (or cancel) it; a household's
conferences and the open decisions one follows up.

The rules are `matching.conference`; the graph locks the conference and hands its state to
a `decide` built here, so the check and the write cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from graph.conference_decisions import complete_decision_tx, conference_decisions
from graph.conferences import (
    ConferenceRecord,
    DecisionRecord,
    NewConference,
    NewDecision,
    ParticipantRecord,
    close_conference_tx,
    conferences_of_household,
    convene_conference_tx,
    record_conference_tx,
)
from graph.driver import Graph
from graph.registry_writes import new_id
from matching.conference import (
    TEXT_MAX,
    ConferenceRefusal,
    DecisionDraft,
    Participant,
    close,
    complete_refusal,
    convene_problems,
    decision_problems,
    record_refusal,
)
from server.registry.validation import FieldError
from server.roles import Role
from server.services.errors import (
    DomainError,
    EntityNotFound,
    InvalidFields,
    StateConflict,
    VersionConflict,
)
from server.services.registry import Caller
from server.services.registry_checks import reason_errors
from server.services.writes import run_write

LIST_LIMIT: Final = 200
NOTES_MAX: Final = 2000


def _fields(refusals: Sequence[ConferenceRefusal]) -> list[FieldError]:
    return [FieldError(r.field or "input", r.message, r.code) for r in refusals]


def _refused(refusal: ConferenceRefusal, current: str, requested: str) -> DomainError:
    if refusal.field is not None:
        return InvalidFields(_fields([refusal]))
    # A Conflict naming both states (not TransitionRefused: that one speaks of matches).
    moves = {"currentStatus": current, "requestedStatus": requested}
    if refusal.code == "TRANSITION_NOT_ALLOWED":
        return StateConflict(refusal.code, refusal.message, None, moves)
    return StateConflict(refusal.code, refusal.message)


@dataclass(frozen=True, slots=True)
class ConveneConference:
    household_id: str
    held_on: date
    topic: str
    participants: tuple[Participant, ...]


async def convene_conference(
    graph: Graph, caller: Caller, cmd: ConveneConference, *, today: date
) -> ConferenceRecord:
    topic = cmd.topic.strip()
    participants = tuple(
        Participant(
            p.name.strip(), p.agency_kind, p.agency_name.strip(), (p.role or "").strip() or None
        )
        for p in cmd.participants
    )
    errors = reason_errors("topic", topic, max_len=TEXT_MAX)
    errors += _fields(
        convene_problems(held_on=cmd.held_on, today=today, topic=topic, participants=participants)
    )
    if errors:
        raise InvalidFields(errors)
    conference = NewConference(
        id=new_id("conf"),
        household_id=cmd.household_id,
        held_on=cmd.held_on,
        topic=topic,
        participants=tuple(
            ParticipantRecord(p.name, p.agency_kind.value, p.agency_name, p.role)
            for p in participants
        ),
    )
    record: ConferenceRecord | None = await run_write(
        graph,
        convene_conference_tx,
        conference=conference,
        scope_params=caller.scope.params(),
        actor=caller.actor,
    )
    if record is None:
        raise EntityNotFound("Household", cmd.household_id, "household_id")
    return record


@dataclass(frozen=True, slots=True)
class RecordConference:
    conference_id: str
    expected_version: int
    notes: str
    decisions: tuple[DecisionDraft, ...]


async def record_conference(
    graph: Graph, caller: Caller, cmd: RecordConference, *, today: date
) -> ConferenceRecord:
    """Record a scheduled conference as held, on or after its day, with its decisions."""
    notes = cmd.notes.strip()
    drafts = tuple(
        DecisionDraft(
            d.what.strip(), d.owner_worker_id, (d.owner_name or "").strip() or None, d.due_on
        )
        for d in cmd.decisions
    )
    errors = reason_errors("notes", notes, max_len=NOTES_MAX)
    if len(notes) < 2:
        errors.append(FieldError("notes", "say what was discussed", "REQUIRED"))
    errors += _fields(decision_problems(drafts, today=today))
    if errors:
        raise InvalidFields(errors)
    decisions = [
        NewDecision(new_id("decision"), d.what, d.owner_worker_id, d.owner_name, d.due_on)
        for d in drafts
        if d.due_on is not None
    ]

    def decide(current: ConferenceRecord) -> None:
        refusal = record_refusal(current.status, current.held_on, today)
        if refusal:
            raise _refused(refusal, current.status, "HELD")
        if cmd.expected_version != current.version:
            raise VersionConflict("Conference", current.id, current.version)

    try:
        record: ConferenceRecord | None = await run_write(
            graph,
            record_conference_tx,
            conference_id=cmd.conference_id,
            notes=notes,
            decisions=decisions,
            scope_params=caller.scope.params(),
            actor=caller.actor,
            decide=decide,
        )
    except EntityNotFound as exc:  # a worker outside the caller's area, or none
        at = next(i for i, d in enumerate(drafts) if d.owner_worker_id == exc.entity_id)
        raise EntityNotFound(exc.entity, exc.entity_id, f"decisions.{at}.owner_worker_id") from exc
    if record is None:
        raise EntityNotFound("Conference", cmd.conference_id, "conference_id")
    return record


async def close_conference(
    graph: Graph, caller: Caller, *, conference_id: str, expected_version: int, note: str | None
) -> ConferenceRecord:
    """Close a held conference whose decisions are done, or cancel a scheduled one."""
    note = (note or "").strip() or None
    errors = reason_errors("note", note)
    if errors:
        raise InvalidFields(errors)

    def decide(current: ConferenceRecord) -> str:
        open_decisions = sum(1 for d in current.decisions if d.status == "OPEN")
        verdict = close(current.status, open_decisions=open_decisions, note=note)
        if isinstance(verdict, ConferenceRefusal):
            raise _refused(verdict, current.status, "CLOSED")
        if expected_version != current.version:
            raise VersionConflict("Conference", current.id, current.version)
        return verdict.value

    record: ConferenceRecord | None = await run_write(
        graph,
        close_conference_tx,
        conference_id=conference_id,
        note=note,
        scope_params=caller.scope.params(),
        actor=caller.actor,
        decide=decide,
    )
    if record is None:
        raise EntityNotFound("Conference", conference_id, "conference_id")
    return record


async def complete_decision(
    graph: Graph, caller: Caller, *, decision_id: str, expected_version: int, note: str | None
) -> DecisionRecord:
    """A decision carried out: what was done, once."""
    words = (note or "").strip()
    errors = reason_errors("note", words)
    if errors:
        raise InvalidFields(errors)

    def decide(conference_status: str, current: DecisionRecord) -> None:
        refusal = complete_refusal(conference_status, current.status, words)
        if refusal:
            raise _refused(refusal, current.status, "DONE")
        if expected_version != current.version:
            raise VersionConflict("ConferenceDecision", current.id, current.version)

    record: DecisionRecord | None = await run_write(
        graph,
        complete_decision_tx,
        decision_id=decision_id,
        note=words,
        scope_params=caller.scope.params(),
        actor=caller.actor,
        decide=decide,
    )
    if record is None:
        raise EntityNotFound("ConferenceDecision", decision_id, "decision_id")
    return record


async def household_conferences(
    graph: Graph, caller: Caller, household_id: str
) -> list[ConferenceRecord]:
    return await conferences_of_household(
        graph, household_id=household_id, scope_params=caller.scope.params(), limit=LIST_LIMIT
    )


async def decisions_to_follow(
    graph: Graph, caller: Caller, *, mine: bool, open_only: bool
) -> list[DecisionRecord]:
    """Decisions in the caller's area, earliest due first; `mine`: a worker's own, or those
    of conferences the caller convened that nobody on the platform owns."""
    worker_id = caller.own_id if caller.role is Role.SOCIAL_WORKER else None
    return await conference_decisions(
        graph,
        scope_params=caller.scope.params(),
        mine=mine,
        worker_id=worker_id,
        user_id=caller.actor.id,
        open_only=open_only,
        limit=LIST_LIMIT,
    )
