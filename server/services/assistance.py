"""救急难: request temporary assistance for a household, and the station manager's same-day
decision. Rules: `matching.assistance`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.assistance import (
    AssistanceRecord,
    assistance_of_household,
    decide_assistance_tx,
    request_assistance_tx,
)
from graph.driver import Graph
from graph.registry_writes import new_id
from matching.assistance import AssistanceRefusal, amount_problem, decision
from server.registry.validation import FieldError
from server.services.errors import (
    EntityNotFound,
    InvalidFields,
    StateConflict,
    VersionConflict,
)
from server.services.registry import Caller
from server.services.registry_checks import reason_errors
from server.services.writes import run_write


@dataclass(frozen=True, slots=True)
class RequestAssistance:
    household_id: str
    amount_yuan: int
    reason: str


async def request_assistance(
    graph: Graph, caller: Caller, cmd: RequestAssistance, *, today: date
) -> AssistanceRecord:
    reason = cmd.reason.strip()
    errors = reason_errors("reason", reason)
    if len(reason) < 2:
        errors.append(FieldError("reason", "say what happened", "REQUIRED"))
    if problem := amount_problem(cmd.amount_yuan):
        errors.append(FieldError(problem.field or "amount_yuan", problem.message, problem.code))
    if errors:
        raise InvalidFields(errors)
    record: AssistanceRecord | None = await run_write(
        graph,
        request_assistance_tx,
        household_id=cmd.household_id,
        props={"id": new_id("assist"), "amount_yuan": cmd.amount_yuan, "reason": reason},
        today=today,
        scope_params=caller.scope.params(),
        actor=caller.actor,
    )
    if record is None:
        raise EntityNotFound("Household", cmd.household_id, "household_id")
    return record


async def decide_assistance(
    graph: Graph,
    caller: Caller,
    *,
    assistance_id: str,
    expected_version: int,
    approve: bool,
    note: str | None,
    today: date,
) -> AssistanceRecord:
    note = (note or "").strip() or None
    errors = reason_errors("note", note)
    if errors:
        raise InvalidFields(errors)

    def decide(current: AssistanceRecord) -> str:
        verdict = decision(current.status, approve, note)
        if isinstance(verdict, AssistanceRefusal):
            if verdict.field:
                raise InvalidFields([FieldError(verdict.field, verdict.message, verdict.code)])
            raise StateConflict(verdict.code, verdict.message, None, {"status": current.status})
        if expected_version != current.version:
            raise VersionConflict("TemporaryAssistance", current.id, current.version)
        return verdict

    record: AssistanceRecord | None = await run_write(
        graph,
        decide_assistance_tx,
        assistance_id=assistance_id,
        note=note,
        today=today,
        scope_params=caller.scope.params(),
        actor=caller.actor,
        decide=decide,
    )
    if record is None:
        raise EntityNotFound("TemporaryAssistance", assistance_id, "assistance_id")
    return record


async def household_assistance(
    graph: Graph, caller: Caller, household_id: str
) -> list[AssistanceRecord]:
    return await assistance_of_household(
        graph, household_id=household_id, scope_params=caller.scope.params()
    )
