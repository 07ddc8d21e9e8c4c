"""Use cases on referrals (转介): send one, answer it (accept or refuse), record its feedback,
and read a household's and a station's referrals.

The rules are `matching.referral`; the graph locks the referral and hands its state to a
`decide` built here, so the check and the write cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from graph.driver import Graph
from graph.referrals import (
    NewReferral,
    ReferralRecord,
    answer_referral_tx,
    create_referral_tx,
    referrals_of_household,
    referrals_of_station,
)
from graph.registry_writes import new_id
from matching.referral import (
    Department,
    ReferralAnswer,
    ReferralRefusal,
    ReferralTarget,
    answer,
    due_on,
    target_problem,
)
from server.registry.validation import FieldError
from server.services.errors import (
    DomainError,
    EntityNotFound,
    InvalidFields,
    TransitionRefused,
    VersionConflict,
)
from server.services.registry import Caller
from server.services.registry_checks import reason_errors
from server.services.writes import run_write

REQUEST_MAX: Final = 500
LIST_LIMIT: Final = 200


def _refusal(refusal: ReferralRefusal, current: str = "", requested: str = "") -> DomainError:
    if refusal.field is not None:
        return InvalidFields([FieldError(refusal.field, refusal.message, refusal.code)])
    return TransitionRefused(refusal.code, current, requested, refusal.message)


@dataclass(frozen=True, slots=True)
class SendReferral:
    household_id: str
    target_kind: ReferralTarget
    department: Department | None
    target_id: str | None
    request: str
    days: int


async def send_referral(
    graph: Graph, caller: Caller, cmd: SendReferral, *, today: date
) -> ReferralRecord:
    request = cmd.request.strip()
    errors = reason_errors("request", request, max_len=REQUEST_MAX)
    if len(request) < 2:
        errors.append(FieldError("request", "say what is asked", "REQUIRED"))
    target = target_problem(
        cmd.target_kind,
        department=cmd.department.value if cmd.department else None,
        target_id=cmd.target_id,
    )
    if target:
        errors.append(FieldError(target.field or "target_kind", target.message, target.code))
    due = due_on(today, cmd.days)
    if isinstance(due, ReferralRefusal):
        errors.append(FieldError("days", due.message, due.code))
    if errors:
        raise InvalidFields(errors)
    assert isinstance(due, date)
    referral = NewReferral(
        id=new_id("ref"),
        household_id=cmd.household_id,
        target_kind=cmd.target_kind.value,
        department=cmd.department.value if cmd.department else None,
        target_id=cmd.target_id,
        request=request,
        sent_on=today,
        due_on=due,
    )
    try:
        record: ReferralRecord | None = await run_write(
            graph,
            create_referral_tx,
            referral=referral,
            scope_params=caller.scope.params(),
            actor=caller.actor,
        )
    except EntityNotFound as exc:  # the station or charity named does not exist
        raise EntityNotFound(exc.entity, exc.entity_id, "target_id") from exc
    if record is None:
        raise EntityNotFound("Household", cmd.household_id, "household_id")
    return record


@dataclass(frozen=True, slots=True)
class AnswerReferral:
    referral_id: str
    expected_version: int
    answer: ReferralAnswer
    note: str | None


async def answer_referral(graph: Graph, caller: Caller, cmd: AnswerReferral) -> ReferralRecord:
    """Accept or refuse a sent referral, or record the feedback on an accepted one."""
    note = (cmd.note or "").strip() or None
    errors = reason_errors("note", note)
    if errors:
        raise InvalidFields(errors)

    def decide(current: ReferralRecord) -> str:
        verdict = answer(current.status, cmd.answer, note)
        if isinstance(verdict, ReferralRefusal):
            raise _refusal(verdict, current.status, cmd.answer.value)
        if cmd.expected_version != current.version:
            raise VersionConflict("Referral", current.id, current.version)
        return verdict.value

    record: ReferralRecord | None = await run_write(
        graph,
        answer_referral_tx,
        referral_id=cmd.referral_id,
        note=note,
        scope_params=caller.scope.params(),
        actor=caller.actor,
        decide=decide,
    )
    if record is None:
        raise EntityNotFound("Referral", cmd.referral_id, "referral_id")
    return record


async def household_referrals(
    graph: Graph, caller: Caller, household_id: str
) -> list[ReferralRecord]:
    return await referrals_of_household(
        graph, household_id=household_id, scope_params=caller.scope.params()
    )


async def station_referrals(
    graph: Graph, caller: Caller, *, station_id: str, received: bool, open_only: bool
) -> list[ReferralRecord]:
    """转办清单 (sent by the station) or 反馈清单 (sent to it), earliest due first."""
    return await referrals_of_station(
        graph,
        station_id=station_id,
        direction="RECEIVED" if received else "SENT",
        open_only=open_only,
        scope_params=caller.scope.params(),
        limit=LIST_LIMIT,
    )
