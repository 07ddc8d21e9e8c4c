"""Why a use case refused: plain exceptions, turned into GraphQL error types in one place
(`server.graphql.mutations._errors`). A refused use case has written nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from server.registry.validation import ERROR_CODE_LABELS, FieldError

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

# Chinese lines for the codes this layer adds to server.registry.validation's.
CODE_LABELS: Final[Mapping[str, str]] = {
    **ERROR_CODE_LABELS,
    UNKNOWN_REGION: "行政区划不存在或不在您的管辖范围内",
    UNKNOWN_STATION: "社工站不存在或不在您的管辖范围内",
    DUPLICATE_ID_NUMBER: "该身份证号码已登记在其他家庭中",
    ID_NUMBER_REGISTERED_ELSEWHERE: "该身份证号码已在其他地区登记，请联系县级统筹",
    HEAD_REQUIRED: "家庭必须有一位户主",
    DUPLICATE_HEAD: "一个家庭只能有一位户主",
    TOO_LONG: "内容过长",
    TOO_MANY: "条目过多",
    CONTAINS_PERSONAL_DATA: "不能填写身份证号码或电话号码",
    FORBIDDEN_CHARACTER: "含有不允许的字符",
    "LAST_MEMBER": "家庭至少保留一名成员",
    "TRANSITION_NOT_ALLOWED": "需求状态不允许这样变更",
    "NEED_CLOSED": "已完成或已取消的需求不能修改",
    "ALREADY_DECLARED": "该利益冲突已申报",
    "REGIONS_SET_BY_COUNTY": "服务区域由县级统筹设定，请联系县级统筹",
}


@dataclass(frozen=True, slots=True)
class ParameterisedError(FieldError):
    """A field error whose code takes values, e.g. TOO_LONG with maxLength, so the client can
    say "at most 500 characters" in its own language."""

    parameters: tuple[tuple[str, str], ...] = ()


def parameters_of(error: FieldError) -> tuple[tuple[str, str], ...]:
    return error.parameters if isinstance(error, ParameterisedError) else ()


class RegistryRefusal(Exception):
    """Base of every refusal a registry use case raises."""


class InvalidFields(RegistryRefusal):
    """Input fields are wrong; `field` paths use record names (`members.0.id_number`)."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.reason}" for e in errors))
        self.errors = tuple(errors)


class EntityNotFound(RegistryRefusal):
    """The entity does not exist, or is outside the caller's scope (the two look alike)."""

    def __init__(self, entity: str, entity_id: str, field: str | None = "id") -> None:
        super().__init__(f"{entity} {entity_id} not found")
        self.entity = entity
        self.entity_id = entity_id
        self.field = field


class VersionConflict(RegistryRefusal):
    """The change was based on a version that is no longer current."""

    def __init__(self, entity: str, entity_id: str, current_version: int) -> None:
        super().__init__(f"{entity} {entity_id} has changed (now version {current_version})")
        self.entity = entity
        self.entity_id = entity_id
        self.current_version = current_version


class StateConflict(RegistryRefusal):
    """The change is well-formed but the current state forbids it."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class NotPermitted(RegistryRefusal):
    """The role may use the operation, but not on this entity (not its own)."""

    # graphql-core copies an exception's `extensions` onto the error it reports, so this
    # refusal reaches a client like the permission layer's own (code FORBIDDEN).
    extensions: Final = {"code": "FORBIDDEN"}

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
