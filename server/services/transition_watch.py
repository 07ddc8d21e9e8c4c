"""Reopen support during a household's transition (渐退期), in one click: a warning after an
exit brings the former worker back (see `graph.transition_watch`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.driver import Graph
from graph.match_lifecycle import MatchRecord
from graph.registry_writes import new_id
from graph.transition_watch import Reopening, ReopenState, reopen_support_tx
from matching.cadence import DEFAULT_CADENCE, CadenceSettings, next_follow_up
from matching.caseload_weights import caseload_weight
from matching.lifecycle import reopen_refusal
from server.services.errors import EntityNotFound, InvalidFields, StateConflict, VersionConflict
from server.services.reassignment import judge
from server.services.registry import Caller
from server.services.registry_checks import reason_errors
from server.services.writes import run_write


@dataclass(frozen=True, slots=True)
class ReopenSupport:
    household_id: str
    expected_version: int  # the household's
    reason: str | None


async def reopen_support(
    graph: Graph,
    caller: Caller,
    cmd: ReopenSupport,
    *,
    today: date,
    cadence: CadenceSettings = DEFAULT_CADENCE,
) -> MatchRecord:
    reason = (cmd.reason or "").strip() or "渐退期预警，恢复帮扶"
    errors = reason_errors("reason", reason)
    if errors:
        raise InvalidFields(errors)

    def decide(state: ReopenState) -> Reopening:
        refusal = reopen_refusal(
            state.transition_until, today, has_active_match=state.has_active_match
        )
        if refusal:
            raise StateConflict(refusal, f"support cannot be reopened: {refusal}", "household_id")
        if state.pairing is None or state.exit_match_id is None:
            raise StateConflict(
                "NO_FORMER_WORKER",
                "the exit's worker is no longer registered, or works outside your area",
                "household_id",
            )
        if cmd.expected_version != state.version:
            raise VersionConflict("Household", state.household_id, state.version)
        # The rules a manual move checks, with no override: a worker who is full, on leave or
        # has declared a conflict since is not brought back; reassigning is the way then.
        pairing = judge(state.pairing, override=False, overridable=False, field="household_id")
        due = next_follow_up(
            today,
            warning_level=state.warning_level,
            review_due=state.review_due,
            settings=cadence,
        )
        return Reopening(follow_up_due=due, weight=pairing.weight)

    record: MatchRecord | None = await run_write(
        graph,
        reopen_support_tx,
        household_id=cmd.household_id,
        match_id=new_id("match"),
        reason=reason,
        today=today,
        scope_params=caller.scope.params(),
        actor=caller.actor,
        decide=decide,
        weigh=caseload_weight,
    )
    if record is None:
        raise EntityNotFound("Household", cmd.household_id, "household_id")
    return record
