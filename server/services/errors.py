"""Why a use case refused: the one family of domain errors.

Every refusal is a `DomainError` with a stable `code`, the input `field` it is about (record
names, `members.0.id_number`; None for the whole input) and `params` the frontend fills its
message with: the server never composes the words a person reads (the frontend translates,
zh-CN first). `str(exc)` is an English line for logs and developers. A refused use case has
written nothing. `server.graphql.errors.user_error` turns each kind into its GraphQL error
type, in one place; no Strawberry here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from matching.approval import ParamValue, PlanChange
from server.registry.validation import FieldError

UNKNOWN_REGION: Final = "UNKNOWN_REGION"
UNKNOWN_STATION: Final = "UNKNOWN_STATION"
DUPLICATE_ID_NUMBER: Final = "DUPLICATE_ID_NUMBER"
# Registered in a household outside the caller's scope: which one is not said.
ID_NUMBER_REGISTERED_ELSEWHERE: Final = "ID_NUMBER_REGISTERED_ELSEWHERE"
HEAD_REQUIRED: Final = "HEAD_REQUIRED"
DUPLICATE_HEAD: Final = "DUPLICATE_HEAD"
TOO_LONG: Final = "TOO_LONG"
TOO_MANY: Final = "TOO_MANY"
CONTAINS_PERSONAL_DATA: Final = "CONTAINS_PERSONAL_DATA"
FORBIDDEN_CHARACTER: Final = "FORBIDDEN_CHARACTER"


@dataclass(frozen=True, slots=True)
class ParameterisedError(FieldError):
    """A field error whose code takes values, e.g. TOO_LONG with maxLength, so the client can
    say "at most 500 characters" in its own language."""

    parameters: tuple[tuple[str, str], ...] = ()


def parameters_of(error: FieldError) -> tuple[tuple[str, str], ...]:
    return error.parameters if isinstance(error, ParameterisedError) else ()


class DomainError(Exception):
    """Base of every refusal a use case raises."""

    code: str = "REFUSED"
    field: str | None = None

    @property
    def params(self) -> Mapping[str, ParamValue]:
        """What the frontend's message for `code` is filled with."""
        return {}


class InvalidFields(DomainError):
    """Input fields are wrong; each `FieldError` has its own field, code and reason."""

    code = "INVALID_INPUT"

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.reason}" for e in errors))
        self.errors = tuple(errors)
        self.field = errors[0].field if len(errors) == 1 else None


def invalid(field: str, reason: str, code: str) -> InvalidFields:
    """One bad field."""
    return InvalidFields([FieldError(field, reason, code)])


class EntityNotFound(DomainError):
    """The entity does not exist, or is outside the caller's scope (the two look alike)."""

    code = "NOT_FOUND"

    def __init__(self, entity: str, entity_id: str, field: str | None = "id") -> None:
        super().__init__(f"{entity} {entity_id} was not found in your area")
        self.entity = entity
        self.entity_id = entity_id
        self.field = field

    @property
    def params(self) -> Mapping[str, ParamValue]:
        return {"entity": self.entity, "id": self.entity_id}


class VersionConflict(DomainError):
    """The change was based on a version that is no longer current."""

    code = "STALE_VERSION"
    field = "expected_version"

    def __init__(self, entity: str, entity_id: str, current_version: int) -> None:
        super().__init__(f"{entity} {entity_id} has changed (now version {current_version})")
        self.entity = entity
        self.entity_id = entity_id
        self.current_version = current_version

    @property
    def params(self) -> Mapping[str, ParamValue]:
        return {"entity": self.entity, "currentVersion": self.current_version}


class StateConflict(DomainError):
    """The change is well-formed but the current state forbids it."""

    def __init__(
        self,
        code: str,
        message: str,
        field: str | None = None,
        params: Mapping[str, ParamValue] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self._params = dict(params or {})

    @property
    def params(self) -> Mapping[str, ParamValue]:
        return self._params


class TransitionRefused(DomainError):
    """The match is not in a state that allows the change; says which state it is in."""

    def __init__(self, code: str, current: str, requested: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.current = current
        self.requested = requested

    @property
    def params(self) -> Mapping[str, ParamValue]:
        return {"currentStatus": self.current, "requestedStatus": self.requested}


class RulesBroken(DomainError):
    """The pairing would break hard rules (reach, capacity, skill, conflict, leave ...);
    `violations` are `matching.checks` codes with their detail (`OVER_CAPACITY: 31/30`)."""

    code = "RULE_VIOLATION"

    def __init__(
        self,
        violations: Sequence[str],
        *,
        overridable: bool,
        field: str | None = None,
        rules: Sequence[tuple[str, Mapping[str, ParamValue]]] = (),
    ) -> None:
        super().__init__("; ".join(violations))
        self.violations = tuple(violations)
        self.overridable = overridable
        self.field = field
        # Each broken rule as a code and what its sentence is filled with: what pages show.
        self.rules = tuple(rules)


class PlanChanged(DomainError):
    """The data a caseload plan was computed on has changed: nothing was applied."""

    code = "STALE_PLAN"

    def __init__(self, changes: Sequence[PlanChange]) -> None:
        super().__init__(f"{len(changes)} things changed since the plan; nothing was applied")
        self.changes = tuple(changes)

    @property
    def params(self) -> Mapping[str, ParamValue]:
        return {"count": len(self.changes)}


class NotPermitted(DomainError):
    """The role may use the operation, but not on this entity (not its own)."""

    code = "FORBIDDEN"
    # graphql-core copies an exception's `extensions` onto the error it reports, so this
    # refusal reaches a client like the permission layer's own (code FORBIDDEN).
    extensions: Final = {"code": "FORBIDDEN"}

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class QueueUnavailable(DomainError):
    """The job queue (Redis) refused or dropped the enqueue: the job is recorded FAILED and
    nothing will run; trying again later is safe."""

    code = "JOB_QUEUE_UNAVAILABLE"

    def __init__(self, job_id: str) -> None:
        super().__init__(f"the job queue is unavailable (job {job_id})")
        self.job_id = job_id
