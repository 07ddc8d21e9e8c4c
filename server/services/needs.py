"""Use cases on needs (需求): record one for a household, change it along its lifecycle."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from graph.audience import Audience
from graph.driver import Graph
from graph.households import households_by_id
from graph.needs import NeedHeld, NeedRow, create_need_tx, needs_by_id, update_need_tx
from graph.registry_writes import new_id
from matching.need_status import FINAL_STATUSES, NEED_TRANSITIONS
from server.services import values as v
from server.services.errors import EntityNotFound, StateConflict, VersionConflict
from server.services.registry import Caller, merged, refuse_if
from server.services.registry_checks import validate_need
from server.services.writes import run_write

NEED_FIELDS: Final = frozenset({"kind", "description", "estimated_cost", "urgency"})


@dataclass(frozen=True, slots=True)
class NewNeed:
    household_id: str
    fields: Mapping[str, object]  # NEED_FIELDS


@dataclass(frozen=True, slots=True)
class NeedChanges:
    need_id: str
    expected_version: int | None
    changes: Mapping[str, object]  # NEED_FIELDS and status


def need_props(fields: Mapping[str, object]) -> dict[str, Any]:
    return {
        "kind": v.text(fields.get("kind")),
        "description": v.text(fields.get("description")),
        "estimated_cost": v.whole(fields.get("estimated_cost")),
        "urgency": v.text(fields.get("urgency")),
    }


async def create_need(graph: Graph, caller: Caller, cmd: NewNeed) -> NeedRow:
    household = (await households_by_id(graph, [cmd.household_id], scope=caller.scope))[0]
    if household is None:
        raise EntityNotFound("Household", cmd.household_id, "household_id")
    fields = {k: val for k, val in cmd.fields.items() if k in NEED_FIELDS}
    refuse_if(validate_need(fields))
    result: NeedRow = await run_write(
        graph,
        create_need_tx,
        actor=caller.actor,
        need_id=new_id("nd"),
        household_id=cmd.household_id,
        props=need_props(fields),
    )
    return result


def _check_transition(current: str, wanted: object) -> None:
    if current in FINAL_STATUSES:
        raise StateConflict(
            "NEED_CLOSED", f"A {current} need is closed and cannot change.", "status"
        )
    moving = wanted is not None and wanted != current
    if moving and wanted not in NEED_TRANSITIONS.get(current, frozenset()):
        raise StateConflict(
            "TRANSITION_NOT_ALLOWED", f"A need cannot go from {current} to {wanted}.", "status"
        )


async def update_need(graph: Graph, caller: Caller, cmd: NeedChanges) -> NeedRow:
    # Changing a need is casework: the use case reads it whole.
    row = (await needs_by_id(graph, [cmd.need_id], scope=caller.scope, audience=Audience.CASEWORK))[
        0
    ]
    if row is None:
        raise EntityNotFound("Need", cmd.need_id)
    if cmd.expected_version is not None and cmd.expected_version != row.version:
        raise VersionConflict("Need", cmd.need_id, row.version)
    current = row.record.status
    wanted = cmd.changes.get("status")
    _check_transition(current, wanted)
    changes = {k: val for k, val in cmd.changes.items() if k in NEED_FIELDS}
    after = merged(_fields_of(row), changes)
    refuse_if(validate_need(after, screen_text="description" in changes))
    props = {k: val for k, val in need_props(after).items() if k in changes}
    if wanted is not None:
        props["status"] = wanted
    result: NeedRow = await run_write(
        graph,
        update_need_tx,
        actor=caller.actor,
        need_id=cmd.need_id,
        # The state just read: the transition was checked against it.
        expected_version=row.version,
        expected_status=current,
        props=props,
        decide=_unadopted,
    )
    return result


def _unadopted(held: NeedHeld) -> None:
    """The adopting organisation acts on what it adopted: it must not change under it."""
    if held.adopted:
        raise StateConflict(
            "NEED_ADOPTED", "An organisation has adopted this need; it cannot change now.", "id"
        )


def _fields_of(row: NeedRow) -> dict[str, object]:
    r = row.record
    return {
        "kind": r.kind,
        "description": r.description,
        "estimated_cost": r.estimated_cost,
        "urgency": r.urgency,
    }
