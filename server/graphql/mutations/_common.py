"""Shared by the registry mutations: who may call them, the caller, inputs as plain values,
and the member input that registering a household and adding a member both take."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import Info

from server.context import Context
from server.graphql.types.vocabulary import Relation, Sex
from server.services.registry import REGISTRY_EDITORS as REGISTRY_EDITORS  # re-exported
from server.services.registry import Caller

DATE_TEXT = "YYYY-MM-DD, checked by the server so an impossible day gets a typed error"


async def caller(info: Info[Context, Any]) -> Caller:
    ctx = info.context
    assert ctx.principal is not None  # the permission extension let only signed-in users in
    return Caller.of(ctx.principal, await ctx.loaders.scope(), ctx.clock.now())


def plain(value: object) -> object:
    """Enum members become their codes, IDs strings, lists element-wise."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def fields_of(obj: Any, *, skip: Collection[str] = ()) -> dict[str, object]:
    """An input's fields as record field names to plain values; fields left out of an
    update (UNSET) are absent, an explicit null is None."""
    out: dict[str, object] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name in skip or value is strawberry.UNSET:
            continue
        out[f.name] = plain(value)
    return out


@strawberry.input(description="A household member (家庭成员).")
class MemberInput:
    name: str
    id_number: str = strawberry.field(description="18-character resident ID (居民身份证号码)")
    relation: Relation = strawberry.field(description="Relation to the head (与户主关系)")
    sex: Sex | None = strawberry.field(default=None, description="Defaults to the ID number's.")
    birth_date: str | None = strawberry.field(
        default=None, description=f"Defaults to the ID number's; {DATE_TEXT}."
    )
    disability_grade: int | None = strawberry.field(default=None, description="1 (severe)..4")
    chronic_illness: bool = False
    serious_illness: bool = False
    can_work: bool = False
    lives_away: bool = strawberry.field(default=False, description="外出务工: works elsewhere")
