"""First-responder intake (首问负责): record a walk-in or hotline request (its receiver owns
it), hand it over, close it with what it became. Rules: `matching.intake`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from graph.driver import Graph
from graph.intakes import (
    HandOverState,
    IntakeRecord,
    NewIntake,
    close_intake_tx,
    hand_over_intake_tx,
    intake_list,
    record_intake_tx,
)
from graph.registry_writes import new_id
from matching.intake import (
    IntakeChannel,
    IntakeOutcome,
    IntakeRefusal,
    close_refusal,
    handover_refusal,
    intake_due,
    may_act,
)
from server.registry.validation import FieldError
from server.roles import Role
from server.services.errors import (
    DomainError,
    EntityNotFound,
    InvalidFields,
    NotPermitted,
    StateConflict,
    VersionConflict,
)
from server.services.registry import REGISTRY_EDITORS, Caller
from server.services.registry_checks import reason_errors
from server.services.writes import run_write

SUMMARY_MAX: Final = 500
LIST_LIMIT: Final = 200
# Who may own an intake: the roles that act on households.
OWNER_ROLES: Final = frozenset(
    {Role.ADMIN.value, Role.COORDINATOR.value, Role.STATION_MANAGER.value, Role.SOCIAL_WORKER.value}
)


def _refused(refusal: IntakeRefusal) -> DomainError:
    if refusal.field is not None:
        return InvalidFields([FieldError(refusal.field, refusal.message, refusal.code)])
    return StateConflict(refusal.code, refusal.message)


@dataclass(frozen=True, slots=True)
class RecordIntake:
    channel: IntakeChannel
    summary: str
    township_id: str
    household_id: str | None
    days: int


async def record_intake(
    graph: Graph, caller: Caller, cmd: RecordIntake, *, today: date
) -> IntakeRecord:
    summary = cmd.summary.strip()
    errors = reason_errors("summary", summary, max_len=SUMMARY_MAX)
    if len(summary) < 2:
        errors.append(FieldError("summary", "say what is asked", "REQUIRED"))
    due = intake_due(today, cmd.days)
    if isinstance(due, IntakeRefusal):
        errors.append(FieldError("days", due.message, due.code))
    if errors:
        raise InvalidFields(errors)
    assert isinstance(due, date)
    intake = NewIntake(
        id=new_id("intake"),
        channel=cmd.channel.value,
        summary=summary,
        township_id=cmd.township_id,
        household_id=cmd.household_id,
        received_on=today,
        due_on=due,
    )
    record: IntakeRecord = await run_write(
        graph,
        record_intake_tx,
        intake=intake,
        scope_params=caller.scope.params(),
        actor=caller.actor,
    )
    return record


def _may_act(caller: Caller, intake: IntakeRecord) -> None:
    if not may_act(
        is_owner=intake.owner_id == caller.actor.id, is_manager=caller.role in REGISTRY_EDITORS
    ):
        raise NotPermitted("only its owner or a station manager acts on an intake")


async def hand_over_intake(
    graph: Graph,
    caller: Caller,
    *,
    intake_id: str,
    expected_version: int,
    to_user_id: str,
    note: str | None,
) -> IntakeRecord:
    errors = reason_errors("note", note)
    if errors:
        raise InvalidFields(errors)

    def decide(state: HandOverState) -> None:
        _may_act(caller, state.intake)
        refusal = handover_refusal(state.intake.status, state.intake.owner_id, to_user_id)
        if refusal:
            raise _refused(refusal)
        if state.to_user_role not in OWNER_ROLES:
            raise EntityNotFound("User", to_user_id, "to_user_id")
        if expected_version != state.intake.version:
            raise VersionConflict("Intake", state.intake.id, state.intake.version)

    record: IntakeRecord | None = await run_write(
        graph,
        hand_over_intake_tx,
        intake_id=intake_id,
        to_user_id=to_user_id,
        note=(note or "").strip() or None,
        scope_params=caller.scope.params(),
        actor=caller.actor,
        decide=decide,
    )
    if record is None:
        raise EntityNotFound("Intake", intake_id, "intake_id")
    return record


async def close_intake(
    graph: Graph,
    caller: Caller,
    *,
    intake_id: str,
    expected_version: int,
    outcome: IntakeOutcome,
    result_id: str | None,
    note: str | None,
) -> IntakeRecord:
    note = (note or "").strip() or None
    errors = reason_errors("note", note)
    if errors:
        raise InvalidFields(errors)

    def decide(intake: IntakeRecord, found: bool) -> None:
        _may_act(caller, intake)
        refusal = close_refusal(intake.status, outcome, result_id, note)
        if refusal:
            raise _refused(refusal)
        if result_id is not None and not found:
            raise EntityNotFound(outcome.value.title(), result_id, "result_id")
        if expected_version != intake.version:
            raise VersionConflict("Intake", intake.id, intake.version)

    record: IntakeRecord | None = await run_write(
        graph,
        close_intake_tx,
        intake_id=intake_id,
        outcome=outcome.value,
        result_id=result_id,
        note=note,
        scope_params=caller.scope.params(),
        actor=caller.actor,
        decide=decide,
    )
    if record is None:
        raise EntityNotFound("Intake", intake_id, "intake_id")
    return record


async def intakes(
    graph: Graph, caller: Caller, *, mine: bool, open_only: bool
) -> list[IntakeRecord]:
    return await intake_list(
        graph,
        scope_params=caller.scope.params(),
        owner_id=caller.actor.id if mine else None,
        open_only=open_only,
        limit=LIST_LIMIT,
    )
