"""Declaring and removing conflicts of interest (利益冲突回避).

Workers and volunteers declare their own conflicts; removing one takes a registry editor,
since a helper who could lift their own declaration could be paired with a relative
(优亲厚友) with no one noticing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from graph.conflicts import (
    DeclarationState,
    DeclaredConflictRow,
    declare_conflict_tx,
    remove_conflict_tx,
)
from graph.driver import Graph
from graph.households import households_by_id
from graph.registry_writes import new_id
from graph.social_workers import workers_by_id
from graph.stations import stations_by_id
from graph.volunteers import volunteers_by_id
from server.registry.validation import FieldError
from server.registry.vocabulary import CONFLICT_REASONS
from server.services.errors import TOO_LONG, EntityNotFound, StateConflict
from server.services.registry import Caller, in_scope, refuse_if
from server.services.registry_checks import TEXT_MAX, Check
from server.services.writes import run_write

NOTE_MAX: Final = TEXT_MAX


@dataclass(frozen=True, slots=True)
class ConflictDeclaration:
    helper_id: str  # a social worker or a volunteer
    household_id: str
    reason: str  # CONFLICT_REASONS
    note: str | None


@dataclass(frozen=True, slots=True)
class ConflictRemoval:
    helper_id: str
    household_id: str
    reason: str | None  # why it is lifted, kept on the audit event


async def _helper_in_scope(graph: Graph, caller: Caller, helper_id: str) -> bool:
    worker = (await workers_by_id(graph, [helper_id]))[0]
    if worker is not None:
        station = (await stations_by_id(graph, [worker.station_id]))[0]
        return station is not None and in_scope(caller.scope, [station.township_id])
    volunteer = (
        await volunteers_by_id(graph, [helper_id], scope=caller.scope, audience=caller.audience)
    )[0]
    return volunteer is not None


async def _check_pair(graph: Graph, caller: Caller, helper_id: str, household_id: str) -> None:
    if not await _helper_in_scope(graph, caller, helper_id):
        raise EntityNotFound("Helper", helper_id, "helper_id")
    if (await households_by_id(graph, [household_id], scope=caller.scope))[0] is None:
        raise EntityNotFound("Household", household_id, "household_id")


async def declare_conflict(
    graph: Graph, caller: Caller, cmd: ConflictDeclaration
) -> DeclaredConflictRow:
    caller.require_self(cmd.helper_id, "conflicts of interest")
    check = Check({"reason": cmd.reason, "note": cmd.note})
    check.code("reason", CONFLICT_REASONS, required=True)
    check.text("note", required=False, max_len=NOTE_MAX)
    refuse_if(check.errors)
    await _check_pair(graph, caller, cmd.helper_id, cmd.household_id)
    result: DeclaredConflictRow = await run_write(
        graph,
        declare_conflict_tx,
        actor=caller.actor,
        declaration_id=new_id("coi"),
        helper_id=cmd.helper_id,
        household_id=cmd.household_id,
        reason=cmd.reason,
        note=(cmd.note or "").strip() or None,
        decide=_declare_once,
    )
    return result


def _declare_once(state: DeclarationState) -> None:
    if state.already_declared:
        raise StateConflict(
            "ALREADY_DECLARED", "This conflict of interest is already declared.", "household_id"
        )


async def remove_conflict(
    graph: Graph, caller: Caller, cmd: ConflictRemoval
) -> DeclaredConflictRow:
    reason = (cmd.reason or "").strip() or None
    if reason is not None and len(reason) > NOTE_MAX:
        refuse_if([FieldError("reason", f"reason is longer than {NOTE_MAX}.", TOO_LONG)])
    await _check_pair(graph, caller, cmd.helper_id, cmd.household_id)
    result: DeclaredConflictRow = await run_write(
        graph,
        remove_conflict_tx,
        actor=caller.actor,
        helper_id=cmd.helper_id,
        household_id=cmd.household_id,
        reason=reason,
    )
    return result
