"""The one mapping from the services' refusals to the GraphQL error types.

Field paths arrive in record names (`members.0.id_number`) and leave in the names the
client sent (`members.0.idNumber`). Messages lead with the Chinese line the UI shows.
`NotPermitted` is not mapped: it reaches the client as a FORBIDDEN error, like the
permission layer's own refusals.
"""

from __future__ import annotations

from typing import overload

from server.graphql.errors import (
    Conflict,
    ErrorParameter,
    FieldProblem,
    InvalidInput,
    NotFound,
    StaleVersion,
)
from server.services.errors import (
    CODE_LABELS,
    EntityNotFound,
    InvalidFields,
    RegistryRefusal,
    StateConflict,
    VersionConflict,
    parameters_of,
)
from server.services.registry_checks import reason_errors


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def input_path(field: str) -> str:
    """`members.0.id_number` -> `members.0.idNumber`."""
    return ".".join(_camel(part) for part in field.split("."))


def _labelled(code: str, reason: str) -> str:
    label = CODE_LABELS.get(code)
    return f"{label}：{reason}" if label else reason


def _invalid_input(exc: InvalidFields) -> InvalidInput:
    problems = [
        FieldProblem(
            field=input_path(e.field),
            reason=e.reason,
            code=e.code,
            parameters=[ErrorParameter(name=k, value=v) for k, v in parameters_of(e)],
        )
        for e in exc.errors
    ]
    first = exc.errors[0]
    message = _labelled(first.code, first.reason)
    if len(problems) > 1:
        message += f" (+{len(problems) - 1})"
    return InvalidInput(
        message=message,
        field=problems[0].field if len(problems) == 1 else None,
        code="INVALID_INPUT",
        errors=problems,
    )


@overload
def user_error(exc: InvalidFields) -> InvalidInput: ...
@overload
def user_error(exc: EntityNotFound) -> NotFound: ...
@overload
def user_error(exc: VersionConflict) -> StaleVersion: ...
@overload
def user_error(exc: StateConflict) -> Conflict: ...


def user_error(exc: RegistryRefusal) -> InvalidInput | NotFound | StaleVersion | Conflict:
    if isinstance(exc, InvalidFields):
        return _invalid_input(exc)
    if isinstance(exc, EntityNotFound):
        return NotFound(
            message=f"找不到该记录 / {exc.entity} {exc.entity_id} was not found in your area.",
            field=input_path(exc.field) if exc.field else None,
            code="NOT_FOUND",
        )
    if isinstance(exc, VersionConflict):
        return StaleVersion(
            message=(
                "记录已被他人修改，请刷新后重试 / "
                f"{exc.entity} changed since you read it (now version {exc.current_version})."
            ),
            field="expectedVersion",
            code="STALE_VERSION",
            current_version=exc.current_version,
        )
    if isinstance(exc, StateConflict):
        return Conflict(
            message=_labelled(exc.code, exc.message),
            field=input_path(exc.field) if exc.field else None,
            code=exc.code,
        )
    raise exc  # NotPermitted and anything new: not a user error of these kinds


def bad_reason(field: str, value: str | None) -> InvalidInput | None:
    """A reason or note over the length cap, or with control characters; else None."""
    errors = reason_errors(field, value)
    return _invalid_input(InvalidFields(errors)) if errors else None
