"""Typed user errors: every mutation result is a union of a success type and these."""

from __future__ import annotations

import strawberry


@strawberry.interface(description="An error the user can act on: what is wrong, and where.")
class UserError:
    message: str
    field: str | None = strawberry.field(
        description="The input field the error is about; null when it is about the whole input."
    )
    code: str = strawberry.field(description="A stable token for the reason, e.g. NEGATIVE_INCOME.")


@strawberry.type(description="Username or password is wrong (deliberately not saying which).")
class InvalidCredentials(UserError):
    pass


@strawberry.type(description="One or more input fields are invalid; nothing was written.")
class InvalidInput(UserError):
    errors: list[FieldProblem]


@strawberry.type(description="A value the code refers to, e.g. maxLength 500.")
class ErrorParameter:
    name: str
    value: str


@strawberry.type
class FieldProblem:
    field: str
    reason: str
    code: str
    parameters: list[ErrorParameter] = strawberry.field(
        default_factory=list, description="Values for the code's message, e.g. maxLength."
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


@strawberry.type(description="The plan was computed on data that has changed since.")
class StalePlan(UserError):
    changes: list[str]


@strawberry.type(description="The pairing breaks hard rules (reach, capacity, skill, conflict).")
class RuleViolation(UserError):
    violations: list[str]
    overridable: bool


@strawberry.type(
    description="The job queue (Redis) is down: no job was started; nothing else changed. "
    "Try again shortly."
)
class JobQueueUnavailable(UserError):
    pass


def invalid_field(
    field: str, reason: str, code: str, parameters: dict[str, str] | None = None
) -> InvalidInput:
    """An InvalidInput about one field: the message is the reason, and the single problem
    names the field, as a UI shows it next to that input."""
    problem = FieldProblem(
        field=field,
        reason=reason,
        code=code,
        parameters=[ErrorParameter(name=k, value=v) for k, v in (parameters or {}).items()],
    )
    return InvalidInput(message=reason, field=field, code=code, errors=[problem])


@strawberry.type(
    description="Too many failed sign-ins for this username or from this address; wait "
    "`retryAfterSeconds`. Answered alike whether the username exists or not."
)
class LoginThrottled(UserError):
    retry_after_seconds: int
