"""Typed user errors, and the one mapping from the services' domain errors to them.

Every mutation result is a union of a success type and some of these. Each error carries a
stable `code`, the input `field` it is about and `params` the frontend fills its message
with (it translates: zh-CN first, en second); `message` is an English line for developers
and API clients, never text the server composed for a page. Field paths arrive in record
names (`members.0.id_number`) and leave in the names the client sent (`members.0.idNumber`).
`NotPermitted` is not mapped: it reaches the client as a FORBIDDEN error, like the
permission layer's own refusals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import overload

import strawberry

from matching.approval import ParamValue, PlanChange
from server.graphql.types.match_status import MatchStatus
from server.services.errors import (
    DomainError,
    EntityNotFound,
    InvalidFields,
    PlanChanged,
    QueueUnavailable,
    RulesBroken,
    StateConflict,
    TransitionRefused,
    VersionConflict,
    parameters_of,
)
from server.services.registry_checks import reason_errors


@strawberry.type(
    description="One parameter of a message the page translates, e.g. {name: limit, value: 30}."
)
class MessageParam:
    name: str
    value: str | None


def error_params(
    params: Mapping[str, ParamValue] | Iterable[tuple[str, ParamValue]],
) -> list[MessageParam]:
    pairs = params.items() if isinstance(params, Mapping) else params
    return [MessageParam(name=k, value=None if v is None else str(v)) for k, v in pairs]


@strawberry.interface(description="An error the user can act on: what is wrong, and where.")
class UserError:
    message: str = strawberry.field(
        description="An English line for developers; pages translate `code` with `params`."
    )
    field: str | None = strawberry.field(
        description="The input field the error is about; null when it is about the whole input."
    )
    code: str = strawberry.field(description="A stable token for the reason, e.g. NEGATIVE_INCOME.")
    params: list[MessageParam] = strawberry.field(
        default_factory=list, description="What the message for `code` is filled with."
    )


@strawberry.type(description="Username or password is wrong (deliberately not saying which).")
class InvalidCredentials(UserError):
    pass


@strawberry.type(description="One or more input fields are invalid; nothing was written.")
class InvalidInput(UserError):
    errors: list[FieldProblem]


@strawberry.type
class FieldProblem:
    field: str
    reason: str = strawberry.field(description="An English line; pages translate `code`.")
    code: str
    params: list[MessageParam] = strawberry.field(
        default_factory=list, description="What the message for `code` is filled with."
    )


@strawberry.type(description="The thing referred to does not exist, or is outside your scope.")
class NotFound(UserError):
    pass


@strawberry.type(description="The change was based on a stale version; reload and retry.")
class StaleVersion(UserError):
    current_version: int


@strawberry.type(description="The change conflicts with the current state.")
class Conflict(UserError):
    pass


@strawberry.type(description="One thing that changed since a caseload plan was computed.")
class PlanChangeItem:
    code: str = strawberry.field(
        description="GONE, HOUSEHOLD_CHANGED, WORKER_CHANGED_HANDS, WORKER_CHANGED, "
        "WORKER_ON_LEAVE, CONFLICT_DECLARED, OVER_CAPACITY, NOT_IN_PLAN or MATCH_CHANGED"
    )
    household_id: strawberry.ID | None
    worker_id: strawberry.ID | None
    params: list[MessageParam]

    @strawberry.field(
        description="The household's head (户主), so a page names it; null for a role that "
        "does not see identity."
    )
    async def household_name(self, info: strawberry.Info) -> str | None:
        if self.household_id is None:
            return None
        row = await info.context.loaders.household.load(str(self.household_id))
        return getattr(row, "head_name", None)

    @strawberry.field(description="The worker's name, so a page names them.")
    async def worker_name(self, info: strawberry.Info) -> str | None:
        if self.worker_id is None:
            return None
        worker = await info.context.loaders.worker.load(str(self.worker_id))
        return getattr(worker, "name", None)


@strawberry.type(description="The plan was computed on data that has changed since.")
class StalePlan(UserError):
    changes: list[str] = strawberry.field(description="English lines, one per item.")
    items: list[PlanChangeItem]


@strawberry.type(description="One rule a pairing would break: a code and its parameters.")
class BrokenRule:
    code: str = strawberry.field(description="OVER_CAPACITY, OUT_OF_REACH, CONFLICT, ...")
    params: list[MessageParam]


@strawberry.type(description="The pairing breaks hard rules (reach, capacity, skill, conflict).")
class RuleViolation(UserError):
    violations: list[str] = strawberry.field(
        description=(
            "matching.checks codes with their detail for developers, e.g. 'OVER_CAPACITY:"
            " sw-1 would carry 8 units, limit 7'; pages show `rules`."
        )
    )
    rules: list[BrokenRule] = strawberry.field(
        description="The broken rules as codes with parameters, which pages translate."
    )
    overridable: bool


@strawberry.type(
    description="The match is not in a state that allows this; `currentStatus` says what it is."
)
class NotAllowedTransition(UserError):
    current_status: MatchStatus
    requested_status: MatchStatus


@strawberry.type(
    description="The job queue (Redis) is down: no job was started; nothing else changed. "
    "Try again shortly."
)
class JobQueueUnavailable(UserError):
    pass


@strawberry.type(
    description="Too many failed sign-ins for this username or from this address; wait "
    "`retryAfterSeconds`. Answered alike whether the username exists or not."
)
class LoginThrottled(UserError):
    retry_after_seconds: int


def invalid_field(
    field: str, reason: str, code: str, params: Mapping[str, ParamValue] | None = None
) -> InvalidInput:
    """An InvalidInput about one field: the message is the reason, and the single problem
    names the field, as a UI shows it next to that input."""
    problem = FieldProblem(field=field, reason=reason, code=code, params=error_params(params or {}))
    return InvalidInput(message=reason, field=field, code=code, errors=[problem])


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def input_path(field: str) -> str:
    """`members.0.id_number` -> `members.0.idNumber`."""
    return ".".join(_camel(part) for part in field.split("."))


def _field(exc: DomainError) -> str | None:
    return input_path(exc.field) if exc.field else None


def _invalid_input(exc: InvalidFields) -> InvalidInput:
    problems = [
        FieldProblem(
            field=input_path(e.field),
            reason=e.reason,
            code=e.code,
            params=error_params(parameters_of(e)),
        )
        for e in exc.errors
    ]
    first = exc.errors[0]
    message = first.reason + (f" (+{len(problems) - 1})" if len(problems) > 1 else "")
    return InvalidInput(
        message=message,
        field=problems[0].field if len(problems) == 1 else None,
        code="INVALID_INPUT",
        errors=problems,
    )


def plan_change_item(c: PlanChange) -> PlanChangeItem:
    return PlanChangeItem(
        code=c.code,
        household_id=strawberry.ID(c.household_id) if c.household_id else None,
        worker_id=strawberry.ID(c.worker_id) if c.worker_id else None,
        params=error_params(c.params),
    )


@overload
def user_error(exc: InvalidFields) -> InvalidInput: ...
@overload
def user_error(exc: EntityNotFound) -> NotFound: ...
@overload
def user_error(exc: VersionConflict) -> StaleVersion: ...
@overload
def user_error(exc: StateConflict) -> Conflict: ...
@overload
def user_error(exc: PlanChanged) -> StalePlan: ...
@overload
def user_error(exc: RulesBroken) -> RuleViolation: ...
@overload
def user_error(exc: TransitionRefused) -> NotAllowedTransition | Conflict: ...
@overload
def user_error(exc: QueueUnavailable) -> JobQueueUnavailable: ...
@overload
def user_error(
    exc: DomainError,
) -> (
    InvalidInput
    | NotFound
    | StaleVersion
    | Conflict
    | StalePlan
    | RuleViolation
    | NotAllowedTransition
    | JobQueueUnavailable
): ...


def user_error(
    exc: DomainError,
) -> (
    InvalidInput
    | NotFound
    | StaleVersion
    | Conflict
    | StalePlan
    | RuleViolation
    | NotAllowedTransition
    | JobQueueUnavailable
):
    """The GraphQL error type for a domain error; NotPermitted (and anything unknown) is
    re-raised, to reach the client as an error rather than a result."""
    message, field, code, params = str(exc), _field(exc), exc.code, error_params(exc.params)
    if isinstance(exc, InvalidFields):
        return _invalid_input(exc)
    if isinstance(exc, EntityNotFound):
        return NotFound(message=message, field=field, code=code, params=params)
    if isinstance(exc, VersionConflict):
        return StaleVersion(
            message=message,
            field=field,
            code=code,
            params=params,
            current_version=exc.current_version,
        )
    if isinstance(exc, StateConflict):
        return Conflict(message=message, field=field, code=code, params=params)
    if isinstance(exc, PlanChanged):
        return StalePlan(
            message=message,
            field=field,
            code=code,
            params=params,
            changes=[c.describe() for c in exc.changes],
            items=[plan_change_item(c) for c in exc.changes],
        )
    if isinstance(exc, RulesBroken):
        return RuleViolation(
            message=message,
            field=field,
            code=code,
            params=params,
            violations=list(exc.violations),
            rules=[BrokenRule(code=c, params=error_params(p)) for c, p in exc.rules],
            overridable=exc.overridable,
        )
    if isinstance(exc, QueueUnavailable):
        return JobQueueUnavailable(message=message, field=None, code=code, params=params)
    if isinstance(exc, TransitionRefused):
        if {exc.current, exc.requested} <= set(MatchStatus.__members__):
            return NotAllowedTransition(
                message=message,
                field=field,
                code=code,
                params=params,
                current_status=MatchStatus(exc.current),
                requested_status=MatchStatus(exc.requested),
            )
        return Conflict(
            message=message, field=field, code=code, params=params
        )  # a state this API cannot name
    raise exc


def bad_reason(field: str, value: str | None) -> InvalidInput | None:
    """A reason or note over the length cap, or with control characters; else None."""
    errors = reason_errors(field, value)
    return _invalid_input(InvalidFields(errors)) if errors else None
